"""Reopening a story where the reader left it, and starting over when the record is bad."""

from __future__ import annotations

from pathlib import Path

from tests.app.screen_reading import AppFactory, base_arabic, shaped_arabic
from tui.state import POSITIONS_FILE, Position, ResumeStore, story_key
from tui.story import Story
from tui.widgets.status import StatusBar

#: a terminal in which chapter 4 is taller than the screen
SMALL = (40, 12)


async def test_quitting_and_reopening_resumes_at_the_same_place(
    make_app: AppFactory, jamali: Story, state_folder: Path
) -> None:
    first = make_app()
    async with first.run_test(size=SMALL) as pilot:
        await pilot.press("4", "pagedown", "down")
        await pilot.pause()
        reader = first.reader
        assert reader.scroll_y > 0
        left_at = reader.document.position_at(round(reader.scroll_y))
        await pilot.press("q")
    assert first.return_code == 0

    saved = ResumeStore(state_folder).load(story_key(jamali.path))
    assert saved == Position(3, *left_at)
    assert (saved.item, saved.offset) != (0, 0), "the place is inside the chapter"

    second = make_app()
    async with second.run_test(size=SMALL) as pilot:
        await pilot.pause()
        reader = second.reader
        assert reader.chapter_index == 3
        assert second.query_one(StatusBar).chapter == 3
        assert reader.scroll_y > 0
        assert reader.document.position_at(round(reader.scroll_y)) == left_at


async def test_a_story_never_opened_starts_at_chapter_one(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert app.reader.chapter_index == 0
        assert app.reader.scroll_y == 0
        assert list(app.notified) == []


async def test_a_corrupt_positions_file_starts_over_with_a_warning(
    make_app: AppFactory, state_folder: Path
) -> None:
    state_folder.mkdir(parents=True)
    (state_folder / POSITIONS_FILE).write_text('{"version": 1, "stories": {', encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.reader.chapter_index == 0
        notices = list(app.notified)
        assert [notice.severity for notice in notices] == ["warning"]
        message = notices[0].message
        # In the Arabic interface the notice is Arabic (shaped), the file's
        # name kept whole in it; in English it is the store's own sentence.
        assert "positions.json" in message.replace("\n", "")
        assert shaped_arabic(message) and not base_arabic(message)
        # The reader can go on, and the next save replaces the bad file.
        await pilot.press("3", "q")
    saved = ResumeStore(state_folder).load(story_key(app.story.path))
    assert saved is not None
    assert saved.chapter == 2


async def test_a_saved_chapter_past_the_end_starts_at_chapter_one(
    make_app: AppFactory, jamali: Story, state_folder: Path
) -> None:
    ResumeStore(state_folder).save(story_key(jamali.path), Position(17, 0, 0))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.reader.chapter_index == 0
        assert not base_arabic("".join(n.message for n in app.notified))


async def test_the_reader_remembers_justification_measure_and_theme(
    make_app: AppFactory, state_folder: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.reading.justify
        await pilot.press("j")
        app.reading.measure = 60
        app.theme = "textual-light"
        await pilot.pause()
    again = make_app()
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert not again.reading.justify
        assert again.reading.measure == 60
        assert again.theme == "textual-light"
    # The command line wins over what was remembered.
    told = make_app(justify=True, measure=80)
    async with told.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert told.reading.justify
        assert told.reading.measure == 80


async def test_damaged_settings_are_ignored_with_a_notice(
    make_app: AppFactory, state_folder: Path
) -> None:
    state_folder.mkdir(parents=True, exist_ok=True)
    (state_folder / "settings.json").write_text("{ not json", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.reading.justify and app.reading.measure == 76
        assert any("settings.json" in notice.message.replace("\n", "") for notice in app.notified)


async def test_an_english_interface_keeps_the_stores_sentence(
    make_app: AppFactory, state_folder: Path
) -> None:
    state_folder.mkdir(parents=True)
    (state_folder / POSITIONS_FILE).write_text("{", encoding="utf-8")
    app = make_app(language="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        (notice,) = app.notified
        text = notice.message.replace("\n", " ")
        assert text.startswith("Saved reading positions in")
        # Laid out left to right: its full stop stays at its end.
        lines = [line.strip() for line in notice.message.splitlines()]
        assert not [line for line in lines if line.startswith(".")]
