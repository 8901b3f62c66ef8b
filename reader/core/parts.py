"""Pictures kept inside an article's own file (an EPUB's images), read when the view asks for them.

A body image whose ``Block.src`` is ``part_src(member)`` names a member of the article's zip
container. The view opens the file once with ``Parts`` and reads each picture as it lays the
text out, so opening a book costs nothing for its pictures until they are shown. (zipfile is
imported on first use: the renderer imports this module on the start-up path.)
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from zipfile import ZipFile

PART = "part:"
MAX_PICTURE = 32 * 1024 * 1024  # unpacked bytes of one picture; larger ones stay placeholders


def part_src(member: str) -> str:
    """The ``Block.src`` of a picture stored as ``member`` of the article's own file."""
    return PART + member


def part_member(src: str) -> str | None:
    """The member a ``part_src`` names; None for any other source."""
    return src[len(PART):] if src.startswith(PART) else None


class Parts:
    """An article's zip container, opened on first use, for reading its pictures.

    Reading never raises: a picture that is missing, too large or damaged (the file may have
    changed on disk since the article was read) is None, and the view keeps a placeholder.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self._zip: ZipFile | None = None
        self._failed = False

    def read(self, member: str) -> bytes | None:
        import zipfile
        import zlib

        archive = self._open()
        if archive is None:
            return None
        try:
            info = archive.getinfo(member)
            if info.file_size > MAX_PICTURE:
                return None
            with archive.open(info) as fh:
                data = fh.read(MAX_PICTURE + 1)
        except (KeyError, zipfile.BadZipFile, EOFError, OSError, ValueError, RuntimeError,
                NotImplementedError, zlib.error):
            return None
        return data if len(data) <= MAX_PICTURE else None

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()
            self._zip = None

    def _open(self) -> ZipFile | None:
        if self._zip is not None or self._failed:
            return self._zip
        import zipfile

        from reader.core.article import ReadError
        from reader.core.formats.zipsafe import check_directory

        try:
            archive = zipfile.ZipFile(self.path)
        except (OSError, zipfile.BadZipFile, EOFError, ValueError, NotImplementedError,
                zipfile.LargeZipFile):
            self._failed = True
            return None
        try:
            check_directory(archive.infolist(), self.path)
        except ReadError:  # a bomb is not opened, even for its pictures
            archive.close()
            self._failed = True
            return None
        self._zip = archive
        return archive
