"""Test set-up shared by every test: offscreen Qt, the shared corpus, the sample library."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
LIBRARY = ROOT / "library"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def shared() -> Path:
    """The shared corpus at ../shared; tests that need it skip where it is absent."""
    if not (SHARED / "README.md").is_file():
        pytest.skip("../shared is not beside this checkout (the corpus tests need it)")
    return SHARED


@pytest.fixture
def library() -> Path:
    return LIBRARY


@pytest.fixture(autouse=True)
def _private_index_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test indexes into its own cache folder, never the user's ~/.cache/reader."""
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path / "index-cache"))
