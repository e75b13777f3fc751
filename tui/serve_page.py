"""The HTML that ``rawi serve`` sends to a browser: the reading page and the busy page.

``reading_page`` is a page that textual-serve's ``textual.js`` can drive: an
element of class ``textual-terminal`` with the websocket address in
``data-session-websocket-url`` (set by the page from the address the browser
used); the script makes an xterm.js terminal of it.
The page's title is the story's title, and everything on it comes from the
server itself (no font or script from the internet).

The font: xterm.js lays out a grid of cells and draws each character into its
cell, so a character its font lacks is drawn from whatever font the browser
falls back to, often a proportional one whose Arabic glyphs spill over the
cell or leave gaps between joined letters. Rawi sends Arabic already shaped,
as Arabic Presentation Forms-B (U+FE70-U+FEFF), so the terminal font must
have those. Of Debian's monospace fonts, DejaVu Sans Mono (fonts-dejavu-core)
has them (all 141 characters of the block, and every character Rawi writes
for the bundled story); Liberation Mono, Noto Mono, Nimbus Mono PS and Roboto Mono
(textual-serve's own) have no Arabic at all. textual.js asks for the family
``'Roboto Mono', Monaco, 'Courier New', monospace`` and offers no setting, so
the page defines ``Roboto Mono`` for itself as DejaVu Sans Mono, served by
``rawi serve`` from the server's own fonts, and starts the terminal only once
that font is loaded (xterm.js measures the cell size when it starts).

Text put into a page is escaped here, and nowhere else.
"""

from __future__ import annotations

from html import escape
from string import Template

# The family textual.js asks xterm.js for first (the fontFamily literal in
# textual-serve's static/js/textual.js); the page gives that name a face.
TERMINAL_FAMILY = "Roboto Mono"

FONT_ROUTE = "/rawi/font/{name}"

_LABELS = {
    "ar": {
        "connecting": "يفتح الراوي القصة…",
        "closed": "انتهت جلسة القراءة.",
        "again": "اقرأ من جديد",
        "busy_title": "القارئ مشغول",
        "busy": "بلغ عدد من يقرؤون هذه القصة الآن {count}، وهو أقصى ما يتّسع له هذا "
        "الخادم. أعد المحاولة بعد قليل.",
    },
    "en": {
        "connecting": "Rawi is opening the story…",
        "closed": "The reading session has ended.",
        "again": "Read again",
        "busy_title": "All reading places are taken",
        "busy": "{count} readers are reading this story now, as many as this server "
        "allows. Try again in a little while.",
    },
}

_READING_PAGE = Template("""<!DOCTYPE html>
<html lang="$lang">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>$title</title>
<link rel="stylesheet" href="/static/css/xterm.css">
<style>
$font_faces
html, body { margin: 0; height: 100%; background: #0c181f; overflow: hidden; }
#terminal { position: absolute; inset: 0; opacity: 0; }
body.-first-byte #terminal { opacity: 1; }
.note {
  position: absolute; inset: 0; display: flex; align-items: center;
  justify-content: center; flex-direction: column; gap: 1em;
  color: #e6eef2; font: 18px "$family", monospace;
}
body.-first-byte .connecting, .closed { display: none; }
body.-closed .closed { display: flex; background: rgba(12, 24, 31, 0.85); z-index: 10; }
.closed button { font: inherit; padding: 0.5em 1.5em; cursor: pointer; }
</style>
<script src="/static/js/textual.js"></script>
<script>
// textual.js starts the terminal on window.onload; xterm.js measures its
// cells then, so the terminal font must be loaded first.
(function () {
  const start = window.onload;
  window.onload = (event) => {
    // The socket is on the address the browser used to reach this page.
    const scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
    const terminal = document.getElementById("terminal");
    terminal.dataset.sessionWebsocketUrl = scheme + "//" + window.location.host + "/ws";
    const ready = Promise.all([
      document.fonts.load('16px "$family"', "\\ufe8e"),
      document.fonts.load('bold 16px "$family"', "\\ufe8e"),
    ]);
    ready.catch(() => null).then(() => start(event));
  };
})();
</script>
</head>
<body>
<div class="note connecting" dir="$dir">$connecting</div>
<div class="note closed" dir="$dir"><div>$closed</div>
<button type="button" onclick="window.location.reload()">$again</button></div>
<div id="terminal" class="textual-terminal"
  data-font-size="$font_size"></div>
</body>
</html>
""")

_BUSY_PAGE = Template("""<!DOCTYPE html>
<html lang="$lang" dir="$dir">
<head>
<meta charset="utf-8">
<title>$busy_title · $title</title>
<style>
body { background: #0c181f; color: #e6eef2; font: 18px sans-serif;
  display: flex; align-items: center; justify-content: center; height: 100vh; margin: 0; }
main { max-width: 36em; padding: 2em; }
</style>
</head>
<body><main><h1>$title</h1><p>$busy</p></main></body>
</html>
""")


def font_faces(fonts: dict[str, str]) -> str:
    """CSS ``@font-face`` rules that make ``TERMINAL_FAMILY`` the served fonts.

    ``fonts`` maps a CSS weight (``normal``, ``bold``) to the file name served
    under ``FONT_ROUTE``. Without a file, the browser's own DejaVu Sans Mono
    is used if it has one.
    """
    if not fonts:
        return (
            f'@font-face {{ font-family: "{TERMINAL_FAMILY}"; '
            'src: local("DejaVu Sans Mono"), local("DejaVuSansMono"); }'
        )
    rules = []
    for weight, name in sorted(fonts.items()):
        url = FONT_ROUTE.format(name=name)
        rules.append(
            f'@font-face {{ font-family: "{TERMINAL_FAMILY}"; font-weight: {weight}; '
            f'src: url("{escape(url)}") format("truetype"); }}'
        )
    return "\n".join(rules)


def reading_page(*, title: str, language: str, font_size: int, fonts: dict[str, str]) -> str:
    """The page that opens one reader: a terminal on the server's ``/ws`` socket."""
    labels = _LABELS[language]
    return _READING_PAGE.substitute(
        lang=language,
        dir=_direction(language),
        title=escape(title),
        font_faces=font_faces(fonts),
        family=TERMINAL_FAMILY,
        connecting=escape(labels["connecting"]),
        closed=escape(labels["closed"]),
        again=escape(labels["again"]),
        font_size=font_size,
    )


def busy_page(*, title: str, language: str, limit: int) -> str:
    """The page shown when ``limit`` readers are open already."""
    labels = _LABELS[language]
    return _BUSY_PAGE.substitute(
        lang=language,
        dir=_direction(language),
        title=escape(title),
        busy_title=escape(labels["busy_title"]),
        busy=escape(labels["busy"].format(count=limit)),
    )


def busy_message(limit: int) -> str:
    """What a terminal opened past the limit shows before its socket closes."""
    return (
        f"rawi serve: {limit} readers are open, as many as this server allows; "
        "close one or try again later.\r\n"
    )


def _direction(language: str) -> str:
    return "rtl" if language == "ar" else "ltr"
