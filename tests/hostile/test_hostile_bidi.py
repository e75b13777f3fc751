"""BiDi controls in content: no crash, and Rawi's own labels stay where they belong.

Every field of a story holds unbalanced BiDi format characters: orphan PDF
and PDI at its start, marks inside, and at its end an override (LRO), an
embedding (RLE) and an isolate (RLI) that are never closed, after a PDI that
would close an isolate Rawi put around the field. The clean story is the
same, without them: the same letters in the same logical order. Rawi's own
words and signs (the chapter label and number, the image label and its
brackets, the date, the guillemets of a quote, the dash before a speaker,
the status bar's position) must be laid out the same in both, in print mode
(visual, and logical as a terminal with BiDi of its own shows it) and in the
app. Deep nesting past the algorithm's limit must not crash anything.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from textual.widget import Widget

from tests.hostile.hostile_content import toml_basic
from tests.hostile.ptyrun import rawi_command, run_to_end, terminal_lines
from tui.app import RawiApp
from tui.state import ResumeStore
from tui.story import load_story
from tui.widgets.contents import ChapterList
from tui.widgets.quotes import QuotePane
from tui.widgets.status import StatusBar
from tui.widgets.timeline import TimelinePane

LRE, RLE, PDF, LRO, RLO = "\u202a", "\u202b", "\u202c", "\u202d", "\u202e"
LRI, RLI, FSI, PDI = "\u2066", "\u2067", "\u2068", "\u2069"
LRM, RLM, ALM = "\u200e", "\u200f", "\u061c"
BIDI_CONTROLS = {LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI, LRM, RLM, ALM}

# Rawi's labels as a terminal must show them in visual mode, written out from the
# Unicode names (reversed, in their joining forms), not taken from Rawi's shaper:
#: "الفصل": LAM FINAL, SAD MEDIAL, FEH MEDIAL, LAM INITIAL, ALEF ISOLATED
CHAPTER = "\ufede\ufebc\ufed4\ufedf\ufe8d"
#: "صورة": TEH MARBUTA ISOLATED, REH ISOLATED, WAW FINAL, SAD INITIAL
IMAGE = "\ufe93\ufead\ufeee\ufebb"
#: "الفصل 1 من 2": "من" is NOON FINAL, MEEM INITIAL
POSITION = f"2 \ufee6\ufee3 1 {CHAPTER}"


def field(words: str, hostile: bool) -> str:
    """``words`` and three Latin ones; in the hostile version, wrapped in unbalanced controls."""
    if not hostile:
        return f"{words} abc xyz def"
    return f"{PDF}{PDI}{PDF}{LRM}{words}{RLM} abc{PDI}{LRO} xyz{RLE} def{ALM}{RLI}"


def story_toml(hostile: bool) -> str:
    """A two-chapter story (docs/story-format.md) with ``field`` in every shown field."""
    q = toml_basic
    said = field("قال", hostile)
    return f"""\
[story]
title = {q(field("حكاية", hostile))}
language = "ar"

[[chapters]]
id = "c1"
title = {q(field("البداية", hostile))}

[[chapters.blocks]]
id = "p1"
text = {q("سافر إلى مراكش، و" + said + " ثم عاد سنة 1993.")}

[[chapters.blocks]]
id = "img"
image = "https://example.com/a.jpg"
caption = {q(field("الساحة الكبيرة", hostile))}

[[chapters]]
id = "c2"
title = {q(field("النهاية", hostile))}

[[chapters.blocks]]
id = "p2"
text = {q(field("عاد إلى بيته", hostile))}

[[timeline]]
id = "back"
year = 1993
label = {q(field("العودة", hostile))}
paragraph = "p1"
phrase = "سنة 1993"

[[quotes]]
id = "q"
text = {q(said)}
speaker = {q(field("هو", hostile))}
paragraph = "p1"
"""


def write(folder: Path, hostile: bool) -> Path:
    path = folder / ("hostile.toml" if hostile else "clean.toml")
    path.write_text(story_toml(hostile), encoding="utf-8")
    return path


def kind_of(line: str) -> str | None:
    """Which of Rawi's own lines this is, in the clean story's print output."""
    text = line.strip()
    if any(text.endswith(f":{number} {CHAPTER}") for number in (1, 2)):
        return "heading"
    if IMAGE in text:
        return "image"
    if text.endswith(":1993"):
        return "event"
    if text[:1] in ("«", "»"):
        return "quote"
    if text.endswith("—"):
        return "speaker"
    return None


def frame(kind: str, line: str) -> str:
    """The part of a line of ``kind`` that is Rawi's: it must not move."""
    text = line.strip()
    return {
        "heading": text[-len(f":1 {CHAPTER}") :],
        "image": text[:1] + "…" + text[-len(f":{IMAGE}]") :],
        "event": text[-len(":1993") :],
        "quote": text[:1] + "…" + text[-1:],
        "speaker": text[-1:],
    }[kind]


def frames(clean: list[str], other: list[str]) -> list[tuple[str, str]]:
    """For each of Rawi's own lines in ``clean``: its kind and its frame in ``other``."""
    assert len(other) == len(clean)
    return [
        (kind, frame(kind, line))
        for kind, line in zip(map(kind_of, clean), other, strict=True)
        if kind is not None
    ]


#: the frames of the clean story, as Rawi must lay them out (read off the format)
CLEAN_FRAMES = [
    ("heading", f":1 {CHAPTER}"),
    ("image", f"[…:{IMAGE}]"),
    ("heading", f":2 {CHAPTER}"),
    ("event", ":1993"),
    ("quote", "«…»"),
    ("speaker", "—"),
]


def print_lines(path: Path, state: Path, bidi: str) -> list[str]:
    status, terminal, stdout = run_to_end(
        rawi_command("--print", "--bidi", bidi, "--width", "100", str(path)),
        state,
        stdout_to_pipe=True,
    )
    assert status == 0, terminal
    assert b"Traceback" not in terminal
    return stdout.decode("utf-8").split("\n")


def test_print_mode_keeps_the_labels_in_place(tmp_path: Path) -> None:
    clean = print_lines(write(tmp_path, False), tmp_path / "state", "visual")
    hostile = print_lines(write(tmp_path, True), tmp_path / "state", "visual")
    assert frames(clean, clean) == CLEAN_FRAMES
    assert frames(clean, hostile) == CLEAN_FRAMES
    # Visual mode consumes the controls: none is left for the terminal to act on.
    assert not BIDI_CONTROLS & set("".join(hostile))


def _fribidi() -> str | None:
    found = shutil.which("fribidi")
    if found is None and os.environ.get("CI"):
        pytest.fail("the fribidi command (Debian libfribidi-bin) is required when CI is set")
    if found is None:
        pytest.skip("the fribidi command (Debian libfribidi-bin) is not installed")
    return found


def as_a_bidi_terminal_shows(lines: list[str]) -> list[str]:
    """Each line laid out by FriBidi, as a terminal that does its own BiDi shows a row."""
    fribidi = _fribidi()
    assert fribidi is not None
    shown = []
    for line in lines:
        if not line.strip():
            shown.append(line)
            continue
        result = subprocess.run(
            [fribidi, "--nopad", "--clean", "--nobreak", "--wrtl"],
            input=line.encode("utf-8"),
            capture_output=True,
            check=True,
        )
        shown.append(result.stdout.decode("utf-8").rstrip("\n"))
    return shown


def test_logical_print_mode_keeps_the_labels_in_place(tmp_path: Path) -> None:
    # In logical mode the terminal reorders each row: the content's controls must not
    # reach it in a state that reorders Rawi's own text on the row.
    clean = as_a_bidi_terminal_shows(print_lines(write(tmp_path, False), tmp_path / "s", "logical"))
    hostile = as_a_bidi_terminal_shows(
        print_lines(write(tmp_path, True), tmp_path / "s", "logical")
    )
    assert frames(clean, clean) == CLEAN_FRAMES
    assert frames(clean, hostile) == CLEAN_FRAMES


# -- the app, headless ----------------------------------------------------------------


def rows(widget: Widget) -> list[str]:
    """What ``widget`` draws, row by row."""
    return [widget.render_line(y).text for y in range(widget.size.height)]


async def app_rows(path: Path, state: Path, size: tuple[int, int]) -> dict[str, list[str]]:
    """The rows of the status bar, the contents, the timeline, the quotes, the reader."""
    app = RawiApp(load_story(path), state=ResumeStore(state))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        shown = {
            "status": rows(app.query_one(StatusBar)),
            "contents": rows(app.query_one(ChapterList)),
            "timeline": rows(app.query_one(TimelinePane)),
            "quotes": rows(app.query_one(QuotePane)),
            "reader": [
                app.reader.render_line(y).text
                for y in range(app.reader.scrollable_content_region.height)
            ],
        }
        # Going through the story and its panes: nothing may raise.
        for key in ("n", "p", "t", "o", "c", "s", "s", "b", "b", "n", "2", "1"):
            await pilot.press(key)
        await pilot.pause()
    assert app._exception is None
    assert app.return_code in (None, 0)
    return shown


@pytest.fixture(autouse=True)
def isolated_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RAWI_STATE_DIR", str(tmp_path / "rawi-state"))


async def test_the_app_keeps_its_labels_in_place(tmp_path: Path) -> None:
    size = (120, 30)  # wide enough for the side panes
    clean = await app_rows(write(tmp_path, False), tmp_path / "clean-state", size)
    hostile = await app_rows(write(tmp_path, True), tmp_path / "hostile-state", size)

    # The status bar's position, "الفصل 1 من 2", in the same columns. (The share read
    # that follows it may differ: the controls count as characters of the chapter.)
    assert POSITION in clean["status"][0]
    assert hostile["status"][0].find(POSITION) == clean["status"][0].find(POSITION)

    # The contents: each chapter's number on the right of its title, as in the clean story.
    for number, row in enumerate([r for r in clean["contents"] if r.strip()], start=1):
        assert row.rstrip().endswith(f".{number}"), row
    assert [r.rstrip()[-3:] for r in hostile["contents"] if r.strip()] == [
        r.rstrip()[-3:] for r in clean["contents"] if r.strip()
    ]

    # The timeline: the date in its column and the marker on the right of the row.
    clean_event = next(r for r in clean["timeline"] if "1993" in r).rstrip()
    hostile_event = next(r for r in hostile["timeline"] if "1993" in r).rstrip()
    assert clean_event[-7:-2] == " 1993"
    assert hostile_event[-7:] == clean_event[-7:]

    # The reader's chapter heading: "الفصل 1:" on the right.
    assert clean["reader"][0].rstrip().endswith(f":1 {CHAPTER}")
    assert hostile["reader"][0].rstrip().endswith(f":1 {CHAPTER}")

    for pane in hostile.values():
        assert not BIDI_CONTROLS & set("".join(pane))

    # The quote: between its guillemets; the speaker after the dash.
    clean_quote = [r.strip() for r in clean["quotes"] if r.strip()]
    hostile_quote = [r.strip() for r in hostile["quotes"] if r.strip()]
    assert (clean_quote[0][0], clean_quote[0][-1]) == ("«", "»")
    assert (hostile_quote[0][0], hostile_quote[0][-1]) == ("«", "»")
    assert hostile_quote[-1].endswith("—") and clean_quote[-1].endswith("—")


# -- nesting past the limit, and fields of nothing but controls ---------------------------
# (A paragraph may be nothing but controls; a title may not: a blank-looking title is
# refused by the loader, tests/cli/test_cli_conditions.py.)

DEEP = (LRE + RLE) * 70 + (LRI + RLI) * 70 + "عميق deep" + PDF * 200 + PDI * 50 + LRO * 130


def deep_story() -> str:
    q = toml_basic
    return f"""\
[story]
title = {q(DEEP)}
language = "ar"

[[chapters]]
id = "c1"
title = {q(RLO + LRI + PDF + "ب")}

[[chapters.blocks]]
id = "p1"
text = {q(DEEP + " سنة 1993 " + DEEP)}

[[chapters.blocks]]
id = "p2"
text = {q(RLO + LRI + PDF + PDI + LRM)}

[[timeline]]
id = "e"
year = 1993
label = {q(DEEP)}
paragraph = "p1"
phrase = "سنة 1993"
"""


@pytest.mark.parametrize("bidi", ["visual", "logical"])
@pytest.mark.parametrize("width", ["1", "7", "80"])
def test_deep_nesting_in_print_mode(tmp_path: Path, bidi: str, width: str) -> None:
    path = tmp_path / "deep.toml"
    path.write_text(deep_story(), encoding="utf-8")
    status, terminal, stdout = run_to_end(
        rawi_command("--print", "--bidi", bidi, "--width", width, str(path)),
        tmp_path / "state",
        stdout_to_pipe=True,
    )
    assert status == 0, terminal_lines(terminal)[-3:]
    assert b"Traceback" not in terminal
    # Whatever the width, the words are there (the controls may stand between them).
    letters = [ch for ch in stdout.decode("utf-8") if ch not in BIDI_CONTROLS and ch != "\n"]
    assert "1993" in "".join(letters)


@pytest.mark.parametrize("size", [(120, 30), (40, 12), (10, 5)])
async def test_deep_nesting_in_the_app(tmp_path: Path, size: tuple[int, int]) -> None:
    path = tmp_path / "deep.toml"
    path.write_text(deep_story(), encoding="utf-8")
    app = RawiApp(load_story(path), state=ResumeStore(tmp_path / "state"))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for key in ("t", "o", "c", "s", "n", "b", "b"):
            await pilot.press(key)
        await pilot.pause()
    assert app._exception is None
