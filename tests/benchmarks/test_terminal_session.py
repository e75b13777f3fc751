"""The pseudo-terminal benchmark dates a frame by the program, not by its own emulator.

A frame of a full screen reaches the terminal in pieces of about 4 KB; if
the benchmark fed each piece to pyte before reading the next, the time of
the last piece would include pyte's work on the others.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
import terminal  # noqa: E402

# Writes 4.8 KB in three pieces (more than one read of a pseudo-terminal
# gives, 4,095 bytes; little enough for its buffer to hold without a reader),
# then says so in a file and waits for a line.
WRITER = (
    "import os, sys\n"
    "for n in range(3):\n"
    "    os.write(1, (str(n) * 1600).encode())\n"
    "open(sys.argv[1], 'w').close()\n"
    "sys.stdin.readline()\n"
)


def test_pieces_already_written_are_read_together(tmp_path: Path) -> None:
    done = tmp_path / "written"
    session = terminal.Session([sys.executable, "-c", WRITER, str(done)], dict(os.environ))
    try:
        deadline = time.monotonic() + 60
        while not done.exists():
            assert session.process.poll() is None, "the writer ended early"
            assert time.monotonic() < deadline, "the writer never wrote"
            time.sleep(0.01)
        data = session._read_burst()
        assert [data.count(digit) for digit in (b"0", b"1", b"2")] == [1600, 1600, 1600]
    finally:
        session.close()
