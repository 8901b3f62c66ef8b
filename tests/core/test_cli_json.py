"""`reader --json` in a subprocess: the shared sample field for field, and bad input without tracebacks."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

FIELDS = ("headline", "authors", "outlet", "published", "url")


def run_json(*paths: str | Path) -> tuple[int, list[dict[str, object]], str]:
    proc = subprocess.run([sys.executable, "-m", "reader", "--json", *map(str, paths)],
                          check=False, capture_output=True, text=True, timeout=300)
    return proc.returncode, [json.loads(line) for line in proc.stdout.splitlines()], proc.stderr


def test_shared_sample_matches_its_expected_reading(shared: Path) -> None:
    sample = shared / "samples" / "russia-quits-icc.txt"
    want = json.loads((shared / "samples" / "russia-quits-icc.expected.json").read_text(encoding="utf-8"))
    code, (got,), err = run_json(sample)
    assert code == 0 and err == ""
    for field in FIELDS:
        assert got[field] == want[field], field
    assert [s["title"] for s in got["sections"]] == want["sections"]  # type: ignore[union-attr]


def test_bad_inputs_give_errors_and_the_rest_still_reads(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "junk.txt").write_bytes(bytes(range(256)) * 64)
    (tmp_path / "folder.txt").mkdir()
    good = tmp_path / "good.txt"
    good.write_text("A good headline\n\nBy Jane Doe\n\nBody text.\n", encoding="utf-8")
    code, out, err = run_json(tmp_path / "empty.txt", tmp_path / "junk.txt", tmp_path / "folder.txt",
                              tmp_path / "missing.txt", good)
    assert code == 1
    assert "Traceback" not in err
    assert [set(o) for o in out[:4]] == [{"path", "error"}] * 4
    assert all(isinstance(o["error"], str) and "\n" not in o["error"] for o in out[:4])
    assert out[4]["headline"] == "A good headline" and out[4]["authors"] == ["Jane Doe"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file(tmp_path: Path) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text("Headline\n\nBody.\n", encoding="utf-8")
    locked.chmod(0)
    try:
        code, out, err = run_json(locked)
    finally:
        locked.chmod(0o600)
    assert code == 1 and set(out[0]) == {"path", "error"} and "Traceback" not in err


def test_unreadable_file_as_root_gives_a_clean_error(tmp_path: Path) -> None:
    """Where chmod cannot stop root, a path that cannot be opened (a dangling link) stands in."""
    link = tmp_path / "dangling.txt"
    link.symlink_to(tmp_path / "nowhere")
    code, out, err = run_json(link)
    assert code == 1 and set(out[0]) == {"path", "error"} and "Traceback" not in err


def test_large_file_reads_in_linear_time(tmp_path: Path) -> None:
    para = "A paragraph of ordinary words that goes on for a while and then ends.\n\n"
    head = "A large article\n\nBy Jane Doe\nMay 1, 2020\n\nSection heading\n\n"
    small, large = tmp_path / "small.txt", tmp_path / "large.txt"
    small.write_text(head + para * 70_000, encoding="utf-8")  # about 5 MB
    large.write_text(head + para * 700_000, encoding="utf-8")  # about 50 MB
    timings = []
    for path in (small, large):
        start = time.perf_counter()
        code, (got,), err = run_json(path)
        timings.append(time.perf_counter() - start)
        assert code == 0 and got["headline"] == "A large article" and "Traceback" not in err
    assert large.stat().st_size > 45_000_000
    assert timings[1] < 25 * timings[0] + 5  # ten times the text: loosely ten times the time
