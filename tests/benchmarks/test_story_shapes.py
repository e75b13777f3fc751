"""The scale benchmark's stories have the shape they are named for, and Rawi loads them.

Small sizes of each shape (``make_story.py --kind``): the counts asked for are
the counts loaded, the one paragraph is one paragraph, the many-anchors
events all point at one letter, each at another place of it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tui.story import load_story

ROOT = Path(__file__).resolve().parents[2]
MAKE_STORY = ROOT / "benchmarks" / "make_story.py"


def _make(path: Path, kind: str, *options: str) -> Path:
    subprocess.run(
        [sys.executable, str(MAKE_STORY), "--kind", kind, "-o", str(path), *options],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return path


def test_chapters_shape_has_exactly_the_chapters_asked_for(tmp_path: Path) -> None:
    story = load_story(_make(tmp_path / "c.toml", "chapters", "--chapters", "37"))
    assert len(story.chapters) == 37
    assert all(len(chapter.paragraphs) == 1 for chapter in story.chapters)


def test_annotated_shape_has_the_events_and_quotes_asked_for(tmp_path: Path) -> None:
    path = _make(tmp_path / "a.toml", "annotated", "--events", "120", "--quotes", "90")
    story = load_story(path)
    assert len(story.timeline) == 120
    assert len(story.quotes) == 90
    # The first chapter holds no anchor: a word of it marks the first paint.
    first = {paragraph.id for paragraph in story.chapters[0].paragraphs}
    anchored = {event.anchor.paragraph_id for event in story.timeline}
    anchored |= {quote.anchor.paragraph_id for quote in story.quotes}
    assert first.isdisjoint(anchored)


@pytest.mark.parametrize(("kind", "suffix"), [("paragraph", ".toml"), ("paragraph-txt", ".txt")])
def test_paragraph_shapes_are_one_paragraph_of_the_size_asked_for(
    tmp_path: Path, kind: str, suffix: str
) -> None:
    path = _make(tmp_path / f"p{suffix}", kind, "--size-mb", "0.03")
    story = load_story(path)
    assert len(story.paragraphs) == 1
    size = len(story.paragraphs[0].text.encode())
    assert 30_000 <= size <= 32_000  # whole copies of seed paragraphs: up to one more


def test_toml_and_txt_paragraphs_hold_the_same_text(tmp_path: Path) -> None:
    toml = load_story(_make(tmp_path / "p.toml", "paragraph", "--size-mb", "0.02"))
    text = load_story(_make(tmp_path / "p.txt", "paragraph-txt", "--size-mb", "0.02"))
    assert toml.paragraphs[0].text == text.paragraphs[0].text


def test_many_anchors_point_at_one_letter_each_at_another_place(tmp_path: Path) -> None:
    story = load_story(_make(tmp_path / "m.toml", "anchors", "--size-mb", "0.041"))
    assert len(story.paragraphs) == 1
    assert len(story.timeline) == 300
    assert {event.anchor.phrase for event in story.timeline} == {"ا"}
    starts = [event.anchor.start for event in story.timeline]
    assert len(set(starts)) == 300
    text = story.paragraphs[0].text
    # Spread over the paragraph, not bunched at its start.
    assert max(starts) > len(text) * 0.9
    # The 41 KB variant of the hostile-input issue: about 41 KB on disk.
    assert 35_000 <= (tmp_path / "m.toml").stat().st_size <= 50_000


def test_the_rare_word_twin_has_the_same_paragraph_and_as_many_events(tmp_path: Path) -> None:
    many = load_story(_make(tmp_path / "m.toml", "anchors", "--size-mb", "0.041"))
    rare = load_story(_make(tmp_path / "r.toml", "anchors-rare", "--size-mb", "0.041"))
    assert rare.paragraphs[0].text == many.paragraphs[0].text
    assert len(rare.timeline) == len(many.timeline)
    phrase = rare.timeline[0].anchor.phrase
    assert len(phrase) > 1
    assert rare.paragraphs[0].text.count(phrase) < many.paragraphs[0].text.count("ا") / 20
