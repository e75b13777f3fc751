"""``rawi --print --width 80 STORY``, then its peak resident set as JSON on stderr's last line.

Run in a fresh process by ``whole_runs.print_mode`` with stdout to
``/dev/null``. The peak is ``VmHWM`` of this process (see
``peak_memory.peak_rss_kib``: ``ru_maxrss`` would count the parent's).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from peak_memory import peak_rss_kib  # noqa: E402

from tui.cli import main  # noqa: E402

if __name__ == "__main__":
    status = main(["--print", "--width", "80", sys.argv[1]])
    sys.stdout.flush()
    print(json.dumps({"peak_rss_kib": peak_rss_kib(), "status": status}), file=sys.stderr)
    raise SystemExit(status)
