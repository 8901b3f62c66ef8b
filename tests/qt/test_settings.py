"""The settings wrapper: typed values that survive a round trip through an INI file."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QSettings

from reader.qt.settings import MAX_RECENT, Settings, default_qsettings, position_key


def ini(path: Path) -> Settings:
    return Settings(QSettings(str(path), QSettings.Format.IniFormat))


@pytest.fixture
def ini_path(tmp_path: Path) -> Path:
    return tmp_path / "reader.ini"


def reopened(settings: Settings, path: Path) -> Settings:
    settings.sync()
    return ini(path)


def test_empty_settings_have_defaults(ini_path: Path) -> None:
    s = ini(ini_path)
    assert s.library_root() is None
    assert s.recent_files() == []
    assert s.last_article() is None
    assert s.zoom() == 0
    assert s.splitter_sizes() == []
    assert s.pane_visible("outline") is True
    assert s.window_geometry() is None
    assert s.position("/nowhere/a.txt") == 0.0


def test_values_survive_a_restart(ini_path: Path, tmp_path: Path) -> None:
    s = ini(ini_path)
    s.set_library_root(str(tmp_path))
    s.set_zoom(3)
    s.set_splitter_sizes([200, 700, 150])
    s.set_pane_visible("outline", False)
    s.set_window_geometry(QByteArray(b"\x01\x02geometry"))
    s.set_last_article(str(tmp_path / "a.txt"))
    s.set_position(str(tmp_path / "a.txt"), 0.4)
    again = reopened(s, ini_path)
    assert again.library_root() == str(tmp_path)
    assert again.zoom() == 3
    assert again.splitter_sizes() == [200, 700, 150]
    assert again.pane_visible("outline") is False
    assert again.pane_visible("list") is True
    assert again.window_geometry() == QByteArray(b"\x01\x02geometry")
    assert again.last_article() == str(tmp_path / "a.txt")
    assert again.position(str(tmp_path / "a.txt")) == pytest.approx(0.4)


def test_keys_are_lowercase_group_names(ini_path: Path, tmp_path: Path) -> None:
    s = ini(ini_path)
    s.set_library_root(str(tmp_path))
    s.add_recent_file(str(tmp_path / "a.txt"))
    s.set_position(str(tmp_path / "a.txt"), 0.5)
    keys = s.qsettings().allKeys()
    assert "library/root" in keys and "recent/files" in keys
    assert position_key(str(tmp_path / "a.txt")) in keys
    assert all(k == k.lower() and "/" in k for k in keys)


def test_recent_files_one_item_round_trips_as_a_list(ini_path: Path, tmp_path: Path) -> None:
    s = ini(ini_path)
    s.add_recent_file(str(tmp_path / "only.txt"))
    assert reopened(s, ini_path).recent_files() == [str(tmp_path / "only.txt")]


def test_recent_files_newest_first_no_duplicates_at_most_ten(ini_path: Path, tmp_path: Path) -> None:
    s = ini(ini_path)
    for i in range(MAX_RECENT + 3):
        s.add_recent_file(str(tmp_path / f"{i}.txt"))
    s.add_recent_file(str(tmp_path / "5.txt"))
    recent = reopened(s, ini_path).recent_files()
    assert len(recent) == MAX_RECENT
    assert recent[0] == str(tmp_path / "5.txt")
    assert recent.count(str(tmp_path / "5.txt")) == 1
    assert str(tmp_path / "12.txt") in recent and str(tmp_path / "0.txt") not in recent


def test_prune_and_clear_recent_files(ini_path: Path, tmp_path: Path) -> None:
    here = tmp_path / "here.txt"
    here.write_text("x", encoding="utf-8")
    s = ini(ini_path)
    s.add_recent_file(str(tmp_path / "gone.txt"))
    s.add_recent_file(str(here))
    assert s.prune_recent_files() == [str(here)]
    s.clear_recent_files()
    assert reopened(s, ini_path).recent_files() == []


def test_positions_are_per_article_and_clamped(ini_path: Path) -> None:
    s = ini(ini_path)
    s.set_position("/a/one.txt", 0.25)
    s.set_position("/a/two.txt", 7.0)
    assert s.position("/a/one.txt") == pytest.approx(0.25)
    assert s.position("/a/two.txt") == 1.0
    assert position_key("/a/one.txt") != position_key("/a/two.txt")
    s.set_position("/a/one.txt", 0.0)
    assert position_key("/a/one.txt") not in s.qsettings().allKeys()


def test_position_keys_do_not_collide_across_a_big_library() -> None:
    keys = {position_key(f"/home/u/news/{year}/{i:05d}-story.txt") for year in (2023, 2024) for i in range(5000)}
    assert len(keys) == 10000


def test_garbage_values_fall_back_to_defaults(ini_path: Path) -> None:
    ini_path.write_text("[view]\nzoom=lots\nlist_visible=maybe\n[window]\nsplitter=a, b\n"
                        "geometry=notbytes\n", encoding="utf-8")
    s = ini(ini_path)
    assert s.zoom() == 0
    assert s.pane_visible("list") is True
    assert s.splitter_sizes() == []
    assert s.window_geometry() is None


def test_env_var_names_the_settings_file(monkeypatch: pytest.MonkeyPatch, ini_path: Path) -> None:
    monkeypatch.setenv("READER_SETTINGS", str(ini_path))
    q = default_qsettings()
    assert Path(q.fileName()) == ini_path
    assert q.format() == QSettings.Format.IniFormat


def test_positions_follow_the_content_digest_across_a_rename(ini_path: Path) -> None:
    from reader.qt.settings import digest_position_key

    s = ini(ini_path)
    digest = "0123456789abcdef0123456789abcdef"
    s.set_position("/lib/old-name.txt", 0.4, digest=digest)
    again = reopened(s, ini_path)
    assert again.position("/lib/moved/new-name.txt", digest=digest) == pytest.approx(0.4)
    assert again.position("/lib/old-name.txt") == pytest.approx(0.4)  # by path before the index
    assert again.position("/lib/moved/new-name.txt") == 0.0
    assert again.position("/lib/other.txt", digest="f" * 32) == 0.0
    assert digest_position_key(digest) in again.qsettings().allKeys()
    assert all(k == k.lower() for k in again.qsettings().allKeys())
    again.set_position("/lib/moved/new-name.txt", 0.0, digest=digest)
    assert again.position("/lib/moved/new-name.txt", digest=digest) == 0.0
