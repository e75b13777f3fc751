"""Write a large story for the benchmarks, grown from the seed's own paragraphs.

``make_story(size_bytes)`` returns the TOML text of a story of about that many
bytes: the seven paragraphs of ``seeds/jamali.toml`` copied over and over, each
copy numbered and varied (its clauses rotated, so no two neighbouring copies
read alike), gathered into chapters of 20 to 40 blocks with an image every few
paragraphs. Timeline events and quotes are the seed's, re-anchored on the
copies that still hold their phrase word for word. The same size and seed
always give the same file.

    .venv/bin/python benchmarks/make_story.py --size-mb 1 -o /tmp/story-1mb.toml
    .venv/bin/python benchmarks/make_story.py --kind paragraph-txt --size-mb 4 -o /tmp/p4.txt

Other shapes (``--kind``): see ``shape_text`` and ``story_shapes``.

The file is loaded with ``tui.story.load_story`` before the command returns, so
a story it writes is one ``rawi`` opens.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

# Run as a script from anywhere: the repository root holds the ``tui`` package.
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tui.story import Image, Story, load_story  # noqa: E402

SEED = ROOT / "seeds" / "jamali.toml"
#: a megabyte, as the benchmark's sizes count it
MEGABYTE = 1_000_000
#: the Arabic comma and the space after it: where a seed paragraph's clauses meet
CLAUSE = "، "
#: blocks per chapter, drawn at random between these
CHAPTER_BLOCKS = (20, 40)
#: one image after about this many paragraphs
IMAGE_EVERY = 8
#: chance that a copy holding a seed event's phrase gets that event too
EVENT_CHANCE = 0.5
#: chance that a copy holding a seed quote gets that quote too
QUOTE_CHANCE = 0.5


@dataclass(frozen=True, slots=True)
class SeedEvent:
    """A timeline event of the seed, by the paragraph that tells it."""

    paragraph_id: str
    phrase: str
    year: int
    month: int | None
    approximate: str | None
    label: str
    label_en: str | None


@dataclass(frozen=True, slots=True)
class SeedQuote:
    """A quote of the seed, by the paragraph it is said in."""

    paragraph_id: str
    text: str
    speaker: str
    speaker_en: str | None


def toml_string(text: str) -> str:
    """``text`` as a TOML string: literal (between ``'``) when it can be, else basic."""
    if "'" not in text and "\n" not in text and text.isprintable():
        return f"'{text}'"
    # A JSON string is a TOML basic string, once DEL (which TOML wants escaped) is.
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def vary(text: str, copy: int) -> str:
    """Copy number ``copy`` of a seed paragraph: its clauses rotated, and numbered."""
    body = text.rstrip(".")
    clauses = body.split(CLAUSE)
    turn = copy % len(clauses)
    rotated = CLAUSE.join(clauses[turn:] + clauses[:turn])
    return f"{rotated}. (الرواية {copy})"


class StoryWriter:
    """The TOML text of a generated story, built table by table."""

    def __init__(self, title: str, title_en: str | None) -> None:
        self.head = [
            "# A story generated for Rawi's benchmarks by benchmarks/make_story.py",
            "# from the paragraphs of seeds/jamali.toml. Format: docs/story-format.md",
            "",
            "[story]",
            "format = 1",
            f"title = {toml_string(title)}",
        ]
        if title_en:
            self.head.append(f"title_en = {toml_string(title_en)}")
        self.head += ['language = "ar"', 'source_name = "Rawi benchmarks"', ""]
        self.chapters: list[str] = []
        self.anchors: list[str] = []
        self.size = sum(len(line.encode()) + 1 for line in self.head)

    def _add(self, into: list[str], lines: Sequence[str]) -> None:
        into.extend(lines)
        into.append("")
        self.size += sum(len(line.encode()) + 1 for line in lines) + 1

    def chapter(self, chapter_id: str, title: str, title_en: str | None) -> None:
        lines = ["[[chapters]]", f'id = "{chapter_id}"', f"title = {toml_string(title)}"]
        if title_en:
            lines.append(f"title_en = {toml_string(title_en)}")
        self._add(self.chapters, lines)

    def paragraph(self, block_id: str, text: str) -> None:
        self._add(
            self.chapters,
            ["[[chapters.blocks]]", f'id = "{block_id}"', f"text = {toml_string(text)}"],
        )

    def image(self, block_id: str, image: Image, number: int) -> None:
        lines = [
            "[[chapters.blocks]]",
            f'id = "{block_id}"',
            f"image = {toml_string(image.url)}",
            f"caption = {toml_string(f'{image.caption} ({number})')}",
        ]
        if image.caption_en:
            lines.append(f"caption_en = {toml_string(f'{image.caption_en} ({number})')}")
        self._add(self.chapters, lines)

    def event(
        self,
        event_id: str,
        event: SeedEvent,
        paragraph_id: str,
        copy: int,
        occurrence: int | None = None,
    ) -> None:
        lines = [
            "[[timeline]]",
            f'id = "{event_id}"',
            f"year = {event.year}",
        ]
        if event.month is not None:
            lines.append(f"month = {event.month}")
        if event.approximate is not None:
            lines.append(f'approximate = "{event.approximate}"')
        lines.append(f"label = {toml_string(f'{event.label} ({copy})')}")
        if event.label_en:
            lines.append(f"label_en = {toml_string(f'{event.label_en} ({copy})')}")
        lines += [f'paragraph = "{paragraph_id}"', f"phrase = {toml_string(event.phrase)}"]
        if occurrence is not None:
            lines.append(f"occurrence = {occurrence}")
        self._add(self.anchors, lines)

    def quote(self, quote_id: str, quote: SeedQuote, paragraph_id: str) -> None:
        lines = [
            "[[quotes]]",
            f'id = "{quote_id}"',
            f"text = {toml_string(quote.text)}",
            f"speaker = {toml_string(quote.speaker)}",
        ]
        if quote.speaker_en:
            lines.append(f"speaker_en = {toml_string(quote.speaker_en)}")
        lines.append(f'paragraph = "{paragraph_id}"')
        self._add(self.anchors, lines)

    def text(self) -> str:
        return "\n".join(self.head + self.chapters + self.anchors)


def make_story(
    size_bytes: int,
    seed: int = 2013,
    source: Story | None = None,
    *,
    chapters: int | None = None,
    chapter_blocks: tuple[int, int] = CHAPTER_BLOCKS,
) -> str:
    """The TOML text of a story of about ``size_bytes`` bytes (never fewer than one chapter).

    With ``chapters``, the story has exactly that many chapters of
    ``chapter_blocks`` blocks each, whatever its size.
    """
    story = source if source is not None else load_story(SEED)
    rng = random.Random(seed)
    paragraphs = list(story.paragraphs)
    images = [
        block for chapter in story.chapters for block in chapter.blocks if isinstance(block, Image)
    ]
    chapter_titles = [(chapter.title, chapter.title_en) for chapter in story.chapters]
    events: dict[str, list[SeedEvent]] = {}
    for event in story.timeline:
        events.setdefault(event.anchor.paragraph_id, []).append(
            SeedEvent(
                event.anchor.paragraph_id,
                event.anchor.phrase,
                event.year,
                event.month,
                event.approximate,
                event.label,
                event.label_en,
            )
        )
    quotes: dict[str, list[SeedQuote]] = {}
    for quote in story.quotes:
        # Only quotes anchored on their own words: a copy is checked for ``text``.
        if quote.anchor.phrase == quote.text:
            quotes.setdefault(quote.anchor.paragraph_id, []).append(
                SeedQuote(quote.anchor.paragraph_id, quote.text, quote.speaker, quote.speaker_en)
            )

    writer = StoryWriter(f"{story.title} (نسخة القياس)", f"{story.title_en} (benchmark copy)")
    copy = 0
    chapter_number = 0
    image_number = 0
    event_number = 0
    quote_number = 0

    def more_chapters() -> bool:
        if chapters is not None:
            return chapter_number < chapters
        return chapter_number == 0 or writer.size < size_bytes

    while more_chapters():
        chapter_number += 1
        title, title_en = chapter_titles[(chapter_number - 1) % len(chapter_titles)]
        writer.chapter(
            f"c{chapter_number}",
            f"{title} {chapter_number}",
            f"{title_en} {chapter_number}" if title_en else None,
        )
        blocks = rng.randint(*chapter_blocks)
        for _ in range(blocks):
            copy += 1
            seed_paragraph = paragraphs[rng.randrange(len(paragraphs))]
            text = vary(seed_paragraph.text, copy)
            paragraph_id = f"p{copy}"
            writer.paragraph(paragraph_id, text)
            for seed_event in events.get(seed_paragraph.id, ()):
                if text.count(seed_event.phrase) == 1 and rng.random() < EVENT_CHANCE:
                    event_number += 1
                    writer.event(f"e{event_number}", seed_event, paragraph_id, copy)
                    break
            for seed_quote in quotes.get(seed_paragraph.id, ()):
                if text.count(seed_quote.text) == 1 and rng.random() < QUOTE_CHANCE:
                    quote_number += 1
                    writer.quote(f"q{quote_number}", seed_quote, paragraph_id)
            if images and rng.randrange(IMAGE_EVERY) == 0:
                image_number += 1
                writer.image(f"img{image_number}", images[image_number % len(images)], image_number)
            if chapters is None and writer.size >= size_bytes:
                break
    return writer.text()


def write_story(path: Path, size_mb: float, seed: int = 2013) -> Story:
    """Write a story of about ``size_mb`` megabytes to ``path``; the story as loaded back."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(make_story(round(size_mb * MEGABYTE), seed), encoding="utf-8")
    return load_story(path)


def summary(story: Story, path: Path) -> str:
    """One line that says what was written."""
    paragraphs = len(story.paragraphs)
    return (
        f"{path}: {path.stat().st_size / MEGABYTE:.2f} MB, {len(story.chapters)} chapters, "
        f"{paragraphs} paragraphs, {len(story.timeline)} timeline events, "
        f"{len(story.quotes)} quotes"
    )


#: the shapes ``--kind`` chooses from (see ``story_shapes``)
KINDS = (
    "mixed",
    "chapters",
    "annotated",
    "paragraph",
    "paragraph-txt",
    "anchors",
    "anchors-rare",
)


def shape_text(
    kind: str,
    size_mb: float = 1.0,
    *,
    chapters: int = 5000,
    events: int = 10_000,
    quotes: int = 10_000,
    seed: int = 2013,
) -> str:
    """The text of a story of ``kind`` (one of ``KINDS``); which arguments count depends on it.

    mixed: ``size_mb``; chapters: ``chapters`` chapters of one paragraph each;
    annotated: ``events`` and ``quotes``; paragraph and paragraph-txt: one
    paragraph of ``size_mb``; anchors: one paragraph of ``size_mb`` and
    ``events`` events on one letter; anchors-rare: the same on a word that
    occurs once in each copy of a seed paragraph.
    """
    import story_shapes

    size = round(size_mb * MEGABYTE)
    source = load_story(SEED)
    if kind == "mixed":
        return make_story(size, seed, source)
    if kind == "chapters":
        return make_story(0, seed, source, chapters=chapters, chapter_blocks=(1, 1))
    if kind == "annotated":
        return story_shapes.annotated_story(events, quotes, seed, source)
    if kind == "paragraph":
        return story_shapes.one_paragraph_story(size, seed, source)
    if kind == "paragraph-txt":
        return story_shapes.one_paragraph_text(size, seed, source)
    if kind == "anchors":
        return story_shapes.many_anchors_story(size, events, seed, source)
    if kind == "anchors-rare":
        return story_shapes.many_anchors_story(size, events, seed, source, story_shapes.RARE_WORD)
    raise ValueError(f"unknown kind of story {kind!r}; expected one of {', '.join(KINDS)}")


def write_shape(path: Path, kind: str, size_mb: float = 1.0, **counts: int) -> Path:
    """Write a story of ``kind`` to ``path`` (see ``shape_text``); ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(shape_text(kind, size_mb, **counts), encoding="utf-8")
    return path


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--kind",
        choices=KINDS,
        default="mixed",
        help="mixed: chapters like the seed's (default); chapters: many one-paragraph "
        "chapters; annotated: many events and quotes; paragraph, paragraph-txt: one "
        "paragraph (TOML, plain text); anchors: one paragraph, events on one letter",
    )
    parser.add_argument(
        "--size-mb", type=float, default=1.0, help="about how large, in MB of 10^6 bytes"
    )
    parser.add_argument("--chapters", type=int, default=5000, help="for --kind chapters")
    parser.add_argument("--events", type=int, help="for annotated (10,000) and anchors (300)")
    parser.add_argument("--quotes", type=int, default=10_000, help="for --kind annotated")
    parser.add_argument("-o", "--output", type=Path, required=True, help="the story file to write")
    parser.add_argument("--seed", type=int, default=2013, help="random seed (default 2013)")
    parser.add_argument(
        "--no-check", action="store_true", help="do not load the story written (slow ones)"
    )
    args = parser.parse_args(argv)
    if args.size_mb <= 0:
        parser.error("--size-mb must be more than 0")
    events = args.events
    if events is None:
        events = 300 if args.kind.startswith("anchors") else 10_000
    write_shape(
        args.output,
        args.kind,
        args.size_mb,
        chapters=args.chapters,
        events=events,
        quotes=args.quotes,
        seed=args.seed,
    )
    if args.no_check:
        print(f"{args.output}: {args.output.stat().st_size / MEGABYTE:.2f} MB")
    else:
        print(summary(load_story(args.output), args.output))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
