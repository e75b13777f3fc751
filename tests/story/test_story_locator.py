"""The locator that gives TOML paths their line numbers."""

from __future__ import annotations

import tomllib

from tui.story.locator import Locator, field_name

SOURCE = '''\
# a comment [[chapters]]
[story]
title = "t"

[[chapters]]
id = "a"
text = """
[[chapters]]
not a header: inside a string
"""

[[chapters.blocks]]
id = "x"

[[chapters]]
id = "b"
blocks = [
  { id = "p1", text = 'one' },

  { id = "p2", text = "two" },
]
"quoted key" = 1
dotted.key = 2

[[chapters]]
[[chapters.blocks]]
id = "y"
'''


def test_the_source_is_valid_toml() -> None:
    data = tomllib.loads(SOURCE)
    assert len(data["chapters"]) == 3


def test_headers_keys_and_items() -> None:
    locate = Locator(SOURCE).line_of
    assert locate(("story",)) == 2
    assert locate(("story", "title")) == 3
    assert locate(("chapters",)) == 5
    assert locate(("chapters", 0)) == 5
    assert locate(("chapters", 0, "text")) == 7
    assert locate(("chapters", 0, "blocks", 0)) == 12
    assert locate(("chapters", 0, "blocks", 0, "id")) == 13
    assert locate(("chapters", 1)) == 15
    assert locate(("chapters", 1, "blocks")) == 17
    assert locate(("chapters", 1, "blocks", 0, "text")) == 18
    assert locate(("chapters", 1, "blocks", 1)) == 20
    assert locate(("chapters", 1, "blocks", 1, "text")) == 20
    assert locate(("chapters", 1, "quoted key")) == 22
    assert locate(("chapters", 1, "dotted", "key")) == 23
    assert locate(("chapters", 2)) == 25
    assert locate(("chapters", 2, "blocks", 0, "id")) == 27


def test_missing_keys_fall_back_to_their_table() -> None:
    locate = Locator(SOURCE).line_of
    assert locate(("chapters", 1, "title")) == 15
    assert locate(("chapters", 0, "blocks", 0, "caption")) == 12
    assert locate(("quotes", 0)) is None


def test_field_names_count_from_one() -> None:
    assert field_name(("chapters", 1, "blocks", 0, "text")) == "chapters[2].blocks[1].text"
    assert field_name(("story",)) == "story"
    assert field_name(("chapters", 0, "a b")) == "chapters[1].'a b'"
