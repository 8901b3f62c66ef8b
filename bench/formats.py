"""Median time to open one article of each format, full and metadata-only, against their goals.

Run: .venv/bin/python bench/formats.py [--repeat N]
Baseline, per format, measured in the same run: the bare parse a reader cannot avoid (unzip and
lxml-parse the main XML part; markdown-it's token stream; lxml.html of the page; decoding the
text). The ratio says how much the reader adds on top of it.
"""
from __future__ import annotations

import argparse
import gzip
import statistics
import tempfile
import time
import zipfile
from collections.abc import Callable
from functools import partial
from pathlib import Path

import lxml.html
from lxml import etree
from markdown_it import MarkdownIt

from reader.core.registry import read_article

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
GOALS_MS = {  # (full open, metadata only); None where the brief sets no goal
    "docx": (50.0, None), "markdown": (None, None), "odt": (None, None), "epub": (None, None),
    "html": (150.0, 15.0), "text": (None, None),
}


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    fn()  # warm caches and imports
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _zip_part(member: str) -> Callable[[Path], object]:
    def parse(path: Path) -> object:
        with zipfile.ZipFile(path) as zf:
            return etree.fromstring(zf.read(member))
    return parse


def _epub_chapters(path: Path) -> object:
    with zipfile.ZipFile(path) as zf:
        return [lxml.html.document_fromstring(zf.read(n)) for n in zf.namelist()
                if n.endswith((".xhtml", ".html"))]


BASELINES: dict[str, Callable[[Path], object]] = {
    "docx": _zip_part("word/document.xml"),
    "odt": _zip_part("content.xml"),
    "epub": _epub_chapters,
    "markdown": lambda p: MarkdownIt("commonmark").parse(p.read_text(encoding="utf-8")),
    "html": lambda p: lxml.html.document_fromstring(p.read_bytes()),
    "text": lambda p: p.read_bytes().decode("utf-8", "replace"),
}


def samples(tmp: Path) -> list[tuple[str, Path]]:
    """One article per format: the sample library, the shared corpus where it is there."""
    found = [("docx", ROOT / "library" / "word" / "tram-depot-market.docx"),
             ("docx", ROOT / "library" / "word" / "ghost-nets-reef.docx"),
             ("markdown", ROOT / "library" / "notes" / "school-kitchen-garden.md"),
             ("epub", ROOT / "library" / "books" / "river-pilots.epub")]
    office = SHARED / "corpus" / "office"
    found += [("odt", office / "tika" / "testNPEOpenDocument.odt"),
              ("epub", office / "pandoc" / "wasteland.epub"),
              ("docx", office / "tika" / "018367.docx"),
              ("text", SHARED / "samples" / "russia-quits-icc.txt")]
    page = _html_page(tmp)
    if page is not None:
        found.append(("html", page))
    return [(fmt, p) for fmt, p in found if p.is_file()]


def _html_page(tmp: Path, target: int = 300_000) -> Path | None:
    """The news page nearest 300 KB, unpacked into ``tmp`` (the corpus stays where it is)."""
    pages = sorted((SHARED / "corpus" / "news-html").glob("*.html.gz"))
    if not pages:
        return None
    sized = [(abs(len(gzip.decompress(p.read_bytes())) - target), p) for p in pages[:200]]
    best = min(sized)[1]
    out = tmp / best.name.removesuffix(".gz")
    out.write_bytes(gzip.decompress(best.read_bytes()))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=21)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        rows = samples(Path(tmp))
        print(f"{'format':9} {'file':34} {'KB':>6} {'full ms':>8} {'meta ms':>8} "
              f"{'base ms':>8} {'full/base':>9}  goals (full, meta)")
        for fmt, path in rows:
            full = median_ms(partial(read_article, path), args.repeat)
            meta = median_ms(partial(read_article, path, metadata_only=True), args.repeat)
            base = median_ms(partial(BASELINES[fmt], path), args.repeat)
            goal = GOALS_MS[fmt]
            verdict = " ".join(
                f"{'ok' if g is None or v <= g else 'SLOW'}({'-' if g is None else f'<={g:g}'})"
                for v, g in ((full, goal[0]), (meta, goal[1])))
            print(f"{fmt:9} {path.name[:34]:34} {path.stat().st_size / 1024:6.0f} {full:8.2f} "
                  f"{meta:8.2f} {base:8.2f} {full / base if base else float('nan'):9.1f}  {verdict}")


if __name__ == "__main__":
    main()
