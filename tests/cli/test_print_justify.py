"""``rawi --print --justify/--no-justify``: justified story paragraphs, and only them."""

from __future__ import annotations

import io
from contextlib import redirect_stdout

from rich.cells import cell_len

from tui.cli import main
from tui.locations import default_story
from tui.printing import render_story
from tui.rtl import layout_paragraph
from tui.story import Paragraph, load_story

TATWEEL = "\u0640"


def printed(*args: str) -> list[str]:
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["--print", *args]) == 0
    return out.getvalue().splitlines()


def test_print_justifies_by_default_and_no_justify_turns_it_off() -> None:
    default = printed("--width", "60")
    assert default == printed("--width", "60", "--justify")
    plain = printed("--width", "60", "--no-justify")
    assert len(default) == len(plain), "justification never moves a line break"
    changed = [(a, b) for a, b in zip(default, plain, strict=True) if a != b]
    assert len(changed) > 10
    for justified, ragged in changed:
        assert cell_len(justified) == 60
        assert cell_len(ragged.strip()) < 60  # right-aligned, padded on the left
        assert justified.count(TATWEEL) >= ragged.count(TATWEEL)
        # the same glyphs, with tatweels and spaces added
        assert justified.replace(TATWEEL, "").split() == ragged.replace(TATWEEL, "").split()


def test_only_the_story_paragraphs_are_justified() -> None:
    """Headings, captions, the timeline and quotes print as they did."""
    story = load_story(default_story())
    justified = list(render_story(story, 50, justify=True))
    plain = list(render_story(story, 50, justify=False))
    body = {
        line.text
        for chapter in story.chapters
        for block in chapter.blocks
        if isinstance(block, Paragraph)
        for line in layout_paragraph(block.text, 50, story.direction).lines
    }
    changed = [b for a, b in zip(justified, plain, strict=True) if a != b]
    assert changed
    for line in changed:
        assert line.strip() in body, f"justified outside a paragraph: {line!r}"


def test_logical_order_is_never_justified() -> None:
    logical = printed("--width", "60", "--bidi", "logical")
    assert logical == printed("--width", "60", "--bidi", "logical", "--no-justify")
    assert logical == printed("--width", "60", "--bidi", "logical", "--justify")
