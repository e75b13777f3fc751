"""Where Rawi finds its packaged data and keeps its own state.

Every path the program uses is built here and nowhere else: the bundled
``seeds/`` and ``assets/`` (inside the wheel, or at the top of a source
checkout), the XDG state folder for resume positions, and the XDG cache
folder for the stories the reader keeps (``tui.story.cache``).
"""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent

DEFAULT_STORY_NAME = "jamali.toml"


def _data_dir(name: str) -> Path:
    # A wheel carries the folders under tui/_data; a source checkout (or an
    # editable install) has them at the top of the repository.
    packaged = _PACKAGE / "_data" / name
    if packaged.is_dir():
        return packaged
    return _PACKAGE.parent / name


def seeds_dir() -> Path:
    """The folder of bundled stories and the article they come from."""
    return _data_dir("seeds")


def assets_dir() -> Path:
    """The folder of stylesheets and other files the app reads at run time."""
    return _data_dir("assets")


def default_story() -> Path:
    """The story Rawi opens when none is named: the Hespress profile."""
    return seeds_dir() / DEFAULT_STORY_NAME


def state_dir() -> Path:
    """The XDG state folder (``$XDG_STATE_HOME/rawi``), not created here."""
    override = os.environ.get("RAWI_STATE_DIR")
    if override:
        return Path(override)
    # Imported here so that print mode and the core never pay for it.
    from platformdirs import user_state_path

    return user_state_path("rawi", appauthor=False)


def cache_dir() -> Path:
    """The folder of kept stories (``$XDG_CACHE_HOME/rawi/stories``), not created here."""
    override = os.environ.get("RAWI_CACHE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_cache_path

    return user_cache_path("rawi", appauthor=False) / "stories"


def code_cache_dir() -> Path:
    """The folder of Rawi's compiled modules (``$XDG_CACHE_HOME/rawi/code``), for
    a Python that writes no bytecode (``tui.bytecode``); not created here."""
    override = os.environ.get("RAWI_CACHE_DIR")
    if override:
        return Path(override) / "code"
    from platformdirs import user_cache_path

    return user_cache_path("rawi", appauthor=False) / "code"


# Where Debian (fonts-dejavu-core), Fedora and Arch put DejaVu Sans Mono.
_FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu-sans-mono-fonts"),
    Path("/usr/share/fonts/TTF"),
)
_FONT_FILES = {"normal": "DejaVuSansMono.ttf", "bold": "DejaVuSansMono-Bold.ttf"}


def terminal_fonts() -> dict[str, Path]:
    """DejaVu Sans Mono's files on this machine, by CSS weight; empty if absent.

    ``rawi serve`` serves them to the browser: the monospace font with
    Arabic presentation forms (see ``tui.serve_page``).
    """
    found: dict[str, Path] = {}
    for weight, name in _FONT_FILES.items():
        for folder in _FONT_DIRS:
            if (folder / name).is_file():
                found[weight] = folder / name
                break
    return found
