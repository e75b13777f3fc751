"""A non-editable install into a fresh venv carries the seeds and assets."""

from __future__ import annotations

import subprocess
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_wheel_install_prints_the_story_from_another_folder(tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert install.returncode == 0, install.stderr
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = subprocess.run(
        [str(env_dir / "bin" / "rawi"), "--print", "--bidi", "logical", "--width", "80"],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env={"RAWI_STATE_DIR": str(tmp_path / "state"), "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "توفيق الجمالي" in result.stdout
    assert "http://t1.hespress.com/files/taoufikjamali_850550515.jpg" in result.stdout
    # The stylesheet ships too: the app needs it to start.
    check = subprocess.run(
        [
            str(python),
            "-c",
            "from tui.locations import assets_dir; print((assets_dir() / 'rawi.tcss').is_file())",
        ],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        check=False,
    )
    assert check.stdout.strip() == "True"
