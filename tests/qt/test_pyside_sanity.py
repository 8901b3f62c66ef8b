"""The installed PySide6 keeps its references to None and True: 6.12.0 on Python < 3.12 did not."""
import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    fired = Signal()


def test_void_calls_and_emits_keep_singleton_references() -> None:
    probe = _Emitter()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(200):
        probe.setObjectName("probe")
        probe.fired.emit()
    # a leak loses exactly one reference per call: 200 here; allow for unrelated noise
    assert sys.getrefcount(None) > none_before - 50
    assert sys.getrefcount(True) > true_before - 50
