"""The start-up baseline: the smallest Textual app, one ``Static`` line and nothing else.

``rawi``'s start-up is measured against this app in the same run: both are a
fresh Python process that imports Textual and paints a first screen, so the
ratio says what Rawi itself adds (its imports, the story, the layout).
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static

#: the text the benchmark waits for; it occurs nowhere else on the screen
MARKER = "minimal-app-painted-0451"


class MinimalApp(App[None]):
    """One line of text."""

    def compose(self) -> ComposeResult:
        yield Static(MARKER)


if __name__ == "__main__":
    MinimalApp().run()
