"""``StoryError`` and ``Problem``: what is wrong with a story file, and where.

Every problem names the file, the line (when there is one), the field (when
there is one) and what was expected, on one line, the way compilers and
linters report (so that an editor can jump to it):
``seeds/x.toml:14: chapters[2].blocks[1].text: expected a non-empty string,
got an integer (5)``. A ``StoryError`` holds every problem found in the file.
"""

from __future__ import annotations

from typing import NamedTuple

from tui.rtl.sanitize import clean_text
from tui.story.visible import show_bidi_controls


def _one_line(text: str) -> str:
    # Messages quote file names and file content: neither may carry a control
    # character to the terminal, nor break the message over two lines, nor
    # reverse the rest of the message with a BiDi override.
    return show_bidi_controls(clean_text(text).replace("\n", "\u240a"))


class Problem(NamedTuple):
    """One thing wrong with a story file.

    ``field`` is a path such as ``chapters[2].blocks[1].text`` (positions count
    from 1: ``chapters[2]`` is the second ``[[chapters]]`` table); ``expected``
    says what should be there and ``got`` what is there instead.
    """

    path: str
    line: int | None
    field: str | None
    expected: str
    got: str | None = None

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        if self.field is not None:
            where += f": {self.field}"
        message = f"{where}: expected {self.expected}"
        if self.got is not None:
            message += f", got {self.got}"
        return _one_line(message)


class StoryError(Exception):
    """A story file that cannot be read; ``problems`` lists all that was found.

    ``path``, ``line``, ``field`` and ``expected`` are those of the first
    problem; ``str(error)`` is every problem, one per line, in file order.
    """

    def __init__(self, problems: list[Problem]) -> None:
        if not problems:
            raise ValueError("a StoryError needs at least one problem")
        # The first problem told is the first in the file, as a reader
        # fixing them top to bottom expects; problems without a line last.
        self.problems: tuple[Problem, ...] = tuple(
            sorted(problems, key=lambda p: (p.line is None, p.line or 0))
        )
        first = self.problems[0]
        self.path: str = first.path
        self.line: int | None = first.line
        self.field: str | None = first.field
        self.expected: str = first.expected
        self.got: str | None = first.got
        super().__init__(self._message())

    def _message(self) -> str:
        return "\n".join(str(problem) for problem in self.problems)

    @property
    def lines(self) -> list[str]:
        """The problems, one line each, in file order."""
        return [str(problem) for problem in self.problems]

    def __str__(self) -> str:
        return self._message()

    def __reduce__(self) -> tuple[type[StoryError], tuple[list[Problem]]]:
        # Keeps the error picklable (a worker thread or process may raise it).
        return (StoryError, (list(self.problems),))

    @classmethod
    def single(
        cls,
        path: str,
        expected: str,
        got: str | None = None,
        *,
        line: int | None = None,
        field: str | None = None,
    ) -> StoryError:
        """An error with a single problem."""
        return cls([Problem(path, line, field, expected, got)])
