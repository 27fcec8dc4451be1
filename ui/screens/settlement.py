"""Settlement (managers only, issue 16): what the store owes each platform for a business day, and
how it is paid.

A platform and a business day (the last closed day at first) choose a statement: the Statement tab
shows its lines beside the platform's own figures, the net ("the store owes the platform ¥X" or
"the platform owes the store ¥X"), each difference with what to do, what stands in the way of
accepting it, and once accepted its number, when and by whom. Accept… asks the manager to confirm
(naming the net and the number it gets) and passes the digest of the figures shown, so figures
that changed meanwhile are refused. Direct route: Export for the bank (pain.001, CSV, PDF; the page
says where the files are) and Transfer sent… (asks for the bank's reference). Clearing-house route:
Send to the clearing house; the Clearing house tab imports a report (a file) or fetches it, and
shows its reconciliation. The Remittances tab lists what was paid and what is still outstanding.

Keys: Alt+P the platform, Alt+D the day (arrows change it), F5 shows the statement again;
Ctrl+Enter opens Accept's confirm dialog from anywhere on the page; Enter on a focused button
presses it; Alt+A/X/S/C the Statement tab's buttons (Accept, Export, Transfer sent, Send to the
clearing house), Alt+I/F/V the Clearing house tab's (Import, Fetch, Save the payment file), Alt+S
and Alt+R the Remittances tab's (Transfer sent, Refresh); Ctrl+Tab / Ctrl+Shift+Tab the
next/previous tab. In the dialogs: Enter answers (Accept / Mark sent), Esc closes, Alt+N the note,
Alt+R the bank's reference.

Threading rule: GUI thread; every facade call (app.settlement, app.remittances, app.clearing) runs
in run_in_background, and an answer for a platform or day no longer chosen is dropped.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QTabWidget,
    QWidget,
)

from ui.screens.base import Page
from ui.screens.settlement_clearing import ClearingTab, RemittancesTab
from ui.screens.settlement_dialogs import AcceptDialog, ReferenceDialog
from ui.screens.settlement_statement import StatementTab, page_button
from ui.screens.settlement_texts import SettlementTexts, field, money
from ui.tasks import run_in_background
from ui.texts import fill
from ui.widgets import MessageLabel


class SettlementPage(Page):
    key = "settlement"
    loaded = Signal(object)  # the StatementView shown
    done = Signal(str)  # what was done: accepted, exported, sent, submitted, imported, fetched

    def __init__(self, app=None, bridge=None, user=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app, self._user = app, user
        self.texts = SettlementTexts(self)
        self.platforms: list[Any] = []
        self.view: Any = None
        self.busy = False
        self._asked = 0  # the latest statement asked for: older answers are dropped
        self._started = False
        self.dialog: AcceptDialog | ReferenceDialog | None = None

        self.platform_label = QLabel(self)
        self.platform_combo = QComboBox(self)
        self.platform_combo.setObjectName("settlement_platform")
        self.platform_combo.setMinimumContentsLength(12)
        self.platform_label.setBuddy(self.platform_combo)
        self.date_label = QLabel(self)
        self.date_edit = QDateEdit(self)
        self.date_edit.setObjectName("settlement_date")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_label.setBuddy(self.date_edit)
        today = app.store.today() if app is not None else date.today()
        self.date_edit.setMaximumDate(QDate(today.year, today.month, today.day))
        self.set_date(today - timedelta(days=1))
        self.show_button = page_button(self, "settlement_show")
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(6)
        self.progress.hide()
        self.message = MessageLabel(self)

        self.statement_tab = StatementTab(self)
        self.clearing_tab = ClearingTab(self)
        self.remittances_tab = RemittancesTab(self)
        zone = app.store.zone if app is not None else None
        self.statement_tab.zone = self.remittances_tab.zone = zone
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("settlement_tabs")
        self.tabs.addTab(self.statement_tab, "")
        self.tabs.addTab(self.clearing_tab, "")
        self.tabs.addTab(self.remittances_tab, "")

        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(self.platform_label)
        top.addWidget(self.platform_combo)
        top.addSpacing(6)
        top.addWidget(self.date_label)
        top.addWidget(self.date_edit)
        top.addWidget(self.show_button)
        top.addStretch(1)
        self.content.setSpacing(6)
        self.content.addLayout(top)
        self.content.addWidget(self.progress)
        self.content.addWidget(self.message)
        self.content.addWidget(self.tabs, 1)

        self.platform_combo.currentIndexChanged.connect(lambda _i: self._platform_chosen())
        self._date_timer = QTimer(self)  # typing a date's digits asks once, when they stop
        self._date_timer.setSingleShot(True)
        self._date_timer.setInterval(350)
        self._date_timer.timeout.connect(lambda: self.load())
        self.date_edit.dateChanged.connect(lambda _d: self._date_timer.start())
        self.show_button.clicked.connect(lambda: self.load())
        st = self.statement_tab
        st.accept_button.clicked.connect(lambda: self.ask_accept())
        st.export_button.clicked.connect(lambda: self.export())
        st.sent_button.clicked.connect(lambda: self.ask_sent(self.shown_number()))
        st.send_button.clicked.connect(lambda: self.send_to_clearing())
        self.clearing_tab.import_button.clicked.connect(lambda: self.import_report())
        self.clearing_tab.fetch_button.clicked.connect(lambda: self.fetch_report())
        self.clearing_tab.save_button.clicked.connect(lambda: self.save_payment_file())
        self.remittances_tab.sent_button.clicked.connect(
            lambda: self.ask_sent(self.remittances_tab.selected_number()))
        self.remittances_tab.refresh_button.clicked.connect(lambda: self.load(refresh=True))
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda: self.ask_accept())
        reload = QShortcut(QKeySequence("F5"), self)
        reload.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        reload.activated.connect(lambda: self.load())
        self.setTabOrder(self.platform_combo, self.date_edit)
        self.setTabOrder(self.date_edit, self.show_button)
        self.setTabOrder(self.show_button, self.tabs)
        self.retranslate_ui()
        self._update_buttons()

    # -- texts -----------------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Settlement")

    def lead(self) -> str:
        return self.tr("What the store owes each platform for a day: compared, accepted, paid.")

    def retranslate_content(self) -> None:
        self.platform_label.setText(self.tr("&Platform"))
        self.date_label.setText(self.tr("&Day"))
        self.show_button.setText(self.tr("Show"))
        self.show_button.setToolTip(self.tr("Show the statement again (F5)"))
        self.tabs.setTabText(0, self.tr("Statement"))
        self.tabs.setTabText(1, self.tr("Clearing house"))
        self.tabs.setTabText(2, self.tr("Remittances"))

    # -- choosing ------------------------------------------------------------------------------------
    def available(self) -> bool:
        return self._app is not None and getattr(self._app, "settlement", None) is not None

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._started:
            self._started = True
            self.start()
        elif self.view is not None:
            self.load()  # coming back to the page: the figures may have moved since

    def start(self) -> None:
        """The platforms, then the statement of the last closed day with the first of them."""
        if not self.available():
            self.message.show_message(self.tr("Settlement is not available at this terminal."))
            return
        facade = self._app.settlement
        self._set_busy(True)
        run_in_background(lambda: list(facade.platforms()), self._platforms_listed, self._failed, context=self)

    def _platforms_listed(self, platforms: list[Any]) -> None:
        self._set_busy(False)
        self.platforms = platforms
        self.platform_combo.blockSignals(True)
        self.platform_combo.clear()
        for p in platforms:
            self.platform_combo.addItem(str(field(p, "name", default="") or field(p, "id")), str(field(p, "id")))
        self.platform_combo.blockSignals(False)
        self.clearing_tab.routed = any(field(p, "route") == "clearing_house" for p in platforms)
        self.clearing_tab.platform_names = {str(field(p, "id")): str(field(p, "name", default="") or field(p, "id"))
                                            for p in platforms}
        self.remittances_tab.platform_names = self.clearing_tab.platform_names
        self.clearing_tab.retranslate_ui()
        self.statement_tab.show_view(None, self.route())
        self.load(default_day=True)

    def platform(self) -> Any:
        i = self.platform_combo.currentIndex()
        return self.platforms[i] if 0 <= i < len(self.platforms) else None

    def platform_id(self) -> str | None:
        p = self.platform()
        return None if p is None else str(field(p, "id"))

    def route(self) -> str:
        p = self.platform()
        return str(field(p, "route", default="direct") or "direct") if p is not None else "direct"

    def _platform_chosen(self) -> None:
        """Another platform: its route's buttons at once, its statement when it comes."""
        self.view = None
        self.statement_tab.show_view(None, self.route())
        self._update_buttons()
        self.load()

    def selected_date(self) -> date:
        d = self.date_edit.date()
        return date(d.year(), d.month(), d.day())

    def set_date(self, day: date) -> None:
        self.date_edit.blockSignals(True)
        self.date_edit.setDate(QDate(day.year, day.month, day.day))
        self.date_edit.blockSignals(False)

    # -- loading -------------------------------------------------------------------------------------
    def load(self, *, default_day: bool = False, refresh: bool = False) -> None:
        """The statement of the chosen platform and day (with `default_day`: the day the facade
        chooses, the last closed one), the remittances (with `refresh`: the platforms are asked
        about them first) and the clearing-house reports."""
        if not self.available() or not self.platforms:
            return
        app, user = self._app, self._user
        platform_id = self.platform_id()
        day = None if default_day else self.selected_date()
        self._date_timer.stop()
        self._asked += 1
        asked = self._asked
        self.progress.show()

        def work():
            view = app.settlement.statement(user, day, platform_id)
            remittances = getattr(app, "remittances", None)
            clearing = getattr(app, "clearing", None)
            paid = list(remittances.list(user, refresh=True) if refresh else remittances.list(user)) \
                if remittances is not None else []
            reports = list(clearing.reports(user)) if clearing is not None else []
            names = {}
            admin = getattr(app, "user_admin", None)
            if view.statement.accepted_by and admin is not None:  # "accepted by": a user id in the statement
                names = {str(u.user_id): f"{u.display_name} ({u.username})" for u in admin.list()}
            return view, paid, reports, names

        run_in_background(work, lambda result: self._loaded(asked, result), lambda exc: self._load_failed(asked, exc),
                          context=self)

    def _loaded(self, asked: int, result: tuple[Any, list[Any], list[Any], dict[str, str]]) -> None:
        if asked != self._asked:
            return  # another platform or day was chosen meanwhile
        self.progress.setVisible(self.busy)
        view, paid, reports, names = result
        self.view = view
        self.set_date(view.statement.business_date)
        self.statement_tab.names = names
        self.statement_tab.show_view(view, str(field(view, "route", default="") or self.route()))
        self.remittances_tab.show_rows(RemittancesTab.merge(
            paid, list(field(view, "remittances", default=()) or ()), self.platform_id()))
        self.clearing_tab.show_reports(reports, self.clearing_tab.selected_id())
        self._update_buttons()
        self.loaded.emit(view)

    def _load_failed(self, asked: int, exc: BaseException) -> None:
        if asked != self._asked:
            return
        self.progress.setVisible(self.busy)
        self.view = None
        self.statement_tab.show_view(None, self.route())
        self.message.show_message(self.texts.refusal(exc))
        self._update_buttons()

    # -- state ---------------------------------------------------------------------------------------
    def shown_number(self) -> str | None:
        return None if self.view is None else self.view.statement.number

    def accepted(self) -> bool:
        return self.statement_tab.accepted(self.view)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.progress.setVisible(busy)
        self.remittances_tab.busy = self.clearing_tab.busy = busy
        self._update_buttons()

    def _update_buttons(self) -> None:
        idle = not self.busy and self.available()
        view = self.view
        accepted = self.accepted()
        net = view.statement.net_minor if view is not None else 0
        number = self.shown_number()
        state = next((r["state"] for r in self.remittances_tab.rows if r["number"] == number), None)
        st = self.statement_tab
        st.accept_button.setEnabled(idle and view is not None and not accepted and not st.hard_blocked(view))
        st.export_button.setEnabled(idle and accepted and net > 0)
        st.sent_button.setEnabled(idle and accepted and net > 0 and state == "exported")
        st.send_button.setEnabled(idle and accepted)
        self.clearing_tab.import_button.setEnabled(idle)
        self.clearing_tab.fetch_button.setEnabled(idle)
        self.clearing_tab.save_button.setEnabled(idle and self.clearing_tab.can_save())
        self.show_button.setEnabled(self.available())
        self.remittances_tab._update_buttons()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.message.show_message(self.texts.refusal(exc))

    def _run(self, what: str, work, on_done) -> None:
        self._set_busy(True)
        self.message.clear_message()
        run_in_background(work, lambda result: self._finished(what, result, on_done), self._failed, context=self)

    def _finished(self, what: str, result: Any, on_done) -> None:
        self._set_busy(False)
        on_done(result)
        self.done.emit(what)
        self.load()

    # -- accepting -----------------------------------------------------------------------------------
    def ask_accept(self) -> None:
        """The confirm dialog (net, number, blockers, note); Accept runs accept() on a worker with
        the digest of the figures on screen."""
        view = self.view
        if view is None or self.busy or self.dialog is not None or self.accepted() or not self.available():
            return
        if self.statement_tab.hard_blocked(view):
            self.message.show_message(" ".join(self.statement_tab.blocker_texts(view)))
            return
        p = self.platform()
        name = str(field(p, "name", default="") or field(p, "id", default="")) if p is not None else ""
        mine = view.statement
        dialog = AcceptDialog(platform=name, day=mine.business_date.isoformat(),
                              net_text=self.texts.net(mine.net_minor, mine.currency),
                              number=field(view, "next_number"), blockers=self.statement_tab.blocker_texts(view),
                              parent=self)
        self._open(dialog, lambda: self.accept_statement(dialog.note, view=view))

    def accept_statement(self, note: str = "", *, view: Any = None) -> None:
        view = view or self.view
        if view is None or self.busy or not self.available():
            return
        facade, user = self._app.settlement, self._user
        mine = view.statement
        day, platform_id, digest = mine.business_date, mine.platform_id, mine.digest

        def shown(accepted: Any) -> None:
            number = field(accepted, "number", default="") or ""
            self.message.show_message(fill(self.tr("Statement %1 accepted: %2."), number,
                                           self.texts.net(mine.net_minor, mine.currency)), "info")

        self._run("accepted", lambda: facade.accept(user, day, platform_id, digest, note), shown)

    def _open(self, dialog: AcceptDialog | ReferenceDialog, on_accepted) -> None:
        self.dialog = dialog
        dialog.accepted.connect(on_accepted)
        dialog.finished.connect(lambda _r: self._dialog_closed(dialog))
        dialog.open()

    def _dialog_closed(self, dialog: AcceptDialog | ReferenceDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    # -- route 1: direct -----------------------------------------------------------------------------
    def export(self) -> None:
        number = self.shown_number()
        remittances = getattr(self._app, "remittances", None) if self._app is not None else None
        if number is None or self.busy or remittances is None:
            return
        user = self._user

        def shown(result: Any) -> None:
            files = [Path(p) for p in (field(result, "xml"), field(result, "csv"), field(result, "pdf")) if p]
            folder = str(files[0].parent) if files else ""
            names = ", ".join([files[0].name, *(f.suffix for f in files[1:])]) if files else ""
            text = fill(self.tr("Exported for the bank (%1) to %2: %3. Make the transfer of %4, then press Transfer "
                                "sent."), number, folder, names,
                        money(field(result, "amount_minor", default=0), str(field(result, "currency", default="CNY"))))
            if field(result, "pdf_error"):
                text += " " + fill(self.tr("No PDF: %1"), field(result, "pdf_error"))
            self.statement_tab.show_files(text)

        self._run("exported", lambda: remittances.export(user, number), shown)

    def ask_sent(self, number: str | None) -> None:
        remittances = getattr(self._app, "remittances", None) if self._app is not None else None
        if not number or self.busy or self.dialog is not None or remittances is None:
            return
        row = next((r for r in self.remittances_tab.rows if r["number"] == number), None)
        amount = money(row["amount_minor"], row["currency"]) if row and row["amount_minor"] is not None else ""
        dialog = ReferenceDialog(number=number, amount=amount, parent=self)
        self._open(dialog, lambda: self.mark_sent(number, dialog.reference))

    def mark_sent(self, number: str, reference: str) -> None:
        remittances = getattr(self._app, "remittances", None) if self._app is not None else None
        if remittances is None or self.busy:
            return
        user = self._user
        self._run("sent", lambda: remittances.mark_sent(user, number, reference),
                  lambda _r: self.message.show_message(
                      fill(self.tr("Transfer of %1 marked sent (reference %2): the platform is told."), number,
                           reference), "info"))

    # -- route 2: the clearing house -----------------------------------------------------------------
    def _clearing(self) -> Any:
        return getattr(self._app, "clearing", None) if self._app is not None else None

    def send_to_clearing(self) -> None:
        number, clearing = self.shown_number(), self._clearing()
        if number is None or self.busy or clearing is None:
            return
        user = self._user
        self._run("submitted", lambda: clearing.send(user, number),
                  lambda _r: self.message.show_message(
                      fill(self.tr("Statement %1 sent to the clearing house."), number), "info"))

    def import_report(self, path: str | None = None) -> None:
        clearing = self._clearing()
        if self.busy:
            return
        if clearing is None:
            self.message.show_message(self.tr("No clearing house is set up at this terminal."))
            return
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Import a clearing-house report"), "",
                                                  self.tr("Clearing-house reports (*.json);;All files (*)"))
            if not path:
                return
        user, chosen = self._user, Path(path)
        self._run("imported", lambda: clearing.import_report(user, chosen), self._report_shown)

    def fetch_report(self) -> None:
        clearing = self._clearing()
        if self.busy:
            return
        if clearing is None:
            self.message.show_message(self.tr("No clearing house is set up at this terminal."))
            return
        user, day = self._user, self.selected_date()
        self._run("fetched", lambda: clearing.fetch_report(user, day), self._report_shown)

    def _report_shown(self, report: Any) -> None:
        self.tabs.setCurrentWidget(self.clearing_tab)
        reports = [r for r in self.clearing_tab.reports if field(r, "report_id") != field(report, "report_id")]
        self.clearing_tab.show_reports([report, *reports], str(field(report, "report_id", default="")))
        self.message.show_message(fill(self.tr("Report %1 imported: %2"), field(report, "report_id", default=""),
                                       self.texts.report_state(str(field(report, "state", default="")))),
                                  "info" if field(report, "state") == "reconciled" else "error")

    def save_payment_file(self, path: str | None = None) -> None:
        """The selected report's payment file (pain.001), written where the manager chooses."""
        report = self.clearing_tab.selected_report()
        xml = field(report, "payment_xml") if report is not None else None
        if self.busy or not xml:
            return
        report_id = str(field(report, "report_id", default="report"))
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the payment file"), f"{report_id}.xml",
                                                  self.tr("Payment files (*.xml)"))
            if not path:
                return
        target = Path(path)

        def work() -> Path:
            target.write_text(str(xml), encoding="utf-8")
            return target

        self._run("saved", work, lambda written: self.message.show_message(
            fill(self.tr("Payment file of report %1 saved to %2."), report_id, str(written)), "info"))
