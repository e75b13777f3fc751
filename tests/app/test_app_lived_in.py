"""The reader as a new reader lives in it, at 80x24 first: copying, keys at their
limits, the search count, typing, the measure, the key bar, the panes' overlays.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.app.screen_reading import (
    AppFactory,
    base_arabic,
    reader_text,
    screen_text,
    settle,
)
from tui.app import RawiApp
from tui.rtl import visual_lines
from tui.story import Story
from tui.widgets.image_frame import shorten_middle
from tui.widgets.reader import StoryReader
from tui.widgets.search_bar import SearchBar
from tui.widgets.side_panel import SidePanel

#: Rawi's own invisible marks, which copied text must never hold
ADDED_MARKS = set("\u2066\u2067\u2068\u2069\u200e\u200f\u061c")


def record_copies(app: RawiApp) -> list[str]:
    copied: list[str] = []
    app.copy_to_clipboard = copied.append  # type: ignore[method-assign,assignment]
    return copied


# -- copy --------------------------------------------------------------------


async def test_y_copies_the_first_paragraph_on_screen_not_the_heading(
    make_app: AppFactory, jamali: Story
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        copied = record_copies(app)
        await pilot.press("2")  # the heading is on screen, then p2
        await pilot.press("y")
        assert copied == [jamali.paragraph("p2").text]
        assert not set(copied[0]) & ADDED_MARKS


async def test_y_after_scrolling_copies_the_paragraph_being_read(
    make_app: AppFactory, jamali: Story
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 12)) as pilot:
        copied = record_copies(app)
        await pilot.press("6")  # heading, p6, an image, p7
        reader = app.reader
        document = reader.document
        image = next(i for i, item in enumerate(document.items) if item.kind == "image")
        # p6 scrolled off: the image caption is not a paragraph, p7 is next.
        reader.scroll_to(y=document.top_of(image), animate=False, immediate=True)
        await pilot.pause()
        assert document.items[reader.visible_items()[0]].kind == "image"
        await pilot.press("y")
        assert copied == [jamali.paragraph("p7").text]


async def test_y_copies_the_paragraph_of_a_highlighted_phrase(
    make_app: AppFactory, jamali: Story
) -> None:
    app = make_app()
    (event,) = [e for e in jamali.timeline if e.id == "marriage"]
    async with app.run_test(size=(80, 24)) as pilot:
        copied = record_copies(app)
        app.reading.show_event(event)
        await pilot.pause()
        await pilot.press("y")
        assert copied == [jamali.paragraph(event.anchor.paragraph_id).text]


async def test_the_copy_notice_says_where_the_text_went(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No system clipboard here: the notice must not claim more than OSC 52.
    monkeypatch.setattr("tui.clipboard.clipboard_command", lambda: None)
    app = make_app(language="en")
    async with app.run_test(size=(80, 24)) as pilot:
        record_copies(app)
        await pilot.press("y")
        for _ in range(100):
            await pilot.pause(0.02)
            if app.notified:
                break
        (notice,) = app.notified
        assert "OSC 52" in notice.message.replace("\n", " ")


# -- keys at their limits -------------------------------------------------------


@pytest.mark.parametrize(
    ("keys", "said"),
    [
        (("6", "n"), "هذا آخر فصل"),
        (("9",), "عدد فصول القصة: 6"),
        (("right",), "هذا أول فصل"),
    ],
)
async def test_a_key_at_its_limit_says_so(
    make_app: AppFactory, keys: tuple[str, ...], said: str
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*keys)
        await pilot.pause()
        shown = [notice.message for notice in app.notified]
        expected = " ".join(visual_lines(said, 44, "R"))
        assert expected in shown


# -- search ------------------------------------------------------------------


async def test_the_count_says_which_match_and_when_n_wraps(make_app: AppFactory) -> None:
    app = make_app(language="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"viadeo")
        bar = app.reading.query_one(SearchBar)
        assert bar.count == 2
        await pilot.press("enter")
        await pilot.pause()
        assert "1/2" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert "2/2" in screen_text(app)
        assert not app.notified
        await pilot.press("n")
        await pilot.pause()
        assert "1/2" in screen_text(app)
        assert [n.message for n in app.notified] == ["Back to the first match"]


async def test_a_slash_typed_in_the_query_stays_in_its_place(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"10/2001")
        assert app.reading.query_one(SearchBar).value == "10/2001"


async def test_the_cursor_stands_left_of_the_last_arabic_letter(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", "ب", "ا", "ب")
        await pilot.pause()
        bar = app.reading.query_one(SearchBar)
        segments = list(bar.render_line(0))
        cells = "".join(s.text for s in segments)
        cursor = "".join(s.text for s in segments if s.style and s.style.reverse)
        # The shaped word "باب" reads right to left; the next letter will
        # appear at its left, so the cursor is a blank cell left of it.
        word = "".join(visual_lines("باب", 10, "R"))
        assert cursor == " "
        assert cells.index(word) == cells.index(" " + word) + 1
        position = cells.index(" " + word)
        assert [s.text for s in segments if s.style and s.style.reverse] == [" "]
        assert cells[position] == " "


# -- the measure -----------------------------------------------------------------


async def test_a_wide_window_caps_the_text_column_and_centres_it(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(240, 40)) as pilot:
        await pilot.pause()
        reader = app.reader
        assert reader.text_width == 76
        rows = [row for row in reader_text(app) if row.strip()]
        widths = [len(row.rstrip()) - (len(row) - len(row.lstrip())) for row in rows]
        assert max(widths) <= 76
        pane = reader.scrollable_content_region.width
        left = min(len(row) - len(row.lstrip()) for row in rows)
        assert abs(left - (pane - 76) // 2) <= 1


async def test_the_measure_can_be_lifted(make_app: AppFactory) -> None:
    app = make_app(measure=0)
    async with app.run_test(size=(240, 40)) as pilot:
        await pilot.pause()
        assert app.reader.text_width > 150


# -- where the reader is -------------------------------------------------------


async def test_progress_does_not_change_with_the_window(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        wide = app.reading.percent
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        assert app.reading.percent == wide
        assert 0 < wide < 100


# -- the key bar and the overlays -------------------------------------------------


@pytest.mark.parametrize("size", [(80, 24), (60, 20), (40, 12)])
async def test_the_key_bar_fits_and_reads_from_the_right(
    make_app: AppFactory, size: tuple[int, int]
) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        bar = screen_text(app).splitlines()[-1]
        assert len(bar.rstrip()) <= size[0]
        assert not base_arabic(bar)
        # The first key (n, next) stands at the right edge; ? (help) is kept.
        assert bar.rstrip().endswith("n")
        assert "?" in bar.split()


@pytest.mark.parametrize("key", ["c", "t", "o"])
async def test_below_100_columns_a_pane_key_shows_that_pane_only(
    make_app: AppFactory, key: str
) -> None:
    names = {"c": "contents", "t": "timeline", "o": "quotes"}
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        side = app.reading.query_one(SidePanel)
        await pilot.press(key)
        await pilot.pause()
        shown = [name for name in names.values() if side.pane(name).display and side.display]
        assert side.open_pane == names[key]
        assert side.pane(names[key]).region.area > 0
        assert [n for n in names.values() if side.pane(n).region.area > 0] == [names[key]]
        assert shown
        await pilot.press(key)  # the same key folds it
        await pilot.pause()
        assert side.open_pane == ""
        assert isinstance(app.focused, StoryReader)
        await pilot.press(key, "escape")  # and so does Esc
        await pilot.pause()
        assert side.open_pane == ""
        assert isinstance(app.focused, StoryReader)


async def test_the_contents_over_the_text_show_every_chapter_at_40x12(
    make_app: AppFactory, jamali: Story
) -> None:
    # Beside the text the contents take at most 40% of the panel's height
    # (the timeline and quotes share the rest); alone over it, all it needs.
    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("c")
        side = app.reading.query_one(SidePanel)
        contents = side.pane("contents")
        await settle(pilot, lambda: contents.region.height > 0, "the contents shown over the text")
        box = side.query_one("#contents-box")
        # Every chapter within the box's borders, nothing to scroll to.
        assert box.region.height >= len(jamali.chapters) + 2
        assert contents.max_scroll_y == 0


async def test_a_resize_never_leaves_an_overlay_over_the_text(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        await pilot.resize_terminal(140, 40)
        await pilot.pause()
        side = app.reading.query_one(SidePanel)
        assert side.open_pane == ""
        # Wide again, the panes stand beside the text, not over it.
        assert side.region.x >= app.reader.region.right


# -- images --------------------------------------------------------------------------


def test_a_long_address_is_shortened_in_the_middle() -> None:
    url = "http://t1.hespress.com/files/a-very-long-folder-name/taoufikviral_911946960.jpg"
    short = shorten_middle(url, 40)
    assert len(short) == 40
    assert short.startswith("http://t1.hespress")
    assert short.endswith("911946960.jpg")
    assert "…" in short
    assert shorten_middle("http://a.b/c.jpg", 40) == "http://a.b/c.jpg"


# -- one language ------------------------------------------------------------------------


async def test_the_palette_speaks_the_interface_language(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        commands = list(app.get_system_commands(app.reading))
        titles = " ".join(command.title for command in commands)
        for english in ("Theme", "Screenshot", "Maximize", "Keys", "Quit"):
            assert english not in titles
        assert not base_arabic(titles)
        await pilot.pause()


@pytest.mark.parametrize("width", [40, 80, 160])
async def test_a_toast_is_laid_out_at_the_width_it_is_shown(
    make_app: AppFactory, width: int
) -> None:
    app = make_app()
    async with app.run_test(size=(width, 24)) as pilot:
        await pilot.press("6", "n")  # "this is the last chapter"
        await pilot.pause()
        (notice,) = app.notified
        room = min(60, width // 2) - 4  # Textual's toast: 60 cells, half the screen at most
        assert all(len(line) <= room for line in notice.message.splitlines())
        # Read right to left, line after line, the words are the sentence's.
        words = [w for line in notice.message.splitlines() for w in reversed(line.split())]
        assert len(words) == 3  # هذا آخر فصل


# -- justification -------------------------------------------------------------------


async def test_paragraphs_are_justified_and_j_makes_them_ragged(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        reader = app.reader
        left = reader.text_left

        def starts() -> list[int]:
            # Where each line of the first paragraph starts, from the left.
            rows = [row for row in reader_text(app)[2:10] if row.strip()]
            return [len(row) - len(row.lstrip()) for row in rows]

        justified = starts()
        # Every line but the paragraph's last fills the measure.
        assert set(justified[:-1]) == {left}
        assert "\u0640" in "".join(reader_text(app))  # kashidas drawn
        await pilot.press("j")
        await pilot.pause()
        ragged = starts()
        assert len(set(ragged)) > 1
        assert len(ragged) == len(justified), "justifying moved a line break"
        assert "\u0640" not in "".join(reader_text(app)[2:10])


async def test_logical_mode_is_never_justified(make_app: AppFactory) -> None:
    app = make_app(bidi="logical")
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        assert "\u0640" not in "".join(reader_text(app)[2:10])


def test_every_notice_of_the_store_has_its_arabic_form(tmp_path: Any) -> None:
    """Each sentence the state store can say is recognised and said in Arabic."""
    from tui.notices import notice_in
    from tui.state import ResumeStore

    store = ResumeStore(tmp_path)
    samples = [
        f"Saved reading positions in {store.path} could not be read (broken); "
        "starting from the beginning.",
        f"The reading position could not be saved in {store.path} (no space).",
        f"Saved settings in {store.settings_path} could not be read (broken); using the defaults.",
        f"The settings could not be saved in {store.settings_path} (read-only).",
        "read as Windows-1256, not UTF-8",
    ]
    for sentence in samples:
        arabic = notice_in(sentence, "ar")
        assert arabic != sentence
        assert any("\u0621" <= ch <= "\u064a" for ch in arabic)
        assert notice_in(sentence, "en") == sentence
