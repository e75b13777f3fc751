"""Deep links: every kind of id of the seed story, bad ids, and the palette's entries."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import tui.crash
from tui import cli
from tui.story import load_story
from tui.story.model import Story
from tui.story.targets import (
    Target,
    UnknownTarget,
    journey_entries,
    resolve_target,
    story_targets,
)

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "jamali.toml"


@pytest.fixture(scope="module")
def seed() -> Story:
    return load_story(SEED)


def phrase(story: Story, target: Target) -> str:
    assert target.paragraph_id is not None
    return story.paragraph(target.paragraph_id).text[target.start : target.end]


def test_a_chapter_opens_at_its_top(seed: Story) -> None:
    assert resolve_target(seed, "montreal") == Target("chapter", "montreal", 2, None, 0, 0)


def test_an_event_a_quote_a_place_open_at_their_phrase(seed: Story) -> None:
    event = resolve_target(seed, "to-montreal")
    assert (event.kind, event.chapter_index) == ("event", 2)
    assert phrase(seed, event) == "ليلتحق في أكتوبر 2001 بمونتريال الكندية"
    quote = resolve_target(seed, "dream")
    assert (quote.kind, quote.chapter_index, quote.paragraph_id) == ("quote", 5, "p6")
    assert phrase(seed, quote) == "منذ أن كنت في المغرب، وأنا أحلم بالعمل هنا"
    place = resolve_target(seed, "russia")
    assert (place.kind, place.chapter_index) == ("place", 1)
    assert phrase(seed, place) == "قاده إلى بلاد الصقيع روسيا"


def test_an_era_opens_at_its_phrase(seed: Story) -> None:
    era = resolve_target(seed, "unyk-years")
    assert (era.kind, era.chapter_index, era.paragraph_id) == ("era", 3, "p4")
    assert phrase(seed, era) == 'لتكون البداية بشركة "UNYK"'


def test_an_era_without_a_phrase_opens_at_its_first_event(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    text = text.replace('paragraph = "p4"\nphrase = \'لتكون البداية بشركة "UNYK"\'\n', "", 1)
    path = tmp_path / "jamali.toml"
    path.write_text(text, encoding="utf-8")
    story = load_story(path)
    assert next(era for era in story.eras if era.id == "unyk-years").anchor is None
    era = resolve_target(story, "unyk-years")
    assert phrase(story, era) == "التي رأت النور بشكل رسمي سنة 2005"


def test_paragraphs_and_images_too(seed: Story) -> None:
    assert resolve_target(seed, "p3") == Target("paragraph", "p3", 2, "p3", 0, 0)
    assert resolve_target(seed, "img2").kind == "image"


def test_every_id_resolves(seed: Story) -> None:
    kinds = story_targets(seed)
    assert {"chapter", "event", "quote", "era", "place", "paragraph", "image"} == set(
        kinds.values()
    )
    for target_id, kind in kinds.items():
        assert resolve_target(seed, target_id).kind == kind


@pytest.mark.parametrize(
    ("asked", "close"),
    [
        ("montreal-cty", "montreal-city"),
        ("russia-year", "russia-years"),
        ("viralninja", "viralninjas"),
        ("MONTREAL", "montreal"),
    ],
)
def test_an_unknown_id_names_close_ones(seed: Story, asked: str, close: str) -> None:
    with pytest.raises(UnknownTarget) as caught:
        resolve_target(seed, asked)
    message = str(caught.value)
    assert f'no part of the story has the id "{asked}"; did you mean ' in message
    assert close in message.split("did you mean ", 1)[1]
    assert "\n" not in message


def test_an_id_like_nothing_lists_some_ids(seed: Story) -> None:
    with pytest.raises(UnknownTarget, match="its ids include unseen-soldiers, p1, img1"):
        resolve_target(seed, "zzzzzzzz\x1b[2J")
    with pytest.raises(UnknownTarget) as caught:
        resolve_target(seed, "\x1b[2J")
    assert "\x1b" not in str(caught.value)


def test_the_palette_lists_eras_then_places(seed: Story) -> None:
    entries = journey_entries(seed, "en")
    assert [(e.kind, e.id) for e in entries][:2] == [
        ("era", "casablanca-years"),
        ("era", "russia-years"),
    ]
    assert [e.id for e in entries if e.kind == "place"] == [p.id for p in seed.places]
    montreal = next(e for e in entries if e.id == "montreal-years")
    assert (montreal.title, montreal.detail) == ("Montreal and the MBA", "October 2001 – 2004")
    arabic = next(e for e in journey_entries(seed, "ar") if e.id == "montreal-years")
    assert (arabic.title, arabic.detail) == ("مونتريال وشهادة إم بي إي", "أكتوبر 2001 – 2004")
    for entry in entries:
        assert entry.target == resolve_target(seed, entry.id)


# -- rawi --at ----------------------------------------------------------------


def rawi(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=120,
    )


def test_rawi_at_a_bad_id_says_so_in_one_line() -> None:
    result = rawi("--at", "montreal-cty", "--print")
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith('rawi: --at: no part of the story has the id "montreal-cty"')
    assert "montreal-city" in lines[0]


def test_rawi_at_a_good_id_prints() -> None:
    result = rawi("--at", "russia", "--print", "--width", "60")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("target_id", "kind"),
    [
        ("montreal", "chapter"),
        ("mba", "event"),
        ("wife", "quote"),
        ("viadeo-years", "era"),
        ("san-francisco", "place"),
    ],
)
def test_rawi_at_hands_the_target_to_the_app(
    monkeypatch: pytest.MonkeyPatch, target_id: str, kind: str
) -> None:
    seen: dict[str, object] = {}

    def fake_run_guarded(story: object, **options: object) -> int:
        seen.update(options)
        return 0

    monkeypatch.setattr(tui.crash, "run_guarded", fake_run_guarded)
    assert cli.main(["--at", target_id]) == 0
    target = seen["at"]
    assert isinstance(target, Target)
    assert (target.kind, target.id) == (kind, target_id)


def test_without_at_the_app_gets_none(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, object] = {}
    monkeypatch.setattr(tui.crash, "run_guarded", lambda story, **o: seen.update(o) or 0)
    assert cli.main([]) == 0
    assert seen["at"] is None
