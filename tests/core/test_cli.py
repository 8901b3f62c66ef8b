"""The reader command outside --json: a clear one-line error where no window can open."""
import os
import subprocess
import sys


def test_no_display_is_one_line_and_exit_1() -> None:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    out = subprocess.run([sys.executable, "-m", "reader"], capture_output=True, text=True,
                         env=env, timeout=60)
    assert out.returncode == 1
    assert out.stderr.count("\n") == 1 and "no display" in out.stderr
    assert "Traceback" not in out.stderr


def test_version() -> None:
    out = subprocess.run([sys.executable, "-m", "reader", "--version"], capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 0 and out.stdout.startswith("reader ")
