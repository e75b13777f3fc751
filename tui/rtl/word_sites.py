"""The kashida sites of every word of a paragraph, found once for all its widths.

``word_sites`` gives the words of a shaped paragraph (character ranges
between spaces) and the best site of each, by the rules of
``tui.rtl.kashida``, packed in ints (``kashida.PACK_SHIFT``). Most
paragraphs are cut by plain spaces: they are read in one loop from their
end; the general path goes word by word from the engine's clusters, and a
property test holds the two to the same answers.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Sequence
from functools import cache
from operator import itemgetter
from typing import NamedTuple

# The rule tables and the word search of tui.rtl.kashida, shared with it.
from tui.rtl.kashida import (
    _ARABIC,
    _GROUPS,
    _IF_REH_OR_YEH_FOLLOWS,
    _JOINS_NEXT,
    _PAIR_RULES,
    _REH_OR_YEH,
    PACK_MASK,
    PACK_SHIFT,
    _kind,
    _reh_or_yeh_follows,
    _rule,
    packed_site,
)
from tui.rtl.shaping import TATWEEL, is_lam_alef

_WORD_RE = re.compile(b"\x00+")
_IS_SPACE = itemgetter(3)


def _plain_characters() -> str:
    """Characters known to be neither a mark nor a letter of another script.

    A word made of these only is searched without looking each character
    up: most words of Arabic prose are.
    """
    chars = [
        c
        for c in map(chr, range(0x0600, 0x0700))
        if _kind(c) == _ARABIC and unicodedata.category(c) not in ("Cf", "Cn")
    ]
    chars += [c for c in map(chr, range(0x21, 0x7F)) if not c.isalpha()]
    chars += list("«»–—…“”‘’")
    return "".join(chars)


class _Patterns(NamedTuple):
    tatweel: re.Pattern[str]
    seen_sad: re.Pattern[str]
    #: anything but a plain character: a word holding one is searched
    #: character by character
    special: re.Pattern[str]
    #: breaking spaces other than " ", and a space followed by anything but
    #: a letter, a digit, a plain character or a space (a haraka leaning on
    #: it, a format character): the words of a paragraph without them are
    #: cut at every " " (``_plain_word_sites``)
    unusual_space: re.Pattern[str]


@cache
def _patterns() -> _Patterns:
    """The expressions the word search uses, compiled when first needed.

    Their large character classes take milliseconds to compile: not at
    start-up, where nothing is justified yet.
    """
    plain = re.escape(_plain_characters())
    seen_sad = "".join(c for c, group in _GROUPS.items() if group == "SEEN_SAD")
    return _Patterns(
        re.compile(TATWEEL),
        re.compile(f"[{seen_sad}]"),
        re.compile(f"[^{plain}]"),
        re.compile(f"[\u1680\u2000-\u2006\u2008-\u200a\u205f\u3000]| (?=[^\\w {plain}])"),
    )


class WordSites(NamedTuple):
    """The words of a paragraph (runs of clusters between spaces) and their kashida sites.

    They do not depend on the width: found once per paragraph, they serve
    every width it is laid out at.
    """

    #: first character of each word
    starts: list[int]
    #: one past its last character (a space of the gap after it, if any)
    ends: list[int]
    #: its site, packed (``_unpack``), -1 for none
    sites: list[int]


def _plain_word_sites(text: str, glyphs: Sequence[str], levels: Sequence[int]) -> WordSites:
    """``word_sites`` for a paragraph whose words are separated by plain spaces only.

    One loop over the paragraph from its end, words cut at spaces, with no
    work per word but the site it found: the words holding a mark or a letter
    of another script (few) are searched again, one by one, by
    ``packed_site``. Gives what the general path gives (the tests compare).
    """
    starts: list[int] = []
    ends: list[int] = []
    sites: list[int] = []
    rules, joining, size = _PAIR_RULES, _JOINS_NEXT, len(glyphs)
    best_rule = 8
    best_after = best_before = later = -1
    end = -1  # end of the word being read; -1 between words
    for i in range(size - 1, -1, -1):
        char = text[i]
        if char == " ":
            if end >= 0:  # the word [i + 1, end) is read
                starts.append(i + 1)
                ends.append(end)
                sites.append(
                    -1
                    if best_after < 0
                    else (best_rule << (2 * PACK_SHIFT))
                    | ((best_after ^ PACK_MASK) << PACK_SHIFT)
                    | best_before
                )
                best_rule, best_after, end = 8, -1, -1
            later = -1
            continue
        if end < 0:
            end = i + 1
        elif glyphs[i] in joining or char == TATWEEL:
            glyph = glyphs[later]
            if not glyph and later + 1 < size and is_lam_alef(glyphs[later + 1]):
                glyph = glyphs[later + 1]
            known = rules.get(char + glyph)
            rule = _rule(char, glyph) if known is None else known
            if rule and levels[i] & 1 and levels[later] == levels[i]:
                if rule == _IF_REH_OR_YEH_FOLLOWS:
                    # no harakat here: the letter after is the next character
                    following = later + 1
                    rule = 5 if following < end and text[following] in _REH_OR_YEH else 7
                if rule < best_rule:
                    best_rule, best_after, best_before = rule, i, later
        later = i
    if end >= 0:
        starts.append(0)
        ends.append(end)
        sites.append(
            -1
            if best_after < 0
            else (best_rule << (2 * PACK_SHIFT))
            | ((best_after ^ PACK_MASK) << PACK_SHIFT)
            | best_before
        )
    starts.reverse()
    ends.reverse()
    sites.reverse()
    searched = -1
    for found in _patterns().special.finditer(text):
        n = bisect_right(starts, found.start()) - 1
        if n > searched and found.start() < ends[n]:
            sites[n] = packed_site(text, glyphs, levels, starts[n], ends[n])
            searched = n
    return WordSites(starts, ends, sites)


def word_sites(
    text: str,
    glyphs: Sequence[str],
    levels: Sequence[int],
    clusters: Sequence[tuple[int, int, int, bool]],
) -> WordSites:
    """Every word of a shaped paragraph and its best kashida site.

    ``clusters`` are the engine's breaking units ``(start, end, cells, space)``.
    """
    if not _patterns().unusual_space.search(text):
        return _plain_word_sites(text, glyphs, levels)
    return _cluster_word_sites(text, glyphs, levels, clusters)


def _cluster_word_sites(
    text: str,
    glyphs: Sequence[str],
    levels: Sequence[int],
    clusters: Sequence[tuple[int, int, int, bool]],
) -> WordSites:
    """``word_sites`` for any paragraph: words from the clusters, one by one."""
    starts: list[int] = []
    ends: list[int] = []
    sites: list[int] = []
    # Where the characters are that change how a word is searched: found in
    # the whole paragraph at once (regular expressions run in C), each list
    # ends past the text so that the walks below need no bounds test.
    beyond = len(text)
    patterns = _patterns()
    tatweels = [m.start() for m in patterns.tatweel.finditer(text)] + [beyond]
    seens = [m.start() for m in patterns.seen_sad.finditer(text)] + [beyond]
    special = [m.start() for m in patterns.special.finditer(text)] + [beyond]
    t = n = f = 0
    rules, joining, size = _PAIR_RULES, _JOINS_NEXT, len(glyphs)
    # The runs of clusters that are not spaces, found in C: one byte per
    # cluster, 1 for a space.
    flags = bytes(map(_IS_SPACE, clusters))
    for run in _WORD_RE.finditer(flags):
        first, last = run.span()
        start, end = clusters[first][0], clusters[last - 1][1]
        starts.append(start)
        ends.append(end)
        while tatweels[t] < start:
            t += 1
        while seens[n] < start:
            n += 1
        while special[f] < start:
            f += 1
        floor = 1 if tatweels[t] < end else 2 if seens[n] < end else 3
        if special[f] < end:
            sites.append(packed_site(text, glyphs, levels, start, end, floor))
            continue
        # Most words: no mark, no letter of another script. The loop of
        # packed_site without its look-ups, written out here because a call
        # per word would cost as much as the search.
        best_rule = 8
        best_after = best_before = later = -1
        for i in range(end - 1, start - 1, -1):
            char = text[i]
            if later >= 0 and (glyphs[i] in joining or char == TATWEEL):
                glyph = glyphs[later]
                if not glyph and later + 1 < size and is_lam_alef(glyphs[later + 1]):
                    glyph = glyphs[later + 1]
                known = rules.get(char + glyph)
                rule = _rule(char, glyph) if known is None else known
                if rule and levels[i] & 1 and levels[later] == levels[i]:
                    if rule == _IF_REH_OR_YEH_FOLLOWS:
                        rule = 5 if _reh_or_yeh_follows(text, later, end) else 7
                    if rule < best_rule:
                        best_rule, best_after, best_before = rule, i, later
                        if rule <= floor:
                            break
            later = i
        sites.append(
            -1
            if best_after < 0
            else (best_rule << (2 * PACK_SHIFT))
            | ((best_after ^ PACK_MASK) << PACK_SHIFT)
            | best_before
        )
    return WordSites(starts, ends, sites)
