"""The benchmark's story generator writes a story Rawi loads, the same one every time.

Runs ``benchmarks/make_story.py`` as CI and a reader would, on a small size.
The benchmarks themselves are measured, not tested (``.ci/run`` only runs
``benchmarks/run.py --smoke``).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tui.story import Image, load_story

ROOT = Path(__file__).resolve().parents[2]
MAKE_STORY = ROOT / "benchmarks" / "make_story.py"
SEED = ROOT / "seeds" / "jamali.toml"


def _make(path: Path, *options: str) -> None:
    subprocess.run(
        [sys.executable, str(MAKE_STORY), "--size-mb", "0.05", "-o", str(path), *options],
        check=True,
        capture_output=True,
        timeout=120,
    )


def test_make_story_writes_a_story_that_loads(tmp_path: Path) -> None:
    path = tmp_path / "small.toml"
    _make(path)
    story = load_story(path)
    seed = load_story(SEED)

    # About 0.05 MB (50,000 bytes): the generator stops at the first block past the size.
    assert 45_000 <= path.stat().st_size <= 55_000
    texts = [paragraph.text for paragraph in story.paragraphs]
    assert len(texts) > len(seed.paragraphs)
    assert len(set(texts)) == len(texts), "every copy of a seed paragraph is numbered apart"
    # Every paragraph is a seed paragraph with its clauses turned: same words, same length.
    seed_words = sorted(
        sorted(p.text.replace(".", "").replace("،", "").split()) for p in seed.paragraphs
    )
    for text in texts:
        body = text.rsplit(". (الرواية ", 1)[0]
        assert sorted(body.replace(".", "").replace("،", "").split()) in seed_words

    # Timeline events and quotes are the seed's own, anchored on the copies.
    assert story.timeline and story.quotes
    seed_phrases = {event.anchor.phrase for event in seed.timeline}
    assert {event.anchor.phrase for event in story.timeline} <= seed_phrases
    assert {quote.text for quote in story.quotes} <= {quote.text for quote in seed.quotes}
    assert any(isinstance(block, Image) for chapter in story.chapters for block in chapter.blocks)


def test_make_story_is_deterministic(tmp_path: Path) -> None:
    first, second, other = tmp_path / "a.toml", tmp_path / "b.toml", tmp_path / "c.toml"
    _make(first)
    _make(second)
    _make(other, "--seed", "7")
    assert first.read_bytes() == second.read_bytes()
    assert first.read_bytes() != other.read_bytes()
