"""``rawi --print``: the whole story as plain text, visual or logical, and its errors."""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from rich.cells import cell_len

from tui.locations import default_story
from tui.story import Paragraph, load_story

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = ROOT / "seeds" / "000_06044bc7934a5754.txt"


def rawi(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "RAWI_STATE_DIR": str(cwd / ".state")}
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env=env,
        timeout=60,
        check=False,
    )


def _paragraphs() -> list[str]:
    story = load_story(default_story())
    return [b.text for c in story.chapters for b in c.blocks if isinstance(b, Paragraph)]


def test_visual_print_is_plain_shaped_and_fits_the_width() -> None:
    result = rawi("--print", "--width", "60")
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout
    lines = result.stdout.splitlines()
    assert all(cell_len(line) <= 60 for line in lines)
    # Shaped: presentation forms, and no base Arabic letter left unshaped
    # except those that have no joining forms at all (hamza).
    text = result.stdout
    assert any("\ufe70" <= c <= "\ufeff" for c in text)
    # (tatweel and hamza have no contextual forms: they stay as they are)
    unshaped = {c for c in text if "\u0622" <= c <= "\u064a" and c not in "\u0621\u0640"}
    assert not unshaped
    # The kasra of السِيليكون in the title survives.
    assert "\u0650" in lines[0]


def test_rtl_lines_are_right_aligned() -> None:
    result = rawi("--print", "--width", "70")
    body = [line for line in result.stdout.splitlines() if any(c >= "\ufe70" for c in line)]
    assert body
    assert all(len(line) - len(line.lstrip(" ")) >= 0 for line in body)
    # A right-aligned line ends at the right edge only when padded on the left,
    # so every Arabic line has its last glyph in a column near the width.
    assert sum(1 for line in body if cell_len(line) >= 60) > len(body) // 2


def test_logical_print_keeps_every_paragraph_in_logical_order() -> None:
    result = rawi("--print", "--bidi", "logical", "--width", "50")
    assert result.returncode == 0
    joined = " ".join(result.stdout.split())
    for paragraph in _paragraphs():
        assert " ".join(paragraph.split()) in joined
    assert not any("\ufe70" <= c <= "\ufeff" for c in result.stdout)


def test_print_shows_images_timeline_and_quotes() -> None:
    result = rawi("--print", "--bidi", "logical", "--width", "200")
    out = result.stdout
    for url in (
        "http://t1.hespress.com/files/taoufikviral_911946960.jpg",
        "http://t1.hespress.com/files/viralninjas_164837442.jpg",
        "http://t1.hespress.com/files/taoufikjamali_850550515.jpg",
    ):
        assert url in out
    for year in ("1974", "1992", "1993", "1998", "2001", "2004", "2005", "2009", "2012"):
        assert year in out
    assert "الخط الزمني" in out
    assert "لن أنسى فضل زوجتي علي" in out


def test_every_word_of_the_article_is_printed() -> None:
    result = rawi("--print", "--bidi", "logical", "--width", "80")
    printed = set(result.stdout.split())
    article_words = set(ARTICLE.read_text(encoding="utf-8").split())
    missing = {w for w in article_words if w not in printed and w.strip('".،') not in printed}
    assert not missing


def test_width_defaults_to_80_when_not_a_terminal() -> None:
    result = rawi("--print")
    assert max(cell_len(line) for line in result.stdout.splitlines()) == 80


def test_plain_text_article_prints() -> None:
    result = rawi("--print", "--bidi", "logical", str(ARTICLE))
    assert result.returncode == 0
    assert "توفيق الجمالي" in result.stdout


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "no such file"),
        (b"", "empty"),
        (b"[story]\ntitle = 3\n", "title"),
        (b"[story]\ntitle = 3\n[[chapters]]\nid = 1\n", ":2: story.title"),
    ],
)
def test_a_bad_story_is_one_line_per_problem_and_status_2(
    tmp_path: Path, content: bytes | None, expected: str
) -> None:
    path = tmp_path / "bad.toml"
    if content is not None:
        path.write_bytes(content)
    result = rawi("--print", str(path), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert "Traceback" not in result.stderr
    # Each line a problem, starting with where it is (FILE or FILE:LINE).
    assert all(line.startswith(str(path)) for line in lines), result.stderr
    assert expected in lines[0]


def test_bad_arguments_exit_2() -> None:
    result = rawi("--print", "--width", "0")
    assert result.returncode == 2
    assert "width" in result.stderr


def test_print_mode_does_not_import_textual() -> None:
    code = (
        "import sys; sys.modules['textual'] = None\n"
        "from tui.cli import main\n"
        "raise SystemExit(main(['--print', '--width', '40']))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert result.returncode == 0, result.stderr


def test_logical_mode_is_not_shaped_and_visual_is() -> None:
    visual = rawi("--print", "--width", "80").stdout
    logical = rawi("--print", "--bidi", "logical", "--width", "80").stdout
    fold = unicodedata.normalize
    # Both hold the same letters once presentation forms are folded back.
    assert sorted(fold("NFKC", visual).replace(" ", "")) != []
    assert "توفيق" in logical and "توفيق" not in visual
