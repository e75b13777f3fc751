"""A small valid story in Rawi's format, for the tests that change one thing in it.

Line numbers of ``VALID``: 1 ``[story]``, 2 title, 3 language, 5 ``[[chapters]]``,
6 id, 7 title, 9 ``[[chapters.blocks]]``, 10 id, 11 text. Tests append tables
to it (an event at line 13) or replace a line, and check the line an error names.
"""

from __future__ import annotations

#: the story up to its one paragraph's text (lines 1-10)
HEAD = """\
[story]
title = "حكاية"
language = "ar"

[[chapters]]
id = "c1"
title = "البداية"

[[chapters.blocks]]
id = "p1"
"""

#: the paragraph's text: two dated moments
TEXT = "ولد في الدار البيضاء سنة 1974، ثم سافر سنة 1993."


def small_story(text: str = TEXT) -> str:
    """The story with ``text`` as its one paragraph (a TOML basic string)."""
    return f'{HEAD}text = "{text}"\n'


VALID = small_story()


#: a second chapter (lines 2-8 after VALID's 11), with one paragraph
SECOND_CHAPTER = """
[[chapters]]
id = "c2"
title = "بعد"

[[chapters.blocks]]
id = "p2"
text = "سافر إلى روسيا."
"""


#: an event tied to the year in VALID's paragraph (lines 2-7 after VALID's 11)
BIRTH_EVENT = """
[[timeline]]
id = "born"
year = 1974
label = "ولادته"
paragraph = "p1"
phrase = "1974"
"""
