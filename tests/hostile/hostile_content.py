"""Stories and articles written to attack the terminal that shows them.

``HOSTILE`` holds what a malicious or broken file could carry to a terminal:
an OSC 52 clipboard write, window title changes (OSC 0 and 2, ended by BEL
and by ST), a screen clear (7-bit and C1 CSI), C1 OSC and DCS strings, a
7-bit DCS request, bells, backspaces over text, colours, a full reset, a
switch out of the alternate screen and a change of BiDi mode. The stories
put it in every field the reader shows, next to words the tests look for:
a Latin marker word and an Arabic one.
"""

from __future__ import annotations

HOSTILE = (
    "\x1b]52;c;SGVsbG8=\x07"  # OSC 52: write "Hello" to the clipboard
    "\x1b]0;pwned\x07"  # OSC 0: window title and icon name
    "\x1b]2;pwned2\x1b\\"  # OSC 2: window title, ended by ST
    "\x1b[2J\x1b[H"  # clear the screen, cursor home
    "\x9b2J"  # the same clear with the 8-bit CSI
    "\x9d0;pwnedc1\x9c"  # an 8-bit OSC title, ended by the 8-bit ST
    "\x1bP1$qm\x1b\\"  # DCS: DECRQSS, asks the terminal to answer
    "\x90qpayload\x9c"  # an 8-bit DCS (a sixel image introducer)
    "\x07\x07"  # bells
    "abc\x08\x08\x08"  # backspaces over text
    "\x1b[31;5mred\x1b[0m"  # colour and blink
    "\x1bc"  # RIS: full reset
    "\x1b[?1049l"  # leave the alternate screen
    "\x1b[8h"  # BDSM back to implicit
)

#: a Latin word that only the story's text holds
LATIN_MARKER = "ZANZIBAR"
#: an Arabic word of the story's text, logical order
ARABIC_MARKER = "مراكش"
#: the same word as a terminal must show it in visual mode: reversed and shaped, written
#: out from the Unicode names (SHEEN FINAL, KAF INITIAL, ALEF ISOLATED, REH FINAL,
#: MEEM INITIAL), not taken from Rawi's shaper
ARABIC_MARKER_SHAPED = "\ufeb6\ufedb\ufe8d\ufeae\ufee3"

#: what must never reach a terminal, whatever else it receives
FORBIDDEN_BYTES = (
    b"\x1b]52",
    b"\x1b]0;",
    b"\x1b]2;",
    b"\x1bP",
    b"\x1bc",
    b"\x1b[2J",
    b"\xc2\x9b",
    b"\xc2\x9d",
    b"\xc2\x90",
    b"]52;c;SGVsbG8=\x07",
)


def toml_basic(text: str) -> str:
    """``text`` as a TOML basic string, controls written as ``\\uXXXX`` escapes."""
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif ord(char) < 0x20 or 0x7F <= ord(char) <= 0x9F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def story_toml(payload: str) -> str:
    """A valid story (docs/story-format.md) with ``payload`` in every field that is shown.

    With ``payload=""`` it is the same story, clean: the run to compare with.
    """
    q = toml_basic
    return f"""\
[story]
title = {q("حكاية " + payload + " خبيثة")}
language = "ar"
article = {q(payload + "gone.txt")}

[[chapters]]
id = "c1"
title = {q("البداية " + payload)}

[[chapters.blocks]]
id = "p1"
text = {q(f"سافر إلى {ARABIC_MARKER} " + payload + " ثم عاد سنة 1993.")}

[[chapters.blocks]]
id = "p2"
text = {q(f"He went to {LATIN_MARKER} " + payload + " and came back.")}

[[chapters.blocks]]
id = "img"
image = "https://example.com/a.jpg"
caption = {q("صورة " + payload)}

[[chapters]]
id = "c2"
title = {q("النهاية " + payload)}

[[chapters.blocks]]
id = "p3"
text = {q("عاد إلى بيته " + payload)}

[[timeline]]
id = "back"
year = 1993
label = {q("العودة " + payload)}
paragraph = "p1"
phrase = "سنة 1993"

[[quotes]]
id = "q"
text = {q(LATIN_MARKER + " " + payload)}
speaker = {q("هو " + payload)}
paragraph = "p2"
"""


def article_text(payload: str) -> str:
    """A plain-text article (title, paragraphs) with ``payload`` in its title and paragraphs.

    Long enough that the controls stay a small share of the file (a file of
    mostly controls is refused as binary).
    """
    filler = " ".join(["وفي الصباح خرج إلى السوق واشترى الخبز والشاي."] * 6)
    return (
        f"حكاية {payload} خبيثة\n\n"
        f"سافر إلى {ARABIC_MARKER} {payload} ثم عاد. {filler}\n\n"
        f"He went to {LATIN_MARKER} {payload} and came back. {filler}\n\n"
        f"{filler}\n"
    )
