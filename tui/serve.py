"""``rawi serve``: the reader in a web browser, each tab with a reader of its own.

``main(argv)`` runs the subcommand (``tui.cli`` hands it what follows
``serve``): it checks the story the way the reader does (a bad story is one
line on stderr and exit status 2), then serves it with ``tui.serve_readers``
until Ctrl+C, which closes every reader before the server exits.

Safe by default: the server listens on 127.0.0.1 unless ``--host`` says
otherwise (and then warns); the story's path is fixed here, made absolute and
handed to each reader as one argument of an argument list; at most
``--max-sessions`` readers run at once. Resume positions belong to the server
(a folder of its own, removed when it stops), not to the terminal reader,
unless ``--state-dir`` names a folder to keep them in.

textual-serve is an optional extra (``rawi[serve]``); without it the command
says in one line how to install it and exits with status 2.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import ipaddress
import os
import shutil
import sys
import tempfile
import threading
import webbrowser
from collections.abc import Iterator, Sequence
from pathlib import Path

import tui
from tui.rtl.sanitize import clean_text

INSTALL_HINT = "rawi serve needs textual-serve: pip install 'rawi[serve]'"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_MAX_SESSIONS = 16


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rawi serve",
        description="Serve the reader to web browsers: every tab gets its own reader "
        "of the same story.",
    )
    parser.add_argument(
        "story",
        nargs="?",
        help="a story file (.toml) or a plain-text article; the bundled story if omitted",
    )
    parser.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help="address to listen on (default: %(default)s, this machine only)",
    )
    parser.add_argument(
        "--port",
        type=_port,
        default=DEFAULT_PORT,
        help="port to listen on; 0 picks a free one (default: %(default)s)",
    )
    parser.add_argument(
        "--lang", choices=("ar", "en"), help="language of the interface (default: the story's)"
    )
    parser.add_argument("--open", action="store_true", help="open the page in a web browser")
    parser.add_argument(
        "--state-dir",
        help="keep resume positions in this folder (default: a folder of the server's "
        "own, removed when it stops)",
    )
    parser.add_argument(
        "--max-sessions",
        type=_positive_int,
        default=DEFAULT_MAX_SESSIONS,
        help="readers open at once, at most (default: %(default)s)",
    )
    return parser


def _port(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a port number, got {value!r}") from None
    if not 0 <= number <= 65535:
        raise argparse.ArgumentTypeError(f"expected a port from 0 to 65535, got {number}")
    return number


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected at least 1, got {number}")
    return number


def is_loopback(host: str) -> bool:
    """True when only this machine can reach ``host``."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a name: it may resolve to anything


def reader_argv(story: Path, language: str | None) -> list[str]:
    """The argument list that starts one reader of ``story``, never a shell string.

    ``-P`` keeps the reader from importing a ``tui`` that happens to be in
    the server's working folder (PYTHONPATH names the server's own, see
    ``reader_environment``); ``--`` keeps a path that starts with ``-`` a path.
    """
    argv = [sys.executable, "-P", "-m", "tui"]
    if language is not None:
        argv += ["--lang", language]
    return [*argv, "--", str(story)]


def reader_environment(state_dir: Path) -> dict[str, str]:
    """What each reader's environment adds to the server's."""
    package_root = str(Path(tui.__file__).resolve().parent.parent)
    inherited = os.environ.get("PYTHONPATH")
    python_path = package_root if not inherited else f"{package_root}{os.pathsep}{inherited}"
    return {"RAWI_STATE_DIR": str(state_dir), "PYTHONPATH": python_path}


@contextlib.contextmanager
def _positions_folder(requested: str | None) -> Iterator[Path]:
    if requested is not None:
        yield Path(requested).absolute()
        return
    folder = Path(tempfile.mkdtemp(prefix="rawi-serve-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _say(line: str) -> None:
    # Paths and titles come from files: cleaned, so they cannot move the cursor.
    print(f"rawi serve: {clean_text(line)}", flush=True)


def main(argv: Sequence[str]) -> int:
    """Run ``rawi serve``; 0 when stopped by Ctrl+C, 2 for a bad story or arguments."""
    args = _parser().parse_args(list(argv))
    from tui.locations import default_story, terminal_fonts
    from tui.story import StoryError, load_story

    # An empty argument is a path too, as for the reader.
    story_path = Path(args.story) if args.story is not None else default_story()
    try:
        story = load_story(story_path)
    except StoryError as error:
        from tui.cli import tell_problems

        tell_problems(error)  # one line per problem, as the reader says them
        return 2
    try:
        from tui.serve_readers import StoryServer
    except ImportError:
        print(INSTALL_HINT, file=sys.stderr)
        return 2
    if not is_loopback(args.host):
        print(
            f"rawi serve: warning: listening on {clean_text(args.host)}: anyone who can "
            "reach this address can read the story",
            file=sys.stderr,
            flush=True,
        )
    language = args.lang or ("ar" if story.language == "ar" else "en")
    title = story.title_en if language == "en" and story.title_en else story.title
    fonts = terminal_fonts()
    if not fonts:
        _say(
            "DejaVu Sans Mono is not installed (Debian: fonts-dejavu-core): browsers "
            "will draw Arabic with a font of their own"
        )
    with _positions_folder(args.state_dir) as state:
        server = StoryServer(
            reader_argv=reader_argv(story_path.absolute(), args.lang),
            environment=reader_environment(state),
            title=title,
            language=language,
            max_sessions=args.max_sessions,
            fonts=fonts,
            log=_say,
        )

        def ready(url: str) -> None:
            _say(f"reading {story_path} at {url} (positions in {state})")
            _say(f"at most {args.max_sessions} readers at once; Ctrl+C stops")
            if args.open:
                # A console browser (lynx, w3m) would hold this thread until it
                # ends, and the server could not answer it: a thread of its own.
                threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()

        return asyncio.run(server.run(args.host, args.port, ready))
