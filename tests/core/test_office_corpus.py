"""The office readers on real documents (pandoc, Apache Tika, LexisNexisTools test files).

Every check a corpus file's ``*.expected.json`` allows is counted; the test asserts the level
measured when the readers were written, so a regression shows as a lower count.
"""
from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from reader.core.article import Article, ReadError
from reader.core.registry import read_article

# Measured on 2026-11-27: 52 of 54 checks pass, all 17 documents read. The two misses are
# choices, not bugs: testODFwithOOo3.odt's style-derived heading includes the text of a comment
# (office:annotation) inside it, and testWORD_2006ml.docx's Tika output keeps a table-of-contents
# line ("Heading1 3"); Reader drops comments and TOC entries (the outline is the TOC).
# Raise these when the readers improve; never lower them to make a test pass.
MIN_PASSED = 52
MIN_CHECKS = 54
MIN_FILES_READ = 17


def _norm(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split()).casefold()


def _relative(levels: list[int]) -> list[int]:
    low = min(levels, default=1)
    return [lv - low + 1 for lv in levels]


def _body(article: Article) -> str:
    return _norm(" ".join([article.headline, *(b.text for b in article.blocks)]))


def _day(text: str) -> date | None:
    match = re.match(r"(\d{4})-(\d\d)-(\d\d)", text)
    return date(*map(int, match.groups())) if match else None


def _is_subsequence(small: list[str], big: list[str]) -> bool:
    it = iter(big)
    return all(any(x == y for y in it) for x in small)


def checks_for(expected: dict, article: Article) -> dict[str, bool]:  # type: ignore[type-arg]
    """Each comparison the expected file supports, by name, and whether it holds."""
    out: dict[str, bool] = {}
    sections = [_norm(s.title) for s in article.sections]
    if expected.get("expected_headings"):
        want = expected["expected_headings"]
        out["headings"] = sections == [_norm(h["text"]) for h in want] or (
            [_norm(article.headline)] + sections == [_norm(h["text"]) for h in want])
        got_levels = [s.level for s in article.sections]
        if len(got_levels) == len(want):
            out["heading levels"] = _relative(got_levels) == _relative([h["level"] for h in want])
    meta = expected.get("expected_metadata") or {}
    if "title" in meta:
        out["title"] = _norm(article.headline) == _norm(meta["title"])
    if "author" in meta:
        authors = meta["author"] if isinstance(meta["author"], list) else [meta["author"]]
        out["authors"] = [_norm(a) for a in article.authors] == [_norm(a) for a in authors]
    if "date" in meta:
        out["date"] = article.published is not None and article.published.isoformat() in (
            meta["date"], (_day(meta["date"]) or date.min).isoformat()) or (
            article.published is not None and _norm(meta["date"]) in _norm(
                article.published.strftime("%B %d, %Y").replace(" 0", " ")))
    derived = expected.get("derived_from_styles") or []
    titles = [d["text"] for d in derived if d.get("style") == "Title"]
    if titles:
        out["title style"] = _norm(article.headline) == _norm(titles[0])
    heads = [d for d in derived if d.get("style", "").startswith("Heading") or "level" in d]
    if heads:
        out["style headings"] = _is_subsequence([_norm(d["text"]) for d in heads], sections)
    asserted = expected.get("upstream_asserted") or {}
    snippets = list(asserted.get("content_contains", [])) + list(asserted.get("xhtml_contains", []))
    for i, snippet in enumerate(snippets):
        text = _norm(re.sub(r"<[^>]*>", " ", snippet))
        if text:
            out[f"contains {i}"] = text in _body(article)
    props = expected.get("embedded_properties") or {}
    if props.get("dc:creator") and article.authors != ():
        out["author property"] = _norm(props["dc:creator"]) in [_norm(a) for a in article.authors]
    if "creator" in asserted and asserted.get("creator"):
        out["creator"] = _norm(asserted["creator"]) in [_norm(a) for a in article.authors]
    if asserted.get("publisher"):
        out["publisher"] = _norm(article.outlet or "") == _norm(asserted["publisher"])
    return out


def corpus_files(shared: Path) -> list[tuple[Path, dict]]:  # type: ignore[type-arg]
    found = []
    for exp in sorted((shared / "corpus" / "office").rglob("*.expected.json")):
        expected = json.loads(exp.read_text(encoding="utf-8"))
        doc = exp.parent / expected.get("file", "")
        if doc.suffix.lower() in (".docx", ".odt", ".epub") and doc.is_file():
            found.append((doc, expected))
    return found


def measure(shared: Path) -> tuple[int, int, int, list[str]]:
    passed = total = read_ok = 0
    misses: list[str] = []
    for doc, expected in corpus_files(shared):
        try:
            article = read_article(doc)
        except ReadError as exc:
            misses.append(f"{doc.name}: {exc}")
            continue
        read_ok += 1
        for name, ok in checks_for(expected, article).items():
            total += 1
            passed += ok
            if not ok:
                misses.append(f"{doc.name}: {name}")
    return passed, total, read_ok, misses


def test_office_corpus_reaches_the_measured_level(shared: Path) -> None:
    passed, total, read_ok, misses = measure(shared)
    print(f"office corpus: {passed}/{total} checks, {read_ok} files read; misses: {misses}")
    assert total >= MIN_CHECKS
    assert read_ok >= MIN_FILES_READ
    assert passed >= MIN_PASSED, misses


@pytest.mark.parametrize("ext", ["docx", "DOCX", "odt", "epub"])
def test_metadata_mode_agrees_with_full_reading_on_corpus_documents(shared: Path, ext: str) -> None:
    docs = sorted((shared / "corpus" / "office").rglob(f"*.{ext}"))
    assert docs
    for doc in docs:
        quick = read_article(doc, metadata_only=True)
        full = read_article(doc)
        assert quick.headline == full.headline and quick.byline == full.byline
        assert quick.words == pytest.approx(full.words, rel=0.02, abs=3)
