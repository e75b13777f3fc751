"""Settings every test shares: Rawi's story cache kept out of the real home.

A test that starts ``rawi`` (in a pty, a real terminal, a browser) would
otherwise leave records in ``~/.cache/rawi``; tests of the cache set their own.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(autouse=True, scope="session")
def private_story_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("story-cache")
    before = os.environ.get("RAWI_CACHE_DIR")
    os.environ["RAWI_CACHE_DIR"] = str(folder)
    yield folder
    if before is None:
        os.environ.pop("RAWI_CACHE_DIR", None)
    else:
        os.environ["RAWI_CACHE_DIR"] = before
