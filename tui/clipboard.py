"""Copying text to the system clipboard, where the system has a command for it.

Textual's ``copy_to_clipboard`` sends OSC 52 to the terminal, which some
terminals (and tmux, unless ``set-clipboard on``) refuse without a word.
Where a clipboard command exists (``wl-copy`` under Wayland, ``xclip`` or
``xsel`` under X, ``pbcopy`` on macOS) the text is given to it as well, so
that copying works without the terminal's help. The command is run with an
argument list, never a shell, its input on stdin, with a time limit.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

#: seconds a clipboard command may take
TIME_LIMIT = 2.0


def clipboard_command() -> list[str] | None:
    """The command that puts its stdin on the system clipboard here, if any."""
    candidates: list[list[str]] = []
    if sys.platform == "darwin":
        candidates.append(["pbcopy"])
    if os.environ.get("WAYLAND_DISPLAY"):
        candidates.append(["wl-copy"])
    if os.environ.get("DISPLAY"):
        candidates += [["xclip", "-selection", "clipboard"], ["xsel", "--clipboard", "--input"]]
    for command in candidates:
        if shutil.which(command[0]):
            return command
    return None


def copy_to_system(text: str) -> bool:
    """Give ``text`` to the system clipboard; True if a command took it."""
    command = clipboard_command()
    if command is None:
        return False
    try:
        result = subprocess.run(
            command,
            input=text.encode("utf-8"),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=TIME_LIMIT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return result.returncode == 0


def can_open_browser() -> bool:
    """Whether a browser can be opened from here (not over SSH without a display)."""
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
