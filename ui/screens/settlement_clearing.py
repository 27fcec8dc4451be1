"""The Clearing house and Remittances tabs of the Settlement page.

Clearing house: the reports imported (one per day: one net to pay or receive, the lines behind it
per platform), and the selected report's reconciliation with this terminal's accepted statements,
each difference with what to do; Import a report… (a file) and Fetch the day's report.
Remittances: the statements the store pays directly, with their states (outstanding until the
platform says the money was received), and Transfer sent… for a selected one.

They only show: the page (ui/screens/settlement.py) loads and acts, on workers."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QVBoxLayout, QWidget

from ui.screens.settlement_statement import fit_height, flexible, info_table, page_button, set_cell
from ui.screens.settlement_texts import SettlementTexts, field, money
from ui.texts import fill
from ui.widgets import row_table


def _when(at: Any, zone: Any) -> str:
    if at is None or not hasattr(at, "strftime"):
        return "—" if at is None else str(at)
    if zone is not None and getattr(at, "tzinfo", None) is not None:
        at = at.astimezone(zone)
    return at.strftime("%Y-%m-%d %H:%M")


def _day(value: Any) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else str(value or "")


class ClearingTab(QWidget):
    selected = Signal(object)  # the report shown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ClearingTab")
        self.texts = SettlementTexts(self)
        self.reports: list[Any] = []
        self.routed = True  # a platform of this terminal is settled through the clearing house
        self.platform_names: dict[str, str] = {}  # platform id -> name (the page fills it)
        self.busy = False

        self.import_button = page_button(self, "clearing_import")
        self.fetch_button = page_button(self, "clearing_fetch")
        self.save_button = page_button(self, "clearing_save")
        self.route_label = QLabel(self)
        self.route_label.setObjectName("FieldLabel")
        self.route_label.setWordWrap(True)
        self.table = row_table(self, 4, "clearing_reports", stretch=3)
        self.table.itemSelectionChanged.connect(self._show_selected)
        self.summary = QLabel(self)
        self.summary.setObjectName("clearing_summary")
        self.summary.setWordWrap(True)
        self.lines = info_table(self, 3, "clearing_lines")
        lh = self.lines.horizontalHeader()
        lh.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        lh.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        lh.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.differences = info_table(self, 5, "clearing_differences")
        dh = self.differences.horizontalHeader()
        for c, width in ((0, 130), (1, 150), (2, 125), (3, 135)):
            dh.setSectionResizeMode(c, QHeaderView.ResizeMode.Interactive)
            self.differences.setColumnWidth(c, width)
        dh.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        flexible(self.differences)

        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.fetch_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.route_label, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(6)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        layout.addWidget(self.summary)
        layout.addWidget(self.lines)
        layout.addWidget(self.differences, 1)
        self.setStyleSheet("#clearing_summary { font-weight: bold; }")
        self.table.setFixedHeight(self.table.horizontalHeader().sizeHint().height() + 3 * 28 + 4)
        self.setTabOrder(self.import_button, self.fetch_button)
        self.setTabOrder(self.fetch_button, self.save_button)
        self.setTabOrder(self.save_button, self.table)
        self.retranslate_ui()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.import_button.setText(self.tr("&Import a report…"))
        self.fetch_button.setText(self.tr("&Fetch the day's report"))
        self.save_button.setText(self.tr("Sa&ve the payment file…"))
        self.save_button.setToolTip(self.tr("The report's ISO 20022 payment file (pain.001), for the bank"))
        self.table.setHorizontalHeaderLabels([self.tr("Day"), self.tr("Report"), self.tr("Net"), self.tr("State")])
        self.lines.setHorizontalHeaderLabels([self.tr("Platform"), self.tr("Statement"), self.tr("Net")])
        self.differences.setHorizontalHeaderLabels([self.tr("Difference"), self.tr("Item"), self.tr("This terminal"),
                                                    self.tr("Clearing house"), self.tr("What to do")])
        self.route_label.setText("" if self.routed else
                                 self.tr("No platform of this terminal is settled through the clearing house."))
        self.show_reports(self.reports, self.selected_id())

    def report_net(self, r: Any) -> str:
        minor, cur = int(field(r, "net_minor", default=0)), str(field(r, "currency", default="CNY"))
        if minor > 0:
            return fill(self.tr("The store pays %1"), money(minor, cur))
        if minor < 0:
            return fill(self.tr("The store receives %1"), money(-minor, cur))
        return self.tr("Nothing to pay or receive")

    def show_reports(self, reports: list[Any], select: str | None = None) -> None:
        self.reports = list(reports)
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.reports))
        for i, r in enumerate(self.reports):
            values = (_day(field(r, "business_date")), str(field(r, "report_id", default="")), self.report_net(r),
                      self.texts.report_state(str(field(r, "state", default="")), short=True))
            for col, value in enumerate(values):
                set_cell(self.table, i, col, value, bad=col == 3 and field(r, "state") == "differences")
        self.table.blockSignals(False)
        ids = [str(field(r, "report_id", default="")) for r in self.reports]
        if self.reports:
            self.table.selectRow(ids.index(select) if select in ids else 0)
        self._show_selected()

    def selected_report(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        i = rows[0].row() if rows else -1
        return self.reports[i] if 0 <= i < len(self.reports) else None

    def can_save(self) -> bool:
        r = self.selected_report()
        return not self.busy and r is not None and bool(field(r, "payment_xml"))

    def selected_id(self) -> str | None:
        r = self.selected_report()
        return None if r is None else str(field(r, "report_id", default=""))

    def _show_selected(self) -> None:
        r = self.selected_report()
        self.lines.setRowCount(0)
        self.differences.setRowCount(0)
        self.save_button.setEnabled(self.can_save())
        if r is None:
            self.summary.setText(self.tr("No clearing-house report imported yet."))
            fit_height(self.lines, 1)
            return
        cur = str(field(r, "currency", default="CNY"))
        self.summary.setText(fill(self.tr("Report %1 of %2: %3. %4"), field(r, "report_id", default=""),
                                  _day(field(r, "business_date")), self.report_net(r),
                                  self.texts.report_state(str(field(r, "state", default="")))))
        lines = list(field(r, "lines", default=()) or ())
        for i, ln in enumerate(lines):
            self.lines.insertRow(i)
            pid = str(field(ln, "platform_id", default=""))
            platform = self.platform_names.get(pid) or field(ln, "platform_name", "name", default="") or pid
            set_cell(self.lines, i, 0, str(platform))
            set_cell(self.lines, i, 1, str(field(ln, "number", "statement_number", default="") or "—"))
            minor = field(ln, "net_minor", "amount_minor", default=None)
            set_cell(self.lines, i, 2, money(int(minor), cur) if minor is not None else "—", right=True)
        fit_height(self.lines, 1)
        self.lines.setMaximumHeight(self.lines.horizontalHeader().sizeHint().height() + 4 * 26 + 4)
        diffs = list(field(r, "differences", default=()) or ())
        for i, d in enumerate(diffs):
            if isinstance(d, (tuple, list)):
                kind, key, here, there, action = (list(d) + [""] * 5)[:5]
            else:
                kind, key = field(d, "kind", default=""), field(d, "key", default="")
                here, there = field(d, "terminal", default=None), field(d, "clearing_house", "other", default=None)
                action = field(d, "action", default="")
            self.differences.insertRow(i)
            set_cell(self.differences, i, 0, self.texts.report_difference_kind(str(kind)), bad=True)
            set_cell(self.differences, i, 1, str(key))
            set_cell(self.differences, i, 2, "—" if here is None else str(here))
            set_cell(self.differences, i, 3, "—" if there is None else str(there))
            set_cell(self.differences, i, 4, self.texts.report_action(str(kind), str(action)))
        self.differences.resizeRowsToContents()
        self.selected.emit(r)


class RemittancesTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("RemittancesTab")
        self.texts = SettlementTexts(self)
        self.rows: list[dict[str, Any]] = []
        self.zone: Any = None
        self.platform_names: dict[str, str] = {}  # platform id -> name (the page fills it)
        self.summary = QLabel(self)
        self.summary.setObjectName("remittances_summary")
        self.summary.setWordWrap(True)
        self.table = row_table(self, 6, "remittances", stretch=3)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        flexible(self.table, 112)
        self.sent_button = page_button(self, "remittance_sent")
        self.refresh_button = page_button(self, "remittances_refresh")
        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        buttons.addWidget(self.sent_button)
        buttons.addWidget(self.refresh_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(6)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.setTabOrder(self.table, self.sent_button)
        self.setTabOrder(self.sent_button, self.refresh_button)
        self.busy = False
        self.retranslate_ui()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.table.setHorizontalHeaderLabels([self.tr("Statement"), self.tr("Platform"), self.tr("Amount"),
                                              self.tr("State"), self.tr("Sent"), self.tr("Bank reference")])
        self.sent_button.setText(self.tr("Transfer &sent…"))
        self.sent_button.setToolTip(self.tr("Mark the selected transfer as sent, with the bank's reference"))
        self.refresh_button.setText(self.tr("&Refresh"))
        self.show_rows(self.rows)

    @staticmethod
    def merge(local: list[Any], platform_word: list[Any], platform_id: str | None) -> list[dict[str, Any]]:
        """This terminal's remittances, plus the earlier statements the platform lists that this
        terminal has no remittance of (the platform's word on them: received or outstanding)."""
        rows: list[dict[str, Any]] = []
        for r in local:
            rows.append({"number": str(field(r, "statement_number", "number", default="")),
                         "platform_id": str(field(r, "platform_id", default="")),
                         "amount_minor": field(r, "amount_minor", default=None),
                         "currency": str(field(r, "currency", default="CNY")),
                         "state": str(field(r, "state", default="")), "sent_at": field(r, "sent_at"),
                         "reference": field(r, "reference")})
        known = {r["number"] for r in rows}
        for r in platform_word:
            number = str(field(r, "number", "statement_number", default=""))
            if number and number not in known:
                rows.append({"number": number, "platform_id": platform_id or "",
                             "amount_minor": field(r, "amount_minor", default=None),
                             "currency": str(field(r, "currency", default="CNY")),
                             "state": str(field(r, "state", default="outstanding")), "sent_at": None,
                             "reference": None})
        return rows

    def show_rows(self, rows: list[dict[str, Any]]) -> None:
        keep = self.selected_number()
        self.rows = list(rows)
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.rows))
        for i, r in enumerate(self.rows):
            amount = money(r["amount_minor"], r["currency"]) if r["amount_minor"] is not None else "—"
            values = (r["number"], self.platform_names.get(r["platform_id"], r["platform_id"]), amount,
                      self.texts.remittance_state(r["state"]),
                      _when(r["sent_at"], self.zone)[5:] if r["sent_at"] else "—", r["reference"] or "—")
            for col, value in enumerate(values):
                set_cell(self.table, i, col, value, right=col == 2, bold=col == 3 and r["state"] != "received",
                         tip=self.texts.remittance_detail(r["state"]) if col == 3 else "")
        self.table.blockSignals(False)
        numbers = [r["number"] for r in self.rows]
        if keep in numbers:
            self.table.selectRow(numbers.index(keep))
        outstanding = [r for r in self.rows if r["state"] != "received"]
        if not self.rows:
            self.summary.setText(self.tr("No remittance yet: export an accepted statement for the bank first."))
        elif outstanding:
            by_currency: dict[str, int] = {}
            for r in outstanding:
                by_currency[r["currency"]] = by_currency.get(r["currency"], 0) + int(r["amount_minor"] or 0)
            total = ", ".join(money(v, c) for c, v in sorted(by_currency.items()))
            self.summary.setText(self.tr("Outstanding: %n statement(s), %1 not received by the platform yet.", "",
                                         len(outstanding)).replace("%1", total))
        else:
            self.summary.setText(self.tr("Every remittance has been received by the platform."))
        self._update_buttons()

    def selected(self) -> dict[str, Any] | None:
        rows = self.table.selectionModel().selectedRows()
        i = rows[0].row() if rows else -1
        return self.rows[i] if 0 <= i < len(self.rows) else None

    def selected_number(self) -> str | None:
        r = self.selected()
        return None if r is None else r["number"]

    def _update_buttons(self) -> None:
        r = self.selected()
        self.sent_button.setEnabled(not self.busy and r is not None and r["state"] == "exported")
        self.refresh_button.setEnabled(not self.busy)

