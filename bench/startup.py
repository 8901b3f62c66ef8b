"""Start-up: process start to the first article's text painted, and peak memory, against bare Qt.

Runs ``python -m reader`` on the sample library with READER_BENCH_EXIT_ON_PAINT=1 (the app
prints the seconds since launch at the reader pane's first paint with article text, then
exits) and a bare PySide6 window (a QListWidget of 20 items + a QTextBrowser showing an
article's worth of text, ~1,700 words) started the same way. Prints medians over several runs and the ratios (goal: <= 1.5x both).
Reader's .pyc files are written first, as an installed Reader has them (see compile_package).
Runs under the offscreen platform, and under Xvfb (xcb) when /usr/bin/Xvfb is there.

    .venv/bin/python bench/startup.py [--runs 7] [--library DIR] [--no-xvfb]
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

BASELINE = r"""
import os, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QHBoxLayout, QListWidget, QTextBrowser, QWidget

T0 = float(os.environ["READER_BENCH_T0"])
app = QApplication(sys.argv[:1])
window = QWidget()
layout = QHBoxLayout(window)
names = QListWidget()
names.addItems([f"Article {i}" for i in range(1, 21)])
browser = QTextBrowser()
paragraph = "The council met on a wet evening and agreed that the plan could go ahead. " * 6
browser.setPlainText("A headline for the benchmark\n\n" + "\n\n".join([paragraph] * 20))
layout.addWidget(names, 1)
layout.addWidget(browser, 3)

class Probe(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, report)
        return False

def report():
    print(f"first_paint_s={time.time() - T0:.4f}", flush=True)
    os._exit(0)

probe = Probe()
browser.viewport().installEventFilter(probe)
window.resize(1180, 760)
window.show()
sys.exit(app.exec())
"""


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Launch ``argv``; return (seconds to first paint as it reports, peak RSS in MiB)."""
    env = dict(env, READER_BENCH_T0=repr(time.time()))
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT)
    out, err = proc.stdout.read(), proc.stderr.read()  # type: ignore[union-attr]
    _pid, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    text = out.decode(errors="replace")
    if proc.returncode != 0 or "first_paint_s=" not in text:
        raise RuntimeError(f"{argv[1:3]} failed ({proc.returncode}): {err.decode(errors='replace')[-500:]}")
    seconds = float(text.split("first_paint_s=")[1].split()[0])
    return seconds, usage.ru_maxrss / 1024


def medians(argvs: list[list[str]], env: dict[str, str], runs: int) -> list[tuple[float, float]]:
    """Median (seconds, MiB) per command, the commands taking turns so load hits both alike."""
    results: list[list[tuple[float, float]]] = [[] for _ in argvs]
    for _ in range(runs):
        for argv, got in zip(argvs, results):
            got.append(run_once(argv, env))
    return [(statistics.median(r[0] for r in got), statistics.median(r[1] for r in got))
            for got in results]


def first_article(library: Path) -> str:
    """The article the app opens first on a fresh start (its own choice)."""
    sys.path.insert(0, str(ROOT))
    from reader.ui.main_window import first_article_in

    return first_article_in(str(library)) or ""


def compile_package() -> None:
    """Write Reader's .pyc files, as an install does: with PYTHONDONTWRITEBYTECODE set (as in
    some shells and CI) a checkout would otherwise compile every module from source on every
    run, ~30 ms that neither an installed Reader nor the bare window (PySide6 ships its .pyc)
    pays."""
    import compileall

    compileall.compile_dir(str(ROOT / "reader"), quiet=1)


def measure(platform: str, env: dict[str, str], library: Path, runs: int) -> None:
    settings = Path(tempfile.mkdtemp(prefix="reader-bench-")) / "settings.ini"
    env = dict(env, QT_QPA_PLATFORM=platform, READER_SETTINGS=str(settings),
               READER_BENCH_EXIT_ON_PAINT="1")
    article = first_article(library)
    app_argv = [PYTHON, "-m", "reader", "--library", str(library)]
    base_argv = [PYTHON, "-c", BASELINE]
    compile_package()
    run_once(app_argv, env)  # warm the file cache once for both
    run_once(base_argv, env)
    (base_s, base_mib), (app_s, app_mib) = medians([base_argv, app_argv], env, runs)
    print(f"[{platform}] {runs} runs each, medians; library {library} ({Path(article).name or 'empty'})")
    print(f"  bare PySide6 window : first paint {base_s * 1000:6.0f} ms   peak RSS {base_mib:6.1f} MiB")
    print(f"  reader              : first paint {app_s * 1000:6.0f} ms   peak RSS {app_mib:6.1f} MiB")
    print(f"  ratio (goal <= 1.5) : time {app_s / base_s:5.2f}x            memory {app_mib / base_mib:5.2f}x")


def start_xvfb(display: str) -> subprocess.Popen[bytes] | None:
    xvfb = shutil.which("Xvfb") or ("/usr/bin/Xvfb" if Path("/usr/bin/Xvfb").exists() else None)
    if xvfb is None:
        return None
    proc = subprocess.Popen([xvfb, display, "-noreset", "-screen", "0", "1600x1000x24"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.8)
    return proc if proc.poll() is None else None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--library", type=Path, default=ROOT / "library")
    ap.add_argument("--no-xvfb", action="store_true", help="measure under offscreen only")
    ap.add_argument("--display", default=":97")
    args = ap.parse_args()
    env = {k: v for k, v in os.environ.items() if not k.startswith("READER_")}
    measure("offscreen", env, args.library.resolve(), args.runs)
    if args.no_xvfb:
        return 0
    xvfb = start_xvfb(args.display)
    if xvfb is None:
        print("[xcb] skipped: Xvfb is not available")
        return 0
    try:
        measure("xcb", dict(env, DISPLAY=args.display), args.library.resolve(), args.runs)
    finally:
        xvfb.terminate()
        xvfb.wait(5)
    return 0


if __name__ == "__main__":
    sys.exit(main())
