"""Pictures kept inside an article's own file (an EPUB's images), read when the view asks for them.

A body image whose ``Block.src`` is ``part_src(member)`` names a member of the article's zip
container. The view reads each picture with ``Parts`` as it lays the text out, so opening a
book costs nothing for its pictures until they are shown. (zipfile is imported on first use:
the renderer imports this module on the start-up path.)
"""
from __future__ import annotations

PART = "part:"
MAX_PICTURE = 32 * 1024 * 1024  # unpacked bytes of one picture; larger ones stay placeholders


def part_src(member: str) -> str:
    """The ``Block.src`` of a picture stored as ``member`` of the article's own file."""
    return PART + member


def part_member(src: str) -> str | None:
    """The member a ``part_src`` names; None for any other source."""
    return src[len(PART):] if src.startswith(PART) else None


class Parts:
    """An article's zip container, for reading its pictures.

    The file is opened for each picture and closed again, so the shown book is never held
    open (a sync tool or the user may replace or delete it meanwhile). Reading never raises:
    a picture that is missing, too large or damaged is None, and the view keeps a placeholder.
    """

    def __init__(self, path: str) -> None:
        self.path = path

    def read(self, member: str) -> bytes | None:
        import lzma
        import os
        import stat
        import zipfile
        import zlib

        from reader.core.article import ReadError
        from reader.core.formats.zipsafe import check_directory

        try:
            if not stat.S_ISREG(os.stat(self.path).st_mode):  # replaced by a pipe: it would block
                return None
            with zipfile.ZipFile(self.path) as archive:
                check_directory(archive.infolist(), self.path)  # a bomb is not opened at all
                info = archive.getinfo(member)
                if info.file_size > MAX_PICTURE:
                    return None
                with archive.open(info) as fh:
                    data = fh.read(MAX_PICTURE + 1)
        except (KeyError, zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError,
                RuntimeError, NotImplementedError, zlib.error, lzma.LZMAError, ReadError):
            return None
        return data if len(data) <= MAX_PICTURE else None
