"""Whatever a file holds, loading it gives a Story or a StoryError, nothing else."""

from __future__ import annotations

import datetime
import json
import math
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.story import Story, StoryError, load_story

SETTINGS = settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# -- a small TOML writer (the project has no TOML writer dependency) ----------


def toml_key(key: str) -> str:
    return json.dumps(key, ensure_ascii=False)


def toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        items = (f"{toml_key(k)} = {toml_value(v)}" for k, v in value.items())
        return "{" + ", ".join(items) + "}"
    raise TypeError(value)


def toml_document(document: dict[str, object]) -> str:
    """Top-level tables as [headers], arrays of tables as [[headers]], the rest inline."""
    lines: list[str] = []
    later: list[str] = []
    for key, value in document.items():
        if isinstance(value, dict):
            later.append(f"[{toml_key(key)}]")
            later.extend(f"{toml_key(k)} = {toml_value(v)}" for k, v in value.items())
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            for item in value:
                later.append(f"\n[[{toml_key(key)}]]")
                later.extend(f"{toml_key(k)} = {toml_value(v)}" for k, v in item.items())
        else:
            lines.append(f"{toml_key(key)} = {toml_value(value)}")
    return "\n".join(lines + later) + "\n"


# -- story-shaped data, right and wrong ----------------------------------------

WORDS = ["ولد", "سنة 1974", "السِيليكون", "a", "p1", "\x1b[2J", "", "  ", "\u202e"]
texts = st.sampled_from(WORDS) | st.text(max_size=12)
paragraph_texts = st.sampled_from(["ولد سنة 1974 ولد", "a a", "السِيليكون فالي"]) | texts
ids = st.sampled_from(["p1", "p2", "c1", "e1", "q1", "img1", "bad id", ""]) | st.text(max_size=4)
urls = st.sampled_from(["https://e.com/a.jpg", "http://e.com/b.png", "ftp://e.com/c", "x"])
scalars = (
    texts
    | st.integers(-3, 10_001)
    | st.booleans()
    | st.floats(allow_nan=True)
    | st.dates(min_value=datetime.date(1, 1, 1))
)
anything = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
    max_leaves=6,
)


def maybe(values: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    return values | scalars


blocks = st.fixed_dictionaries(
    {},
    optional={
        "id": ids,
        "text": maybe(paragraph_texts),
        "image": maybe(urls),
        "caption": texts,
        "caption_en": texts,
        "colour": anything,
    },
)
chapters = st.fixed_dictionaries(
    {},
    optional={
        "id": ids,
        "title": texts,
        "title_en": maybe(texts),
        "blocks": st.lists(blocks, max_size=3) | anything,
    },
)
anchor_keys = {
    "paragraph": maybe(ids),
    "phrase": maybe(texts),
    "occurrence": st.integers(-1, 3) | scalars,
}
events = st.fixed_dictionaries(
    {},
    optional={
        "id": ids,
        "year": st.integers(-1, 10_001) | scalars,
        "month": st.integers(-1, 13) | scalars,
        "approximate": st.sampled_from(["start", "end", "mid"]) | scalars,
        "label": texts,
        "label_en": texts,
        **anchor_keys,
    },
)
quotes = st.fixed_dictionaries(
    {},
    optional={"id": ids, "text": texts, "speaker": texts, "speaker_en": texts, **anchor_keys},
)
story_tables = st.fixed_dictionaries(
    {},
    optional={
        "title": maybe(texts),
        "title_en": texts,
        "language": st.sampled_from(["ar", "en", "und", "ar-Latn", "x y", ""]) | scalars,
        "direction": st.sampled_from(["rtl", "ltr", "up"]) | scalars,
        "source_url": urls,
        "source_name": texts,
        "article": st.sampled_from(["a.txt", "/abs", "../x", ""]) | scalars,
        "format": st.integers(0, 2) | scalars,
    },
)
documents = st.fixed_dictionaries(
    {},
    optional={
        "story": story_tables | anything,
        "chapters": st.lists(chapters, max_size=3) | anything,
        "timeline": st.lists(events, max_size=3) | anything,
        "quotes": st.lists(quotes, max_size=2) | anything,
        "extra": anything,
    },
)


GOOD_PARAGRAPHS = [
    "ولد سنة 1974 في المغرب",
    "Born in 1974, السِيليكون later.",
    "سنة 1974 ثم سنة 1974",
]
PHRASES = ["سنة 1974", "1974"]


@st.composite
def stories(draw: st.DrawFn, corrupt: bool) -> dict[str, object]:
    """A story that is valid by construction, then (if ``corrupt``) broken in one place."""
    paragraphs: dict[str, str] = {}
    chapter_tables: list[dict[str, object]] = []
    count = 0
    for chapter in range(draw(st.integers(1, 3))):
        block_tables: list[dict[str, object]] = []
        for _ in range(draw(st.integers(1, 3))):
            count += 1
            if count == 1 or draw(st.booleans()):
                text = draw(st.sampled_from(GOOD_PARAGRAPHS))
                paragraphs[f"p{count}"] = text
                block_tables.append({"id": f"p{count}", "text": text})
            else:
                url = draw(st.sampled_from(["https://e.com/a.jpg", "http://e.com/b.png"]))
                block_tables.append({"id": f"i{count}", "image": url, "caption": "صورة"})
        chapter_tables.append({"id": f"c{chapter}", "title": "فصل", "blocks": block_tables})

    def anchored(prefix: str, index: int) -> dict[str, object]:
        paragraph = draw(st.sampled_from(sorted(paragraphs)))
        phrase = draw(st.sampled_from([p for p in PHRASES if p in paragraphs[paragraph]]))
        table: dict[str, object] = {"id": f"{prefix}{index}", "paragraph": paragraph}
        table["phrase"] = phrase
        found = paragraphs[paragraph].count(phrase)
        if found > 1 or draw(st.booleans()):
            table["occurrence"] = draw(st.integers(1, found))
        return table

    events = []
    for index in range(draw(st.integers(0, 3))):
        event = anchored("e", index)
        event.update(year=draw(st.integers(1, 9999)), label="حدث")
        when = draw(st.sampled_from(["year", "month", "start", "end"]))
        if when == "month":
            event["month"] = draw(st.integers(1, 12))
        elif when != "year":
            event["approximate"] = when
        events.append(event)
    quote_tables = []
    for index in range(draw(st.integers(0, 2))):
        quote = anchored("q", index)
        quote.update(text=quote.pop("phrase"), speaker="هو")
        quote_tables.append(quote)
    story: dict[str, object] = {
        "title": "حكاية",
        "language": draw(st.sampled_from(["ar", "en", "und"])),
    }
    document: dict[str, object] = {"story": story, "chapters": chapter_tables}
    if events:
        document["timeline"] = events
    if quote_tables:
        document["quotes"] = quote_tables
    if corrupt:
        tables: list[dict[str, object]] = [document, story, *chapter_tables, *events, *quote_tables]
        for chapter_table in chapter_tables:
            tables.extend(chapter_table["blocks"])  # type: ignore[arg-type]
        table = draw(st.sampled_from(tables))
        keys = [*sorted(table), "typo", "month", "occurrence", "year"]
        table[draw(st.sampled_from(keys))] = draw(anything)
    return document


@SETTINGS
@given(document=stories(corrupt=False))
def test_valid_stories_load(tmp_path: Path, document: dict[str, object]) -> None:
    path = tmp_path / "fuzz.toml"
    path.write_text(toml_document(document), encoding="utf-8")
    story = load_story(path)
    assert [event.sort_key for event in story.timeline] == sorted(
        event.sort_key for event in story.timeline
    )
    for anchor in [e.anchor for e in story.timeline] + [q.anchor for q in story.quotes]:
        text = story.paragraph(anchor.paragraph_id).text
        assert text[anchor.start : anchor.end] == anchor.phrase
        assert story.chapters[anchor.chapter_index].blocks


@SETTINGS
@given(document=stories(corrupt=True))
def test_stories_broken_in_one_place(tmp_path: Path, document: dict[str, object]) -> None:
    path = tmp_path / "fuzz.toml"
    path.write_text(toml_document(document), encoding="utf-8")
    load_or_error(path)


def load_or_error(path: Path) -> Story | StoryError:
    try:
        return load_story(path)
    except StoryError as error:
        # One line per problem, each a whole problem.
        assert str(error).split("\n") == [str(problem) for problem in error.problems]
        assert all("\n" not in str(problem) for problem in error.problems)
        # Lone CRs end lines too (clean_text makes them LFs).
        lines = len(re.split(rb"\r\n|\r|\n", path.read_bytes()))
        for problem in error.problems:
            assert problem.line is None or 1 <= problem.line <= lines, problem
        return error


@SETTINGS
@given(document=documents)
def test_story_shaped_documents(tmp_path: Path, document: dict[str, object]) -> None:
    path = tmp_path / "fuzz.toml"
    path.write_text(toml_document(document), encoding="utf-8")
    load_or_error(path)


VALID = """\
[story]
title = "حكاية"

[[chapters]]
id = "c1"
title = "البداية"
blocks = [{ id = "p1", text = "ولد سنة 1974 ولد" }]

[[timeline]]
id = "e1"
year = 1974
label = "الولادة"
paragraph = "p1"
phrase = "سنة 1974"
"""


def test_the_unmutated_document_loads(tmp_path: Path) -> None:
    path = tmp_path / "fuzz.toml"
    path.write_text(VALID, encoding="utf-8")
    assert isinstance(load_or_error(path), Story)


@SETTINGS
@given(
    edits=st.lists(
        st.tuples(st.integers(0, len(VALID)), st.integers(0, 3), st.text(max_size=3)),
        min_size=1,
        max_size=4,
    )
)
def test_mutated_documents(tmp_path: Path, edits: list[tuple[int, int, str]]) -> None:
    text = VALID
    for at, cut, insert in edits:
        text = text[:at] + insert + text[at + cut :]
    path = tmp_path / "fuzz.toml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    load_or_error(path)


@SETTINGS
@given(data=st.binary(max_size=200), suffix=st.sampled_from([".toml", ".txt"]))
def test_arbitrary_bytes(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    load_or_error(path)


@SETTINGS
@given(text=st.text(max_size=300))
def test_arbitrary_plain_text(tmp_path: Path, text: str) -> None:
    path = tmp_path / "fuzz.txt"
    path.write_bytes(text.encode("utf-8", errors="surrogatepass"))
    result = load_or_error(path)
    if isinstance(result, Story):
        assert result.paragraphs
