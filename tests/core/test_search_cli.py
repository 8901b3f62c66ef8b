"""``reader --library DIR --search QUERY``: JSON Lines, grep's file set, a Qt-free fast warm path."""
from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def make_library_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_library", ROOT / "bench" / "make_library.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reader", *args], capture_output=True, text=True,
                          check=False, env=env, timeout=120)


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "READER_CACHE_DIR": str(tmp_path / "cache")}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """240 generated articles (.txt/.md/.html, nested) and words from rare to common."""
    module = make_library_module()
    root = tmp_path_factory.mktemp("generated") / "lib"
    for path in module.make_library(240, root, seed=7):
        os.utime(path, (1_700_000_000, 1_700_000_000))  # settled, as a real library's files are
    vocab = module.Writer(7).vocab
    return root, [vocab[0], vocab[3], vocab[40], vocab[400], vocab[3000], vocab[-1]]


def grep_files(root: Path, word: str) -> set[str]:
    if shutil.which("grep"):
        out = subprocess.run(["grep", "-ril", word, str(root)], capture_output=True, text=True,
                             check=False)
        return set(out.stdout.split())
    return {str(p) for p in root.rglob("*.*") if word in p.read_text(encoding="utf-8").lower()}


def test_errors_are_one_line_exit_1(env: dict[str, str], tmp_path: Path) -> None:
    missing = run(["--library", str(tmp_path / "nope"), "--search", "x"], env)
    assert missing.returncode == 1 and missing.stdout == ""
    assert missing.stderr.count("\n") == 1 and "no such folder" in missing.stderr
    afile = tmp_path / "f.txt"
    afile.write_text("x", encoding="utf-8")
    notdir = run(["--library", str(afile), "--search", "x"], env)
    assert notdir.returncode == 1 and "not a folder" in notdir.stderr
    nolib = run(["--search", "x"], env)
    assert nolib.returncode == 1 and nolib.stderr.count("\n") == 1


def test_hits_are_exactly_greps_files(generated: tuple[Path, list[str]], env: dict[str, str]) -> None:
    root, words = generated
    checked = 0
    for word in words:
        out = run(["--library", str(root), "--search", word], env)
        assert out.returncode == 0, out.stderr
        hits = [json.loads(line) for line in out.stdout.splitlines()]
        assert {h["path"] for h in hits} == grep_files(root, word), word
        assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)
        assert all(set(h) == {"path", "headline", "score", "snippet"} for h in hits)
        checked += bool(hits)
    assert checked >= 4  # not vacuous: most words are found somewhere
    first = json.loads(run(["--library", str(root), "--search", words[2]], env).stdout.splitlines()[0])
    assert f"[{words[2]}]" in first["snippet"].lower()


def test_warm_run_reads_nothing_and_imports_no_qt(generated: tuple[Path, list[str]],
                                                  env: dict[str, str]) -> None:
    root, words = generated
    assert run(["--library", str(root), "--search", words[1]], env).returncode == 0
    code = ("import sys; from reader.cli import main; main(['--library', sys.argv[1], '--search', "
            "sys.argv[2]]); mods = [m for m in sys.modules if m.startswith(('PySide6', "
            "'reader.core.index', 'reader.core.formats', 'reader.core.registry'))]; "
            "print(mods, file=sys.stderr)")
    out = subprocess.run([sys.executable, "-c", code, str(root), words[1]], capture_output=True,
                         text=True, check=False, env=env, timeout=60)
    assert out.stderr.strip() == "[]"
    assert len(out.stdout.splitlines()) == len(grep_files(root, words[1])) > 0


def test_changes_are_seen_on_the_next_run(tmp_path: Path, env: dict[str, str]) -> None:
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "a.txt").write_text("First headline\n\nA story about zymurgy.\n", encoding="utf-8")
    assert len(run(["--library", str(lib), "--search", "zymurgy"], env).stdout.splitlines()) == 1
    (lib / "sub").mkdir()
    (lib / "sub" / "b.txt").write_text("Second headline\n\nMore zymurgy here.\n", encoding="utf-8")
    assert len(run(["--library", str(lib), "--search", "zymurgy"], env).stdout.splitlines()) == 2
    (lib / "a.txt").write_text("First headline\n\nNow about brewing.\n", encoding="utf-8")
    lines = run(["--library", str(lib), "--search", "zymurgy"], env).stdout.splitlines()
    assert [json.loads(x)["path"] for x in lines] == [str(lib / "sub" / "b.txt")]
