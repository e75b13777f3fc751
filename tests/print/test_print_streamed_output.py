"""``rawi --print`` reads a story file a section at a time and prints exactly what it printed
when it loaded the whole story: the seed, every shape of generated story, every option.

The reference is ``render_story(load_story(path))``, the whole-story path
print mode took before (and still takes for plain text and for TOML that
``toml_fast`` declines).
"""

from __future__ import annotations

import io
from contextlib import redirect_stdout
from pathlib import Path

import pytest

import tui.story.loader
from tests.print.streamed import assert_prints_the_same, make, printed
from tui.cli import main
from tui.locations import default_story
from tui.story import load_story
from tui.story.streaming import StreamedStory, stream_story

#: generated shapes (make_story.py --kind) and the options that keep them small
SHAPES = {
    "mixed": ("--size-mb", "0.06"),
    "chapters": ("--chapters", "40"),
    "annotated": ("--events", "60", "--quotes", "40"),
    "paragraph": ("--size-mb", "0.02"),
    "anchors": ("--size-mb", "0.03", "--events", "40"),
    "anchors-rare": ("--size-mb", "0.03", "--events", "40"),
}


def test_the_seed_prints_the_same_with_every_option() -> None:
    assert_prints_the_same(default_story())


@pytest.mark.parametrize("kind", sorted(SHAPES))
def test_generated_stories_print_the_same_with_every_option(tmp_path: Path, kind: str) -> None:
    assert_prints_the_same(make(tmp_path / f"{kind}.toml", kind, *SHAPES[kind]))


def test_a_story_that_cuts_into_many_sections_prints_the_same(tmp_path: Path) -> None:
    # 0.3 MB: chapters cut into several sections, the timeline and quotes too.
    path = make(tmp_path / "mixed.toml", "mixed", "--size-mb", "0.3")
    story, whole = stream_story(path), load_story(path)
    assert isinstance(story, StreamedStory)
    assert printed(story, 70, "visual", None, True) == printed(whole, 70, "visual", None, True)


def test_the_command_prints_without_loading_the_whole_story(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = make(tmp_path / "mixed.toml", "mixed", "--size-mb", "0.05")
    expected = printed(load_story(path), 72, "logical", "en", True)

    def whole(path: object) -> object:
        raise AssertionError("print mode loaded the whole story")

    monkeypatch.setattr(tui.story.loader, "load_story", whole)
    monkeypatch.setattr(tui.story.streaming, "load_story", whole)
    out = io.StringIO()
    with redirect_stdout(out):
        status = main(["--print", "--width", "72", "--bidi", "logical", "--lang", "en", str(path)])
    assert status == 0
    assert out.getvalue() == expected


def test_plain_text_keeps_the_whole_story_path(tmp_path: Path) -> None:
    path = make(tmp_path / "article.txt", "paragraph-txt", "--size-mb", "0.01")
    story = stream_story(path)
    assert not isinstance(story, StreamedStory)
    assert printed(story) == printed(load_story(path))
