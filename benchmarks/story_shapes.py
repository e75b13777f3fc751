"""Stories of unusual shape for the scale benchmarks, grown from the seed's paragraphs.

``make_story.make_story`` writes stories shaped like the seed, only longer.
The stories here stress one dimension each, as the scale and hostile-input
issues describe them:

- ``one_paragraph_story`` / ``one_paragraph_text``: a single paragraph of
  N bytes, as TOML or as a plain ``.txt`` article (a title line, then the
  paragraph on one line).
- ``many_anchors_story``: one huge paragraph and 300 timeline events, each
  anchored on one occurrence of a one-letter phrase (``ا``), spread over the
  paragraph: what made anchor resolution quadratic.
- ``annotated_story``: a story of ordinary paragraphs with N timeline events
  and M quotes, anchored on words and three-word phrases that occur once in
  their paragraph (none in the first chapter, so a word of it can serve as the
  start-up marker).

The same arguments always give the same text.
"""

from __future__ import annotations

import random

from make_story import SEED, SeedEvent, SeedQuote, StoryWriter, vary

from tui.story import Story, load_story

#: the one-letter phrase the many-anchors story points at (alif, the commonest letter)
ONE_LETTER = "ا"
#: a word each copy of a seed paragraph holds once ("the story", in its number)
RARE_WORD = "(الرواية"
#: about how many bytes one event of the many-anchors story takes in the file
EVENT_BYTES = 111
#: paragraphs per chapter in the annotated story
ANNOTATED_CHAPTER = 30
#: at most this many events, and this many quotes, anchored in one paragraph
PER_PARAGRAPH = 20


def _seed(source: Story | None) -> Story:
    return source if source is not None else load_story(SEED)


def long_paragraph(size_bytes: int, seed: int = 2013, source: Story | None = None) -> str:
    """One paragraph of about ``size_bytes`` UTF-8 bytes: numbered copies of the seed's."""
    story = _seed(source)
    rng = random.Random(seed)
    texts = [paragraph.text for paragraph in story.paragraphs]
    parts: list[str] = []
    size = 0
    copy = 0
    while size < size_bytes:
        copy += 1
        part = vary(texts[rng.randrange(len(texts))], copy)
        parts.append(part)
        size += len(part.encode()) + 1
    return " ".join(parts)


def _one_chapter(writer: StoryWriter, story: Story) -> None:
    first = story.chapters[0]
    writer.chapter("c1", first.title, first.title_en)


def one_paragraph_story(size_bytes: int, seed: int = 2013, source: Story | None = None) -> str:
    """The TOML text of a story with one chapter holding one paragraph of ``size_bytes``."""
    story = _seed(source)
    writer = StoryWriter(f"{story.title} (فقرة واحدة)", f"{story.title_en} (one paragraph)")
    _one_chapter(writer, story)
    writer.paragraph("p1", long_paragraph(size_bytes, seed, story))
    return writer.text()


def one_paragraph_text(size_bytes: int, seed: int = 2013, source: Story | None = None) -> str:
    """The same paragraph as a plain-text article: a title line, a blank line, the paragraph."""
    story = _seed(source)
    return f"{story.title} (فقرة واحدة)\n\n{long_paragraph(size_bytes, seed, story)}\n"


def many_anchors_story(
    size_bytes: int,
    events: int = 300,
    seed: int = 2013,
    source: Story | None = None,
    phrase: str = ONE_LETTER,
) -> str:
    """A file of about ``size_bytes``: one paragraph and ``events`` events on ``ONE_LETTER``.

    Each event names its occurrence of the letter; the occurrences are spread
    evenly from the start of the paragraph to its end. The events are written
    short (a year and a label of two words), so that most of the file is the
    paragraph. With ``phrase=RARE_WORD``: the same events on a word that occurs
    once in each copy of a seed paragraph (the baseline of the load time: what
    resolving 300 anchors costs when each phrase has few places).
    """
    story = _seed(source)
    text = long_paragraph(anchors_paragraph_bytes(size_bytes, events), seed, story)
    count = text.count(phrase)
    if count == 0:
        raise ValueError(f"{phrase!r} does not occur in the paragraph")
    # With fewer places than events (a rare word), events share places.
    writer = StoryWriter(f"{story.title} (مراسٍ كثيرة)", f"{story.title_en} (many anchors)")
    _one_chapter(writer, story)
    writer.paragraph("p1", text)
    for number in range(events):
        writer.event(
            f"e{number + 1}",
            SeedEvent("p1", phrase, 2000 + number % 20, None, None, "حدث", None),
            "p1",
            number + 1,
            occurrence=1 + number * count // events,
        )
    return writer.text()


def anchors_paragraph_bytes(size_bytes: int, events: int = 300) -> int:
    """The size of the paragraph of a many-anchors story of ``size_bytes`` (the rest: events)."""
    return max(2_000, size_bytes - EVENT_BYTES * events)


def _marker_word(text: str, story: Story) -> str:
    """A long word of ``text`` that no title, label or speaker of the seed holds."""
    others = [story.title, *(chapter.title for chapter in story.chapters)]
    others += [event.label for event in story.timeline]
    others += [quote.speaker for quote in story.quotes]
    for word in text.split():
        if len(word) >= 5 and word.isalpha() and not any(word in other for other in others):
            return word
    raise ValueError("no word of the first paragraph can mark the first paint")


def _once(text: str, phrases: list[str]) -> list[str]:
    """The phrases that occur exactly once in ``text``, each kept once."""
    seen: set[str] = set()
    kept = []
    for phrase in phrases:
        if phrase not in seen and text.count(phrase) == 1:
            seen.add(phrase)
            kept.append(phrase)
    return kept


def annotated_story(events: int, quotes: int, seed: int = 2013, source: Story | None = None) -> str:
    """A story with ``events`` timeline events and ``quotes`` quotes on ordinary paragraphs."""
    story = _seed(source)
    rng = random.Random(seed)
    texts = [paragraph.text for paragraph in story.paragraphs]
    seed_events = list(story.timeline)
    speakers = [(quote.speaker, quote.speaker_en) for quote in story.quotes]
    writer = StoryWriter(f"{story.title} (حواشٍ كثيرة)", f"{story.title_en} (annotated)")
    copy = event_count = quote_count = 0
    chapter = 0
    marker = ""
    while event_count < events or quote_count < quotes:
        chapter += 1
        title = story.chapters[(chapter - 1) % len(story.chapters)]
        writer.chapter(f"c{chapter}", f"{title.title} {chapter}", title.title_en)
        for _ in range(ANNOTATED_CHAPTER):
            copy += 1
            text = vary(texts[rng.randrange(len(texts))], copy)
            paragraph_id = f"p{copy}"
            writer.paragraph(paragraph_id, text)
            if chapter == 1:
                # The first screen stays free of anchors, and one word of it
                # stays out of every event and quote: the first paint's marker.
                marker = marker or _marker_word(text, story)
                continue
            words = text.split()
            unique = [w for w in _once(text, [w for w in words if len(w) >= 3]) if marker not in w]
            for word in unique[:PER_PARAGRAPH]:
                if event_count == events:
                    break
                event_count += 1
                model = seed_events[event_count % len(seed_events)]
                writer.event(
                    f"e{event_count}",
                    SeedEvent(
                        paragraph_id,
                        word,
                        model.year,
                        model.month,
                        model.approximate,
                        model.label,
                        model.label_en,
                    ),
                    paragraph_id,
                    event_count,
                )
            windows = [" ".join(words[i : i + 3]) for i in range(0, len(words) - 2, 3)]
            windows = [phrase for phrase in _once(text, windows) if marker not in phrase]
            for phrase in windows[:PER_PARAGRAPH]:
                if quote_count == quotes:
                    break
                quote_count += 1
                speaker, speaker_en = speakers[quote_count % len(speakers)]
                writer.quote(
                    f"q{quote_count}",
                    SeedQuote(paragraph_id, phrase, speaker, speaker_en),
                    paragraph_id,
                )
    return writer.text()
