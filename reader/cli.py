"""The ``reader`` command: opens the window, or prints what the core read (--json) without Qt."""
from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from reader import __version__


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="reader",
        description="Read news articles kept as files: plain text, Word, web pages, Markdown, EPUB, ODT.",
    )
    ap.add_argument("files", nargs="*", metavar="FILE", help="articles to open")
    ap.add_argument("--json", action="store_true",
                    help="print what was read from each FILE as one JSON object a line; no window")
    ap.add_argument("--library", metavar="DIR", help="use DIR as the library folder")
    ap.add_argument("--search", metavar="QUERY",
                    help="with --library: bring the index up to date and print the hits as JSON Lines")
    ap.add_argument("--install-desktop", action="store_true",
                    help="install the launcher, icon and file associations for this user")
    ap.add_argument("--uninstall-desktop", action="store_true",
                    help="remove what --install-desktop installed")
    ap.add_argument("--version", action="version", version=f"reader {__version__}")
    return ap


def print_json(paths: Sequence[str]) -> int:
    import json

    from reader.core.article import ReadError
    from reader.core.registry import read_article

    failed = False
    out = sys.stdout
    for path in paths:
        try:
            obj = read_article(path).to_json()
        except ReadError as exc:
            obj, failed = {"path": path, "error": str(exc)}, True
        out.write(json.dumps(obj, ensure_ascii=False) + "\n")
        out.flush()
    return 1 if failed else 0


def has_display() -> bool:
    """Whether Qt can open a window: always off Linux/BSD, else with X11, Wayland or a set platform."""
    if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return True
    return any(os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.json:
            if not args.files:
                print("reader: --json needs at least one FILE", file=sys.stderr)
                return 2
            return print_json(args.files)
        if args.search is not None:
            from reader.search_cli import run_search

            return run_search(args.library, args.search)
        if args.install_desktop or args.uninstall_desktop:
            from reader.desktop import install, uninstall

            return uninstall() if args.uninstall_desktop else install()
        if not has_display():
            print("reader: no display to open a window on (set DISPLAY or WAYLAND_DISPLAY; "
                  "use --json for the command line)", file=sys.stderr)
            return 1
        from reader.ui.app import run_app

        return run_app(files=args.files, library=args.library)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
