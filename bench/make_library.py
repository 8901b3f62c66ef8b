"""Generate a synthetic library: ``python bench/make_library.py N DIR`` (mixed .txt/.md/.html, nested).

The text is made up here: sentences of invented seven-letter words (plus a few English function
words), so a vocabulary word is never part of another word or of the markup, and
``grep -ril WORD DIR`` lists exactly the files whose article text contains WORD.
"""
from __future__ import annotations

import argparse
import random
import sys
from datetime import date, timedelta
from pathlib import Path

CONSONANTS = "bdfgklmnprstvz"
VOWELS = "aeiou"
FUNCTION_WORDS = ("the", "of", "and", "to", "in", "a", "on", "for", "with", "was", "is", "by")
FIRST = ("Ada", "Bram", "Cleo", "Dorin", "Elsa", "Fenn", "Greta", "Hugo", "Ines", "Jonas", "Kaia",
         "Lior", "Mira", "Nils", "Oona", "Pavel", "Quinn", "Rosa", "Soren", "Tilda")
LAST = ("Arkwright", "Bellamy", "Castell", "Drummond", "Eastwick", "Fairley", "Glenholm", "Hartwell",
        "Ivesdale", "Jolliffe", "Kettering", "Lockhart", "Merriweather", "Northcott", "Oakhurst")
OUTLETS = ("The Morning Lantern", "Harbour Courier", "Valley Ledger", "The Northern Quill",
           "Civic Dispatch", "Riverside Herald", "The Weekly Compass", "Metro Beacon")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
HTML = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{headline}</title>
<meta name="author" content="{author}">
<meta property="og:site_name" content="{outlet}">
<meta property="article:published_time" content="{iso}">
</head>
<body>
{chrome}<article>
<h1>{headline}</h1>
<p class="byline">By {author}, {outlet}, <time datetime="{iso}">{long_date}</time></p>
{paragraphs}
</article>
</body>
</html>
"""
CHROME = ("<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}"
          '</script>\n<nav><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li>'
          "</ul></nav>\n")
FIXED_TEXT = " ".join((HTML, CHROME, *FIRST, *LAST, *OUTLETS, *MONTHS, "published by", "markdown")).lower()


def vocabulary(size: int, rng: random.Random) -> list[str]:
    """Distinct seven-letter invented words (CVCVCVC) that occur nowhere in the fixed text."""
    words: set[str] = set()
    while len(words) < size:
        word = "".join(rng.choice(CONSONANTS if i % 2 == 0 else VOWELS) for i in range(7))
        if word not in FIXED_TEXT:
            words.add(word)
    return sorted(words)


class Writer:
    """Makes articles from a Zipf-weighted vocabulary (some words common, most rare)."""

    def __init__(self, seed: int, vocab_size: int = 6000) -> None:
        self.rng = random.Random(seed)
        self.vocab = vocabulary(vocab_size, self.rng)
        total = 0.0
        self.cum_weights: list[float] = []
        for rank in range(len(self.vocab)):
            total += 1.0 / (rank + 1)
            self.cum_weights.append(total)

    def words(self, n: int) -> list[str]:
        chosen = self.rng.choices(self.vocab, cum_weights=self.cum_weights, k=n)
        for i in range(0, n, 4):
            chosen.insert(i, self.rng.choice(FUNCTION_WORDS))
        return chosen

    def sentence(self) -> str:
        words = self.words(self.rng.randint(5, 14))
        return " ".join(words).capitalize() + self.rng.choice(".....?!")

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(2, 6)))

    def article(self) -> dict[str, object]:
        rng = self.rng
        day = date(2015, 1, 1) + timedelta(days=rng.randrange(3650))
        return {
            "headline": " ".join(self.words(rng.randint(3, 8))).capitalize(),
            "author": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            "outlet": rng.choice(OUTLETS),
            "date": day,
            "paragraphs": [self.paragraph() for _ in range(rng.randint(3, 9))],
        }


def page_chrome(kb: int) -> str:
    """What a saved page carries besides its article (scripts, styles, navigation): about
    ``kb`` KB of it, in words outside the vocabulary, so grep's file list stays the same."""
    if kb <= 0:
        return ""
    return CHROME * max(1, kb * 1024 // len(CHROME))


def render(kind: str, a: dict[str, object], page_kb: int = 0) -> str:
    day = a["date"]
    assert isinstance(day, date)
    long_date = f"{MONTHS[day.month - 1]} {day.day}, {day.year}"
    paras = a["paragraphs"]
    assert isinstance(paras, list)
    if kind == "html":
        body = "\n".join(f"<p>{p}</p>" for p in paras)
        return HTML.format(headline=a["headline"], author=a["author"], outlet=a["outlet"],
                           iso=day.isoformat(), long_date=long_date, paragraphs=body,
                           chrome=page_chrome(page_kb))
    if kind == "md":
        head = f"# {a['headline']}\n\n*By {a['author']}* | {a['outlet']} | {long_date}\n\n"
        return head + "\n\n".join(paras) + "\n"
    head = f"{a['headline']}\n\nBy {a['author']}\n\n{a['outlet']}\n\n{long_date}\n\n"
    return head + "\n\n".join(paras) + "\n"


def folder_for(i: int, a: dict[str, object], rng: random.Random) -> str:
    day = a["date"]
    assert isinstance(day, date)
    outlet = str(a["outlet"]).lower().replace("the ", "").replace(" ", "-")
    depth = rng.randint(0, 3)
    parts = [outlet, str(day.year), f"{day.month:02d}", f"batch-{i % 7}"][:depth]
    return "/".join(parts)


def make_library(n: int, root: Path, seed: int = 1, page_kb: int = 0) -> list[Path]:
    writer = Writer(seed)
    rng = random.Random(seed + 1)
    paths: list[Path] = []
    for i in range(n):
        a = writer.article()
        kind = ("txt", "md", "html")[i % 3]
        folder = root / folder_for(i, a, rng)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"article-{i:05d}.{kind}"
        path.write_text(render(kind, a, page_kb), encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("n", type=int)
    ap.add_argument("dir", type=Path)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--page-kb", type=int, default=0,
                    help="pad each web page with about this many KB of scripts and navigation")
    args = ap.parse_args(argv)
    paths = make_library(args.n, args.dir, args.seed, args.page_kb)
    print(f"wrote {len(paths)} articles under {args.dir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
