"""reader.core must stay Qt-free: importing all of it loads no PySide6."""
import subprocess
import sys

CODE = """
import importlib, pkgutil, sys
import reader.core
for mod in pkgutil.walk_packages(reader.core.__path__, "reader.core."):
    try:
        importlib.import_module(mod.name)
    except ImportError as exc:
        if "PySide6" in str(exc):
            raise
bad = sorted(m for m in sys.modules if m.startswith(("PySide6", "shiboken6")))
print(",".join(bad))
"""


def test_core_imports_no_qt() -> None:
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_json_cli_imports_no_qt(tmp_path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Headline\n\nBody text here.\n", encoding="utf-8")
    code = ("import sys; from reader.cli import main; main(['--json', sys.argv[1]]); "
            "print([m for m in sys.modules if m.startswith('PySide6')], file=sys.stderr)")
    out = subprocess.run([sys.executable, "-c", code, str(article)], capture_output=True, text=True)
    assert out.stderr.strip() == "[]"
