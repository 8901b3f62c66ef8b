"""Install and remove Reader's launcher, icon and file associations for the current user (XDG)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable, Mapping
from importlib import resources
from pathlib import Path
from typing import TextIO
from xml.etree import ElementTree  # only our own packaged file is parsed

from reader.core.registry import FORMATS
from reader.desktop_manifest import (
    APP_ID,
    DESKTOP_ID,
    DesktopError,
    Manifest,
    XdgPaths,
    file_sha256,
    load_manifest,
    make_dirs,
    remove_empty_dirs,
    save_manifest,
    sha256,
    write_atomic,
    xdg_paths,
)
from reader.desktop_mimeapps import (
    diff_entries,
    only_headers,
    read_entries,
    restore_entries,
)

TOOL_TIMEOUT = 60.0
EXEC_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")
EXEC_ESCAPED = set("\"`$\\")


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
