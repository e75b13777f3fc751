"""Building a ``Story`` from a plain text file, such as the verbatim article.

The first non-empty line is the title; paragraphs are separated by blank
lines. A paragraph that is a lone http(s) URL of an image (.jpg .jpeg .png
.gif .webp) becomes an ``Image`` captioned with its file name. A paragraph
that repeats the title word for word right after it (news pages print their
headline twice) is skipped: nothing is lost, it is the title. Chapters are
made every few paragraphs, never splitting one, and titled with the first
words of their first paragraph. The timeline and the quotes are what
``tui.story.detect`` finds, conservatively: dates written with a word that
makes them dates, and speech between quotation marks.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from urllib.parse import urlsplit

from tui.rtl.sanitize import clean_text
from tui.story.detect import detect_quotes, detect_timeline
from tui.story.errors import StoryError
from tui.story.language import UNDETERMINED, text_direction
from tui.story.model import Block, Chapter, Image, Paragraph, Story
from tui.story.visible import looks_blank

IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".gif", ".webp")
# A chapter closes once it holds this many paragraphs or characters.
PARAGRAPHS_PER_CHAPTER = 4
CHARACTERS_PER_CHAPTER = 2500
TITLE_WORDS = 5


def _chunks(text: str) -> list[tuple[int, str]]:
    """The blank-line-separated chunks of ``text``, each with its first line number."""
    chunks: list[tuple[int, str]] = []
    current: list[str] = []
    first_line = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            if not current:
                first_line = number
            current.append(line)
        elif current:
            chunks.append((first_line, "\n".join(current).strip()))
            current = []
    if current:
        chunks.append((first_line, "\n".join(current).strip()))
    return chunks


_SPACE = re.compile(r"\s")


def _image_url(chunk: str) -> str | None:
    # A regex search, not a loop in Python: a paragraph can be a megabyte
    # without a space.
    if _SPACE.search(chunk):
        return None
    parts = urlsplit(chunk)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    if not parts.path.lower().endswith(IMAGE_EXTENSIONS):
        return None
    return chunk


# A letter or a digit (``[^\W_]`` is exactly the Unicode categories L and N)
# and the rest of its word. The class first, so that the regex engine skips
# to it at C speed.
_LETTER_ON = re.compile(r"[^\W_]\S*+")
# The text up to the last white space, read back from where it ends.
_LAST_SPACE = re.compile(r".*\s", re.DOTALL)


def _letter_words(text: str) -> Iterator[str]:
    """The words of ``text`` that hold a letter or a digit, found as they are asked for."""
    # From one letter to the next, skipping words without one (a lone
    # quotation mark) at C speed: each character is read once or twice.
    done = 0
    while letter := _LETTER_ON.search(text, done):
        space = _LAST_SPACE.match(text, done, letter.start())
        start = space.end() if space else done
        done = letter.end()
        yield text[start:done]


def chapter_title(text: str, words: int = TITLE_WORDS) -> str:
    """The first ``words`` words of ``text``, then "…" if there is more.

    Tokens without a letter or digit (a lone quotation mark) are left out, and
    punctuation at the cut (a comma) is dropped before the ellipsis.
    """
    # Only the words the title shows, and one more to know there is more: a
    # chapter can be one paragraph of megabytes.
    tokens = list(islice(_letter_words(text), words + 1))
    if len(tokens) <= words:
        return " ".join(tokens) if tokens else text.strip()
    head = " ".join(tokens[:words])
    while head and unicodedata.category(head[-1])[0] == "P":
        head = head[:-1]
    return f"{head}…"


def _chapters(blocks: Iterable[Block]) -> tuple[Chapter, ...]:
    groups: list[list[Block]] = []
    paragraphs = 0
    characters = 0
    for block in blocks:
        full = paragraphs >= PARAGRAPHS_PER_CHAPTER or characters >= CHARACTERS_PER_CHAPTER
        if not groups or (isinstance(block, Paragraph) and full):
            groups.append([])
            paragraphs = characters = 0
        groups[-1].append(block)
        if isinstance(block, Paragraph):
            paragraphs += 1
            characters += len(block.text)
    chapters: list[Chapter] = []
    for index, group in enumerate(groups):
        first = next((b for b in group if isinstance(b, Paragraph)), None)
        if first is not None:
            title = chapter_title(first.text)
        else:
            title = group[0].caption if isinstance(group[0], Image) else group[0].text
        chapters.append(Chapter(f"c{index + 1}", index + 1, title, None, tuple(group)))
    return tuple(chapters)


def story_from_text(text: str, *, shown: str, path: Path, notices: Iterable[str]) -> Story:
    """The story in plain ``text`` read from ``path`` (shown as ``shown``)."""
    chunks = _chunks(clean_text(text))
    if not chunks:
        raise StoryError.single(shown, "a story", "an empty file")
    title_line, first = chunks[0]
    title, _, rest = first.partition("\n")
    title = title.strip()
    if looks_blank(title):
        raise StoryError.single(
            shown,
            "a first line with visible characters (the title)",
            "only invisible characters (zero-width, format or combining marks)",
            line=title_line,
        )
    remaining = chunks[1:]
    if rest.strip():
        remaining.insert(0, (title_line + 1, rest.strip()))
    elif remaining and remaining[0][1] == title:
        remaining = remaining[1:]
    blocks: list[Block] = []
    images = 0
    paragraphs = 0
    for _, chunk in remaining:
        url = _image_url(chunk)
        if url is not None:
            images += 1
            name = urlsplit(url).path.rsplit("/", 1)[-1]
            blocks.append(Image(f"img{images}", url, name, None))
        else:
            paragraphs += 1
            blocks.append(Paragraph(f"p{paragraphs}", chunk))
    if not paragraphs:
        got = "only images" if blocks else "only the title"
        raise StoryError.single(
            shown, "at least one paragraph after the title", got, line=title_line
        )
    texts = [block.text for block in blocks if isinstance(block, Paragraph)]
    chapters = _chapters(blocks)
    return Story(
        title=title,
        title_en=None,
        language=UNDETERMINED,
        direction=text_direction([title, *texts]),
        source_url=None,
        source_name=None,
        chapters=chapters,
        timeline=detect_timeline(chapters),
        quotes=detect_quotes(chapters),
        path=path,
        notices=tuple(notices),
    )
