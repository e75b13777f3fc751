"""The story core must load without Textual (the print mode and the tests rely on it)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROGRAM = """
import sys
sys.modules["textual"] = None  # any "import textual..." now raises ImportError
import tui.story
story = tui.story.load_story(sys.argv[1])
assert not any(name == "textual" or name.startswith("textual.") for name in sys.modules
               if sys.modules[name] is not None)
print(len(story.chapters))
"""


def test_the_story_core_does_not_import_textual() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROGRAM, str(ROOT / "seeds" / "jamali.toml")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "6"
