"""Issue 15: a scan never lands in a text field that does not take scans (the reprint reason,
a note): a scanner's burst there is a scan however it ends, even when it stalls half way or ends
with the other end key; in a field marked "scan_field" an unfinished burst is still typed.

Keys go the way the window system delivers them, with crafted timestamps (tests/ui/test_wedge.py):
5 ms apart for a scanner, 150 ms for a person."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit

from tests.ui.test_wedge import HUMAN_GAP, SCAN_GAP, Keyboard, focus, form, settled, wedge  # noqa: F401 (fixtures)

CODE = "IC0000000010050002"


@pytest.fixture
def reason_box(qtbot):
    """The reprint-reason box as the refund screen opens it (QInputDialog, free text)."""
    dialog = QInputDialog()
    dialog.setWindowTitle("Reprint receipt")
    dialog.setLabelText("Why is it printed again?")
    qtbot.addWidget(dialog)
    accepted = []
    dialog.accepted.connect(lambda: accepted.append(dialog.textValue()))
    dialog.open()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    edit = dialog.findChild(QLineEdit)
    focus(qtbot, edit)
    return dialog, edit, accepted


def stalled_scan(kb: Keyboard, text: str, *, stall_after: int, stall_ms: int, end: str = "\n") -> None:
    """A scanner's burst that stalls once (USB scanners do) before it goes on."""
    kb.ts += 1000
    kb.type(text[:stall_after], SCAN_GAP)
    kb.ts += stall_ms - SCAN_GAP
    kb.type(text[stall_after:] + end, SCAN_GAP)


def test_a_scan_that_stalls_in_the_reason_box_is_a_scan_not_the_reason(qtbot, wedge, reason_box):
    f, scans = wedge()  # the defaults: 35 ms gap, Enter ends a scan
    dialog, edit, accepted = reason_box
    stalled_scan(Keyboard(dialog), CODE, stall_after=9, stall_ms=60)
    settled(qtbot, f)
    assert [s.text for s in scans] == [CODE]
    assert edit.text() == "" and accepted == [] and dialog.isVisible()  # no reason, nothing audited


def test_a_scanner_that_ends_with_tab_in_the_reason_box_is_a_scan(qtbot, wedge, reason_box):
    f, scans = wedge(terminator="enter")
    dialog, edit, accepted = reason_box
    Keyboard(dialog).scan(CODE, terminator="\t")
    settled(qtbot, f)
    assert [s.text for s in scans] == [CODE]
    assert edit.text() == "" and accepted == []
    assert QApplication.focusWidget() is edit  # the Tab went with the scan


def test_a_scanner_that_ends_with_enter_when_tab_is_set_does_not_accept_the_box(qtbot, wedge, reason_box):
    f, scans = wedge(terminator="tab")
    dialog, edit, accepted = reason_box
    Keyboard(dialog).scan(CODE, terminator="\n")
    settled(qtbot, f)
    assert [s.text for s in scans] == [CODE]
    assert edit.text() == "" and accepted == [] and dialog.isVisible()


def test_a_burst_without_an_end_key_in_a_note_is_a_scan(qtbot, wedge, form):  # noqa: F811
    f, scans = wedge(terminator="enter")
    focus(qtbot, form.text)
    with qtbot.waitSignal(f.scanned, timeout=2000):
        Keyboard(form).scan(CODE, terminator="")  # the scanner sends no suffix: it ends at the pause
    assert [s.text for s in scans] == [CODE]
    assert form.text.toPlainText() == ""


def test_a_person_typing_the_reason_still_types_it_and_enter_accepts(qtbot, wedge, reason_box):
    f, scans = wedge()
    dialog, edit, accepted = reason_box
    Keyboard(dialog).type("torn\n", HUMAN_GAP)
    settled(qtbot, f)
    assert scans == [] and accepted == ["torn"]


def test_in_a_scan_field_a_stalled_burst_is_typed_where_the_cashier_sees_it(qtbot, wedge, form):  # noqa: F811
    f, scans = wedge()
    form.line.setProperty("scan_field", True)
    focus(qtbot, form.line)
    stalled_scan(Keyboard(form), CODE, stall_after=9, stall_ms=60, end="")
    settled(qtbot, f)
    assert scans == []
    assert form.line.text() == CODE
