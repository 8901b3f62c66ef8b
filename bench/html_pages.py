"""Web page reader timings: metadata path on a ~300 KB page, full open of a typical page, vs trafilatura."""
from __future__ import annotations

import gzip
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

# Run as a script, this file's folder comes first on sys.path and would hide the standard ``html``.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "news-html"


def median_ms(fn: Callable[[], object], runs: int) -> float:
    fn()  # warm up: imports, caches
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def pages() -> list[tuple[Path, bytes]]:
    found = [(p, gzip.decompress(p.read_bytes())) for p in sorted(CORPUS.glob("*.html.gz"))]
    return sorted(found, key=lambda item: len(item[1]))


def closest(found: list[tuple[Path, bytes]], size: int) -> tuple[Path, bytes]:
    return min(found, key=lambda item: abs(len(item[1]) - size))


def main() -> int:
    if not CORPUS.is_dir():
        print(f"no corpus at {CORPUS}")
        return 1
    import trafilatura

    from reader.core.formats import html as web

    found = pages()
    big_path, big = closest(found, 300_000)
    typ_path, typical = found[len(found) // 2]
    text = big.decode("utf-8", "replace")
    typ_text = typical.decode("utf-8", "replace")

    meta = median_ms(lambda: web.read(big, str(big_path), metadata_only=True), 30)
    base_meta = median_ms(lambda: trafilatura.extract_metadata(text), 30)
    print(f"metadata_only, {big_path.name} ({len(big) // 1024} KB): median {meta:.1f} ms"
          f"   trafilatura.extract_metadata: {base_meta:.1f} ms   ratio {meta / base_meta:.2f}")

    full = median_ms(lambda: web.read(typical, str(typ_path)), 15)
    base_full = median_ms(lambda: trafilatura.bare_extraction(typ_text, with_metadata=True), 15)
    print(f"full open, {typ_path.name} ({len(typical) // 1024} KB, median size): median {full:.1f} ms"
          f"   trafilatura.bare_extraction(with_metadata): {base_full:.1f} ms   ratio {full / base_full:.2f}")

    sample = found[:: max(1, len(found) // 60)]
    per_page = []
    for path, data in sample:
        start = time.perf_counter()
        web.read(data, str(path))
        per_page.append((time.perf_counter() - start) * 1000)
    per_page.sort()
    print(f"full open over {len(sample)} corpus pages: median {statistics.median(per_page):.1f} ms, "
          f"90th percentile {per_page[int(len(per_page) * 0.9)]:.1f} ms, max {per_page[-1]:.1f} ms")
    metas = []
    for path, data in sample:
        start = time.perf_counter()
        web.read(data, str(path), metadata_only=True)
        metas.append((time.perf_counter() - start) * 1000)
    print(f"metadata_only over the same pages: median {statistics.median(metas):.1f} ms, max {max(metas):.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
