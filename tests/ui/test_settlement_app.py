"""The Settlement page over the real App (issue 16): the demo Terminal against the sandbox platform
on loopback, real SQLite. A manager opens the page after a closed day: it shows that day (the last
closed one) with the platform's own figures agreeing; Ctrl+Enter and Enter accept it, numbered and
audited; the statement then shows its number and the manager's name, and Accept is gone; Export
for the bank writes the payment file where the page says, and Transfer sent takes the bank's
reference (the remittance is then outstanding). A day not closed yet cannot be accepted and says
why."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from pos_terminal.services import audit
from pos_terminal.services.statements import STATEMENT_ACCEPT
from tests.integration.test_reconcile import Day
from tests.platform_helpers import client_for, open_shift
from tests.ui.conftest import settle, sign_in
from ui.screens.settlement_dialogs import AcceptDialog, ReferenceDialog

pytestmark = pytest.mark.clock_sensitive

K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def api(server):
    c = client_for(server.url)
    yield c
    c.close()


@pytest.fixture
def day(terminal_factory, server):
    return Day(terminal_factory, server)


@pytest.fixture
def terminal(day):
    return day.t


def _page(qtbot, window):
    sign_in(qtbot, window, "8001", "8642")
    ws = window.workspace
    page = ws.pages["settlement"]
    with qtbot.waitSignal(page.loaded, timeout=15_000):
        ws.show_page("settlement")
    settle(qtbot)
    return page


def test_a_manager_accepts_the_last_closed_day_by_keyboard(qtbot, window, day, api, terminal):
    day.cashier = open_shift(terminal)
    day.sell(api, 2)
    assert day.drain().sent == 2
    day.close()
    page = _page(qtbot, window)
    st = page.statement_tab
    view = page.view
    assert page.selected_date() == day.date  # the last closed day, chosen by the facade
    assert page.platform_id() == terminal.settings.platform.id
    assert view.platform is not None and view.differences == [] and not view.blockers
    assert st.net_label.text().startswith("The store owes the platform ¥")
    assert st.platform_net_label.text() == "The platform's figures give the same net."
    assert st.differences_label.text() == "Differences: none. The platform agrees with this terminal."
    assert st.lines.item(0, 0).text() == "Collected: cash" and st.lines.item(0, 1).text().startswith("2 × ¥")
    assert st.accept_button.isEnabled() and not st.blockers_label.isVisible()

    st.accept_button.setFocus()
    qtbot.keyClick(st.accept_button, K.Key_Return, CTRL)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), AcceptDialog), timeout=5000)
    dialog = QApplication.activeModalWidget()
    upcoming = view.next_number
    assert upcoming and upcoming.startswith(f"ST-{day.date:%Y%m%d}-")
    assert st.state_label.text() == f"Not accepted yet. Accepting gives it the number {upcoming}."
    assert dialog.body.text() == (f"{st.net_label.text()}.\nIt gets the number {upcoming} and never changes after "
                                  "that.")
    with qtbot.waitSignal(page.loaded, timeout=15_000):
        qtbot.keyClick(dialog.edit, K.Key_Return)
    settle(qtbot)
    number = page.view.statement.number
    assert number == upcoming and page.view.accepted
    assert page.message.text().startswith(f"Statement {number} accepted: The store owes the platform")
    assert st.state_label.text().startswith(f"Accepted as {number} on ")
    manager = window.user
    assert st.state_label.text().endswith(f"by {manager.display_name} (8001).")
    assert not st.accept_button.isEnabled()
    entries = [e for e in audit.entries(terminal.uow, terminal.settings.terminal.terminal_id)
               if e.action == STATEMENT_ACCEPT]
    assert [e.subject for e in entries] == [number]

    # route 1: the files for the bank, then the transfer with the bank's reference
    assert st.export_button.isEnabled() and not st.sent_button.isEnabled()
    st.export_button.setFocus()
    with qtbot.waitSignal(page.loaded, timeout=15_000):
        qtbot.keyClick(st.export_button, K.Key_Return)
    settle(qtbot)
    assert page.message.text() == "", page.message.text()
    text = st.files_label.text()
    assert text.startswith(f"Exported for the bank ({number}) to ") and f"{number}.xml, .csv" in text
    folder = Path(text.split(" to ", 1)[1].split(": ", 1)[0])
    assert (folder / f"{number}.xml").read_bytes().startswith(b"<?xml")
    assert page.remittances_tab.rows[0]["number"] == number and page.remittances_tab.rows[0]["state"] == "exported"
    assert st.sent_button.isEnabled()
    qtbot.keyClick(st.sent_button, K.Key_Return)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), ReferenceDialog), timeout=5000)
    dialog = QApplication.activeModalWidget()
    qtbot.keyClicks(dialog.edit, "ICBC-0001")
    with qtbot.waitSignal(page.loaded, timeout=15_000):
        qtbot.keyClick(dialog.edit, K.Key_Return)
    settle(qtbot)
    row = page.remittances_tab.rows[0]
    assert (row["number"], row["state"], row["reference"]) == (number, "sent", "ICBC-0001")
    assert page.remittances_tab.table.item(0, 3).text() == "Outstanding"


def test_a_day_not_closed_says_so_and_cannot_be_accepted(qtbot, window, day, api, terminal):
    day.cashier = open_shift(terminal)
    day.sell(api, 1)
    page = _page(qtbot, window)  # no closed day: the facade shows the day the counter works on
    st = page.statement_tab
    assert page.selected_date() == day.date
    assert "take its Z report on the Shift page first" in st.blockers_label.text()
    assert "wait in the outbox" in st.blockers_label.text()
    assert not st.accept_button.isEnabled()
