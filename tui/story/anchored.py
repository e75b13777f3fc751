"""The sections of a story file tied to words of its text: ``[[timeline]]`` and ``[[quotes]]``.

Each is a ``Section`` of ``tui.story.assembly``: read once the chapters are
known, each entry anchored to a phrase of a paragraph (``read_anchor``), the
phrase found by the assembly's ``PhraseFinder``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tui.story.anchors import AnchorMiss
from tui.story.locator import Key
from tui.story.model import Anchor, Approximate, Image, Paragraph, Quote, TimelineEvent
from tui.story.toml_schema import Table, excerpt

if TYPE_CHECKING:
    from tui.story.assembly import StoryAssembly

_EVENT_KEYS = (
    "id",
    "year",
    "month",
    "approximate",
    "label",
    "label_en",
    "paragraph",
    "phrase",
    "occurrence",
)
_QUOTE_KEYS = ("id", "text", "speaker", "speaker_en", "paragraph", "phrase", "occurrence")

_KINDS = {
    "chapters": "a chapter",
    "timeline": "a timeline event",
    "quotes": "a quote",
    "eras": "an era",
    "places": "a place",
}


def read_timeline(assembly: StoryAssembly, value: object, where: Key) -> dict[str, Any]:
    """The ``timeline`` field: the events, in chronological order."""
    events: list[TimelineEvent] = []
    for index, item in enumerate(assembly.paced(assembly.tables(value, where, "timeline"))):
        event = _event(assembly, item, (*where, index))
        if event is not None:
            events.append(event)
    return {"timeline": tuple(sorted(events, key=lambda event: event.sort_key))}


def read_quotes(assembly: StoryAssembly, value: object, where: Key) -> dict[str, Any]:
    """The ``quotes`` field, in the order of the file."""
    quotes: list[Quote] = []
    for index, item in enumerate(assembly.paced(assembly.tables(value, where, "quotes"))):
        quote = _quote(assembly, item, (*where, index))
        if quote is not None:
            quotes.append(quote)
    return {"quotes": tuple(quotes)}


def _event(assembly: StoryAssembly, item: Table, where: Key) -> TimelineEvent | None:
    assembly.table(item, where, _EVENT_KEYS)
    event_id = assembly.identifier(item, where)
    year = assembly.integer(
        item, where, "year", required=True, low=1, high=9999, expected="a year from 1 to 9999"
    )
    month = assembly.integer(
        item, where, "month", required=False, low=1, high=12, expected="a month from 1 to 12"
    )
    approximate: Approximate | None = None
    rough = assembly.text(item, where, "approximate", required=False)
    if rough is not None:
        if rough == "start":
            approximate = "start"
        elif rough == "end":
            approximate = "end"
        else:
            assembly.problem((*where, "approximate"), '"start" or "end"', excerpt(rough))
        if "month" in item:
            assembly.problem(
                (*where, "approximate"), "either month or approximate, not both", "both"
            )
    label = assembly.title(item, where, "label", required=True)
    label_en = assembly.title(item, where, "label_en", required=False)
    anchor = read_anchor(assembly, item, where, default_phrase=None)
    if event_id is None or year is None or label is None or anchor is None:
        return None
    return TimelineEvent(event_id, year, month, approximate, label, label_en, anchor)


def _quote(assembly: StoryAssembly, item: Table, where: Key) -> Quote | None:
    assembly.table(item, where, _QUOTE_KEYS)
    quote_id = assembly.identifier(item, where)
    text = assembly.text(item, where, "text", required=True)
    speaker = assembly.title(item, where, "speaker", required=True)
    speaker_en = assembly.title(item, where, "speaker_en", required=False)
    anchor = read_anchor(assembly, item, where, default_phrase=text)
    if quote_id is None or text is None or speaker is None or anchor is None:
        return None
    return Quote(quote_id, text, speaker, speaker_en, anchor)


def read_anchor(
    assembly: StoryAssembly, item: Table, where: Key, default_phrase: str | None
) -> Anchor | None:
    """Where the words of ``phrase`` (or, for a quote, its text) stand in ``paragraph``."""
    paragraph_id = assembly.text(item, where, "paragraph", required=True)
    if "phrase" in item or default_phrase is None:
        phrase_key = "phrase"
        phrase = assembly.text(item, where, "phrase", required=True)
    else:
        phrase_key = "text"
        phrase = default_phrase
    occurrence = assembly.integer(
        item,
        where,
        "occurrence",
        required=False,
        low=1,
        high=1_000_000,
        expected="a count from 1 (which occurrence of the phrase)",
    )
    if paragraph_id is None or phrase is None or ("occurrence" in item and occurrence is None):
        return None
    block = assembly.blocks.get(paragraph_id)
    if not isinstance(block, Paragraph):
        owner = assembly.ids.get(paragraph_id)
        if isinstance(block, Image):
            got = f'"{paragraph_id}", the id of an image'
        elif owner is not None and "blocks" in owner:
            # The paragraph itself is broken and already reported.
            return None
        elif owner is not None:
            kind = _KINDS.get(str(owner[0])) or f"an entry of [[{owner[0]}]]"
            got = f'"{paragraph_id}", the id of {kind}'
        else:
            got = f'"{paragraph_id}", which no paragraph has'
        assembly.problem((*where, "paragraph"), "the id of a paragraph", got)
        return None
    start = assembly.phrases.locate(paragraph_id, block.text, phrase, occurrence, phrase_key)
    if isinstance(start, AnchorMiss):
        assembly.problem((*where, start.key), start.expected, start.got)
        return None
    return Anchor(
        paragraph_id, phrase, start, start + len(phrase), assembly.chapter_of[paragraph_id]
    )
