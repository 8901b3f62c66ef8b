"""Render an Article as Qt rich-text HTML for QTextBrowser: a pure function, no widgets."""
from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from reader.core.article import Article, Block, BlockKind, Byline
from reader.core.parts import PART, part_member

DateFormatter = Callable[[date], str]

HEADLINE_FONTS = "'Georgia', 'Charter', 'Noto Serif', 'DejaVu Serif', 'Liberation Serif', serif"
MONO_FONTS = "'DejaVu Sans Mono', 'Liberation Mono', monospace"
WEB_SCHEMES = frozenset({"http", "https", "mailto"})
INLINE_TAGS = frozenset({
    "a", "abbr", "b", "br", "cite", "code", "del", "em", "i", "kbd", "mark", "q", "s",
    "small", "span", "strong", "sub", "sup", "u",
})
_HEADING_TAG = {1: "h2", 2: "h3", 3: "h4"}  # deeper levels share h5; h1 is the headline
SEPARATOR = " \u00b7 "


@dataclass(frozen=True, slots=True)
class ArticleColors:
    """The colours of a rendered article, as #rrggbb names (taken from the palette by the pane)."""

    text: str = "#1f1f1f"
    muted: str = "#6b6b6b"
    link: str = "#1a5fb4"
    rule: str = "#d0d0d0"
    panel: str = "#f3f3f3"


def default_date(day: date) -> str:
    """A locale-neutral long date, used when the caller passes no formatter."""
    return f"{day.day} {day:%B %Y}"


def render_article(
    article: Article,
    *,
    format_date: DateFormatter = default_date,
    colors: ArticleColors | None = None,
) -> str:
    """The whole article (headline, byline, body) as one HTML document for QTextBrowser."""
    base_dir = os.path.dirname(os.path.abspath(article.path)) if article.path else ""
    parts = [
        "<html><head>",
        f"<title>{_esc(article.headline)}</title>",
        f"<style>{style_sheet(colors or ArticleColors())}</style>",
        "</head><body>",
        f'<h1 class="headline">{_esc(article.headline)}</h1>',
        *render_byline(article, format_date),
        *_render_body(article.blocks, base_dir),
        "</body></html>",
    ]
    return "\n".join(parts)


def render_message(title: str, detail: str, colors: ArticleColors | None = None) -> str:
    """A friendly message shown in place of an article (e.g. a file that cannot be read)."""
    return "\n".join([
        f"<html><head><style>{style_sheet(colors or ArticleColors())}</style></head><body>",
        f'<h1 class="message">{_esc(title)}</h1>',
        f'<p class="detail">{_esc(detail)}</p>',
        "</body></html>",
    ])


def style_sheet(colors: ArticleColors) -> str:
    """CSS restricted to what Qt's rich-text engine understands (see richtext-html-subset)."""
    return f"""
body {{ color: {colors.text}; }}
h1.headline {{ font-family: {HEADLINE_FONTS}; font-size: xx-large; font-weight: 700;
  margin-top: 8px; margin-bottom: 10px; line-height: 120%; }}
h1.message {{ font-size: x-large; font-weight: 600; margin-top: 48px; margin-bottom: 12px; }}
p.detail {{ color: {colors.muted}; }}
p.byline {{ font-weight: 600; margin-top: 0px; margin-bottom: 2px; }}
p.meta {{ color: {colors.muted}; margin-top: 0px; margin-bottom: 18px; }}
hr {{ color: {colors.rule}; }}
a {{ color: {colors.link}; text-decoration: none; }}
p {{ margin-top: 0px; margin-bottom: 14px; line-height: 150%; }}
h2, h3, h4, h5 {{ font-family: {HEADLINE_FONTS}; font-weight: 700; margin-bottom: 8px;
  line-height: 125%; }}
h2 {{ font-size: x-large; margin-top: 26px; }}
h3 {{ font-size: large; margin-top: 22px; }}
h4 {{ font-size: medium; margin-top: 18px; }}
h5 {{ font-size: medium; font-style: italic; margin-top: 16px; }}
blockquote {{ margin-left: 28px; margin-right: 28px; margin-top: 4px; margin-bottom: 18px;
  font-style: italic; color: {colors.muted}; line-height: 150%; }}
ul {{ margin-top: 0px; margin-bottom: 14px; }}
li {{ margin-bottom: 6px; line-height: 150%; }}
pre {{ font-family: {MONO_FONTS}; background-color: {colors.panel}; margin-top: 0px;
  margin-bottom: 14px; }}
p.figure {{ margin-bottom: 6px; line-height: 100%; }}
p.caption {{ color: {colors.muted}; font-size: small; margin-bottom: 18px; }}
table.placeholder {{ margin-bottom: 18px; border-color: {colors.rule}; border-style: dashed; }}
td.placeholder {{ color: {colors.muted}; background-color: {colors.panel}; font-style: italic; }}
"""


def render_byline(article: Article, format_date: DateFormatter = default_date) -> list[str]:
    """The byline paragraphs: "By A, B and C", then outlet · date · reading time · source."""
    lines: list[str] = []
    if article.authors:
        lines.append(f'<p class="byline">{_esc(authors_text(article.authors))}</p>')
    meta = _meta_pieces(article.byline, article.reading_minutes, format_date)
    if meta:
        lines.append(f'<p class="meta">{SEPARATOR.join(meta)}</p>')
    return lines


def authors_text(authors: tuple[str, ...]) -> str:
    """ "By A", "By A and B", "By A, B and C"."""
    names = [a.strip() for a in authors if a.strip()]
    if not names:
        return ""
    if len(names) == 1:
        return f"By {names[0]}"
    return f"By {', '.join(names[:-1])} and {names[-1]}"


def source_domain(url: str) -> str:
    """The host a link points at, without "www."; "" when it is not a web link."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return ""
    host = parts.hostname or ""
    if parts.scheme.lower() not in ("http", "https") or not host:
        return ""
    return host.removeprefix("www.")


def _meta_pieces(byline: Byline, minutes: int, format_date: DateFormatter) -> list[str]:
    pieces: list[str] = []
    if byline.outlet:
        pieces.append(f'<span class="outlet">{_esc(byline.outlet)}</span>')
    if byline.published:
        pieces.append(_esc(format_date(byline.published)))
    if minutes:
        pieces.append(f"{minutes} min read")
    domain = source_domain(byline.url or "")
    if domain:
        pieces.append(f'<a href="{_attr(byline.url or "")}">{_esc(domain)}</a>')
    return pieces


def _render_body(blocks: tuple[Block, ...], base_dir: str) -> Iterator[str]:
    in_list = False
    for block in blocks:
        is_item = block.kind is BlockKind.LIST_ITEM
        if is_item != in_list:
            yield "<ul>" if is_item else "</ul>"
            in_list = is_item
        yield render_block(block, base_dir)
    if in_list:
        yield "</ul>"


def render_block(block: Block, base_dir: str = "") -> str:
    """One body block as HTML; headings carry their anchor for scrollToAnchor."""
    kind = block.kind
    if kind is BlockKind.HEADING:
        tag = _HEADING_TAG.get(block.level, "h5")
        return f'<{tag}><a name="{_attr(block.anchor)}"></a>{_esc(block.text)}</{tag}>'
    if kind is BlockKind.IMAGE:
        return render_image(block, base_dir)
    if kind is BlockKind.PREFORMATTED:
        return f"<pre>{_esc(block.text)}</pre>"
    inner = inline_html(block)
    if kind is BlockKind.QUOTE:
        return f"<blockquote>{inner}</blockquote>"
    if kind is BlockKind.LIST_ITEM:
        return f"<li>{inner}</li>"
    return f"<p>{inner}</p>"


def inline_html(block: Block) -> str:
    """Block.html cleaned again to inline markup and web links, else the escaped text."""
    if block.html.strip():
        import nh3  # imported with the first article that has markup

        return nh3.clean(
            block.html,
            tags=set(INLINE_TAGS),
            attributes={"a": {"href", "title"}, "abbr": {"title"}},
            url_schemes=set(WEB_SCHEMES),
            link_rel=None,
        )
    return _esc(block.text)


def render_image(block: Block, base_dir: str = "") -> str:
    """A local image scaled to the column, or a quiet placeholder carrying the alt text.

    A picture inside the article's own file (an EPUB's) is linked as ``part:member``, which
    the view reads from the file when it lays the text out.
    """
    member = part_member(block.src)
    path = local_image_path(block.src, base_dir) if member is None else None
    alt = block.text.strip()
    if member:
        source = PART + quote(member)
    elif path is not None:
        source = path.as_uri()
    else:
        label = f"Image: {alt}" if alt else "Image not available"
        return (
            '<table class="placeholder" width="100%" cellpadding="10" cellspacing="0" border="1">'
            f'<tr><td class="placeholder">{_esc(label)}</td></tr></table>'
        )
    figure = f'<p class="figure"><img src="{_attr(source)}" alt="{_attr(alt)}"></p>'
    return figure + (f'<p class="caption">{_esc(alt)}</p>' if alt else "")


def local_image_path(src: str, base_dir: str = "") -> Path | None:
    """The existing local file an image source names; None for remote, data or missing ones."""
    src = src.strip()
    is_file_url = src.lower().startswith("file://")
    if not src or src.startswith("data:") or ("://" in src and not is_file_url):
        return None
    if is_file_url:
        src = unquote(urlsplit(src).path)
    path = Path(src)
    if not path.is_absolute():
        path = Path(base_dir or ".") / path
    try:
        return path.resolve() if path.is_file() else None
    except OSError:
        return None


def _esc(text: str) -> str:
    """html.escape(text, quote=False), without importing html (and its 2,000 entities)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(text: str) -> str:
    return _esc(text).replace('"', "&quot;").replace("'", "&#x27;")  # html.escape(text)
