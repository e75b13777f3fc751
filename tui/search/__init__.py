"""Searching a story's passages the way Arabic readers type: without hamza or harakat.

``SearchIndex`` finds a query in many passages and answers with ``Match`` offsets
into the original text; ``normalize`` is the folding it applies (see
``tui.search.folding`` for the choices and why). Plain Python: no Textual here.
"""

from tui.search.index import Match, SearchIndex
from tui.search.normalize import Folded, normalize
from tui.search.session import Hit, SearchSession

__all__ = ["Folded", "Hit", "Match", "SearchIndex", "SearchSession", "normalize"]
