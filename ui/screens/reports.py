"""The Reports tab of the shift page: the X report (any time, nothing closes) and the Z report
(closes the business day, after a confirmation; a manager's approval for a cashier), shown as
tables beside a chart of the day's sales by hour and tender; a date picker shows a past day's
stored Z again. Print (the receipt printer), Export CSV and Export PDF work on the shown report.

Every service, printer and file call runs in run_in_background; `export_csv(path)` and
`export_pdf(path)` take the path directly (the file dialog only asks for it). The table widget
the rows are shown in is ui.screens.report_table.ReportTable.
"""

from __future__ import annotations

import logging
from datetime import date

from PySide6.QtCore import QDate, QLocale, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_terminal.domain.model import Permission
from pos_terminal.services.report_model import DayReport
from ui.dialogs.manager_approval import ManagerApprovalDialog
from ui.sales_chart import SalesChart
from ui.screens.report_table import ReportTable, local_time, money_text
from ui.style import COLORS
from ui.tasks import run_in_background
from ui.texts import fill
from ui.widgets import MessageLabel

log = logging.getLogger(__name__)

TENDER_ORDER = ("cash", "prepaid_card", "bank_card")
ROUTE_ORDER = ("cash", "prepaid_card", "bank_card", "online")


def ui_language() -> str:
    """The language the screens show now ("zh_CN" or "en"), for printed and exported reports."""
    return "zh_CN" if QLocale().language() == QLocale.Language.Chinese else "en"


class ReportsTab(QWidget):
    report_shown = Signal(object)  # the DayReport, once on screen
    exported = Signal(str)  # the path written

    def __init__(self, app=None, user=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ReportsTab")
        self._app, self._user = app, user
        self.report: DayReport | None = None
        self.busy = False

        self.date_label = QLabel(self)
        self.date_edit = QDateEdit(self)
        self.date_edit.setObjectName("report_date")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        today = app.store.today() if app is not None else date.today()
        self.date_edit.setMaximumDate(QDate(today.year, today.month, today.day))
        self.date_edit.setDate(QDate(today.year, today.month, today.day))
        self.date_edit.dateChanged.connect(self._date_changed)
        self.x_button = QPushButton(self)
        self.x_button.setObjectName("x_report")
        self.x_button.clicked.connect(lambda: self.show_x())
        self.z_button = QPushButton(self)
        self.z_button.setObjectName("z_report")
        self.z_button.clicked.connect(lambda: self.close_day())
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(6)
        self.progress.hide()

        self.heading = QLabel(self)
        self.heading.setObjectName("ReportHeading")
        self.heading.setWordWrap(True)
        self.table = ReportTable(self)
        self.notes_label = QLabel(self)
        self.notes_label.setObjectName("ReportNotes")
        self.notes_label.setWordWrap(True)
        self.notes_label.hide()

        chart_card = QFrame(self)
        chart_card.setObjectName("Card")
        chart_box = QVBoxLayout(chart_card)
        chart_box.setContentsMargins(10, 8, 10, 8)
        self.chart_title = QLabel(chart_card)
        self.chart_title.setObjectName("FieldLabel")
        self.chart = SalesChart(chart_card)
        chart_box.addWidget(self.chart_title)
        chart_box.addWidget(self.chart, 1)

        self.print_button = QPushButton(self)
        self.print_button.setObjectName("print_report")
        self.print_button.clicked.connect(self.print_report)
        self.csv_button = QPushButton(self)
        self.csv_button.setObjectName("export_csv")
        self.csv_button.clicked.connect(lambda: self.export_csv())
        self.pdf_button = QPushButton(self)
        self.pdf_button.setObjectName("export_pdf")
        self.pdf_button.clicked.connect(lambda: self.export_pdf())
        self.message = MessageLabel(self)

        top = QHBoxLayout()
        top.addWidget(self.date_label)
        top.addWidget(self.date_edit)
        top.addSpacing(8)
        top.addWidget(self.x_button)
        top.addWidget(self.z_button)
        top.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(self.heading)
        left.addWidget(self.table, 1)
        left.addWidget(self.notes_label)
        outputs = QHBoxLayout()
        outputs.setSpacing(6)
        for button in (self.print_button, self.csv_button, self.pdf_button):
            button.setStyleSheet("padding: 8px 10px;")
            outputs.addWidget(button)
        right = QVBoxLayout()
        right.addWidget(chart_card, 1)
        right.addLayout(outputs)
        right_box = QWidget(self)
        right_box.setLayout(right)
        right.setContentsMargins(0, 0, 0, 0)
        right_box.setMaximumWidth(350)  # narrower beside a table that needs the room (1024 wide)
        body = QHBoxLayout()
        body.addLayout(left, 3)
        body.addWidget(right_box, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.progress)
        layout.addLayout(body, 1)
        layout.addWidget(self.message)
        self.setStyleSheet("#ReportHeading { font-weight: bold; } "
                           f"#ReportNotes {{ color: {COLORS['warn']}; }} "
                           "#ReportTable { background: #ffffff; }")
        self.retranslate_ui()
        self._update()

    # -- texts ---------------------------------------------------------------------------------
    def kind_name(self, kind: str) -> str:
        return {"cash": self.tr("Cash"), "prepaid_card": self.tr("Prepaid card"), "bank_card": self.tr("Bank card"),
                "online": self.tr("Back to the buyer's account"), "split": self.tr("Split")}.get(kind, kind)

    def retranslate_ui(self) -> None:
        self.date_label.setText(self.tr("Day"))
        self.x_button.setText(self.tr("X report"))
        self.z_button.setText(self.tr("Close the day (Z)…"))
        self.x_button.setToolTip(self.tr("The day's figures so far; nothing is closed."))
        self.z_button.setToolTip(self.tr("Prints the Z report and closes the business day."))
        self.chart_title.setText(self.tr("Sales by hour and tender"))
        self.print_button.setText(self.tr("Print"))
        self.csv_button.setText(self.tr("Export CSV…"))
        self.pdf_button.setText(self.tr("Export PDF…"))
        self.table.set_headers("", self.tr("Count"), self.tr("Amount"))
        self._show_report()

    def refusal_text(self, exc: BaseException) -> str:
        reason = getattr(exc, "reason", None) or getattr(exc, "code", None)
        texts = {
            "already_closed": self.tr("This day is already closed with a Z report: it is shown as it was printed."),
            "shift_open": self.tr("A shift is still open: close it (count the drawer) before the Z report."),
            "future_date": self.tr("That day has not begun yet."),
            "not_allowed": self.tr("Only a manager may close the day."),
            "bad_date": self.tr("Choose a day in the calendar."),
            "busy": self.tr("Another terminal closed a day at the same moment: try again."),
        }
        text = texts.get(reason)
        if text is not None:
            return text
        log.warning("report step failed", exc_info=exc)
        message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
        return fill(self.tr("The report could not be made: %1"), message)

    # -- state ---------------------------------------------------------------------------------
    def selected_date(self) -> date:
        d = self.date_edit.date()
        return date(d.year(), d.month(), d.day())

    def set_date(self, day: date) -> None:
        self.date_edit.setDate(QDate(day.year, day.month, day.day))

    def refresh_today(self) -> None:
        """The calendar ends at the store's business day now (the page may live past midnight)."""
        if self._app is not None:
            today = self._app.store.today()
            self.date_edit.setMaximumDate(QDate(today.year, today.month, today.day))

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.progress.setVisible(busy)
        self._update()

    def _update(self) -> None:
        has = self.report is not None
        for button in (self.print_button, self.csv_button, self.pdf_button):
            button.setEnabled(has and not self.busy)
        self.x_button.setEnabled(not self.busy and self._app is not None)
        self.z_button.setEnabled(not self.busy and self._app is not None)

    def _date_changed(self, _qdate) -> None:
        """A past day: its stored Z, if any, is shown again."""
        if self._app is None or self.busy:
            return
        day = self.selected_date()
        if day < self._app.store.today():
            self.load_stored_z(day)
        else:
            self.show_x(day)

    # -- X, Z and stored Z -----------------------------------------------------------------------
    def show_x(self, day: date | None = None) -> None:
        if self.busy or self._app is None:
            return
        day = day or self.selected_date()
        facade, user = self._app.reports, self._user
        self._set_busy(True)
        self.message.clear_message()
        run_in_background(lambda: facade.x_report(user, day), self._shown, self._failed,
                          context=self)

    def close_day(self, *, confirm: bool = True, manager=None) -> None:
        """Asks for a confirmation (and a manager's approval for a cashier), then runs the Z report
        for the chosen day on a worker."""
        if self.busy or self._app is None:
            return
        day = self.selected_date()
        if confirm:
            answer = QMessageBox.question(
                self, self.tr("Close the day"),
                fill(self.tr("Close the business day %1 with a Z report? Its figures are then final and the Z "
                             "report number is used up."), day.isoformat()))
            if answer != QMessageBox.StandardButton.Yes:
                return
        user, facade = self._user, self._app.reports
        if manager is None and user is not None and not user.can(Permission.CLOSE_DAY):
            # the Z report runs on the worker that records the manager's approval, right after it
            done = ManagerApprovalDialog.approve_and_run(
                self, self._app, fill(self.tr("Close the business day %1 (Z report)."), day.isoformat()),
                lambda approver: facade.z_report(approver, day), Permission.CLOSE_DAY)
            if done is None:
                return
            self.message.clear_message()
            done.deliver(self._closed, self._failed)
            return
        closing_user = manager or user
        self._set_busy(True)
        self.message.clear_message()
        run_in_background(lambda: facade.z_report(closing_user, day), self._closed,
                          self._failed, context=self)

    def load_stored_z(self, day: date) -> None:
        if self.busy or self._app is None:
            return
        facade = self._app.reports
        self._set_busy(True)
        self.message.clear_message()
        run_in_background(lambda: facade.stored_z(day), lambda r: self._stored(r, day), self._failed,
                          context=self)

    def _stored(self, report, day: date) -> None:
        self._set_busy(False)
        if report is None:
            self.report = None
            self._show_report()
            self.message.show_message(fill(self.tr("No Z report is stored for %1. Show its X report, or close the "
                                                   "day with a Z report."), day.isoformat()), "info")
            return
        self._shown(report)

    def _shown(self, report: DayReport) -> None:
        self._set_busy(False)
        self.report = report
        self._show_report()
        self.report_shown.emit(report)

    def _closed(self, report: DayReport) -> None:
        self._shown(report)
        closed = fill(self.tr("Day %1 closed: Z report no. %2."), report.business_date.isoformat(),
                      str(report.z_no or ""))
        self.message.show_message(closed, "info")
        if self._app is not None and self._app.store.settings.shift.print_z_at_close:
            # [shift] print_z_at_close: the Z goes to the printer as the day closes (a worker)
            facade, language = self._app.reports, ui_language()
            self._set_busy(True)
            run_in_background(lambda: facade.print_report(report, language),
                              lambda printed: self._z_printed(printed, closed), self._print_failed, context=self)

    def _z_printed(self, printed, closed: str) -> None:
        if not printed.printed:
            self._printed(printed)  # says why, and that it can be printed again
            return
        self._set_busy(False)
        self.message.show_message(closed + " " + self.tr("The Z report was printed."), "info")

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        stored = getattr(exc, "report", None)
        if getattr(exc, "reason", None) == "already_closed" and stored is not None:
            self._shown(stored)
        self.message.show_message(self.refusal_text(exc), "error" if stored is None else "info")

    # -- showing -------------------------------------------------------------------------------
    def report_rows(self, r: DayReport) -> list[tuple[str, str, str, str]]:
        cur = r.currency
        rows: list[tuple[str, str, str, str]] = []

        def add(label, count="", amount="", style=""):
            rows.append((label, count, amount, style))

        def by_kind(totals, order):
            found = {t.kind: t for t in totals}
            for kind in list(order) + [k for k in found if k not in order]:
                t = found.get(kind)
                if t is None and kind == "online" and kind not in found:
                    continue
                add("    " + self.kind_name(kind), str(t.count if t else 0), money_text(t.amount_minor if t else 0, cur))

        add(self.tr("Sales"), "", "", "section")
        add(self.tr("Sales total"), str(r.sales_count), money_text(r.sales_minor, cur), "total")
        by_kind(r.sales_by_tender, TENDER_ORDER)
        if r.offline_sales_count:
            add(self.tr("Taken offline"), str(r.offline_sales_count), "")
        add(self.tr("Refunds and voids"), "", "", "section")
        add(self.tr("Refunds total"), str(r.refunds_count), money_text(r.refunds_minor, cur), "total")
        by_kind(r.refunds_by_route, ROUTE_ORDER)
        add(self.tr("Voids"), str(r.voids_count), money_text(r.voids_minor, cur))
        by_kind(r.voids_by_tender, TENDER_ORDER)  # what the voids gave back, by tender
        add(self.tr("Cash in the drawer"), "", "", "section")
        add(self.tr("Opening float"), "", money_text(r.opening_float_minor, cur))
        cash_sales = r.tender("cash").amount_minor
        cash_refunds = next((t.amount_minor for t in r.refunds_by_route if t.kind == "cash"), 0)
        add(self.tr("+ Cash sales"), "", money_text(cash_sales, cur))
        add(self.tr("− Cash refunds"), "", money_text(cash_refunds, cur))
        add(self.tr("− Cash drops"), "", money_text(r.drops_minor, cur))
        add(self.tr("− Pay-outs"), "", money_text(r.pay_outs_minor, cur))
        add(self.tr("+ Pay-ins"), "", money_text(r.pay_ins_minor, cur))
        add(self.tr("Expected cash"), "", money_text(r.expected_cash_minor, cur), "total")
        if r.counted_cash_minor is None:
            add(self.tr("Counted cash"), "", self.tr("not counted yet"))
        else:
            add(self.tr("Counted cash"), "", money_text(r.counted_cash_minor, cur))
            over_short = r.over_short_minor or 0
            add(self.tr("Over / short"), "", money_text(over_short, cur, signed=True),
                "good" if over_short == 0 else "bad")
        add(self.tr("No-sale openings"), str(r.no_sale_count), "")
        add(self.tr("Shifts"), "", "", "section")
        for s in r.shifts:
            span = local_time(s.opened_at, r.timezone) + "–" + (local_time(s.closed_at, r.timezone) if s.closed_at
                                                                 else self.tr("open"))
            if s.over_short_minor is None:
                value, style = self.tr("open"), ""
            else:
                value = money_text(s.over_short_minor, cur, signed=True)
                style = "good" if s.over_short_minor == 0 else "bad"
            add(f"{span}  {s.opened_by}", "", value, style)
        if not r.shifts:
            add(self.tr("No shift on this day"))
        add(self.tr("Receipts and sync"), "", "", "section")
        if r.first_receipt_no is None:
            add(self.tr("Receipt numbers"), "", self.tr("none"))
        else:
            add(self.tr("Receipt numbers"), "", f"{r.first_receipt_no:06d}–{r.last_receipt_no or r.first_receipt_no:06d}")
        add(self.tr("Settlements not sent yet"), str(r.sync.pending), "", "bad" if r.sync.pending else "")
        if r.sync.needing_attention:
            add(self.tr("Settlements needing attention"), str(r.sync.needing_attention), "", "bad")
        return rows

    def notes(self, r: DayReport) -> list[str]:
        """The report's warnings (DayReport.warnings), worth reading before the figures are trusted."""
        texts = {"shift_open": lambda _s: self.tr("A shift of this day is still open: its cash is not counted yet."),
                 "unsent": lambda n: self.tr("%n settlement(s) not sent to the platform yet.", "", n),
                 "refused": lambda n: self.tr("%n settlement(s) refused by the platform: see the sync status.", "", n)}
        return list(dict.fromkeys(texts[code](value) for code, value in r.warnings()))

    def heading_text(self, r: DayReport) -> str:
        when = local_time(r.generated_at, r.timezone, "%H:%M")
        if r.kind == "Z":
            title = fill(self.tr("Z report no. %1"), str(r.z_no or ""))
        else:
            title = self.tr("X report")
        return f"{title} · {r.business_date.isoformat()} · {when} · {r.generated_by}"

    def _show_report(self) -> None:
        r = self.report
        if r is None:
            self.heading.setText(self.tr("Choose a day, then X report (figures so far) or Close the day (Z)."))
            self.table.set_rows([])
            self.notes_label.hide()
            self.chart.clear()
        else:
            self.heading.setText(self.heading_text(r))
            self.table.set_rows(self.report_rows(r))
            notes = self.notes(r)
            self.notes_label.setText("\n".join(notes))
            self.notes_label.setVisible(bool(notes))
            self.chart.set_hours(r.by_hour, r.currency)
        self._update()

    # -- print and export ----------------------------------------------------------------------------
    def print_report(self) -> None:
        """Prints the shown report on the receipt printer (a worker); a printer fault is a message."""
        report = self.report
        if report is None or self.busy or self._app is None:
            return
        facade, language = self._app.reports, ui_language()
        self._set_busy(True)
        self.message.clear_message()
        run_in_background(lambda: facade.print_report(report, language), self._printed, self._print_failed, context=self)

    def print_x_now(self) -> None:
        """Today's X report, shown and printed (offered after a shift is closed)."""
        if self.busy or self._app is None:
            return
        today = self._app.store.today()
        self.date_edit.blockSignals(True)  # no X of its own for the date change: this one is shown
        self.set_date(today)
        self.date_edit.blockSignals(False)
        facade, user, language = self._app.reports, self._user, ui_language()

        def work():
            return facade.print_x(user, today, language)

        def done(result):
            report, printed = result
            self._shown(report)
            self._printed(printed)

        self._set_busy(True)
        self.message.clear_message()
        run_in_background(work, done, self._failed, context=self)

    def _printed(self, printed) -> None:
        self._set_busy(False)
        if printed.printed:
            self.message.show_message(self.tr("Report printed."), "info")
        else:
            self._print_failed(RuntimeError(printed.error or ""))

    def _print_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        log.warning("report not printed: %s", exc)
        self.message.show_message(fill(self.tr("The report was not printed: %1. Check the printer (paper, cover), "
                                               "then print again."), str(exc) or type(exc).__name__), "error")

    def _done(self, text: str) -> None:
        self._set_busy(False)
        self.message.show_message(text, "info")

    def default_name(self, suffix: str) -> str:
        r = self.report
        kind = r.kind.lower() if r is not None else "x"
        day = r.business_date.isoformat() if r is not None else ""
        terminal = r.terminal_id if r is not None else ""
        return f"{kind}-report-{terminal}-{day}.{suffix}"

    def export_csv(self, path: str | None = None) -> None:
        if self.report is None or self.busy:
            return
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the report as CSV"), self.default_name("csv"),
                                                  self.tr("CSV files (*.csv)"))
            if not path:
                return
        report, facade = self.report, self._app.reports

        def work():
            text = facade.to_csv(report)
            with open(path, "w", encoding="utf-8", newline="") as fh:  # to_csv starts with a BOM for spreadsheets
                fh.write(text)
            return path

        self._set_busy(True)
        run_in_background(work, self._exported, self._export_failed, context=self)

    def export_pdf(self, path: str | None = None) -> None:
        if self.report is None or self.busy:
            return
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the report as PDF"), self.default_name("pdf"),
                                                  self.tr("PDF files (*.pdf)"))
            if not path:
                return
        report, language, reports = self.report, ui_language(), self._app.reports

        def work():
            reports.save_pdf(report, path, language=language)
            return path

        self._set_busy(True)
        run_in_background(work, self._exported, self._export_failed, context=self)

    def _exported(self, path: str) -> None:
        self._done(fill(self.tr("Saved %1"), str(path)))
        self.exported.emit(str(path))

    def _export_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        log.warning("report export failed: %s", exc)
        self.message.show_message(fill(self.tr("The file was not saved: %1"), str(exc) or type(exc).__name__), "error")
