"""Moving through the story with the keyboard and the mouse wheel.

Chapter keys (n, p, digits, the arrows that turn the book the way it reads),
scrolling a chapter longer than the screen, and quitting.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events

from tests.app.screen_reading import AppFactory, screen_text, settle
from tui.app import RawiApp
from tui.story import Image, Story, load_story
from tui.widgets.contents import ChapterList
from tui.widgets.reader import StoryReader
from tui.widgets.status import StatusBar

ENGLISH_STORY = """A walk along the river

The morning was cold and the river was high after a week of rain.
We left the house early, before the bakery had opened its doors.

The path followed the water past the old mill and the broken bridge.
Nobody had crossed the bridge since the flood of the spring before.

At the bend the reeds grew taller than a man, and the path turned muddy.
We heard the herons before we saw them, three of them, standing still.

By noon we reached the village on the other side of the valley.
The bakery there was open, and the bread was still warm from the oven.

We ate by the fountain and watched the children play with a red ball.
An old man told us the fountain had never once run dry.

In the afternoon the clouds came down from the hills.
We walked back faster than we had come, and said very little.

The mill was dark when we passed it again, and the river louder.
A light was burning in the window of the ferryman's hut.

We reached home as the rain began, wet to the knees and happy.
The bakery had closed, but a loaf was waiting for us on the step.

That night the river rose again and covered the lower path.
"""


def assert_on_chapter(app: RawiApp, index: int) -> None:
    """The reader, the status bar and the table of contents all say chapter ``index``."""
    assert app.reader.chapter_index == index
    assert app.query_one(StatusBar).chapter == index
    contents = app.query_one(ChapterList)
    assert contents.pointer == index
    assert contents.chapter == index


def record_bells(app: RawiApp) -> list[None]:
    """Count the app's bells (a key that cannot do anything rings it)."""
    rang: list[None] = []
    app.bell = lambda: rang.append(None)  # type: ignore[method-assign]
    return rang


@pytest.fixture
def english(tmp_path: Path) -> Story:
    """A small left-to-right story in plain text, of a few chapters."""
    path = tmp_path / "walk.txt"
    path.write_text(ENGLISH_STORY, encoding="utf-8")
    story = load_story(path)
    assert story.direction == "L"
    assert len(story.chapters) >= 2
    return story


async def test_n_and_p_move_between_chapters(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()  # the panes are filled a frame after the story
        assert_on_chapter(app, 0)
        await pilot.press("n")
        assert_on_chapter(app, 1)
        await pilot.press("n", "n")
        assert_on_chapter(app, 3)
        await pilot.press("p")
        assert_on_chapter(app, 2)


async def test_n_on_the_last_chapter_stays_there(make_app: AppFactory, jamali: Story) -> None:
    app = make_app()
    last = len(jamali.chapters) - 1
    async with app.run_test(size=(120, 40)) as pilot:
        rang = record_bells(app)
        await pilot.press(str(last + 1))
        assert_on_chapter(app, last)
        await pilot.press("n")
        assert_on_chapter(app, last)
        assert len(rang) == 1


async def test_p_on_the_first_chapter_stays_there(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        rang = record_bells(app)
        await pilot.press("p")
        assert_on_chapter(app, 0)
        assert len(rang) == 1


async def test_a_digit_opens_that_chapter(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        # Each digit is pressed from a chapter other than its own.
        for digit in "615243":
            await pilot.press(digit)
            assert_on_chapter(app, int(digit) - 1)


async def test_a_digit_past_the_last_chapter_does_nothing(
    make_app: AppFactory, jamali: Story
) -> None:
    assert len(jamali.chapters) == 6
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        rang = record_bells(app)
        for digit in "789":
            await pilot.press(digit)
            assert_on_chapter(app, 1)
        assert len(rang) == 3


async def test_arrows_turn_an_arabic_book_leftwards(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.focused is app.reader
        await pilot.press("left")
        assert_on_chapter(app, 1)
        await pilot.press("left")
        assert_on_chapter(app, 2)
        await pilot.press("right")
        assert_on_chapter(app, 1)


async def test_arrows_turn_an_english_book_rightwards(make_app: AppFactory, english: Story) -> None:
    app = make_app(english)
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.language == "en"
        assert app.focused is app.reader
        await pilot.press("right")
        assert_on_chapter(app, 1)
        await pilot.press("left")
        assert_on_chapter(app, 0)
        await pilot.press("left")
        assert_on_chapter(app, 0)


async def test_an_english_book_has_its_panes_on_the_left(
    make_app: AppFactory, english: Story
) -> None:
    app = make_app(english)
    async with app.run_test(size=(120, 40)):
        side = app.query_one("#side")
        assert side.region.x == 0
        assert app.reader.region.x >= side.region.right
        assert app.reading.has_class("-ltr")


async def test_an_arabic_book_has_its_panes_on_the_right(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)):
        side = app.query_one("#side")
        assert side.region.right == 120
        assert app.reader.region.right <= side.region.x
        assert app.reading.has_class("-rtl")


# -- scrolling a chapter taller than the screen --------------------------------

LONG_CHAPTER = "4"  # the UNYK/Viadeo chapter: one long paragraph
#: a terminal in which that chapter is more than two screens tall
SMALL = (40, 12)


async def test_page_keys_scroll_the_reader(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press(LONG_CHAPTER)
        reader = app.query_one(StoryReader)
        # The chapter's height is known once it has been laid out at the window's
        # width, and the reader's once the Footer below it is filled.
        await settle(
            pilot,
            lambda: reader.max_scroll_y > reader.scrollable_content_region.height,
            "the long chapter laid out",
        )
        assert reader.scroll_y == 0
        await pilot.press("pagedown")
        after_one_page = reader.scroll_y
        assert after_one_page > 0
        await pilot.press("space")
        after_two = reader.scroll_y
        assert after_two > after_one_page
        await pilot.press("pageup")
        # A page up, from wherever the second page stopped (the chapter's end).
        assert reader.scroll_y == max(0, after_two - after_one_page)
        await pilot.press("shift+space")
        assert reader.scroll_y == 0


async def test_home_and_end_go_to_the_ends_of_the_chapter(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press(LONG_CHAPTER)
        reader = app.reader
        await pilot.press("end")
        await pilot.pause()
        assert reader.scroll_y > 0
        assert reader.scroll_y == reader.max_scroll_y
        await pilot.press("home")
        assert reader.scroll_y == 0


async def test_down_and_up_scroll_a_line(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press(LONG_CHAPTER)
        await pilot.press("down", "down")
        assert app.reader.scroll_y == 2
        await pilot.press("up")
        assert app.reader.scroll_y == 1


async def test_the_mouse_wheel_scrolls_the_reader(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press(LONG_CHAPTER)
        reader = app.reader

        def wheel(kind: type[events.MouseScrollDown | events.MouseScrollUp]) -> None:
            reader.post_message(kind(reader, 5, 5, 0, 0, 0, False, False, False))

        wheel(events.MouseScrollDown)
        wheel(events.MouseScrollDown)
        await pilot.pause()
        down = reader.scroll_y
        assert down > 0
        wheel(events.MouseScrollUp)
        await pilot.pause()
        assert 0 <= reader.scroll_y < down


async def test_scrolling_updates_the_percentage_read(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press(LONG_CHAPTER)
        await pilot.pause()
        status = app.query_one(StatusBar)
        before = status.percent
        await pilot.press("end")
        await pilot.pause()
        assert status.percent > before


# -- quitting -----------------------------------------------------------------


async def test_q_quits(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0


# -- images -------------------------------------------------------------------


def record_opened(app: RawiApp) -> list[str]:
    """The URLs the app asks the terminal to open."""
    opened: list[str] = []
    app.open_url = lambda url, **_: opened.append(url)  # type: ignore[method-assign]
    return opened


@pytest.fixture
def with_a_display(monkeypatch: pytest.MonkeyPatch) -> None:
    """A machine where a browser can be opened."""
    monkeypatch.setenv("DISPLAY", ":0")


@pytest.fixture
def without_a_display(monkeypatch: pytest.MonkeyPatch) -> None:
    """A machine reached over SSH, with no display to open a browser on."""
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr("sys.platform", "linux")


@pytest.mark.usefixtures("with_a_display")
async def test_enter_opens_the_image_on_screen(make_app: AppFactory, jamali: Story) -> None:
    app = make_app()
    (image,) = [block for block in jamali.chapters[0].blocks if isinstance(block, Image)]
    async with app.run_test(size=(120, 40)) as pilot:
        opened = record_opened(app)
        await pilot.press("enter")
        assert opened == [image.url]


@pytest.mark.usefixtures("with_a_display")
async def test_clicking_an_image_opens_it(make_app: AppFactory, jamali: Story) -> None:
    app = make_app()
    (image,) = [block for block in jamali.chapters[0].blocks if isinstance(block, Image)]
    async with app.run_test(size=(120, 40)) as pilot:
        opened = record_opened(app)
        reader = app.reader
        await pilot.pause()
        rows = [reader.render_line(y).text for y in range(reader.size.height)]
        (url_row,) = [y for y, row in enumerate(rows) if image.url in row]
        # render_line rows start below the reader's top padding.
        await pilot.click(reader, offset=(10, 1 + url_row))
        assert opened == [image.url]


@pytest.mark.usefixtures("without_a_display")
async def test_without_a_browser_the_address_is_shown_whole_and_copied(
    make_app: AppFactory, jamali: Story
) -> None:
    from tui.screens.address import AddressDialog

    app = make_app()
    (image,) = [block for block in jamali.chapters[0].blocks if isinstance(block, Image)]
    async with app.run_test(size=(50, 40)) as pilot:
        opened = record_opened(app)
        copied: list[str] = []
        app.copy_to_clipboard = copied.append  # type: ignore[method-assign]
        await pilot.press("enter")
        await pilot.pause()
        assert opened == []
        assert isinstance(app.screen, AddressDialog)
        # Folded over lines at 50 columns, never cut: joined, it is the whole URL.
        inside = [
            line.split("│")[1].strip()
            for line in screen_text(app).splitlines()
            if line.count("│") >= 2
        ]
        assert len([line for line in inside if line]) >= 3, "the address is not folded"
        assert image.url in "".join(inside)
        await pilot.press("y")
        await pilot.pause()
        assert copied == [image.url]
        assert not isinstance(app.screen, AddressDialog)


@pytest.mark.usefixtures("with_a_display")
async def test_enter_without_an_image_on_screen_rings(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        opened = record_opened(app)
        rang = record_bells(app)
        await pilot.press("2", "enter")  # chapter 2 has no image
        assert opened == []
        assert len(rang) == 1
