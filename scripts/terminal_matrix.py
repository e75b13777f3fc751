"""Rawi in real terminals, read back from the pixels: the BiDi matrix.

Starts a private Xvfb, runs Rawi on the bundled story in each installed
terminal (xfce4-terminal for VTE, mlterm, Konsole, xterm) at a fixed size and
font (DejaVu Sans Mono), once per BiDi mode, and takes a screenshot once the
screen has settled (the same picture several polls in a row, after the app
has drawn). The reader column is cut out and read back with Tesseract
(Arabic), scaled 250 %, grey, inverted; the figure is the share of the first
paragraph's distinct words (3 letters or more) that the OCR finds.

    python scripts/terminal_matrix.py                 # all terminals, all modes
    python scripts/terminal_matrix.py --terminals mlterm --modes logical

Writes ``table.md`` (the table) and two PNGs per run (the whole terminal
window, and the reader column that OCR reads) to ``--out``
(``docs/terminals/`` by default). The test
``tests/terminals/test_terminal_pixels.py`` uses the same functions.

Needs the Debian packages xvfb, x11-apps (xwd), imagemagick, tesseract-ocr,
tesseract-ocr-ara, fonts-dejavu-core and the terminals themselves.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import tomllib
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "jamali.toml"
COLUMNS, ROWS = 120, 32
#: cells the side panes take at that width (assets/rawi.tcss: #side)
SIDE_PANES = 44
FONT = "DejaVu Sans Mono"
FONT_POINTS = 12
MODES = ("visual", "logical", "auto")
#: generous: Python and Textual start slowly on a loaded machine
SETTLE_TIMEOUT = 60.0
POLL = 0.25
#: consecutive identical screenshots that count as settled
STABLE_POLLS = 4

#: the tools every run needs, with the Debian package that provides each
TOOLS = {
    "Xvfb": "xvfb",
    "xwd": "x11-apps",
    "convert": "imagemagick",
    "tesseract": "tesseract-ocr",
    "script": "bsdutils",
}

#: variables by which an outer terminal names itself: a terminal started
#: here must only see its own
_INHERITED = re.compile(
    r"^(VTE_|KONSOLE_|MLTERM|XTERM_|KITTY_|WEZTERM_|ALACRITTY_|WT_SESSION|TMUX|STY|"
    r"COLORTERM|WINDOWID|RAWI_|TEXTUAL|DBUS_SESSION|SESSION_MANAGER|XDG_)"
)


@dataclass(frozen=True)
class TerminalApp:
    """An installed terminal emulator and how to start it with a command."""

    key: str
    name: str
    executable: str
    package: str

    def argv(self, command: Sequence[str]) -> list[str]:
        """The command line that opens a window running ``command``."""
        geometry = f"{COLUMNS}x{ROWS}+0+0"
        if self.key == "vte":
            return [
                self.executable, "--disable-server", f"--geometry={geometry}",
                "--hide-menubar", "--hide-toolbar", "--hide-scrollbar", "--hide-borders",
                f"--font={FONT} {FONT_POINTS}", "-x", *command,
            ]  # fmt: skip
        if self.key == "mlterm":
            # mlterm's size is in pixels; 16 px is DejaVu at 12 pt on 96 dpi.
            return [self.executable, "-g", geometry, "-w", "16", "-O", "none", "-e", *command]
        if self.key == "konsole":
            return [
                self.executable, "--profile", "Rawi", "--nofork", "--separate",
                "--hide-menubar", "--hide-tabbar", "-e", *command,
            ]  # fmt: skip
        return [
            self.executable, "-fa", FONT, "-fs", str(FONT_POINTS),
            "-geometry", geometry, "-e", *command,
        ]  # fmt: skip


TERMINALS = (
    TerminalApp("vte", "xfce4-terminal (VTE)", "xfce4-terminal", "xfce4-terminal"),
    TerminalApp("mlterm", "mlterm", "mlterm", "mlterm"),
    TerminalApp("konsole", "Konsole", "konsole", "konsole"),
    TerminalApp("xterm", "xterm", "xterm", "xterm"),
)


def missing_tools() -> list[str]:
    """Debian packages whose tools are absent (empty when all can run)."""
    missing = [package for tool, package in TOOLS.items() if shutil.which(tool) is None]
    if not Path("/usr/share/tesseract-ocr/5/tessdata/ara.traineddata").exists() and not list(
        Path("/usr/share").glob("tesseract-ocr/*/tessdata/ara.traineddata")
    ):
        missing.append("tesseract-ocr-ara")
    if not list(Path("/usr/share/fonts").glob("**/DejaVuSansMono.ttf")):
        missing.append("fonts-dejavu-core")
    return missing


def installed_terminals() -> list[TerminalApp]:
    """The terminals of the matrix that are installed here."""
    return [t for t in TERMINALS if shutil.which(t.executable)]


# -- the words to find --------------------------------------------------------

_ARABIC_WORD = re.compile("[\u0621-\u064a]+")
_HARAKAT = re.compile("[\u064b-\u065f\u0670\u0640]")


def arabic_words(text: str) -> set[str]:
    """Distinct Arabic words of 3 letters or more, presentation forms folded."""
    folded = _HARAKAT.sub("", unicodedata.normalize("NFKC", text))
    return {word for word in _ARABIC_WORD.findall(folded) if len(word) >= 3}


def first_paragraph(seed: Path = SEED) -> str:
    """The text of the story's first paragraph (the first block with text)."""
    story = tomllib.loads(seed.read_text(encoding="utf-8"))
    for block in story["chapters"][0]["blocks"]:
        if "text" in block:
            return str(block["text"])
    raise ValueError(f"{seed}: no paragraph in the first chapter")


def recall(ocr_text: str, wanted: set[str]) -> int:
    """How many of ``wanted`` appear among the words OCR read."""
    return len(wanted & arabic_words(ocr_text))


# -- the display ----------------------------------------------------------------


@dataclass
class Display:
    """A running Xvfb and the folder that stands for a fresh user's home."""

    name: str
    home: Path
    process: subprocess.Popen[bytes]


def _write_configs(home: Path) -> None:
    # Fixed fonts and no chrome, in each terminal's own configuration files.
    (home / ".mlterm").mkdir(parents=True, exist_ok=True)
    (home / ".mlterm" / "aafont").write_text(
        f"DEFAULT={FONT}\nISO10646_UCS4_1={FONT}\nISO10646_UCS4_1_BIWIDTH={FONT}\n"
    )
    profiles = home / ".local" / "share" / "konsole"
    profiles.mkdir(parents=True, exist_ok=True)
    (profiles / "Rawi.profile").write_text(
        f"[Appearance]\nFont={FONT},{FONT_POINTS},-1,5,50,0,0,0,0,0\n\n"
        f"[General]\nName=Rawi\nParent=FALLBACK/\nTerminalColumns={COLUMNS}\n"
        f"TerminalRows={ROWS}\n\n[Scrolling]\nScrollBarPosition=2\n"
    )
    config = home / ".config"
    config.mkdir(parents=True, exist_ok=True)
    (config / "konsolerc").write_text(
        "[KonsoleWindow]\nShowMenuBarByDefault=false\n\n"
        "[MainWindow][Toolbar mainToolBar]\nHidden=true\n\n"
        "[MainWindow][Toolbar sessionToolbar]\nHidden=true\n\n"
        "[Notification Messages]\nCloseAllTabs=true\n"
    )


@contextmanager
def xvfb(width: int = 1600, height: int = 1000) -> Iterator[Display]:
    """A private X server (the first free display number) with a fresh home folder."""
    with tempfile.TemporaryDirectory(prefix="rawi-matrix-") as folder:
        home = Path(folder)
        _write_configs(home)
        read, write = os.pipe()
        process = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", f"{width}x{height}x24",
             "-nolisten", "tcp"],
            pass_fds=(write,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )  # fmt: skip
        os.close(write)
        try:
            with os.fdopen(read) as reader:
                number = reader.readline().strip()
            if not number:
                raise RuntimeError("Xvfb did not start (no display number)")
            yield Display(f":{number}", home, process)
        finally:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(10)


def _environment(display: Display, extra: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not _INHERITED.match(k)}
    runtime = display.home / "run"
    runtime.mkdir(mode=0o700, exist_ok=True)
    env.update(
        DISPLAY=display.name,
        HOME=str(display.home),
        XDG_CONFIG_HOME=str(display.home / ".config"),
        XDG_DATA_HOME=str(display.home / ".local" / "share"),
        XDG_STATE_HOME=str(display.home / "state"),
        XDG_RUNTIME_DIR=str(runtime),
        LANG="C.UTF-8",
        LC_ALL="C.UTF-8",
        QT_QPA_PLATFORM="xcb",
        NO_AT_BRIDGE="1",
    )
    env.update(extra)
    return env


def _screenshot(display: Display) -> bytes:
    result = subprocess.run(
        ["xwd", "-root", "-silent", "-display", display.name],
        capture_output=True,
        check=True,
        timeout=30,
    )
    return result.stdout


def wait_for_settled_screen(
    display: Display,
    process: subprocess.Popen[bytes],
    typescript: Path,
    timeout: float = SETTLE_TIMEOUT,
) -> bytes:
    """The screenshot once Rawi has drawn and nothing changes for a few polls.

    "Drawn": what Rawi wrote (recorded by ``script`` in ``typescript``) has
    reached the last row (the footer) and has stopped growing; then the
    screenshots must agree ``STABLE_POLLS`` times in a row.
    """
    deadline = time.monotonic() + timeout
    footer = f"\x1b[{ROWS};".encode()
    last_size, last_hash = -1, ""
    same = 0
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the terminal exited early (status {process.returncode})")
        try:
            written = typescript.read_bytes()
        except OSError:
            written = b""
        drawn = b"\x1b[?1049h" in written and footer in written.rsplit(b"\x1b[?1049h", 1)[1]
        if drawn and len(written) == last_size:
            shot = _screenshot(display)
            digest = hashlib.sha1(shot).hexdigest()
            same = same + 1 if digest == last_hash else 0
            last_hash = digest
            if same >= STABLE_POLLS:
                return shot
        else:
            same = 0
        last_size = len(written)
        time.sleep(POLL)  # the poll interval, not a wait for something to happen
    raise TimeoutError(f"the screen did not settle within {timeout:.0f} s")


def rawi_command(python: str, mode: str, typescript: Path) -> list[str]:
    """Rawi on the seed, in ``mode`` (auto: no --bidi, as a reader would start it).

    It runs under ``script`` (util-linux), which passes everything through
    and keeps a copy in ``typescript``: how the matrix knows Rawi has drawn.
    """
    command = [python, "-m", "tui", str(SEED)]
    if mode != "auto":
        command += ["--bidi", mode]
    inner = " ".join(_quote(part) for part in command)
    # Kept open after Rawi ends, so that an error stays on screen to be seen.
    outer = f"script -q -f -c {_quote(inner)} {_quote(str(typescript))}; sleep 600"
    return ["sh", "-c", outer]


def _quote(part: str) -> str:
    return "'" + part.replace("'", "'\\''") + "'"


@dataclass
class Shot:
    """One run: terminal, mode, the PNG written and the OCR figure."""

    terminal: TerminalApp
    mode: str
    png: Path
    found: int
    total: int


def shoot(
    display: Display,
    terminal: TerminalApp,
    mode: str,
    out: Path,
    python: str = sys.executable,
    source: Path = REPO,
) -> Shot:
    """Run Rawi in ``terminal`` in ``mode``; the screenshot, saved, and its OCR figure."""
    state = display.home / "state" / f"{terminal.key}-{mode}"
    state.mkdir(parents=True, exist_ok=True)
    env = _environment(
        display,
        {"RAWI_STATE_DIR": str(state), "PYTHONPATH": str(source), "PYTHONDONTWRITEBYTECODE": "1"},
    )
    typescript = state / "typescript"
    typescript.unlink(missing_ok=True)
    process = subprocess.Popen(
        terminal.argv(rawi_command(python, mode, typescript)),
        env=env,
        cwd=source,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        shot = wait_for_settled_screen(display, process, typescript)
    finally:
        _stop(process)
        # ``script`` and Rawi under it run in a session of their own, which
        # the terminal's end does not end: found by the typescript's path.
        _stop_processes(_holding(str(typescript)))
    out.mkdir(parents=True, exist_ok=True)
    png = out / f"{terminal.key}-{mode}.png"
    subprocess.run(["convert", "xwd:-", "-trim", "+repage", str(png)], input=shot, check=True)
    # The reader column: the window less the side panes (44 cells, on the
    # right in an Arabic story's interface), its upper half (the heading and
    # the first paragraph): OCR time grows with the area read.
    reader = out / f"{terminal.key}-{mode}-reader.png"
    share = 100 * (COLUMNS - SIDE_PANES) // COLUMNS
    subprocess.run(
        ["convert", str(png), "-gravity", "NorthWest", "-crop", f"{share}%x50%+0+0", "+repage",
         str(reader)],
        check=True,
    )  # fmt: skip
    wanted = arabic_words(first_paragraph())
    found = recall(read_screen(reader), wanted)
    for picture in (png, reader):
        # Read at full quality; kept with 16 colours, undithered (a screen of
        # text needs few), a quarter of the size.
        subprocess.run(
            ["convert", str(picture), "+dither", "-colors", "16", str(picture)], check=True
        )
    return Shot(terminal, mode, png, found, len(wanted))


def _stop(process: subprocess.Popen[bytes]) -> None:
    # The terminal and everything it started are one process group.
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(10)
            return
        except subprocess.TimeoutExpired:
            continue


def _holding(marker: str) -> list[int]:
    """This machine's processes whose command line holds ``marker``, and their children."""
    found: set[int] = set()
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes()
            status = (entry / "status").read_text(errors="replace")
        except OSError:
            continue
        pid = int(entry.name)
        for line in status.splitlines():
            if line.startswith("PPid:"):
                parents[pid] = int(line.split()[1])
        if marker.encode() in command and pid != os.getpid():
            found.add(pid)
    changed = True
    while changed:
        children = {pid for pid, parent in parents.items() if parent in found} - found
        changed = bool(children)
        found |= children
    return sorted(found)


def _stop_processes(pids: Sequence[int]) -> None:
    for sig in (signal.SIGTERM, signal.SIGKILL):
        alive = []
        for pid in pids:
            try:
                os.kill(pid, sig)
                alive.append(pid)
            except ProcessLookupError:
                continue
        deadline = time.monotonic() + 10
        while alive and time.monotonic() < deadline:
            alive = [pid for pid in alive if Path(f"/proc/{pid}").exists() and not _zombie(pid)]
            if alive:
                time.sleep(0.1)  # polling for the processes to end
        if not alive:
            return
        pids = alive


def _zombie(pid: int) -> bool:
    try:
        return "\nState:\tZ" in Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return True


def read_screen(png: Path) -> str:
    """Tesseract's Arabic reading of a screenshot, scaled 250 %, grey, inverted."""
    prepared = subprocess.run(
        ["convert", str(png), "-resize", "250%", "-colorspace", "gray", "-negate", "png:-"],
        capture_output=True,
        check=True,
        timeout=120,
    ).stdout
    # The screenshots of light terminals (white background) come out
    # inverted as light-on-dark: Tesseract copes with both.
    # One thread: on a loaded machine Tesseract's threads only wait for each other.
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    return subprocess.run(
        ["tesseract", "stdin", "stdout", "-l", "ara", "--psm", "6"],
        env=env,
        input=prepared,
        capture_output=True,
        check=True,
        timeout=300,
    ).stdout.decode("utf-8", errors="replace")


def table(shots: Sequence[Shot]) -> str:
    """The markdown table: a row per terminal, a column per mode."""
    modes = [m for m in MODES if any(s.mode == m for s in shots)]
    lines = [
        "| Terminal | " + " | ".join(f"`--bidi {m}`" for m in modes) + " |",
        "|---|" + "---|" * len(modes),
    ]
    for terminal in TERMINALS:
        row = {s.mode: s for s in shots if s.terminal == terminal}
        if not row:
            continue
        cells = [
            f"[{row[m].found}/{row[m].total}]({row[m].png.name})" if m in row else "" for m in modes
        ]
        lines.append(f"| {terminal.name} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--terminals", nargs="*", help="vte, mlterm, konsole, xterm")
    parser.add_argument("--modes", nargs="*", default=list(MODES), choices=MODES)
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "terminals")
    parser.add_argument("--python", default=sys.executable, help="the Python that runs Rawi")
    parser.add_argument("--source", type=Path, default=REPO, help="the Rawi source to run")
    args = parser.parse_args(argv)
    missing = missing_tools()
    if missing:
        print(f"terminal_matrix: install {' '.join(missing)}", file=sys.stderr)
        return 2
    terminals = [t for t in installed_terminals() if not args.terminals or t.key in args.terminals]
    shots: list[Shot] = []
    with xvfb() as display:
        for terminal in terminals:
            for mode in args.modes:
                shot = shoot(display, terminal, mode, args.out, args.python, args.source)
                print(f"{terminal.name:22} {mode:8} {shot.found}/{shot.total}", flush=True)
                shots.append(shot)
    (args.out / "table.md").write_text(table(shots), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
