"""Plain-text reader figures: parse time of a 4 KB article, and `reader --json` start-up against bare Python."""
from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from reader.core.decode import decode_text
from reader.core.formats.text import read

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "library" / "world" / "harbour-town-ferry-vote.txt"
CHECK = ("import sys, runpy; sys.argv = ['reader', '--json', sys.argv[1]]\n"
         "from reader.cli import main\nimport io, contextlib\n"
         "with contextlib.redirect_stdout(io.StringIO()): main(sys.argv[1:])\n"
         "print(','.join(sorted({m.split('.')[0] for m in sys.modules} & "
         "{'PySide6', 'shiboken6', 'charset_normalizer', 'dateutil'})))")


def typical_article(size: int = 4096) -> bytes:
    """A library article, its body repeated until it is ``size`` bytes of UTF-8."""
    text = decode_text(SOURCE.read_bytes())
    head, _, body = text.partition("\n\n")
    meta, _, body = body.partition("\n\n")
    out = f"{head}\n\n{meta}\n\n{body}"
    while len(out.encode()) < size:
        out += "\n\n" + body
    return out.encode()[:size].rsplit(b"\n", 1)[0] + b"\n"


def median_parse_ms(data: bytes, rounds: int = 2000) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        read(data, "typical.txt")
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def median_wall_s(cmd: list[str], runs: int = 15) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    data = typical_article()
    article = read(data, "typical.txt")
    print(f"typical article: {len(data)} bytes, {article.words} words, {len(article.blocks)} blocks")
    print(f"parse (decode + read), median of 2000: {median_parse_ms(data):.3f} ms  (goal <= 0.5 ms)")
    reader = shutil.which("reader", path=str(Path(sys.executable).parent)) or "reader"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "typical.txt"
        path.write_bytes(data)
        bare = median_wall_s([sys.executable, "-c", "pass"])
        cli = median_wall_s([reader, "--json", str(path)])
        print(f"python -c pass, median wall: {bare * 1000:.1f} ms")
        print(f"reader --json FILE, median wall: {cli * 1000:.1f} ms  ratio {cli / bare:.2f}x  (goal <= 5x)")
        loaded = subprocess.run([sys.executable, "-c", CHECK, str(path)], check=False,
                                capture_output=True, text=True)
        print(f"heavy modules loaded by reader --json on a UTF-8 file: {loaded.stdout.strip() or 'none'}"
              f"{'  ' + loaded.stderr.strip() if loaded.returncode else ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
