"""The example in docs/story-format.md is a story that loads, as the text says."""

from __future__ import annotations

import re
from pathlib import Path

from tui.story import load_story

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "story-format.md"


def test_the_documented_example_loads(tmp_path: Path) -> None:
    blocks = re.findall(r"```toml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    # The example, then the [[eras]] and [[places]] added to it.
    assert len(blocks) == 2
    path = tmp_path / "example.toml"
    path.write_text(blocks[0], encoding="utf-8")
    story = load_story(path)
    assert len(story.chapters) == 2
    assert [e.display_date("ar") for e in story.timeline] == ["2010", "بداية 2011", "مارس 2012"]
    assert [e.display_date("en") for e in story.timeline] == [
        "2010",
        "Start of 2011",
        "March 2012",
    ]
    assert story.quotes[0].anchor.paragraph_id == "p2"
    assert story.direction == "R"


def test_the_documented_limits_are_the_loaders() -> None:
    from tui.story import toml_limits

    text = DOC.read_text(encoding="utf-8")
    section = text[text.index("## Limits") :]
    table = dict(re.findall(r"^\| (.+?)\s+\| ([\d,]+)\s+\|$", section, re.M))
    assert table == {
        "parts of one dotted key or table name (`chapters.blocks` has 2)": "16",
        "arrays and inline tables inside one another": "32",
        "`[table]` and `[[array of tables]]` headers": "200,000",
        "`key = value` pairs (inline tables included)": "1,000,000",
        "values in all the arrays together": "1,000,000",
    }
    limits = [
        toml_limits.MAX_KEY_PARTS,
        toml_limits.MAX_NESTING,
        toml_limits.MAX_TABLES,
        toml_limits.MAX_KEYS,
        toml_limits.MAX_ARRAY_VALUES,
    ]
    assert [int(value.replace(",", "")) for value in table.values()] == limits
