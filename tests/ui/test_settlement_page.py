"""The Settlement page (issue 16), for store managers: a platform's statement of the last closed
day beside the platform's own figures, its differences with what to do, accepting it (by keyboard:
Ctrl+Enter, a note when something stands in the way, the digest shown is what is accepted), the
direct route (export for the bank, transfer sent with the bank's reference), the clearing-house
route (send, import a report and its reconciliation) and the remittances' states.

`FakeSettlementApp` stands in for the App's settlement facades (app.settlement, app.remittances,
app.clearing) with the signatures of the issue's plan; it computes real statements with the
domain's compute_statement/compare_statements, so the page shows what the core computes."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication

from pos_terminal.app.facades_remittance import RemittanceView
from pos_terminal.domain.model import Role
from pos_terminal.domain.model.statements import (
    Contract,
    Movement,
    Statement,
    compare_statements,
    compute_statement,
)
from pos_terminal.services.clearing import ClearingRefused, Difference, ReportLine, ReportView
from pos_terminal.services.statements import StatementRefused, StatementView
from pos_terminal.services.users import SignedIn
from ui.screens.settlement import SettlementPage
from ui.screens.settlement_dialogs import AcceptDialog, ReferenceDialog
from ui.tasks import pending_tasks

K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
DAY = date(2026, 12, 2)
EXPORTED_AT = datetime(2026, 12, 3, 1, 30, tzinfo=UTC)
MANAGER = SignedIn(uuid.uuid4(), "8001", "Wang Fang", Role.MANAGER)


def settle(qtbot) -> None:
    qtbot.waitUntil(lambda: pending_tasks() == 0, timeout=10_000)


@dataclass(frozen=True)
class Terms:
    id: str
    name: str
    route: str
    currency: str = "CNY"


def _statement(platform_id: str, moves: list[Movement], day: date = DAY) -> Statement:
    return compute_statement(store_id="demo-store", platform_id=platform_id, business_date=day, currency="CNY",
                             contract=Contract(platform_id, 150, 0, "half_up"), movements=moves)


SALES = [Movement("sale", "s1", "ORD-1", (("cash", 10_000),)),
         Movement("sale", "s2", "ORD-2", (("bank_card", 5_000),)),
         Movement("refund", "r1/0", "ORD-1", (("cash", 2_000),))]


@dataclass
class FakeSettlement:
    """Stands in for app.settlement (H2's facade): the terminal's and the platform's statements of
    DAY, per platform; accept() refuses a digest other than the current figures'."""

    moves: dict = field(default_factory=lambda: {"demo-shop": list(SALES), "other-shop": [SALES[0]]})
    platform_moves: dict = field(default_factory=lambda: {"demo-shop": SALES[:2], "other-shop": [SALES[0]]})
    blockers: list = field(default_factory=list)  # (reason, message)
    accepted: dict = field(default_factory=dict)
    calls: list = field(default_factory=list)
    counter: int = 0

    def platforms(self):
        return [Terms("demo-shop", "Demo shop", "direct"), Terms("other-shop", "Other shop", "clearing_house")]

    def statement(self, user, business_date=None, platform_id=None):
        day, pid = business_date or DAY, platform_id or "demo-shop"
        self.calls.append(("statement", day, pid))
        if (pid, day) in self.accepted:
            mine = self.accepted[(pid, day)]
        else:
            mine = _statement(pid, self.moves[pid] if day == DAY else [], day)
        theirs = _statement(pid, self.platform_moves[pid] if day == DAY else [], day)
        accepted = mine.number is not None
        blockers = [] if accepted else list(self.blockers)
        route = next(p.route for p in self.platforms() if p.id == pid)
        view = StatementView(day, pid, mine, theirs, None, compare_statements(mine, theirs), accepted,
                             [m for _r, m in blockers],
                             [{"number": "ST-20261201-000001", "amount_minor": 4_000, "state": "received"}],
                             [r for r, _m in blockers], route,
                             None if accepted else f"ST-{day:%Y%m%d}-{self.counter + 1:06d}")
        return view

    def accept(self, user, business_date, platform_id, digest, note=""):
        self.calls.append(("accept", business_date, platform_id, digest, note))
        current = _statement(platform_id, self.moves[platform_id], business_date)
        if digest != current.digest:
            raise StatementRefused("digest_changed", "the figures changed since you looked: look again")
        self.counter += 1
        st = current.accepted(f"ST-{business_date:%Y%m%d}-{self.counter:06d}", datetime(2026, 12, 3, 1, 5, tzinfo=UTC),
                              user.username)
        self.accepted[(platform_id, business_date)] = st
        return st


@dataclass
class FakeRemittances:
    """Stands in for app.remittances (H3's facade)."""

    settlement: FakeSettlement
    rows: dict = field(default_factory=dict)
    calls: list = field(default_factory=list)

    def export(self, user, number, folder=None):
        st = next(s for s in self.settlement.accepted.values() if s.number == number)
        self.calls.append(("export", number))
        self.rows[number] = RemittanceView(number, st.platform_id, st.net_minor, st.currency, "exported",
                                           EXPORTED_AT, None)
        out = Path("/tmp/settlement-export")  # nothing is written: the page only names the files
        return SimpleNamespace(xml=out / f"{number}.xml", csv=out / f"{number}.csv", pdf=out / f"{number}.pdf",
                               pdf_error=None, amount_minor=st.net_minor, currency=st.currency)

    def mark_sent(self, user, number, reference):
        self.calls.append(("mark_sent", number, reference))
        self.rows[number] = replace(self.rows[number], state="sent", reference=reference,
                                    sent_at=datetime(2026, 12, 3, 2, 0, tzinfo=UTC))
        return self.rows[number]

    def list(self, user, refresh=False):
        self.calls.append(("list", refresh))
        return list(self.rows.values())


@dataclass
class FakeClearing:
    """Stands in for app.clearing (H4's facade)."""

    reports_: list = field(default_factory=list)
    calls: list = field(default_factory=list)

    def send(self, user, number):
        self.calls.append(("send", number))
        return {"number": number, "state": "sent"}

    def import_report(self, user, path):
        self.calls.append(("import", Path(path)))
        if Path(path).name == "altered.json":
            raise ClearingRefused("bad_signature", "report 'CH-7' is not signed by the clearing house")
        report = ReportView("CH-7", "demo-store", DAY, 7_850, "CNY",
                            [ReportLine("other-shop", "ST-20261202-000001", 9_850),
                             ReportLine("demo-shop", "ST-20261202-000002", -2_000)], "differences",
                            [Difference("missing_in_report", "ST-20261202-000003", "third-shop 1200", None,
                                        "An accepted statement of this day is not in the report")])
        self.reports_.insert(0, report)
        return report

    def fetch_report(self, user, business_date):
        self.calls.append(("fetch", business_date))
        return self.import_report(user, Path("fetched.json"))

    def reports(self, user):
        return list(self.reports_)


class Store:
    zone = ZoneInfo("Asia/Shanghai")

    @staticmethod
    def today():
        return date(2026, 12, 3)


class FakeSettlementApp:
    def __init__(self) -> None:
        self.store = Store()
        self.settlement = FakeSettlement()
        self.remittances = FakeRemittances(self.settlement)
        self.clearing = FakeClearing()


@pytest.fixture
def page(qtbot, qapp):
    app = FakeSettlementApp()
    page = SettlementPage(app, None, MANAGER)
    qtbot.addWidget(page)
    page.resize(840, 620)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.show()
    settle(qtbot)
    page.activateWindow()
    return page


def _dialog(qtbot, kind):
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), kind), timeout=5000)
    return QApplication.activeModalWidget()


def _cells(table, col):
    return [table.item(r, col).text() for r in range(table.rowCount())]


def test_the_last_closed_days_statement_is_shown_beside_the_platforms(page):
    app = page._app
    assert app.settlement.calls[0] == ("statement", DAY, "demo-shop")  # the facade chose the day
    assert page.selected_date() == DAY and page.platform_combo.currentText() == "Demo shop"
    st = page.statement_tab
    # 100 cash + 50 card - 20 cash refund - commission (1.50 + 0.75) = 127.75
    assert st.net_label.text() == "The store owes the platform ¥127.75"
    assert _cells(st.lines, 0)[:3] == ["Collected: bank card", "Collected: cash", "Refunds paid out: cash"]
    assert _cells(st.lines, 1)[2] == "1 × ¥20.00" and _cells(st.lines, 2)[2] == "—"
    assert st.platform_net_label.text() == "The platform's figures give: The store owes the platform ¥147.75"
    kinds = _cells(st.differences, 0)
    assert "Not recorded by the platform" in kinds and "Line differs" in kinds
    row = kinds.index("Not recorded by the platform")
    assert st.differences.item(row, 1).text() == "Refund paid out"
    assert st.differences.item(row, 2).text() == "order ORD-1: cash ¥20.00"
    assert st.differences.item(row, 4).text().startswith("The platform has not recorded this yet")
    assert st.state_label.text() == "Not accepted yet. Accepting gives it the number ST-20261202-000001."
    assert st.accept_button.isEnabled() and not st.export_button.isEnabled()
    assert st.export_button.isVisibleTo(page) and not st.send_button.isVisibleTo(page)


def test_a_manager_accepts_by_keyboard_with_a_note_when_something_stands_in_the_way(qtbot, page):
    app = page._app
    app.settlement.blockers = [("outbox_pending", "3 messages of the day wait in the outbox")]
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        qtbot.keyClick(page.platform_combo, K.Key_F5)
    assert page.statement_tab.blockers_label.text() == ("Not ready to accept: Records of this day still wait in the "
                                                        "outbox: let the sync send them, then look again.")
    shown = page.view.statement.digest
    page.statement_tab.accept_button.setFocus()
    qtbot.keyClick(page.statement_tab.accept_button, K.Key_Return, CTRL)
    dialog = _dialog(qtbot, AcceptDialog)
    assert "The store owes the platform ¥127.75" in dialog.body.text()
    assert "ST-20261202-000001" in dialog.body.text() and "wait in the outbox" in dialog.body.text()
    qtbot.keyClick(dialog.edit, K.Key_Return)  # no note: refused in the dialog
    assert dialog.isVisible() and "Write why" in dialog.message.text()
    qtbot.keyClicks(dialog.edit, "platform late, checked by phone")
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        qtbot.keyClick(dialog.edit, K.Key_Return)
    assert ("accept", DAY, "demo-shop", shown, "platform late, checked by phone") in app.settlement.calls
    assert page.message.text() == "Statement ST-20261202-000001 accepted: The store owes the platform ¥127.75."
    assert page.statement_tab.state_label.text() == \
        "Accepted as ST-20261202-000001 on 2026-12-03 09:05 by 8001."
    assert not page.statement_tab.accept_button.isEnabled() and page.statement_tab.export_button.isEnabled()


def test_figures_changed_after_they_were_shown_are_refused(qtbot, page):
    app = page._app
    app.settlement.moves["demo-shop"].append(Movement("sale", "s3", "ORD-3", (("cash", 1_000),)))  # after showing
    with qtbot.waitSignal(page.done, timeout=1000, raising=False) as blocker:
        page.accept_statement()
        settle(qtbot)
    assert not blocker.signal_triggered
    assert page.message.text() == "The figures changed since they were shown: look at them again, then accept."
    assert app.settlement.accepted == {}


def test_direct_route_export_then_transfer_sent_with_the_banks_reference(qtbot, page):
    app = page._app
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.accept_statement()
    st = page.statement_tab
    st.export_button.setFocus()
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        qtbot.keyClick(st.export_button, K.Key_Return)  # Enter presses the focused button
    assert ("export", "ST-20261202-000001") in app.remittances.calls
    assert st.files_label.text() == ("Exported for the bank (ST-20261202-000001) to /tmp/settlement-export: "
                                     "ST-20261202-000001.xml, .csv, .pdf. Make the transfer of ¥127.75, then press "
                                     "Transfer sent.")
    rem = page.remittances_tab
    assert rem.rows[0]["state"] == "exported"
    assert rem.table.item(0, 3).text() == "Not sent"
    assert rem.table.item(0, 3).toolTip() == "The payment file is made; the transfer is not marked sent yet."
    assert rem.table.item(0, 1).text() == "Demo shop"
    assert rem.rows[1] == {"number": "ST-20261201-000001", "platform_id": "demo-shop", "amount_minor": 4000,
                           "currency": "CNY", "state": "received", "sent_at": None, "reference": None}
    assert "1 statement" in rem.summary.text() and "¥127.75" in rem.summary.text()
    assert st.sent_button.isEnabled()
    st.sent_button.setFocus()
    qtbot.keyClick(st.sent_button, K.Key_Return)
    dialog = _dialog(qtbot, ReferenceDialog)
    qtbot.keyClick(dialog.edit, K.Key_Return)
    assert dialog.isVisible() and dialog.message.text() == "Type the bank's reference of the transfer."
    qtbot.keyClicks(dialog.edit, "ICBC-2026-1203-77")
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        qtbot.keyClick(dialog.edit, K.Key_Return)
    assert ("mark_sent", "ST-20261202-000001", "ICBC-2026-1203-77") in app.remittances.calls
    assert rem.table.item(0, 5).text() == "ICBC-2026-1203-77"
    assert rem.table.item(0, 4).text() == "12-03 10:00"  # local time
    assert rem.table.item(0, 3).text() == "Outstanding"
    assert rem.rows[1]["state"] == "received" and rem.table.item(1, 3).text() == "Received"
    assert not st.sent_button.isEnabled()


def test_clearing_house_route_send_import_and_reconciliation(qtbot, page, tmp_path):
    app = page._app
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.platform_combo.setCurrentIndex(1)
    st = page.statement_tab
    assert st.route_label.text() == "Route: settled through the clearing house"
    assert st.send_button.isVisibleTo(page) and not st.export_button.isVisibleTo(page)
    assert st.differences_label.text() == "Differences: none. The platform agrees with this terminal."
    assert not st.send_button.isEnabled()  # not accepted yet
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.accept_statement()
    with qtbot.waitSignal(page.done, timeout=10_000):
        qtbot.mouseClick(st.send_button, Qt.MouseButton.LeftButton)
    assert app.clearing.calls == [("send", "ST-20261202-000001")]
    assert page.message.text() == "Statement ST-20261202-000001 sent to the clearing house."
    settle(qtbot)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.import_report(str(tmp_path / "report.json"))
    assert page.tabs.currentWidget() is page.clearing_tab
    ch = page.clearing_tab
    assert ch.summary.text() == "Report CH-7 of 2026-12-02: The store pays ¥78.50. Differences: see below"
    assert _cells(ch.lines, 1) == ["ST-20261202-000001", "ST-20261202-000002"]
    assert _cells(ch.lines, 2) == ["¥98.50", "-¥20.00"]
    assert _cells(ch.differences, 0) == ["Not in the report"]
    assert ch.differences.item(0, 2).text() == "third-shop 1200" and ch.differences.item(0, 3).text() == "—"
    assert ch.differences.item(0, 4).text().endswith("settle that platform directly for the day.")
    settle(qtbot)
    page.import_report(str(tmp_path / "altered.json"))
    settle(qtbot)
    assert page.message.text() == "The report's signature does not verify: it was altered. Nothing was imported."
    assert len(ch.reports) == 1


def test_an_answer_for_a_day_no_longer_chosen_is_dropped(qtbot, page):
    page.load()  # asked for DAY ...
    page.set_date(date(2026, 11, 30))
    page.load()  # ... then another day
    settle(qtbot)
    assert page.view.statement.business_date == date(2026, 11, 30)
    assert page.statement_tab.net_label.text() == "Nothing to settle: the net is zero"


def test_the_page_works_without_the_facades_and_says_so(qtbot, qapp):
    class Bare:
        store = Store()

    page = SettlementPage(Bare(), None, MANAGER)
    qtbot.addWidget(page)
    page.show()
    assert page.message.text() == "Settlement is not available at this terminal."
    assert not page.statement_tab.accept_button.isEnabled()


def test_a_day_not_closed_cannot_be_accepted_even_with_a_note(qtbot, page):
    app = page._app
    app.settlement.blockers = [("day_open", "the day 2026-12-02 is not closed (Z) on this terminal")]
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.load()
    st = page.statement_tab
    assert not st.accept_button.isEnabled()
    assert "take its Z report on the Shift page first" in st.blockers_label.text()
    page.platform_combo.setFocus()
    qtbot.keyClick(page.platform_combo, K.Key_Return, CTRL)
    assert QApplication.activeModalWidget() is None and page.dialog is None
    assert page.message.text().startswith("The day is not closed")
    assert not [c for c in app.settlement.calls if c[0] == "accept"]


def test_the_keyboard_fetches_the_days_report_and_refreshes_the_remittances(qtbot, page):
    app = page._app
    page.tabs.setCurrentWidget(page.clearing_tab)
    page.clearing_tab.fetch_button.setFocus()
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        qtbot.keyClick(page.clearing_tab.fetch_button, K.Key_Return)
    assert ("fetch", DAY) in app.clearing.calls
    assert page.clearing_tab.selected_id() == "CH-7"
    page.tabs.setCurrentWidget(page.remittances_tab)
    page.remittances_tab.refresh_button.setFocus()
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        qtbot.keyClick(page.remittances_tab.refresh_button, K.Key_Return)
    assert app.remittances.calls[-1] == ("list", True)  # the platforms are asked about the remittances


def test_changing_the_day_by_keys_asks_once_for_the_day_chosen(qtbot, page):
    app = page._app
    before = len(app.settlement.calls)
    page.date_edit.setFocus()
    page.date_edit.setCurrentSection(page.date_edit.Section.DaySection)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        for key in (K.Key_Down, K.Key_Up, K.Key_Down):  # 12-01, 12-02, 12-01: three changes
            qtbot.keyClick(page.date_edit, key)
    settle(qtbot)
    assert app.settlement.calls[before:] == [("statement", date(2026, 12, 1), "demo-shop")]
    assert page.view.statement.business_date == date(2026, 12, 1)


def test_a_language_change_words_every_tab_again(qtbot, page):
    """The page and its three tabs retranslate on LanguageChange (the Chinese catalogue is tested
    with the others once compiled; here: every text is set again, nothing is left stale)."""
    st, ch, rem = page.statement_tab, page.clearing_tab, page.remittances_tab
    st.accept_button.setText("x")
    st.lines.setHorizontalHeaderLabels(["x"] * 4)
    ch.fetch_button.setText("x")
    rem.refresh_button.setText("x")
    page.tabs.setTabText(0, "x")
    for widget in (page, st, ch, rem):
        QApplication.sendEvent(widget, QEvent(QEvent.Type.LanguageChange))
    assert st.accept_button.text() == "&Accept…" and st.lines.horizontalHeaderItem(0).text() == "Line"
    assert ch.fetch_button.text() == "&Fetch the day's report" and rem.refresh_button.text() == "&Refresh"
    assert page.tabs.tabText(0) == "Statement"
    assert st.net_label.text() == "The store owes the platform ¥127.75"  # the statement shown again


def test_ctrl_tab_walks_the_tabs_and_alt_keys_reach_the_fields(qtbot, page):
    page.statement_tab.accept_button.setFocus()
    qtbot.keyClick(page.statement_tab.accept_button, K.Key_Tab, CTRL)
    assert page.tabs.currentWidget() is page.clearing_tab
    qtbot.keyClick(QApplication.focusWidget() or page.tabs, K.Key_Tab, CTRL)
    assert page.tabs.currentWidget() is page.remittances_tab
    qtbot.keyClick(QApplication.focusWidget() or page.tabs, K.Key_D, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is page.date_edit
    qtbot.keyClick(page.date_edit, K.Key_P, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is page.platform_combo


def test_the_reports_payment_file_is_saved_where_the_manager_says(qtbot, page, tmp_path):
    app = page._app
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.fetch_report()
    ch = page.clearing_tab
    assert not ch.save_button.isEnabled()  # this report has no payment file
    app.clearing.reports_[0] = replace(app.clearing.reports_[0], payment_xml="<?xml version='1.0'?><Document/>")
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.load()
    assert ch.save_button.isEnabled()
    out = tmp_path / "pay.xml"
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.save_payment_file(str(out))
    assert out.read_text(encoding="utf-8") == "<?xml version='1.0'?><Document/>"
    assert page.message.text() == f"Payment file of report CH-7 saved to {out}."
