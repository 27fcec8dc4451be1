"""ui.app.stop_source_caching: PySide6's import hook (PYSIDE-2029) still learns which modules use
PySide6, without linecache keeping the source of every module imported after it (issue 14: about
30 MB of the running demo)."""

from __future__ import annotations

import linecache
import sys

from ui.app import stop_source_caching


def test_modules_imported_afterwards_are_classified_and_their_sources_not_kept(tmp_path, monkeypatch):
    import shibokensupport.feature as feature

    (tmp_path / "bench_uses_qt.py").write_text("from PySide6.QtCore import QObject\nVALUE = 1\n" + "# pad\n" * 2000)
    (tmp_path / "bench_plain.py").write_text("VALUE = 2\n" + "# pad\n" * 2000)
    monkeypatch.syspath_prepend(str(tmp_path))
    assert stop_source_caching()
    try:
        uses_qt = __import__("bench_uses_qt")
        plain = __import__("bench_plain")
        assert (uses_qt.VALUE, plain.VALUE) == (1, 2)
        # What PySide6's import hook calls for each module imported. Called here, not left to the
        # hook: whether the hook runs for an import made from a test depends on state earlier tests
        # leave in PySide6 (the full suite saw it skip the import now and then).
        for module in (uses_qt, plain):
            feature.pyside_feature_dict.pop(module.__name__, None)
            feature.feature_imported(module)
        assert feature.pyside_feature_dict["bench_uses_qt"] == 0  # uses PySide6: features may apply
        assert feature.pyside_feature_dict["bench_plain"] == -1  # ignored, as before
        kept = [name for name in linecache.cache if name.startswith(str(tmp_path))]
        assert kept == []
    finally:
        for name in ("bench_uses_qt", "bench_plain"):
            sys.modules.pop(name, None)
            feature.pyside_feature_dict.pop(name, None)


def test_a_module_without_a_source_file_is_not_pyside():
    import shibokensupport.feature as feature

    stop_source_caching()
    assert feature._mod_uses_pyside(sys) is False  # built in
