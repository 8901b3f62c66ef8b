"""A parsed web page as its metadata readers see it: JSON-LD, meta tags, visible lines, site names, address."""
from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

ARTICLE_TYPES = frozenset({
    "article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
    "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "askpublicnewsarticle",
    "techarticle", "scholarlyarticle", "liveblogposting", "report", "socialmediaposting",
    "posting", "review", "medicalwebpage", "satiricalarticle", "advertisercontentarticle",
})


_PAGE_TYPES = frozenset({"webpage", "itempage", "aboutpage", "collectionpage", "howto", "recipe"})


URLISH = re.compile(r"^(?:https?:)?//|^www\.|\.(?:com|org|net)\b", re.IGNORECASE)


_MAX_SCRIPT = 2_000_000
TOP_OF_PAGE = 10_000  # characters of page text: a headline printed again later is in comments or related stories


def clean(text: str | None) -> str:
    return " ".join((text or "").split())


def clean_value(text: str | None) -> str:
    """A meta or JSON-LD value: entities (often escaped twice) decoded, white space folded."""
    text = text or ""
    if "&" in text:
        text = html.unescape(html.unescape(text))
    return clean(text)


def node_text(node: LexborNode) -> str:
    return clean(node.text(separator=" "))


def _walk_ld(obj: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    if depth > 6:
        return
    if isinstance(obj, list):
        for item in obj:
            yield from _walk_ld(item, depth + 1)
    elif isinstance(obj, dict):
        yield obj
        for key in ("@graph", "mainEntity", "itemListElement"):
            if key in obj:
                yield from _walk_ld(obj[key], depth + 1)


def ld_types(obj: dict[str, Any]) -> set[str]:
    kind = obj.get("@type", ())
    kinds = [kind] if isinstance(kind, str) else kind if isinstance(kind, list) else []
    return {str(k).rsplit("/", 1)[-1].casefold() for k in kinds}


def json_ld(tree: LexborHTMLParser) -> list[dict[str, Any]]:
    """Every JSON-LD object of the page, @graph members flattened."""
    found: list[dict[str, Any]] = []
    scripts = [s.text() for s in tree.css('script[type="application/ld+json"]')]
    # some site builders put the same JSON in a meta tag when they strip scripts
    scripts += [m.attributes.get("content") or "" for m in tree.css('meta[name$="ld+json"]')[:3]]
    for text in scripts:
        if not text or len(text) > _MAX_SCRIPT:
            continue
        try:
            data = json.loads(text.strip().rstrip(";"), strict=False)
        except (ValueError, RecursionError):
            continue
        found.extend(_walk_ld(data))
    return found


def _ld_article(objects: list[dict[str, Any]]) -> dict[str, Any] | None:
    for wanted in (ARTICLE_TYPES, _PAGE_TYPES):
        for obj in objects:
            if ld_types(obj) & wanted and (obj.get("headline") or obj.get("author")
                                          or obj.get("datePublished")):
                return obj
    return None


def ld_names(value: Any, by_id: dict[str, dict[str, Any]], depth: int = 0) -> list[str]:
    if depth > 3 or value is None:
        return []
    if isinstance(value, str):
        return [clean_value(value)]
    if isinstance(value, list):
        return [n for v in value for n in ld_names(v, by_id, depth + 1)]
    if isinstance(value, dict):
        ref = value.get("@id")
        if "name" not in value and isinstance(ref, str) and ref in by_id:
            value = by_id[ref]
        name = value.get("name")
        if isinstance(name, list):
            name = name[0] if name else None
        if isinstance(name, dict):
            name = name.get("@value")
        if not name and (value.get("givenName") or value.get("familyName")):
            name = f"{value.get('givenName', '')} {value.get('familyName', '')}"
        return [clean_value(str(name))] if name else []
    return []


def first_str(value: Any) -> str:
    if isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, dict):
        value = value.get("@id") or value.get("url") or value.get("@value") or ""
    return clean_value(str(value)) if value else ""


class Page:
    """Lazy access to one parsed page's meta tags and elements."""

    def __init__(self, tree: LexborHTMLParser) -> None:
        self.tree = tree
        self.meta: dict[str, list[str]] = {}
        for node in tree.css("meta"):
            attrs = node.attributes
            key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop")
            value = attrs.get("content")
            if key and value:
                self.meta.setdefault(key.strip().casefold(), []).append(clean_value(value))
        self.ld = json_ld(tree)
        self.article = _ld_article(self.ld)
        self._text: str | None = None
        self._lines: list[str] | None = None
        self.by_id = {str(o["@id"]): o for o in self.ld if isinstance(o.get("@id"), str)}
        self.memo: dict[Any, Any] = {}  # answers worked out once per page (where the headline is)

    def first(self, *keys: str) -> str:
        for key in keys:
            for value in self.meta.get(key, ()):
                if value:
                    return value
        return ""

    def lines(self) -> list[str]:
        if self._lines is None:
            self._lines = page_lines(self.tree)
        return self._lines

    def text(self) -> str:
        if self._text is None:
            self._text = " ".join(self.lines())
        return self._text

    def art(self, key: str) -> Any:
        return self.article.get(key) if self.article else None


def site_names(page: Page) -> list[str]:
    names = [page.first("og:site_name", "application-name", "apple-mobile-web-app-title",
                         "twitter:site").lstrip("@")]
    for obj in page.ld:
        if ld_types(obj) & {"organization", "newsmediaorganization", "website"}:
            names.extend(ld_names(obj.get("name"), {}))
    publisher = page.art("publisher")
    names.extend(ld_names(publisher, page.by_id))
    host = re.sub(r"^www\.", "", _hostname(find_url(page) or ""))
    if host:
        names.extend((host, host.rsplit(".", 1)[0]))
    return [n for n in (clean(n) for n in names) if n]


def _hostname(url: str) -> str:
    try:
        return urlsplit(url).hostname or ""
    except ValueError:  # 'https://[broken': not an address at all
        return ""


_NOT_WORD = re.compile(r"[\W_]+")


def fold(text: str) -> str:
    """Text reduced to its letters and digits, case folded: 'The Daily-Bugle' -> 'thedailybugle'."""
    return _NOT_WORD.sub("", text.casefold())


def outermost(root: LexborNode, tags: tuple[str, ...], limit: int = 100_000) -> list[LexborNode]:
    """The ``tags`` elements under ``root`` that are not inside another of them, in page order.

    A list item holding a nested list counts once, with the nested items' text: taking each
    element's text would repeat it at every level (a page of lists nested 1,000 deep holds
    300 KB of text and would read as 150 MB).
    """
    listed = ", ".join(tags)
    inner = {node.mem_id for node in root.css(", ".join(f"{tag} :is({listed})" for tag in tags))}
    return [node for node in root.css(listed)[:limit] if node.mem_id not in inner]


def page_lines(tree: LexborHTMLParser) -> list[str]:
    """The visible text of the page, one entry per text node; scripts and styles left out."""
    body = tree.body
    if body is None:
        return []
    for node in body.css("script, style, noscript, svg, template"):
        node.decompose()
    return [line for line in (clean(t) for t in body.text(separator="\n").split("\n")) if line]


def find_url(page: Page) -> str | None:
    link = page.tree.css_first('link[rel="canonical"]')
    href = clean(link.attributes.get("href")) if link else ""
    for candidate in (href, page.first("og:url", "twitter:url"), first_str(page.art("url")),
                      first_str(page.art("mainEntityOfPage"))):
        if candidate.startswith(("http://", "https://")):
            return _tidy_url(candidate)
    return None


def _tidy_url(url: str) -> str:
    """Undo a quoted path and drop a default port: 'https://x.org:443/a' -> 'https://x.org/a'."""
    scheme, rest = url.split("://", 1)
    if "%2f" in rest[:80].casefold() and "/" not in rest:
        from urllib.parse import unquote

        rest = unquote(rest)
    host, slash, path = rest.partition("/")
    host = re.sub(r":(?:443|80)$", "", host)
    return f"{scheme}://{host}{slash}{path}"
