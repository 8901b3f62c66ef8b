"""EPUB e-books and saved articles: chapters in spine order, metadata from the OPF package."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, replace

from reader.core.article import (
    Article,
    Block,
    Byline,
    ReadError,
    count_words,
    make_article,
)
from reader.core.byline import parse_date
from reader.core.formats import xhtml
from reader.core.formats.common import Props, finish, iso_date, without_body
from reader.core.formats.zipsafe import MiB, SafeZip, join_path, open_zip

OPF = "http://www.idpf.org/2007/opf"
DC = "http://purl.org/dc/elements/1.1/"
CONTAINER = "urn:oasis:names:tc:opendocument:xmlns:container"
MAX_TEXT = 64 * MiB  # chapter bytes read in all; the rest of a giant book is left out
QUICK_ABOVE = 2 * MiB  # metadata_only counts words without parsing above this much XHTML
_HTML_TYPES = ("application/xhtml+xml", "text/html", "application/x-dtbook+xml")
_TAGS = re.compile(rb"<[^>]*>")
_CODE = re.compile(rb"<(script|style)\b", re.IGNORECASE)
_CLOSE = {tag: re.compile(rb"</" + tag + rb"\s*>", re.IGNORECASE) for tag in (b"script", b"style")}
_CIPHER_URI = re.compile(r"""URI\s*=\s*["']([^"']+)["']""")


@dataclass(frozen=True, slots=True)
class Package:
    """What the OPF says: metadata and the chapters to read, in order."""

    title: str
    authors: tuple[str, ...]
    published: str
    publisher: str | None
    chapters: tuple[str, ...]


def read(data: bytes, path: str, *, metadata_only: bool = False) -> Article:
    name = path.rsplit("/", 1)[-1]
    archive = open_zip(data, name)
    package = _package(archive, name)
    _refuse_drm(archive, package)
    day = iso_date(package.published) or (parse_date(package.published) if package.published else None)
    props = Props(package.title, package.authors, day)
    known = Byline(package.authors, package.publisher, day)
    if metadata_only and sum(archive.size(c) for c in package.chapters) > QUICK_ABOVE:
        return make_article(headline=package.title or name, byline=known, blocks=(), path=path,
                            format="epub", words=_quick_words(archive, package))
    blocks, warnings = _chapters(archive, package)
    article = replace(finish(package.title, blocks, props, path, "epub", known),
                      warnings=tuple(warnings))
    return without_body(article) if metadata_only else article


def _package(archive: SafeZip, name: str) -> Package:
    opf_path = _rootfile(archive)
    if opf_path is None:
        raise ReadError(f"{name} is not an EPUB (it has no package document)")
    root = archive.xml(opf_path, limit=16 * MiB)
    meta = root.find(f"{{{OPF}}}metadata")
    if meta is None:
        meta = root

    def texts(tag: str) -> list[str]:
        return [" ".join((el.text or "").split()) for el in meta.iter(f"{{{DC}}}{tag}")
                if (el.text or "").strip()]

    manifest = {item.get("id", ""): item for item in root.iter(f"{{{OPF}}}item")}
    chapters: dict[str, None] = {}  # ordered, and quick to ask: a spine can list 40,000 items
    for ref in root.iter(f"{{{OPF}}}itemref"):
        item = manifest.get(ref.get("idref", ""))
        if item is None or item.get("media-type", "") not in _HTML_TYPES:
            continue
        if "nav" in (item.get("properties") or "").split():
            continue
        chapters.setdefault(join_path(opf_path, item.get("href", "")))
    publisher = texts("publisher")
    return Package((texts("title") or [""])[0], tuple(texts("creator")),
                   (texts("date") or [""])[0], publisher[0] if publisher else None,
                   tuple(chapters))


def _refuse_drm(archive: SafeZip, package: Package) -> None:
    """Encrypted chapters (DRM) would read as noise: say so instead. Obfuscated fonts are fine."""
    if not archive.has("META-INF/encryption.xml"):
        return
    try:
        listing = archive.read("META-INF/encryption.xml", limit=MiB).decode("utf-8", "replace")
    except ReadError:
        return
    encrypted = {m.rsplit("/", 1)[-1] for m in _CIPHER_URI.findall(listing)}
    if any(chapter.rsplit("/", 1)[-1] in encrypted for chapter in package.chapters):
        raise ReadError(f"{archive.name} is protected by DRM; Reader cannot open it")


def _rootfile(archive: SafeZip) -> str | None:
    if archive.has("META-INF/container.xml"):
        try:
            root = archive.xml("META-INF/container.xml", limit=MiB)
        except ReadError:
            root = None
        if root is not None:
            for rf in root.iter(f"{{{CONTAINER}}}rootfile", "rootfile"):
                full = str(rf.get("full-path", ""))
                if full and archive.has(full):
                    return full
    return next((n for n in archive.names() if n.lower().endswith(".opf")), None)


def _chapters(archive: SafeZip, package: Package) -> tuple[list[Block], list[str]]:
    blocks: list[Block] = []
    warnings: list[str] = []
    budget = MAX_TEXT
    for member in package.chapters:
        size = archive.size(member)
        if not archive.has(member):
            warnings.append(f"Missing chapter {member}")
            continue
        if size > budget:
            warnings.append("The book is too long: the last chapters are left out")
            break
        budget -= size
        try:
            root = xhtml.parse(archive.read(member), member)
        except ReadError as exc:
            warnings.append(str(exc))
            continue
        blocks.extend(xhtml.to_blocks(root, member, archive.stored_name))
    if not package.chapters:
        raise ReadError(f"{archive.name} has no chapters to read")
    return blocks, warnings


def _quick_words(archive: SafeZip, package: Package) -> int:
    """Words of every chapter with the tags stripped: the listing's estimate for big books."""
    words = 0
    budget = MAX_TEXT
    for member in package.chapters:
        size = archive.size(member)
        if not archive.has(member) or size > budget:
            continue
        budget -= size
        try:
            raw = archive.read(member)
        except ReadError:
            continue
        body = _without_code(raw.split(b"<body", 1)[-1])
        words += count_words(html.unescape(_TAGS.sub(b" ", body).decode("utf-8", "replace")))
    return words


def _without_code(raw: bytes) -> bytes:
    """A chapter less its scripts and styles, in one pass: an unclosed <script> drops the rest."""
    parts: list[bytes] = []
    at = 0
    while (m := _CODE.search(raw, at)) is not None:
        parts.append(raw[at:m.start()])
        close = _CLOSE[m[1].lower()].search(raw, m.end())
        if close is None:
            return b"".join(parts)
        at = close.end()
    parts.append(raw[at:])
    return b"".join(parts)
