"""reader --install-desktop / --uninstall-desktop: what lands in the XDG folders, and that it all goes."""
from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import defusedxml.ElementTree as ET
import pytest

from reader import desktop, desktop_mimeapps
from reader.core.registry import FORMATS

ROOT = Path(__file__).resolve().parents[2]
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"
DE_VARS = ("XDG_CURRENT_DESKTOP", "DESKTOP_SESSION", "KDE_FULL_SESSION", "GNOME_DESKTOP_SESSION_ID",
           "MATE_DESKTOP_SESSION_ID", "KDE_SESSION_VERSION", "DBUS_SESSION_BUS_ADDRESS")
UNRELATED = {
    "data/applications/other.desktop": "[Desktop Entry]\nType=Application\nName=Other\nExec=other %F\n"
                                       "MimeType=text/plain;\n",
    "data/icons/hicolor/scalable/apps/other.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>\n",
    "data/reader/library.db": "not ours to touch\n",
    "config/mimeapps.list": "[Default Applications]\ntext/plain=gedit.desktop\n\n"
                            "[Added Associations]\ntext/plain=gedit.desktop;\n",
}


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A user whose XDG folders all live in tmp_path, on a system that knows no MIME types."""
    for var in DE_VARS:
        monkeypatch.delenv(var, raising=False)
    (tmp_path / "system").mkdir()
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_DIRS", str(tmp_path / "system"))
    return tmp_path


def write_unrelated(home: Path) -> None:
    for rel, text in UNRELATED.items():
        (home / rel).parent.mkdir(parents=True, exist_ok=True)
        (home / rel).write_text(text, encoding="utf-8")


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def desktop_entry(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    return dict(line.split("=", 1) for line in lines[1:] if line and not line.startswith("#"))


def exec_argv(entry: dict[str, str]) -> list[str]:
    """The Exec key unescaped (desktop string escapes, then the Exec quoting), without field codes."""
    value = entry["Exec"].replace("\\\\", "\\")
    return [arg for arg in shlex.split(value) if not arg.startswith("%")]


def registry_mime_types() -> set[str]:
    return {t for f in FORMATS for t in f.mime_types}


def test_install_then_uninstall(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_unrelated(home)
    before = snapshot(home)
    assert desktop.install() == 0
    out = capsys.readouterr()
    assert out.err == ""
    assert "reader.desktop" in out.out and "reader.svg" in out.out

    launcher = home / "data/applications/reader.desktop"
    entry = desktop_entry(launcher)
    assert entry["Type"] == "Application" and entry["Name"] == "Reader"
    assert entry["Terminal"] == "false"
    assert entry["Categories"] == "Office;Viewer;"
    assert entry["StartupWMClass"] == "reader" and entry["Icon"] == "reader"
    assert entry["Keywords"].endswith(";") and "article" in entry["Keywords"]
    assert set(entry["MimeType"].rstrip(";").split(";")) == registry_mime_types()
    assert entry["Exec"].endswith(" %F")
    assert exec_argv(entry) == [sys.executable, "-m", "reader"]  # pytest is not the reader script
    assert entry["TryExec"] == sys.executable

    icon = home / "data/icons/hicolor/scalable/apps/reader.svg"
    assert icon.read_bytes() == (ROOT / "resources/reader.svg").read_bytes()
    mime = home / "data/mime/packages/reader.xml"
    assert "text/markdown" in desktop.declared_mime_types(mime.read_bytes())

    defaults = desktop_mimeapps.read_entries(home / "config/mimeapps.list")
    if shutil.which("xdg-mime"):
        assert defaults["[Default Applications]text/plain"] == "reader.desktop"
        assert defaults["[Default Applications]application/epub+zip"] == "reader.desktop"
    assert defaults["[Added Associations]text/plain"] == "gedit.desktop;"

    assert desktop.uninstall() == 0
    out = capsys.readouterr()
    assert out.err == "" and "removed" in out.out
    after = snapshot(home)
    after.pop("data/applications/mimeinfo.cache", None)  # regenerated: it lists other.desktop now
    assert after == before
    assert not (home / "data/mime").exists()
    assert not (home / "data/icons/hicolor/scalable/apps/reader.svg").exists()
    assert (home / "data/reader").is_dir()  # not empty: the app's own data stays


def test_everything_created_is_removed(home: Path) -> None:
    assert desktop.install() == 0
    assert (home / "data/applications/reader.desktop").is_file()
    assert desktop.uninstall() == 0
    assert sorted(p.name for p in home.iterdir()) == ["system"]


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None,
                    reason="desktop-file-validate (apt: desktop-file-utils) is not installed")
def test_desktop_files_validate(home: Path) -> None:
    assert desktop.install() == 0
    for path in (ROOT / "resources/reader.desktop", home / "data/applications/reader.desktop"):
        res = subprocess.run(["desktop-file-validate", str(path)], check=False, capture_output=True, text=True)
        assert res.returncode == 0 and res.stdout == "", res.stdout + res.stderr


def test_missing_tools_are_skipped_silently(home: Path, capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    empty = home / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    assert desktop.install() == 0
    out = capsys.readouterr()
    assert out.err == ""
    assert (home / "data/applications/reader.desktop").is_file()
    assert not (home / "config").exists()
    assert not (home / "data/applications/mimeinfo.cache").exists()
    assert desktop.uninstall() == 0
    assert sorted(p.name for p in home.iterdir()) == ["bin", "system"]


def test_mime_package_skipped_when_system_knows_the_types(home: Path) -> None:
    (home / "system/mime").mkdir()
    (home / "system/mime/types").write_text("text/plain\ntext/markdown\n", encoding="utf-8")
    assert desktop.install() == 0
    assert not (home / "data/mime").exists()
    assert (home / "data/applications/reader.desktop").is_file()


def test_refuses_to_overwrite_a_foreign_file(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    foreign = home / "data/applications/reader.desktop"
    foreign.parent.mkdir(parents=True)
    foreign.write_text("[Desktop Entry]\nType=Application\nName=Another reader\nExec=x\n", encoding="utf-8")
    before = snapshot(home)
    assert desktop.install() == 1
    out = capsys.readouterr()
    assert out.err.count("\n") == 1 and "not installed by Reader" in out.err
    assert "Traceback" not in out.err
    assert snapshot(home) == before
    assert desktop.uninstall() == 0  # nothing recorded: the foreign file stays
    assert snapshot(home) == before


def test_reinstall_keeps_the_defaults_it_replaced(home: Path) -> None:
    write_unrelated(home)
    original = (home / "config/mimeapps.list").read_text(encoding="utf-8")
    assert desktop.install() == 0
    assert desktop.install() == 0
    assert desktop.uninstall() == 0
    assert (home / "config/mimeapps.list").read_text(encoding="utf-8") == original


def test_defaults_changed_since_install_are_left_alone(home: Path) -> None:
    if shutil.which("xdg-mime") is None:
        pytest.skip("xdg-mime (apt: xdg-utils) is not installed")
    assert desktop.install() == 0
    lst = home / "config/mimeapps.list"
    lst.write_text(lst.read_text(encoding="utf-8").replace("text/html=reader.desktop",
                                                           "text/html=firefox.desktop"), encoding="utf-8")
    assert desktop.uninstall() == 0
    assert desktop_mimeapps.read_entries(lst) == {"[Default Applications]text/html": "firefox.desktop"}


def test_changed_file_is_kept(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert desktop.install() == 0
    icon = home / "data/icons/hicolor/scalable/apps/reader.svg"
    icon.write_text("<svg xmlns='http://www.w3.org/2000/svg'><!-- mine --></svg>", encoding="utf-8")
    capsys.readouterr()
    assert desktop.uninstall() == 0
    assert icon.is_file()
    assert "kept" in capsys.readouterr().err
    assert not (home / "data/applications/reader.desktop").exists()


def test_uninstall_when_not_installed(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert desktop.uninstall() == 0
    assert "Nothing to remove" in capsys.readouterr().out
    assert sorted(p.name for p in home.iterdir()) == ["system"]


def test_damaged_manifest_is_one_line(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    manifest = home / "data/reader/desktop-install.json"
    manifest.parent.mkdir(parents=True)
    manifest.write_text("{not json", encoding="utf-8")
    assert desktop.uninstall() == 1
    err = capsys.readouterr().err
    assert err.startswith("reader: cannot remove the launcher:") and err.count("\n") == 1


def test_unwritable_data_home_is_one_line(home: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    blocker = home / "a-file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker / "share"))
    assert desktop.install() == 1
    err = capsys.readouterr().err
    assert err.startswith("reader: cannot install the launcher:") and err.count("\n") == 1


@pytest.mark.parametrize("arg, quoted", [
    ("/usr/bin/reader", "/usr/bin/reader"),
    ("/home/a b/bin/reader", '"/home/a b/bin/reader"'),
    ("/opt/$x/100%/r", '"/opt/\\\\$x/100%%/r"'),
])
def test_exec_quoting(arg: str, quoted: str) -> None:
    assert desktop.quote_exec_arg(arg) == quoted


def test_exec_round_trips_a_path_with_spaces() -> None:
    template = (ROOT / "resources/reader.desktop").read_text(encoding="utf-8")
    text = desktop.render_desktop(template, ["/home/a b/it's/bin/reader"])
    entry = dict(line.split("=", 1) for line in text.splitlines()[1:] if "=" in line)
    assert exec_argv(entry) == ["/home/a b/it's/bin/reader"]
    assert entry["TryExec"] == "/home/a b/it's/bin/reader"


def test_launch_command(tmp_path: Path) -> None:
    script = tmp_path / "bin" / "reader"
    script.parent.mkdir()
    script.write_text("#!/bin/sh\n", encoding="utf-8")
    script.chmod(0o755)
    assert desktop.launch_command(str(script), "/py") == [str(script)]
    assert desktop.launch_command("/x/reader/__main__.py", "/venv/bin/python") == ["/venv/bin/python", "-m",
                                                                                   "reader"]


def test_template_and_mime_package_cover_the_registry() -> None:
    entry = desktop_entry(ROOT / "resources/reader.desktop")
    assert set(entry["MimeType"].rstrip(";").split(";")) == registry_mime_types()
    root = ET.parse(ROOT / "resources/reader-mime.xml").getroot()
    for mime_type in root.iter(f"{MIME_NS}mime-type"):
        fmt_exts = {e for f in FORMATS if mime_type.get("type") in f.mime_types for e in f.extensions}
        globs = {g.get("pattern", "").lstrip("*") for g in mime_type.iter(f"{MIME_NS}glob")}
        assert globs and globs == fmt_exts


def test_icon_is_a_square_svg() -> None:
    root = ET.parse(ROOT / "resources/reader.svg").getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("viewBox") == "0 0 128 128"


def cli_commands() -> list[list[str]]:
    cmds = [[sys.executable, "-m", "reader"]]
    script = Path(sys.executable).parent / "reader"
    if script.is_file():
        cmds.append([str(script)])
    return cmds


@pytest.mark.parametrize("cmd", cli_commands(), ids=lambda c: "script" if len(c) == 1 else "python-m")
def test_command_line_install(home: Path, cmd: list[str]) -> None:
    env = {**os.environ}
    res = subprocess.run([*cmd, "--install-desktop"], env=env, check=False, capture_output=True, text=True, timeout=60)
    assert res.returncode == 0, res.stderr
    assert res.stderr == "" and "Installed Reader" in res.stdout
    entry = desktop_entry(home / "data/applications/reader.desktop")
    argv = exec_argv(entry)
    assert argv == cmd
    started = subprocess.run([*argv, "--version"], check=False, capture_output=True, text=True, timeout=60)
    assert started.returncode == 0 and started.stdout.startswith("reader ")
    res = subprocess.run([*cmd, "--uninstall-desktop"], env=env, check=False, capture_output=True, text=True, timeout=60)
    assert res.returncode == 0 and res.stderr == ""
    assert sorted(p.name for p in home.iterdir()) == ["system"]


def test_ui_fallback_icons_use_theme_names() -> None:
    icons = sorted((ROOT / "resources/icons").glob("*.svg"))
    assert {"edit-find", "go-up", "go-down", "window-close", "document-open"} <= {p.stem for p in icons}
    for path in icons:
        root = ET.parse(path).getroot()
        assert root.tag == "{http://www.w3.org/2000/svg}svg" and root.get("viewBox") == "0 0 24 24"


def fake_tool(folder: Path, name: str, log: Path, status: int = 0) -> None:
    """A stand-in for a desktop tool that notes its arguments and exits with ``status``."""
    script = folder / name
    script.write_text(f'#!/bin/sh\necho "{name} $*" >> "{log}"\necho "{name}: broken" >&2\nexit {status}\n',
                      encoding="utf-8")
    script.chmod(0o755)


def test_icon_cache_is_updated_only_where_one_exists(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tools, log = home / "bin", home / "tools.log"
    tools.mkdir()
    fake_tool(tools, "gtk-update-icon-cache", log)
    monkeypatch.setenv("PATH", str(tools))
    assert desktop.install() == 0
    assert not log.exists()  # no cache: none is created
    assert desktop.uninstall() == 0
    cache = home / "data/icons/hicolor/icon-theme.cache"
    cache.parent.mkdir(parents=True)
    cache.write_bytes(b"GTK cache")
    assert desktop.install() == 0
    assert log.read_text(encoding="utf-8").split() == [
        "gtk-update-icon-cache", "--force", "--ignore-theme-index", "--quiet", str(cache.parent)]
    assert desktop.uninstall() == 0
    assert log.read_text(encoding="utf-8").count("\n") == 2
    assert cache.read_bytes() == b"GTK cache"


def test_a_failing_tool_is_a_note_not_an_error(home: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    tools, log = home / "bin", home / "tools.log"
    tools.mkdir()
    fake_tool(tools, "update-desktop-database", log, status=3)
    monkeypatch.setenv("PATH", str(tools))
    assert desktop.install() == 0
    err = capsys.readouterr().err
    assert err == "reader: note: update-desktop-database failed: update-desktop-database: broken\n"
    assert (home / "data/applications/reader.desktop").is_file()
