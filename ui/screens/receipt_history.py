"""Receipt history: find a past sale receipt by receipt number, order number, item code, amount or
date, see it as it prints, and print it again as a copy with a reason (audited as a reprint).

Keys: Enter in any search field searches (the results take the focus, the first one shown);
Up/Down pick a receipt; Enter on a receipt or F9 prints a copy: the reason dialog asks why
(Enter prints, Esc closes it). A scan of an order number or an item code fills the search field
and searches; while the reason dialog is open a scan is ignored (it is never a reason).

Threading rule: GUI thread; the database, rendering and printer work runs through
run_in_background.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_terminal.money import format_money
from pos_terminal.scan_codes import ScanKind, classify
from pos_terminal.services.receipt_history import HistoryRefused
from ui.receipt_preview import preview_image
from ui.screens.base import Page
from ui.tasks import run_in_background
from ui.texts import fill
from ui.widgets import MessageLabel, dialog_buttons, row_table

COLUMNS = 5  # receipt no, time, order, amount, state


class ReprintReasonDialog(QDialog):
    """Why a copy is printed: a reason from the list and a note (required for "Other"). Enter
    prints, Esc closes. Scans are not typing: one that reaches the bridge while this is open is
    ignored here and said so (`scan_ignored`)."""

    def __init__(self, receipt_no: int, copy: bool, reasons: tuple[str, ...], bridge=None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ReprintReasonDialog")
        self.setModal(True)
        self.setMinimumWidth(460)
        self.receipt_no = receipt_no
        self._copy = copy
        self._codes = reasons
        self.heading = QLabel(self)
        self.heading.setObjectName("PageTitle")
        self.lead = QLabel(self)
        self.lead.setWordWrap(True)
        self.reason_label = QLabel(self)
        self.reason_label.setObjectName("FieldLabel")
        self.reason_combo = QComboBox(self)
        self.reason_combo.setObjectName("reprint_reason")
        self.note_label = QLabel(self)
        self.note_label.setObjectName("FieldLabel")
        self.note_edit = QLineEdit(self)
        self.note_edit.setObjectName("reprint_note")
        self.note_edit.setMaxLength(200)
        self.reason_label.setBuddy(self.reason_combo)
        self.note_label.setBuddy(self.note_edit)
        self.message = MessageLabel(self)
        self.print_button, self.cancel_button, buttons = dialog_buttons(self)
        for button in (self.print_button, self.cancel_button):  # Enter is keyPressEvent's: it submits
            button.setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(8)
        for widget in (self.heading, self.lead, self.reason_label, self.reason_combo, self.note_label,
                       self.note_edit, self.message):
            layout.addWidget(widget)
        layout.addSpacing(8)
        layout.addLayout(buttons)
        self.print_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)
        self.reason_combo.currentIndexChanged.connect(lambda _i: self.message.clear_message())
        if bridge is not None:
            bridge.scan.connect(self._scanned)
        self.retranslate_ui()
        self.reason_combo.setFocus()

    def reason_texts(self) -> dict[str, str]:
        return {"buyer_asked": self.tr("The buyer asked for a copy"),
                "damaged": self.tr("The receipt was damaged or unreadable"),
                "records": self.tr("For the records (accounting, a return)"),
                "other": self.tr("Other (type a note)")}

    def retranslate_ui(self) -> None:
        texts = self.reason_texts()
        self.setWindowTitle(self.tr("Print a copy"))
        self.heading.setText(fill(self.tr("Receipt %1"), self.receipt_no))
        self.lead.setText(self.tr("It prints marked as a copy. Why is it printed again?") if self._copy else
                          self.tr("This receipt never printed: it prints as the original. Why is it printed now?"))
        index = max(0, self.reason_combo.currentIndex())
        self.reason_combo.blockSignals(True)
        self.reason_combo.clear()
        for code in self._codes:
            self.reason_combo.addItem(texts.get(code, code), code)
        self.reason_combo.setCurrentIndex(index)
        self.reason_combo.blockSignals(False)
        self.reason_label.setText(self.tr("&Reason"))
        self.note_label.setText(self.tr("&Note (required for Other)"))
        self.print_button.setText(self.tr("Print"))
        self.cancel_button.setText(self.tr("Cancel"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.activateWindow()
        self.reason_combo.setFocus()

    @property
    def reason(self) -> str:
        return str(self.reason_combo.currentData() or "")

    @property
    def note(self) -> str:
        return self.note_edit.text().strip()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submit()
            return
        super().keyPressEvent(event)

    def submit(self) -> None:
        if self.reason == "other" and not self.note:
            self.message.show_message(self.tr("Type a short note: why is the copy printed?"))
            self.note_edit.setFocus()
            return
        self.accept()

    def _scanned(self, _event) -> None:
        if self.isVisible():
            self.message.show_message(self.tr("A scan is not a reason: choose one from the list, or type a note."),
                                      "info")


class ReceiptHistoryPage(Page):
    key = "receipts"
    searched = Signal(object)  # the list of ReceiptFound shown
    receipt_shown = Signal(object)  # the ShownReceipt on the right
    reprinted = Signal(object)  # the ShownReceipt after printing

    def __init__(self, app=None, bridge=None, user=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app, self._bridge, self._user = app, bridge, user
        self.rows: list = []
        self.shown = None
        self.busy = False
        self.reason_dialog: ReprintReasonDialog | None = None

        # -- the search form
        self.text_label = QLabel(self)
        self.text_edit = QLineEdit(self)
        self.text_edit.setObjectName("history_text")
        self.text_edit.setMaxLength(64)
        self.amount_label = QLabel(self)
        self.amount_edit = QLineEdit(self)
        self.amount_edit.setObjectName("history_amount")
        self.amount_edit.setMaxLength(16)
        self.from_label = QLabel(self)
        self.from_edit = self._date_edit("history_from")
        self.to_label = QLabel(self)
        self.to_edit = self._date_edit("history_to")
        today = app.store.today() if app is not None else date.today()
        self.from_edit.setDate(_qdate(today - timedelta(days=6)))
        self.to_edit.setDate(_qdate(today))
        self.search_button = QPushButton(self)
        self.search_button.setObjectName("Primary")
        self.search_button.setAutoDefault(False)
        for label, field in ((self.text_label, self.text_edit), (self.amount_label, self.amount_edit),
                             (self.from_label, self.from_edit), (self.to_label, self.to_edit)):
            label.setObjectName("FieldLabel")
            label.setBuddy(field)
        form = QGridLayout()
        form.setHorizontalSpacing(10)
        form.setVerticalSpacing(4)
        form.addWidget(self.text_label, 0, 0)
        form.addWidget(self.amount_label, 0, 1)
        form.addWidget(self.from_label, 0, 2)
        form.addWidget(self.to_label, 0, 3)
        form.addWidget(self.text_edit, 1, 0)
        form.addWidget(self.amount_edit, 1, 1)
        form.addWidget(self.from_edit, 1, 2)
        form.addWidget(self.to_edit, 1, 3)
        form.addWidget(self.search_button, 1, 4)
        form.setColumnStretch(0, 3)
        form.setColumnStretch(1, 1)
        self.hint = QLabel(self)
        self.hint.setObjectName("PageLead")
        self.hint.setWordWrap(True)
        self.message = MessageLabel(self)

        # -- the results and the receipt
        self.table = row_table(self, COLUMNS, "history_table", stretch=4)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.installEventFilter(self)
        self.preview_title = QLabel(self)
        self.preview_title.setObjectName("FieldLabel")
        self.preview_title.setWordWrap(True)
        self.preview_label = QLabel(self)
        self.preview_label.setObjectName("history_preview")
        self.preview_label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.preview = QScrollArea(self)
        self.preview.setWidget(self.preview_label)
        self.preview.setWidgetResizable(True)
        self.preview.setFixedWidth(250)
        self.preview.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.preview.setStyleSheet("QScrollArea { background: #eef1f4; border-radius: 8px; }")
        self.print_button = QPushButton(self)
        self.print_button.setObjectName("history_print")
        self.print_button.setAutoDefault(False)
        self.print_button.setEnabled(False)
        right = QVBoxLayout()
        right.setSpacing(6)
        right.addWidget(self.preview_title)
        right.addWidget(self.preview, 1)
        right.addWidget(self.print_button)
        body = QHBoxLayout()
        body.setSpacing(14)
        body.addWidget(self.table, 1)
        body.addLayout(right)

        self.content.addLayout(form)
        self.content.addWidget(self.hint)
        self.content.addWidget(self.message)
        self.content.addLayout(body, 1)

        for field in (self.text_edit, self.amount_edit):
            field.returnPressed.connect(self.search)
        for field in (self.from_edit, self.to_edit):
            field.installEventFilter(self)
        self.search_button.clicked.connect(self.search)
        self.print_button.clicked.connect(self.ask_reprint)
        shortcut = QShortcut(QKeySequence(Qt.Key.Key_F9), self)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(lambda: self.isVisible() and self.reason_dialog is None and self.ask_reprint())
        if bridge is not None:
            bridge.scan.connect(self._scanned)
        self.setTabOrder(self.text_edit, self.amount_edit)
        self.setTabOrder(self.amount_edit, self.from_edit)
        self.setTabOrder(self.from_edit, self.to_edit)
        self.setTabOrder(self.to_edit, self.search_button)
        self.setTabOrder(self.search_button, self.table)
        self.setTabOrder(self.table, self.print_button)
        self.retranslate_ui()

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit

    # -- texts -----------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Receipts")

    def lead(self) -> str:
        return self.tr("Find a past receipt, see it, and print a copy (the reason is recorded).")

    def retranslate_content(self) -> None:
        self.text_label.setText(self.tr("Receipt, order or item &number"))
        self.text_edit.setPlaceholderText(self.tr("15, PO… or IC…"))
        self.amount_label.setText(self.tr("&Amount"))
        self.amount_edit.setPlaceholderText("25.50")
        self.from_label.setText(self.tr("&From"))
        self.to_label.setText(self.tr("&To"))
        self.search_button.setText(self.tr("Search"))
        self.hint.setText(self.tr("A receipt, order or item number is found at any date; the dates narrow an "
                                  "amount search or the whole list. Enter searches; F9 prints a copy."))
        self.table.setHorizontalHeaderLabels([self.tr("No."), self.tr("Time"), self.tr("Order"),
                                              self.tr("Amount"), self.tr("State")])
        self.print_button.setText(self.tr("F9 Print a copy…"))
        self._fill_table()
        self._show_title()

    def state_text(self, row) -> str:
        if row.sale_status != "paid":
            return self.tr("Voided")
        if row.print_state != "printed":
            return self.tr("Not printed")
        if row.copies_printed > 1:
            return fill(self.tr("Printed %1 times"), row.copies_printed)
        return self.tr("Printed")

    def _show_title(self) -> None:
        if self.shown is None:
            self.preview_title.setText(self.tr("Pick a receipt to see it."))
            return
        text = (self.tr("Receipt %1: prints as a copy") if self.shown.prints_as_copy
                else self.tr("Receipt %1: never printed, prints as the original"))
        self.preview_title.setText(fill(text, self.shown.receipt_no))

    def refusal_text(self, exc: BaseException) -> str:
        if isinstance(exc, HistoryRefused):
            field = exc.params.get("field")
            if exc.reason == "bad_search" and field == "amount":
                return self.tr("Type the amount as digits, for example 25.50.")
            if exc.reason == "bad_search" and field == "range":
                return self.tr("The dates end before they start.")
            if exc.reason == "bad_search":
                return self.tr("Type a receipt number, an order number (PO…) or an item code (IC…).")
            if exc.reason == "unknown_receipt":
                return fill(self.tr("Receipt %1 is not on this terminal."), exc.params.get("receipt_no", ""))
            if exc.reason == "no_reason":
                return self.tr("Choose why the copy is printed; for Other, type a note. A scanned code is not a "
                               "reason.")
            if exc.reason == "print_failed" and exc.params.get("original"):
                return self.tr("The receipt did not print. It stays waiting for the printer: check the paper and "
                               "the cover, then print it again.")
            if exc.reason == "print_failed":
                return self.tr("The copy did not print. Check the printer's paper and cover, then try again.")
        return self.tr("The receipts could not be read. Try again; if this keeps happening, call the technician.")

    # -- searching -------------------------------------------------------------------------
    def showEvent(self, event) -> None:
        """Each visit lists afresh with the form as it is (a sale since the last visit shows)."""
        super().showEvent(event)
        if not self.busy and self.reason_dialog is None:
            self.search(focus_results=False)
        self.text_edit.setFocus()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if obj is self.table:
                self.ask_reprint()
                return True
            if obj in (self.from_edit, self.to_edit):
                self.search()
                return True
        return super().eventFilter(obj, event)

    def search(self, focus_results: bool = True) -> None:
        if self._app is None or self.busy:
            return
        history = self._app.receipt_history
        self.message.clear_message()
        try:
            query = history.query(self.text_edit.text(), self.amount_edit.text(), _pydate(self.from_edit.date()),
                                  _pydate(self.to_edit.date()))
        except HistoryRefused as exc:
            self._failed(exc)
            return
        self.busy = True
        self.search_button.setEnabled(False)
        run_in_background(lambda: history.search(query), lambda rows: self._found(rows, focus_results),
                          self._failed, context=self)

    def _found(self, rows, focus_results: bool = True) -> None:
        self.busy = False
        self.search_button.setEnabled(True)
        self.rows = list(rows)
        self._fill_table()
        if not self.rows:
            self.message.show_message(self.tr("No receipt fits this search."), "info")
            self._show(None)
        else:
            self.table.selectRow(0)
            self._selection_changed()  # the first row may have been selected before: show it anyway
            if focus_results:
                self.table.setFocus()
        self.searched.emit(self.rows)

    def _fill_table(self) -> None:
        if self._app is None:
            return
        history = self._app.receipt_history
        year = self._app.store.today().year
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.rows))
        for i, row in enumerate(self.rows):
            local = history.local_time(row.created_at)
            values = (str(row.receipt_no), local.strftime("%m-%d %H:%M" if local.year == year else "%Y-%m-%d"),
                      row.order_no, format_money(row.amount_minor, row.currency), self.state_text(row))
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                if col in (0, 3):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(i, col, item)
        self.table.blockSignals(False)

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self.search_button.setEnabled(True)
        self.message.show_message(self.refusal_text(exc))
        if isinstance(exc, HistoryRefused) and exc.params.get("field") == "amount":
            self.amount_edit.setFocus()
            self.amount_edit.selectAll()
        elif isinstance(exc, HistoryRefused) and exc.params.get("field") == "text":
            self.text_edit.setFocus()
            self.text_edit.selectAll()

    # -- one receipt -----------------------------------------------------------------------
    def selected_no(self) -> int | None:
        index = self.table.currentRow()
        selected = self.table.selectionModel().selectedRows()
        if selected:
            index = selected[0].row()
        return self.rows[index].receipt_no if 0 <= index < len(self.rows) else None

    def _selection_changed(self) -> None:
        receipt_no = self.selected_no()
        if receipt_no is None or self._app is None:
            return
        if self.shown is not None and self.shown.receipt_no == receipt_no:
            return
        history, user = self._app.receipt_history, self._user
        run_in_background(lambda: history.open(user, receipt_no), self._opened, self._failed, context=self)

    def _opened(self, shown) -> None:
        if shown.receipt_no != self.selected_no():
            return  # the cashier moved on meanwhile
        self._show(shown)

    def _show(self, shown) -> None:
        self.shown = shown
        self.print_button.setEnabled(shown is not None)
        if shown is not None and shown.preview is not None:
            pixmap = QPixmap.fromImage(preview_image(shown.preview))
            width = self.preview.width() - 24
            if pixmap.width() > width > 0:
                pixmap = pixmap.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
            self.preview_label.setPixmap(pixmap)
        else:
            self.preview_label.clear()
        self._show_title()
        if shown is not None:
            self.receipt_shown.emit(shown)

    # -- printing again --------------------------------------------------------------------
    def ask_reprint(self) -> None:
        """Opens the reason dialog for the receipt on the right (window-modal, not blocking)."""
        if self._app is None or self.shown is None or self.reason_dialog is not None or self.busy:
            return
        dialog = ReprintReasonDialog(self.shown.receipt_no, self.shown.prints_as_copy,
                                     self._app.receipt_history.REASONS, self._bridge, self)
        self.reason_dialog = dialog
        dialog.accepted.connect(lambda: self._reprint(dialog.receipt_no, dialog.reason, dialog.note))
        dialog.finished.connect(lambda _r: self._dialog_closed(dialog))
        dialog.open()

    def _dialog_closed(self, dialog: ReprintReasonDialog) -> None:
        if self.reason_dialog is dialog:
            self.reason_dialog = None
        dialog.deleteLater()
        self.table.setFocus()

    def _reprint(self, receipt_no: int, reason: str, note: str) -> None:
        history, user = self._app.receipt_history, self._user
        self.busy = True
        self.print_button.setEnabled(False)
        self.message.show_message(self.tr("Printing…"), "info")
        run_in_background(lambda: history.print_again(user, receipt_no, reason, note), self._reprinted,
                          self._reprint_failed, context=self)

    def _reprinted(self, shown) -> None:
        self.busy = False
        self.message.show_message(fill(self.tr("Receipt %1 printed."), shown.receipt_no), "info")
        for i, row in enumerate(self.rows):  # the state column follows the print
            if row.receipt_no == shown.receipt_no:
                self.rows[i] = row._replace(print_state="printed", copies_printed=shown.stored.copies_printed)
        self._fill_table()
        self._show(shown)
        self.reprinted.emit(shown)

    def _reprint_failed(self, exc: BaseException) -> None:
        self.busy = False
        self.print_button.setEnabled(self.shown is not None)
        self.message.show_message(self.refusal_text(exc))

    # -- scans -----------------------------------------------------------------------------
    def _scanned(self, event) -> None:
        """An order number or item code searches; a receipt number too. Nothing is typed into a
        field while the reason dialog (or any other modal window) is open."""
        if not self.isVisible() or self.reason_dialog is not None or self.busy:
            return
        from PySide6.QtWidgets import QApplication

        if QApplication.activeModalWidget() is not None:
            return
        code = classify(event.text)
        text = event.text.strip()
        if code.kind in (ScanKind.ORDER_NUMBER, ScanKind.ITEM_CODE) or (text.isdigit() and len(text) <= 9):
            self.text_edit.setText(code.value if code.kind is not ScanKind.UNKNOWN else text)
            self.search()
        else:
            self.message.show_message(self.tr("Scan an order number or an item code to find its receipt."))


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())
