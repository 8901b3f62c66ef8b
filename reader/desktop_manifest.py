"""Where Reader's desktop files go (XDG) and the manifest of what an install wrote."""
from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

APP_ID = "reader"
DESKTOP_ID = f"{APP_ID}.desktop"
MANIFEST_VERSION = 1


class DesktopError(Exception):
    """A problem the user can fix, told in one line."""


@dataclass(frozen=True, slots=True)
class XdgPaths:
    """Where a user's launchers, icons, MIME types and default applications live."""

    data_home: Path
    config_home: Path
    data_dirs: tuple[Path, ...]

    @property
    def applications(self) -> Path:
        return self.data_home / "applications"

    @property
    def mime(self) -> Path:
        return self.data_home / "mime"

    @property
    def manifest(self) -> Path:
        return self.data_home / APP_ID / "desktop-install.json"

    def targets(self) -> dict[str, Path]:
        """Our files, by key: the only files install writes and uninstall may remove."""
        return {
            "desktop": self.applications / DESKTOP_ID,
            "icon": self.data_home / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg",
            "mime": self.mime / "packages" / f"{APP_ID}.xml",
        }

    def mimeapps_files(self) -> list[Path]:
        """The per-user default-application lists `xdg-mime default` may edit."""
        return [self.config_home / "mimeapps.list", self.applications / "mimeapps.list"]


@dataclass(slots=True)
class Manifest:
    """What an install put in place, so uninstall removes that and nothing else."""

    files: dict[str, str] = field(default_factory=dict)  # target key -> sha256 of what we wrote
    dirs: list[str] = field(default_factory=list)  # folders that did not exist before
    caches: dict[str, bool] = field(default_factory=dict)  # generated cache -> created by us
    defaults: dict[str, dict[str, Any]] = field(default_factory=dict)  # mimeapps file -> entries
    command: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"version": MANIFEST_VERSION, "files": self.files, "dirs": self.dirs,
                "caches": self.caches, "defaults": self.defaults, "command": self.command}

    @classmethod
    def from_json(cls, obj: Any) -> Manifest:
        if not isinstance(obj, dict) or obj.get("version") != MANIFEST_VERSION:
            raise ValueError("unknown manifest version")
        return cls(files=dict(obj.get("files", {})), dirs=list(obj.get("dirs", [])),
                   caches=dict(obj.get("caches", {})), defaults=dict(obj.get("defaults", {})),
                   command=list(obj.get("command", [])))


def xdg_paths(env: Mapping[str, str] | None = None) -> XdgPaths:
    """The XDG base directories of the current user, with the specification's defaults."""
    env = os.environ if env is None else env
    home = Path(env.get("HOME") or Path.home())

    def base(name: str, default: Path) -> Path:
        value = env.get(name, "")
        return Path(value) if os.path.isabs(value) else default

    dirs = [Path(d) for d in env.get("XDG_DATA_DIRS", "").split(":") if os.path.isabs(d)]
    return XdgPaths(data_home=base("XDG_DATA_HOME", home / ".local" / "share"),
                    config_home=base("XDG_CONFIG_HOME", home / ".config"),
                    data_dirs=tuple(dirs or [Path("/usr/local/share"), Path("/usr/share")]))


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_sha256(path: Path) -> str | None:
    try:
        return sha256(path.read_bytes())
    except OSError:
        return None


def load_manifest(paths: XdgPaths) -> Manifest | None:
    try:
        text = paths.manifest.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise DesktopError(f"cannot read {paths.manifest}: {exc.strerror or exc}") from None
    try:
        return Manifest.from_json(json.loads(text))
    except (ValueError, TypeError, AttributeError):
        raise DesktopError(f"{paths.manifest} is damaged; remove Reader's files by hand") from None


def write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def save_manifest(paths: XdgPaths, manifest: Manifest) -> None:
    make_dirs(paths.manifest.parent, manifest)
    data = json.dumps(manifest.to_json(), indent=2, sort_keys=True) + "\n"
    write_atomic(paths.manifest, data.encode("utf-8"))


def make_dirs(folder: Path, manifest: Manifest) -> None:
    """Create ``folder`` and its missing parents, remembering each one created."""
    missing = []
    probe = folder
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    for d in reversed(missing):
        try:
            d.mkdir()
        except FileExistsError:
            continue  # made meanwhile by someone else: not ours to remove
        if str(d) not in manifest.dirs:
            manifest.dirs.append(str(d))


def remove_empty_dirs(manifest: Manifest) -> None:
    """Remove the folders install created, deepest first, where nothing else lives in them."""
    for d in sorted(manifest.dirs, key=lambda p: p.count(os.sep), reverse=True):
        try:
            Path(d).rmdir()
        except OSError:
            continue
