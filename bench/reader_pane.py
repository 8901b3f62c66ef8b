"""Benchmark the reader pane: open-to-paint time and event-loop stalls while scrolling and jumping.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/reader_pane.py
Prints medians; the baseline is a bare QTextBrowser.setHtml of the same HTML, measured in this run.
"""
from __future__ import annotations

import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QTextBrowser

from reader.core.article import Article, Block, BlockKind, Byline, make_article
from reader.ui.reader_pane import ReaderPane
from reader.ui.render import render_article

VOCABULARY = ["the", "of", "and", "to", "in", "a", "is", "that", "for", "it", "as", "was", "with", "be", "by", "on", "not", "he", "this", "are", "or", "his", "from", "at", "which", "but", "have", "an", "they", "you", "were", "her", "she", "there", "been", "one", "all", "we", "their", "has", "would", "when", "who", "minister", "government", "council", "harbour", "election", "economy", "inflation", "reported", "yesterday", "according", "spokesperson", "international", "agreement", "negotiations", "parliament", "committee", "investigation", "community", "residents", "transport", "hospital", "university", "research", "climate"]


def make_long_article(words: int, seed: int = 7) -> Article:
    """A synthetic article: paragraphs of 25-90 words, a heading every few paragraphs."""
    rng = random.Random(seed)
    blocks: list[Block] = []
    total, n = 0, 0
    while total < words:
        if n % 7 == 0:
            level = 1 if n % 21 == 0 else 2
            blocks.append(Block(BlockKind.HEADING, f"Part {n // 7 + 1}: {rng.choice(VOCABULARY)}",
                                level=level))
        size = rng.randint(25, 90)
        blocks.append(Block(BlockKind.PARAGRAPH, " ".join(rng.choices(VOCABULARY, k=size)) + "."))
        total += size
        n += 1
    byline = Byline(("A. Writer", "B. Reporter"), "The Bench Times", None, "https://example.org/a")
    return make_article(headline=f"A {words}-word article", byline=byline, blocks=blocks,
                        path="/nonexistent/bench.txt", format="text")


def wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def time_open_pane(pane: ReaderPane, article: Article) -> float:
    start = time.perf_counter()
    pane.show_article(article)
    pane.text_browser().viewport().repaint()
    return time.perf_counter() - start


def time_open_baseline(browser: QTextBrowser, html: str) -> float:
    start = time.perf_counter()
    browser.setHtml(html)
    browser.viewport().repaint()
    return time.perf_counter() - start


def median_ms(runs: int, action: Callable[[], float], settle_ms: int) -> float:
    samples = []
    for _ in range(runs):
        samples.append(action())
        wait(settle_ms)
    return statistics.median(samples) * 1000


class Heartbeat:
    """A 5 ms timer that records the longest gap between its ticks (an event-loop stall)."""

    def __init__(self) -> None:
        self.clock = QElapsedTimer()
        self.last = 0
        self.longest = 0
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self.tick)

    def start(self) -> None:
        self.clock.start()
        self.last = 0
        self.longest = 0
        self.timer.start()

    def tick(self) -> None:
        now = self.clock.elapsed()
        self.longest = max(self.longest, now - self.last)
        self.last = now

    def stop(self) -> int:
        self.timer.stop()
        return self.longest


def drive(pane: ReaderPane, article: Article, seed: int, immediately: bool) -> int:
    """Open the article, then scroll by pages and jump to sections/positions; longest stall."""
    rng = random.Random(seed)
    beat = Heartbeat()
    pane.show_article(article)
    if not immediately:
        wait(1500)
    beat.start()
    bar = pane.text_browser().verticalScrollBar()
    anchors = [s.anchor for s in article.sections]
    steps: list[Callable[[], None]] = [
        lambda: pane.scroll_to_section(anchors[-1]),
        lambda: pane.set_position(0.5),
        lambda: pane.scroll_to_section(""),
    ]
    for _ in range(30):
        steps.append(lambda: bar.setValue(bar.value() + bar.pageStep()))
        steps.append(lambda: pane.scroll_to_section(rng.choice(anchors)))
    for step in steps:
        step()
        wait(20)
    wait(200)
    return beat.stop()


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    pane = ReaderPane()
    pane.resize(1000, 800)
    pane.show()
    browser = QTextBrowser()
    browser.resize(1000, 800)
    browser.show()
    wait(50)
    for words, runs in ((5_000, 15), (200_000, 5)):
        article = make_long_article(words)
        html = render_article(article)
        base = median_ms(runs, partial(time_open_baseline, browser, html), 100)
        ours = median_ms(runs, partial(time_open_pane, pane, article), 400)
        print(f"open {words:>7,} words: pane {ours:6.1f} ms   bare setHtml+paint {base:6.1f} ms"
              f"   ratio {ours / base:4.2f}")
    long_article = make_long_article(200_000)
    for immediately in (False, True):
        stalls = [drive(pane, long_article, seed, immediately) for seed in range(3)]
        when = "right after opening" if immediately else "after 1.5 s idle"
        print(f"longest stall scrolling/jumping 200,000 words ({when}): "
              f"median {statistics.median(stalls)} ms, max {max(stalls)} ms")
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
