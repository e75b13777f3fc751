"""The command under hostile conditions: one line on stderr and an exit status, never a traceback.

Outputs that cannot be written (closed, full, an encoding without Arabic),
widths that would exhaust memory, an empty argument, Ctrl+C while a story
loads or prints, file system errors met while loading, and messages that
quote a file's text (a BiDi override there must not reverse the message).
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len

import tui.printing
import tui.story.loader
import tui.story.streaming
from tests.stories import VALID
from tui import cli
from tui.story import StoryError, load_story

ROOT = Path(__file__).resolve().parents[2]


def rawi(
    *args: str, env: dict[str, str] | None = None, shell_redirect: str = ""
) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m tui ARGS`` (through the shell when a redirection is asked)."""
    environment = {**os.environ, "RAWI_STATE_DIR": "/nonexistent/rawi-state", **(env or {})}
    command = [sys.executable, "-m", "tui", *args]
    if shell_redirect:
        quoted = " ".join(f"'{part}'" for part in command)
        return subprocess.run(
            f"{quoted} {shell_redirect}",
            shell=True,
            capture_output=True,
            cwd=ROOT,
            env=environment,
            timeout=60,
            check=False,
        )
    return subprocess.run(
        command, capture_output=True, cwd=ROOT, env=environment, timeout=60, check=False
    )


def one_line(result: subprocess.CompletedProcess[bytes]) -> str:
    text = result.stderr.decode("utf-8", errors="replace")
    assert "Traceback" not in text
    lines = text.strip().splitlines()
    assert len(lines) == 1, text
    return lines[0]


@pytest.mark.parametrize("width", ["99999999999", "1" + "0" * 30, "10001", "0", "-3"])
def test_width_is_bounded(width: str) -> None:
    result = rawi("--print", "--width", width)
    assert result.returncode == 2
    assert result.stdout == b""
    assert "Traceback" not in result.stderr.decode()
    assert "expected a width from 1 to 10000" in result.stderr.decode()


def test_the_widest_width_prints() -> None:
    result = rawi("--print", "--width", "10000")
    assert result.returncode == 0
    lines = result.stdout.decode().splitlines()
    assert max(cell_len(line) for line in lines) <= 10000


def test_an_empty_argument_is_named() -> None:
    result = rawi("")
    assert result.returncode == 2
    assert one_line(result) == 'rawi: expected a story file, got an empty argument ("")'


def test_stdout_closed() -> None:
    result = rawi("--print", shell_redirect=">&-")
    assert result.returncode == 1
    assert one_line(result) == "rawi: cannot write: standard output is closed"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
def test_a_full_disk() -> None:
    result = rawi("--print", shell_redirect="> /dev/full")
    assert result.returncode == 1
    assert one_line(result) == "rawi: cannot write: no space left on device"


@pytest.mark.parametrize(
    ("env", "advice"),
    [
        ({"PYTHONIOENCODING": "latin-1"}, "--bidi logical with PYTHONIOENCODING=utf-8"),
        (
            {"LC_ALL": "C", "LANG": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"},
            "use a UTF-8 locale",
        ),
    ],
)
def test_an_output_encoding_without_arabic(env: dict[str, str], advice: str) -> None:
    result = rawi("--print", env=env)
    assert result.returncode == 2
    assert result.stdout == b""
    line = one_line(result)
    assert line.startswith("rawi: the output encoding (")
    assert "cannot hold Arabic letters" in line
    assert advice in line


def test_the_advice_works() -> None:
    result = rawi("--print", "--bidi", "logical", env={"PYTHONIOENCODING": "utf-8"})
    assert result.returncode == 0
    assert "توفيق" in result.stdout.decode("utf-8")


# -- Ctrl+C -------------------------------------------------------------------------


def test_ctrl_c_while_loading_exits_130_quietly(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(path: object) -> object:
        raise KeyboardInterrupt

    monkeypatch.setattr(tui.story, "load_story", interrupted)
    # Print mode checks the file a section at a time (tui.story.streaming).
    monkeypatch.setattr(tui.story.streaming, "stream_story", interrupted)
    assert cli.main(["--print"]) == 130
    assert capsys.readouterr() == ("", "")


def test_ctrl_c_while_printing_exits_130_quietly(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real = tui.printing.render_story

    def interrupted(*args: object, **kwargs: object) -> object:
        lines = real(*args, **kwargs)  # type: ignore[arg-type]
        yield next(lines)
        raise KeyboardInterrupt

    monkeypatch.setattr(tui.printing, "render_story", interrupted)
    assert cli.main(["--print"]) == 130
    out, err = capsys.readouterr()
    assert err == ""
    assert len(out.splitlines()) == 1


# -- file system errors while loading -------------------------------------------------


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "story.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_an_article_name_too_long_is_a_story_error(tmp_path: Path) -> None:
    path = write(tmp_path, VALID.replace('language = "ar"', f'article = "{"a" * 5000}.txt"'))
    with pytest.raises(StoryError) as caught:
        load_story(path)
    (problem,) = caught.value.problems
    assert (problem.line, problem.field) == (3, "story.article")
    assert problem.expected == "the name of a file that can be read"
    assert "file name too long" in str(problem)


def test_an_article_behind_a_folder_without_permission(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Root reads every folder: the refusal is made by hand.
    path = write(tmp_path, VALID.replace('language = "ar"', 'article = "locked/article.txt"'))
    real = Path.is_file

    def refuse(self: Path) -> bool:
        if self.name == "article.txt":
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "is_file", refuse)
    with pytest.raises(StoryError) as caught:
        load_story(path)
    assert str(caught.value) == (
        f"{path}:3: story.article: expected the name of a file that can be read,"
        ' got "locked/article.txt" (permission denied)'
    )


def test_an_article_error_through_the_command(tmp_path: Path) -> None:
    path = write(tmp_path, VALID.replace('language = "ar"', f'article = "{"a" * 5000}"'))
    result = rawi("--print", str(path))
    assert result.returncode == 2
    assert one_line(result).startswith(f"{path}:3: story.article: expected the name of a file")


def test_os_errors_of_every_loader_call_are_story_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Whatever the file system raises while the story is read, the command
    # answers in one line; here the read itself fails with EIO.
    path = write(tmp_path, VALID)
    real = Path.open

    def broken(self: Path, *args: object, **kwargs: object) -> object:
        if self == path:
            raise OSError(errno.EIO, "Input/output error")
        return real(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", broken)
    with pytest.raises(StoryError) as caught:
        tui.story.loader.load_story(path)
    assert str(caught.value) == f"{path}: expected a readable file, got Input/output error"


# -- spoofing ---------------------------------------------------------------------------

RLO = "\u202e"


def test_a_bidi_override_in_an_error_is_shown_not_obeyed(tmp_path: Path) -> None:
    path = write(tmp_path, VALID.replace('language = "ar"', f'language = "ar{RLO}gnp.exe"'))
    with pytest.raises(StoryError) as caught:
        load_story(path)
    message = str(caught.value)
    assert RLO not in message
    assert "ar<U+202E>gnp.exe" in message


def test_a_bidi_override_in_a_notice_is_shown_not_obeyed(tmp_path: Path) -> None:
    path = write(tmp_path, VALID.replace('language = "ar"', f'article = "gone{RLO}txt.exe"'))
    story = load_story(path)
    assert story.notices == ("the article gone<U+202E>txt.exe named by the story was not found",)


@pytest.mark.parametrize(
    "title",
    [
        "\\u200b\\u200b",  # zero-width spaces
        "\\u200d\\u200c\\u2066\\u2069",  # joiners and isolates
        "\\u064e\\u0651",  # only harakat
        "\\u3164",  # Hangul filler, a "letter" that draws nothing
    ],
)
def test_blank_looking_titles_are_refused(tmp_path: Path, title: str) -> None:
    path = write(tmp_path, VALID.replace('title = "حكاية"', f'title = "{title}"'))
    with pytest.raises(StoryError) as caught:
        load_story(path)
    assert str(caught.value) == (
        f"{path}:2: story.title: expected a string with visible characters, got only"
        " invisible characters (zero-width, format or combining marks)"
    )


def test_a_title_with_marks_on_letters_is_fine(tmp_path: Path) -> None:
    path = write(tmp_path, VALID.replace('title = "حكاية"', 'title = "\\u200fحِكاية"'))
    assert load_story(path).title == "\u200fحِكاية"


def test_a_blank_looking_title_of_a_text_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text("\u200b\u200d\n\nفقرة أولى.\n", encoding="utf-8")
    with pytest.raises(StoryError) as caught:
        load_story(path)
    assert str(caught.value) == (
        f"{path}:1: expected a first line with visible characters (the title), got only"
        " invisible characters (zero-width, format or combining marks)"
    )


def test_a_nul_byte_in_a_file_name_is_a_story_error() -> None:
    with pytest.raises(StoryError) as caught:
        load_story("story\0.toml")
    assert str(caught.value) == "story\u2400.toml: expected a file name, got a name with a NUL byte"


def test_a_bidi_override_in_a_crash_message_is_shown_not_obeyed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.crash import crash_report

    monkeypatch.setenv("RAWI_STATE_DIR", str(tmp_path))
    line = crash_report(RuntimeError(f"a title {RLO}txt.exe"))
    assert RLO not in line
    assert "<U+202E>txt.exe" in line


def test_every_problem_is_told_one_per_line_up_to_a_limit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    events = "".join(
        f'\n[[timeline]]\nid = "e{n}"\nyear = 0\nlabel = "حدث"\nparagraph = "p1"\n'
        'phrase = "سنة 1974"\n'
        for n in range(60)
    )
    path = write(tmp_path, VALID + events)
    assert cli.main(["--print", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == cli.MAX_PROBLEM_LINES + 1
    assert lines[0] == f"{path}:15: timeline[1].year: expected a year from 1 to 9999, got 0"
    assert all(line.startswith(f"{path}:") for line in lines[:-1])
    assert lines[-1] == f"rawi: and {60 - cli.MAX_PROBLEM_LINES} more problems"
