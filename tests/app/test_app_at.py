"""``rawi --at ID``: the story opens at a chapter, event, quote, era or place.

Each kind of id opens its chapter; an id with a phrase scrolls to it and
highlights exactly its range. An unknown id gets one line naming close ids
and exit status 2.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.app.screen_reading import AppFactory
from tui.story import Story
from tui.story.targets import resolve_target


@pytest.mark.parametrize(
    ("target_id", "kind"),
    [
        ("viralninjas", "chapter"),
        ("marriage", "event"),
        ("dream", "quote"),
        ("montreal-years", "era"),
        ("san-francisco", "place"),
    ],
)
async def test_at_opens_each_kind_of_id(
    make_app: AppFactory, jamali: Story, target_id: str, kind: str
) -> None:
    target = resolve_target(jamali, target_id)
    assert target.kind == kind
    app = make_app(at=target)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        reader = app.reader
        assert reader.chapter_index == target.chapter_index
        if target.paragraph_id is not None and target.end > target.start:
            (mark,) = reader.marks("anchor")
            assert (mark.key, mark.start, mark.end) == (
                target.paragraph_id,
                target.start,
                target.end,
            )
            document = reader.document
            index = next(
                i for i, item in enumerate(document.items) if item.key == target.paragraph_id
            )
            row = document.top_of(index, target.start) - round(reader.scroll_y)
            assert 0 <= row < reader.scrollable_content_region.height


def test_an_unknown_id_names_close_ones_and_exits_2() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tui", "--at", "mariage"],
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "marriage" in lines[0]
    assert "Traceback" not in result.stderr
