"""Safe opening of zip containers (docx, odt, epub) and their XML parts: size caps, no entities."""
from __future__ import annotations

import io
import lzma
import zipfile
import zlib
from pathlib import PurePosixPath

from lxml import etree

from reader.core.article import ReadError

MiB = 1024 * 1024
MAX_MEMBERS = 20_000
MAX_TOTAL = 512 * MiB  # uncompressed bytes the directory may promise, all members together
MAX_PART = 64 * MiB  # uncompressed bytes of one XML part we are willing to parse
MAX_RATIO = 200  # compression ratio above which a large member is taken for a bomb
RATIO_FLOOR = 4 * MiB  # members smaller than this are never judged by ratio

_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
    remove_comments=True, remove_pis=True,
)
_RECOVER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
    remove_comments=True, remove_pis=True, recover=True,
)


class SafeZip:
    """A zip archive whose directory was checked; parts are read with a size cap."""

    def __init__(self, archive: zipfile.ZipFile, name: str) -> None:
        self.archive = archive
        self.name = name
        self._infos = {info.filename: info for info in archive.infolist()}
        self._folded = {key.casefold(): key for key in self._infos}

    def has(self, member: str) -> bool:
        return self._key(member) is not None

    def stored_name(self, member: str) -> str | None:
        """The name ``member`` is stored under (names are matched ignoring case); None if absent."""
        return self._key(member)

    def names(self) -> list[str]:
        return list(self._infos)

    def size(self, member: str) -> int:
        key = self._key(member)
        return self._infos[key].file_size if key else 0

    def _key(self, member: str) -> str | None:
        if member in self._infos:
            return member
        return self._folded.get(member.casefold())

    def read(self, member: str, limit: int = MAX_PART) -> bytes:
        """The bytes of one member; ReadError when it is missing, too large or damaged."""
        key = self._key(member)
        if key is None:
            raise ReadError(f"{self.name} is damaged: it has no {member}")
        info = self._infos[key]
        if info.file_size > limit:
            raise ReadError(f"{self.name} is too large to read ({member} would be "
                            f"{info.file_size // MiB} MB)")
        try:
            with self.archive.open(info) as fh:
                data = fh.read(limit + 1)
        except (zipfile.BadZipFile, EOFError, OSError, ValueError, zipfile.LargeZipFile,
                zlib.error, lzma.LZMAError) as exc:
            raise ReadError(f"{self.name} is damaged ({member}: {_first_line(exc)})") from None
        except NotImplementedError:
            raise ReadError(f"{self.name} uses a zip compression Reader cannot open") from None
        except RuntimeError:  # encrypted member
            raise ReadError(f"{self.name} is encrypted") from None
        if len(data) > limit:
            raise ReadError(f"{self.name} is too large to read ({member})")
        return data

    def xml(self, member: str, limit: int = MAX_PART) -> etree._Element:
        return parse_xml(self.read(member, limit), f"{self.name} ({member})")


def open_zip(data: bytes, name: str, *, max_total: int = MAX_TOTAL) -> SafeZip:
    """Open ``data`` as a zip archive after checking its directory for bombs and damage."""
    if not data.startswith(b"PK"):
        raise ReadError(f"{name} is not a zip container (the file is damaged or mislabelled)")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, zipfile.LargeZipFile) as exc:
        raise ReadError(f"{name} is damaged or truncated ({_first_line(exc)})") from None
    except NotImplementedError as exc:  # a member needs a newer zip version than Python reads
        raise ReadError(f"{name} uses a zip format Reader cannot open ({_first_line(exc)})") from None
    check_directory(infos, name, max_total)
    return SafeZip(archive, name)


def check_directory(infos: list[zipfile.ZipInfo], name: str, max_total: int = MAX_TOTAL) -> None:
    """Refuse archives whose directory promises too many members, bytes or compression."""
    if len(infos) > MAX_MEMBERS:
        raise ReadError(f"{name} has too many parts to be a document ({len(infos)})")
    total = 0
    for info in infos:
        total += info.file_size
        if total > max_total:
            raise ReadError(f"{name} would unpack to more than {max_total // MiB} MB; "
                            "it looks like a zip bomb")
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(1, info.compress_size):
            raise ReadError(f"{name} is compressed suspiciously well ({info.filename}); "
                            "it looks like a zip bomb")


def parse_xml(data: bytes, where: str) -> etree._Element:
    """Parse XML without entities, DTDs or network; recover from small damage, else ReadError."""
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError:
        pass
    try:
        root = etree.fromstring(data, _RECOVER)
    except etree.XMLSyntaxError as exc:
        raise ReadError(f"{where} is not well-formed XML ({_first_line(exc)})") from None
    if root is None:
        raise ReadError(f"{where} is not well-formed XML")
    return root


def join_path(base: str, href: str) -> str:
    """Resolve ``href`` relative to the folder of ``base`` inside an archive."""
    from urllib.parse import unquote

    href = unquote(href.split("#", 1)[0])
    parts: list[str] = []
    for part in (PurePosixPath(base).parent / href).parts:
        if part == "..":
            if parts:
                parts.pop()
        elif part not in (".", "/"):
            parts.append(part)
    return "/".join(parts)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:120] if text else type(exc).__name__
