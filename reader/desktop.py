"""Install and remove Reader's launcher, icon and file associations for the current user (XDG)."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, TextIO
from xml.etree import ElementTree  # only our own packaged file is parsed

from reader.core.registry import FORMATS

APP_ID = "reader"
DESKTOP_ID = f"{APP_ID}.desktop"
MANIFEST_VERSION = 1
TOOL_TIMEOUT = 60.0
EXEC_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")
EXEC_ESCAPED = set("\"`$\\")


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


# ---- what gets installed -------------------------------------------------------------

def resource_bytes(name: str) -> bytes:
    """A file from Reader's resources folder, packaged or in a source checkout."""
    packaged = resources.files("reader") / "resources" / name
    if packaged.is_file():
        return packaged.read_bytes()
    checkout = Path(__file__).resolve().parent.parent / "resources" / name
    try:
        return checkout.read_bytes()
    except OSError:
        raise DesktopError(f"Reader's resource file {name} is missing from this installation") from None


def launch_command(argv0: str | None = None, executable: str | None = None) -> list[str]:
    """The command that starts this Reader: the `reader` script that runs now, else python -m reader."""
    argv0 = sys.argv[0] if argv0 is None else argv0
    executable = sys.executable if executable is None else executable
    script = shutil.which(argv0) if argv0 and os.sep not in argv0 else argv0
    if script and Path(script).name == APP_ID and os.path.isfile(script) and os.access(script, os.X_OK):
        return [os.path.abspath(script)]
    if not executable:
        raise DesktopError("cannot tell which Python runs Reader (sys.executable is empty)")
    return [os.path.abspath(executable), "-m", APP_ID]  # not resolved: a venv's python is a symlink


def quote_exec_arg(arg: str) -> str:
    """One argument of a desktop entry's Exec key, quoted as the specification asks."""
    arg = arg.replace("%", "%%")
    if any(ch in EXEC_RESERVED for ch in arg):
        arg = '"' + "".join("\\" + ch if ch in EXEC_ESCAPED else ch for ch in arg) + '"'
    return arg.replace("\\", "\\\\")  # the desktop file's own string escaping comes on top


def render_desktop(template: str, command: list[str]) -> str:
    """The template with Exec and TryExec pointing at ``command``."""
    exec_line = "Exec=" + " ".join(quote_exec_arg(a) for a in command) + " %F"
    try_exec = "TryExec=" + command[0].replace("\\", "\\\\")
    lines = []
    for line in template.splitlines():
        if line.startswith("Exec="):
            line = exec_line
        elif line.startswith("TryExec="):
            line = try_exec
        lines.append(line)
    return "\n".join(lines) + "\n"


def desktop_mime_types() -> list[str]:
    """Every MIME type Reader opens, from the format registry."""
    return list(dict.fromkeys(t for f in FORMATS for t in f.mime_types))


def declared_mime_types(xml: bytes) -> list[str]:
    """The types a shared-mime-info package declares (``<mime-type type="...">``)."""
    ns = "{http://www.freedesktop.org/standards/shared-mime-info}"
    return [el.get("type", "") for el in ElementTree.fromstring(xml).iter(f"{ns}mime-type")]


def known_mime_types(dirs: Iterable[Path]) -> set[str]:
    """Types the installed MIME databases already know (their generated ``mime/types`` lists)."""
    known: set[str] = set()
    for d in dirs:
        try:
            known.update((d / "mime" / "types").read_text(encoding="utf-8").split())
        except (OSError, UnicodeDecodeError):
            continue
    return known


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_sha256(path: Path) -> str | None:
    try:
        return sha256(path.read_bytes())
    except OSError:
        return None


def planned_files(paths: XdgPaths, manifest: Manifest, command: list[str]) -> dict[str, bytes]:
    """Target key -> contents; the MIME package only when the system lacks one of its types."""
    template = resource_bytes(DESKTOP_ID).decode("utf-8")
    plan = {"desktop": render_desktop(template, command).encode("utf-8"),
            "icon": resource_bytes(f"{APP_ID}.svg")}
    xml = resource_bytes(f"{APP_ID}-mime.xml")
    known = known_mime_types(paths.data_dirs)
    if "mime" not in manifest.files:
        known |= known_mime_types([paths.data_home])
    if "mime" in manifest.files or not set(declared_mime_types(xml)) <= known:
        plan["mime"] = xml
    return plan


# ---- manifest and careful file handling ----------------------------------------------

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


# ---- default applications (mimeapps.list), restored entry by entry ---------------------

def read_entries(path: Path) -> dict[str, str]:
    """``[section]key`` -> value of a mimeapps.list (empty when it is absent)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    entries: dict[str, str] = {}
    section = ""
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("[") and stripped.endswith("]"):
            section = stripped[1:-1]
        elif "=" in stripped and not stripped.startswith("#"):
            key, value = stripped.split("=", 1)
            entries[f"[{section}]{key.strip()}"] = value.strip()
    return entries


def restore_entries(path: Path, changes: Mapping[str, Mapping[str, str | None]]) -> int:
    """Put back each entry that still holds what we set; returns how many were restored."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 0
    restored, out, section = 0, [], ""
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("[") and stripped.endswith("]"):
            section = stripped[1:-1]
        elif "=" in stripped and not stripped.startswith("#"):
            key, value = (s.strip() for s in stripped.split("=", 1))
            change = changes.get(f"[{section}]{key}")
            if change is not None and value == change["after"]:
                restored += 1
                if change["before"] is None:
                    continue
                line = f"{key}={change['before']}"
        out.append(line)
    if restored:  # written in place: the list may be a symlink into someone's dotfiles
        path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return restored


def diff_entries(before: Mapping[str, str], after: Mapping[str, str]) -> dict[str, dict[str, str | None]]:
    return {k: {"before": before.get(k), "after": v} for k, v in after.items() if before.get(k) != v}


def only_headers(path: Path) -> bool:
    """True when a list holds nothing but section headers and blank lines."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return False
    return all(not s or s.startswith("[") and s.endswith("]") for s in (ln.strip() for ln in lines))


# ---- external tools -----------------------------------------------------------------

def run_tool(args: list[str], notes: list[str]) -> bool:
    """Run a desktop tool if it is installed; missing tools are skipped without a word."""
    exe = shutil.which(args[0])
    if exe is None:
        return False
    try:
        proc = subprocess.run([exe, *args[1:]], capture_output=True, text=True,
                              timeout=TOOL_TIMEOUT, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        notes.append(f"{args[0]} did not run: {exc}")
        return False
    if proc.returncode != 0:
        detail = (proc.stderr.strip().splitlines() or [f"exit status {proc.returncode}"])[-1]
        notes.append(f"{args[0]} failed: {detail[:200]}")
        return False
    return True


def set_defaults(paths: XdgPaths, manifest: Manifest, notes: list[str]) -> bool:
    """Make Reader the default for its types via xdg-mime, recording each entry it changed."""
    if shutil.which("xdg-mime") is None:
        return False
    files = paths.mimeapps_files()
    before = {str(f): (f.exists(), read_entries(f)) for f in files}
    if not paths.config_home.exists():
        make_dirs(paths.config_home, manifest)
    ok = run_tool(["xdg-mime", "default", DESKTOP_ID, *desktop_mime_types()], notes)
    for f in files:
        existed, old = before[str(f)]
        changes = diff_entries(old, read_entries(f))
        if not changes:
            continue
        record = manifest.defaults.setdefault(str(f), {"created": not existed, "entries": {}})
        for key, change in changes.items():
            kept = record["entries"].get(key)
            record["entries"][key] = {"before": kept["before"] if kept else change["before"],
                                      "after": change["after"]}
    return ok


def refresh_icon_cache(paths: XdgPaths, notes: list[str]) -> bool:
    """GTK reads a theme through its icon-theme.cache where there is one: update it, never create it."""
    hicolor = paths.data_home / "icons" / "hicolor"
    if not (hicolor / "icon-theme.cache").is_file():
        return False
    return run_tool(["gtk-update-icon-cache", "--force", "--ignore-theme-index", "--quiet", str(hicolor)],
                    notes)


def refresh_caches(paths: XdgPaths, manifest: Manifest, notes: list[str]) -> list[str]:
    """Run update-desktop-database, update-mime-database and the icon cache where present."""
    ran = ["gtk-update-icon-cache"] if refresh_icon_cache(paths, notes) else []
    cache = paths.applications / "mimeinfo.cache"
    manifest.caches.setdefault("applications", not cache.exists())
    if run_tool(["update-desktop-database", str(paths.applications)], notes):
        ran.append("update-desktop-database")
    if "mime" in manifest.files:
        manifest.caches.setdefault("mime", not (paths.mime / "mime.cache").exists())
        if run_tool(["update-mime-database", str(paths.mime)], notes):
            ran.append("update-mime-database")
    return ran


# ---- install ------------------------------------------------------------------------

def check_conflicts(plan: Mapping[str, bytes], targets: Mapping[str, Path], manifest: Manifest) -> set[str]:
    """Refuse to overwrite files that are not ours; returns keys already there, identical."""
    same = set()
    for key, data in plan.items():
        path = targets[key]
        if key in manifest.files or not (path.exists() or path.is_symlink()):
            continue
        if path.is_file() and file_sha256(path) == sha256(data):
            same.add(key)
            continue
        raise DesktopError(f"{path} exists and was not installed by Reader; move it away first")
    return same


def write_files(plan: Mapping[str, bytes], paths: XdgPaths, manifest: Manifest, skip: set[str]) -> None:
    targets = paths.targets()
    for key, data in plan.items():
        if key in skip:
            continue
        make_dirs(targets[key].parent, manifest)
        write_atomic(targets[key], data)
        manifest.files[key] = sha256(data)
        save_manifest(paths, manifest)  # recorded at once: a later failure leaves nothing untracked


def install_into(paths: XdgPaths, out: TextIO, command: list[str] | None = None) -> list[str]:
    """Install for the user under ``paths``; returns notes about tools that failed."""
    manifest = load_manifest(paths) or Manifest()
    command = command or launch_command()
    plan = planned_files(paths, manifest, command)
    targets = paths.targets()
    same = check_conflicts(plan, targets, manifest)
    manifest.command = command
    write_files(plan, paths, manifest, same)
    save_manifest(paths, manifest)
    notes: list[str] = []
    ran = refresh_caches(paths, manifest, notes)
    if set_defaults(paths, manifest, notes):
        ran.append("xdg-mime")
    save_manifest(paths, manifest)
    print_install_summary(out, paths, plan, same, command, ran)
    return notes


def print_install_summary(out: TextIO, paths: XdgPaths, plan: Mapping[str, bytes], same: set[str],
                          command: list[str], ran: list[str]) -> None:
    targets = paths.targets()
    labels = {"desktop": "launcher", "icon": "icon", "mime": "MIME types"}
    out.write("Installed Reader for this user:\n")
    for key in plan:
        state = " (already there, left as it was)" if key in same else ""
        out.write(f"  {labels[key]:<10} {targets[key]}{state}\n")
    out.write(f"  {'command':<10} {' '.join(command)}\n")
    exts = " ".join(ext for f in FORMATS for ext in f.extensions)
    if "xdg-mime" in ran:
        out.write(f"  {'opens':<10} {exts}\n")
    if ran:
        out.write(f"  {'updated':<10} {', '.join(ran)}\n")
    out.write("Undo with: reader --uninstall-desktop\n")


# ---- uninstall ----------------------------------------------------------------------

def restore_defaults(paths: XdgPaths, manifest: Manifest) -> int:
    """Undo install's default-application entries, only in the lists xdg-mime edits."""
    restored = 0
    ours = {str(f) for f in paths.mimeapps_files()}
    for name, record in manifest.defaults.items():
        if name not in ours:
            continue
        path = Path(name)
        restored += restore_entries(path, record.get("entries", {}))
        if record.get("created") and only_headers(path):
            path.unlink()
    return restored


def remove_files(paths: XdgPaths, manifest: Manifest) -> tuple[list[Path], list[Path]]:
    """Remove our files that are unchanged since install; returns (removed, kept)."""
    removed, kept = [], []
    for key, path in paths.targets().items():
        digest = manifest.files.get(key)
        if digest is None or not path.exists():
            continue
        if file_sha256(path) == digest:
            path.unlink()
            removed.append(path)
        else:
            kept.append(path)
    return removed, kept


def only_reader_entries(cache: Path) -> bool:
    """True when a mimeinfo.cache lists no application other than Reader."""
    for key, value in read_entries(cache).items():
        if key.startswith("[MIME Cache]") and any(a and a != DESKTOP_ID for a in value.split(";")):
            return False
    return True


def clean_caches(paths: XdgPaths, manifest: Manifest, notes: list[str]) -> None:
    """Bring the generated caches up to date, and remove the ones install created if now empty."""
    refresh_icon_cache(paths, notes)
    cache = paths.applications / "mimeinfo.cache"
    if paths.applications.is_dir():
        run_tool(["update-desktop-database", str(paths.applications)], notes)
    if manifest.caches.get("applications") and cache.is_file() and only_reader_entries(cache):
        cache.unlink()
    if "mime" not in manifest.files:
        return
    packages = paths.mime / "packages"
    if manifest.caches.get("mime") and str(paths.mime) in manifest.dirs and not any(packages.glob("*")):
        shutil.rmtree(paths.mime, ignore_errors=True)  # a database generated from our package only
    elif paths.mime.is_dir():
        run_tool(["update-mime-database", str(paths.mime)], notes)


def uninstall_from(paths: XdgPaths, out: TextIO) -> list[str]:
    """Remove what install put under ``paths``; returns notes about files kept or tools that failed."""
    manifest = load_manifest(paths)
    if manifest is None:
        out.write("Nothing to remove: Reader's launcher is not installed for this user.\n")
        return []
    restored = restore_defaults(paths, manifest)
    removed, kept = remove_files(paths, manifest)
    notes = [f"kept {p}: it changed since Reader installed it" for p in kept]
    clean_caches(paths, manifest, notes)
    paths.manifest.unlink(missing_ok=True)
    remove_empty_dirs(manifest)
    out.write("Removed Reader's launcher for this user:\n")
    out.writelines(f"  removed    {path}\n" for path in removed)
    if restored:
        out.write(f"  restored   {restored} default-application entr{'y' if restored == 1 else 'ies'}\n")
    return notes


# ---- command-line entry points --------------------------------------------------------

def run(action: Callable[[XdgPaths, TextIO], list[str]], what: str) -> int:
    """Run an action, turning every failure into one line on stderr and exit status 1."""
    try:
        notes = action(xdg_paths(), sys.stdout)
    except DesktopError as exc:
        print(f"reader: cannot {what}: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        where = f" {exc.filename}" if exc.filename else ""
        print(f"reader: cannot {what}:{where} {exc.strerror or exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - never a traceback from a menu-integration helper
        print(f"reader: cannot {what}: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    for note in notes:
        print(f"reader: note: {note}", file=sys.stderr)
    return 0


def install() -> int:
    """``reader --install-desktop``: launcher, icon and file associations for this user."""
    return run(install_into, "install the launcher")


def uninstall() -> int:
    """``reader --uninstall-desktop``: remove exactly what install put in place."""
    return run(uninstall_from, "remove the launcher")
