"""Anchor resolution: where the words a timeline event or a quote names stand in its paragraph.

An anchor names a paragraph, a phrase and, when the phrase occurs more than
once, which occurrence is meant. ``PhraseFinder`` answers for all the
anchors of a story together: each phrase is searched once per paragraph
(the occurrences found are kept and the walk goes on from the last one when
a later anchor wants a further one), so that 300 anchors on one phrase of a
long paragraph cost one search, not 300. Occurrences may overlap ("aa"
occurs twice in "aaa"), as they always have in Rawi's format.

The work a file can demand is bounded: every character scanned and every
occurrence stepped over is counted against ``MAX_WORK``, and an anchor that
would pass it is refused with a problem instead of costing minutes.
"""

from __future__ import annotations

from typing import NamedTuple

from tui.story.toml_schema import MISSING, excerpt

#: the work allowed for all the anchors of a story: about a second of searching
MAX_WORK = 1 << 30
#: what stepping from one occurrence to the next costs, in characters scanned
STEP_COST = 256


class AnchorMiss(NamedTuple):
    """Why an anchor cannot be placed: ``key`` names the field at fault."""

    key: str
    expected: str
    got: str


def _has_border(phrase: str) -> bool:
    """Whether a proper prefix of ``phrase`` is also its suffix (so occurrences can overlap)."""
    # The Knuth-Morris-Pratt failure function: its last value is the
    # length of the longest proper border.
    border = [0] * len(phrase)
    length = 0
    for index in range(1, len(phrase)):
        while length and phrase[index] != phrase[length]:
            length = border[length - 1]
        if phrase[index] == phrase[length]:
            length += 1
        border[index] = length
    return bool(phrase) and border[-1] > 0


class _Occurrences:
    """The places of one phrase in one paragraph, found as far as asked."""

    __slots__ = ("exhausted", "phrase", "starts", "text", "total")

    def __init__(self, text: str, phrase: str) -> None:
        self.text = text
        self.phrase = phrase
        self.starts: list[int] = []
        self.exhausted = False
        self.total: int | None = None


class PhraseFinder:
    """Finds the phrases of a story's anchors in their paragraphs, within ``MAX_WORK``."""

    def __init__(self, budget: int = MAX_WORK) -> None:
        self._budget = budget
        self._left = budget
        self._found: dict[tuple[str, str], _Occurrences] = {}

    def locate(
        self, paragraph_id: str, text: str, phrase: str, occurrence: int | None, phrase_key: str
    ) -> int | AnchorMiss:
        """Where ``phrase`` starts in ``text`` (its ``occurrence``-th place, from 1).

        With no ``occurrence`` the phrase must occur exactly once.
        ``phrase_key`` is the field that holds the phrase, for messages.
        """
        key = (paragraph_id, phrase)
        found = self._found.get(key)
        if found is None:
            if not self._spend(len(text)):
                return self._too_costly(paragraph_id, text, phrase_key)
            found = self._found[key] = _Occurrences(text, phrase)
        wanted = 2 if occurrence is None else occurrence
        if not self._walk(found, wanted):
            return self._too_costly(paragraph_id, text, phrase_key)
        if not found.starts:
            return AnchorMiss(
                phrase_key,
                f"words that occur in paragraph {paragraph_id}",
                f"{excerpt(phrase)}, which does not",
            )
        if occurrence is None:
            if len(found.starts) == 1:
                return found.starts[0]
            count = self._count(found)
            if count is None:
                return self._too_costly(paragraph_id, text, phrase_key)
            return AnchorMiss(
                "occurrence",
                f"occurrence = 1 to {count} to say which of the {count} places"
                f" in paragraph {paragraph_id} is meant",
                MISSING,
            )
        if occurrence > len(found.starts):
            count = len(found.starts)  # the walk went to the end
            times = "once" if count == 1 else f"{count} times"
            return AnchorMiss(
                "occurrence",
                f"a count from 1 to {count} (the phrase occurs {times} in paragraph"
                f" {paragraph_id})",
                str(occurrence),
            )
        return found.starts[occurrence - 1]

    @property
    def work_done(self) -> int:
        """The work spent so far, in characters scanned (a step counts ``STEP_COST``)."""
        return self._budget - self._left

    def _spend(self, work: int) -> bool:
        if work > self._left:
            self._left = 0
            return False
        self._left -= work
        return True

    def _walk(self, found: _Occurrences, wanted: int) -> bool:
        """Find occurrences until ``wanted`` are known or there are no more; False if too costly."""
        text, phrase, starts = found.text, found.phrase, found.starts
        # _spend for each step, the budget kept in a local: one anchor of a
        # story of 10,000 takes a few steps, each worth a method call less.
        left = self._left
        while len(starts) < wanted and not found.exhausted:
            if left < STEP_COST:
                self._left = 0
                return False
            left -= STEP_COST
            start = text.find(phrase, starts[-1] + 1 if starts else 0)
            if start < 0:
                found.exhausted = True
            else:
                starts.append(start)
        self._left = left
        return True

    def _count(self, found: _Occurrences) -> int | None:
        """How many times the phrase occurs (overlaps included); None if too costly."""
        if found.total is None:
            if found.exhausted:
                found.total = len(found.starts)
            elif not _has_border(found.phrase):
                # Occurrences cannot overlap: str.count counts them all at C speed.
                if not self._spend(len(found.text)):
                    return None
                found.total = found.text.count(found.phrase)
            else:
                if not self._walk(found, len(found.text) + 1):
                    return None
                found.total = len(found.starts)
        return found.total

    def _too_costly(self, paragraph_id: str, text: str, phrase_key: str) -> AnchorMiss:
        return AnchorMiss(
            phrase_key,
            f"anchors that can be found with at most {self._budget:,} characters of searching"
            " (fewer anchors in very long paragraphs, or an occurrence nearer the start)",
            f"more searching than that in paragraph {paragraph_id} ({len(text):,} characters)",
        )
