"""The entries of a mimeapps.list (XDG default applications): read, compared and restored."""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path


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
