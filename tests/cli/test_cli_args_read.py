"""``cli_args.read``: the usual command line without argparse, the same as with it.

``rawi`` and ``rawi STORY`` are read without importing argparse (1.5 ms of
every start); what they give must be what ``parser().parse_args`` gives, and
any other command line must go to argparse, errors and all.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from tui import cli_args


@pytest.mark.parametrize(
    "arguments", [[], ["story.toml"], ["قصة.txt"], [""], ["with space.toml"], ["serve.toml"]]
)
def test_the_usual_command_line_reads_as_argparse_reads_it(arguments: list[str]) -> None:
    quick = vars(cli_args.read(arguments))
    assert quick == vars(cli_args.parser().parse_args(arguments))


@pytest.mark.parametrize(
    "arguments",
    [["--print", "story.toml"], ["story.toml", "--width", "60"], ["--version"], ["-"]],
)
def test_any_option_goes_to_argparse(arguments: list[str]) -> None:
    assert vars(cli_args.read(arguments)) == vars(cli_args.parser().parse_args(arguments))


def test_two_stories_are_refused_by_argparse(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        cli_args.read(["one.toml", "two.toml"])
    assert raised.value.code == 2
    assert "unrecognized arguments: two.toml" in capsys.readouterr().err


def test_the_reader_starts_without_importing_argparse() -> None:
    program = (
        "import sys, tui.cli, tui.cli_args as a; a.read(['s.toml']); "
        "print('argparse' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"
