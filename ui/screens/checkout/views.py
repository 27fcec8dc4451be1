"""The checkout page's four views (shift, idle, order, done) and the order and tender summaries
they show: built once, refreshed from the page's state. A mixin of CheckoutPage: it builds the
page's widgets as the page's attributes (tests and the other parts reach them there).

Texts keep the translation context "CheckoutPage".
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QHelpEvent, QPixmap, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QStackedLayout,
    QStackedWidget,
    QStyle,
    QTableView,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from pos_terminal.domain.model import TenderKind
from pos_terminal.money import format_money
from ui.checkout_model import OrderLinesModel
from ui.screens.checkout.refusal_texts import printer_cause
from ui.screens.checkout.tender_panels import TENDER_PANELS
from ui.texts import fill

translate = QCoreApplication.translate


class OrderLinesView(QTableView):
    """The order's lines. An item name too long for its column wraps to a second line (only
    those rows are two lines high; a third line is elided with …), and the whole name is its
    tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.verticalHeader().hide()
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.horizontalHeader().sectionResized.connect(lambda col, _old, _new: col == 0 and self.fit_rows())

    def name_room(self) -> int:
        """The width a name has on one line of the item column."""
        margin = self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self) + 1
        return self.columnWidth(0) - 2 * margin

    def fit_rows(self) -> None:
        model = self.model()
        if model is None:
            return
        one = self.verticalHeader().defaultSectionSize()
        two = one + self.fontMetrics().lineSpacing()
        room, metrics = self.name_room(), self.fontMetrics()
        for row in range(model.rowCount()):
            name = str(model.index(row, 0).data() or "")
            height = two if metrics.horizontalAdvance(name) > room else one
            if self.rowHeight(row) != height:
                self.setRowHeight(row, height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_rows()  # the item column stretches with the view

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.fit_rows()

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self.indexAt(event.pos())
            if index.isValid() and index.column() == 0:
                QToolTip.showText(event.globalPos(), str(index.data() or ""), self.viewport(), self.visualRect(index))
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)


class ViewStack(QWidget):
    """The page's views on top of each other, all of them shown and laid out at all times: a
    state change raises one view and enables only it (a covered view takes no focus, no Tab and no
    click), instead of hiding one tree of widgets and showing another, which laid the shown one out
    again and cost about a millisecond of every scan (then a full repaint of both). The views fill
    their background, so a covered one is never painted (Qt skips siblings under an opaque one)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QStackedLayout(self)
        self._layout.setStackingMode(QStackedLayout.StackingMode.StackAll)
        self._views: list[QWidget] = []
        self._current = -1

    def addWidget(self, view: QWidget) -> int:
        if not view.objectName():
            view.setObjectName("StackView")  # filled with the page's own background (ui/style.py)
        view.setAutoFillBackground(True)
        view.setEnabled(False)
        self._views.append(view)
        return self._layout.addWidget(view)

    def count(self) -> int:
        return len(self._views)

    def widget(self, index: int) -> QWidget:
        return self._views[index]

    def currentIndex(self) -> int:
        return self._current

    def currentWidget(self) -> QWidget | None:
        return self._views[self._current] if self._current >= 0 else None

    def setCurrentIndex(self, index: int) -> None:
        if index == self._current:
            return
        old = self._current
        self._current = index
        view = self._views[index]
        view.setEnabled(True)
        view.raise_()
        if old >= 0:
            self._views[old].setEnabled(False)  # after the new one: the focus leaves to a widget that takes it


class CheckoutViews:
    """Building and refreshing the views; the slots they connect to are the page's."""

    def _card(self, parent: QWidget) -> tuple[QFrame, QVBoxLayout]:
        card = QFrame(parent)
        card.setObjectName("Card")
        box = QVBoxLayout(card)
        box.setContentsMargins(16, 12, 16, 12)
        box.setSpacing(8)
        return card, box

    def _shift_view(self) -> QWidget:
        view = QWidget(self)
        card, box = self._card(view)
        self.shift_note = QLabel(card)
        self.shift_note.setWordWrap(True)
        self.shift_note.setObjectName("PageLead")
        self.float_label = QLabel(card)
        self.float_label.setObjectName("FieldLabel")
        self.float_edit = QLineEdit(card)
        self.float_edit.setObjectName("opening_float")
        self.float_edit.returnPressed.connect(self.open_shift)
        self.open_shift_button = QPushButton(card)
        self.open_shift_button.setObjectName("Primary")
        self.open_shift_button.clicked.connect(self.open_shift)
        row = QHBoxLayout()
        row.addWidget(self.float_edit, 1)
        row.addWidget(self.open_shift_button)
        box.addWidget(self.shift_note)
        box.addWidget(self.float_label)
        box.addLayout(row)
        outer = QVBoxLayout(view)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(card)
        outer.addStretch(1)
        return view

    def _idle_view(self) -> QWidget:
        view = QWidget(self)
        card, box = self._card(view)
        self.prompt = QLabel(card)
        self.prompt.setObjectName("CheckoutPrompt")
        self.prompt.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.prompt.setWordWrap(True)
        self.order_hint = QLabel(card)
        self.order_hint.setObjectName("FieldLabel")
        self.order_edit = QLineEdit(card)
        self.order_edit.setObjectName("order_number")
        self.order_edit.returnPressed.connect(self.find_order)
        self.find_button = QPushButton(card)
        self.find_button.clicked.connect(self.find_order)
        row = QHBoxLayout()
        row.addWidget(self.order_edit, 1)
        row.addWidget(self.find_button)
        box.addSpacing(24)
        box.addWidget(self.prompt)
        box.addSpacing(24)
        box.addWidget(self.order_hint)
        box.addLayout(row)
        self.reprint_last_button = QPushButton(card)
        self.reprint_last_button.setObjectName("reprint_last")
        self.reprint_last_button.clicked.connect(self.reprint_last)
        last = QHBoxLayout()
        last.addStretch(1)
        last.addWidget(self.reprint_last_button)
        box.addSpacing(12)
        box.addLayout(last)
        outer = QVBoxLayout(view)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(card)
        outer.addStretch(1)
        return view

    def _order_view(self) -> QWidget:
        view = QWidget(self)
        left, lbox = self._card(view)
        self.merchant_label = QLabel(left)
        self.merchant_label.setObjectName("Merchant")
        self.merchant_label.setWordWrap(True)
        self.order_no_label = QLabel(left)
        self.order_no_label.setObjectName("OrderNo")
        self.expiry_label = QLabel(left)
        self.expiry_label.setObjectName("FieldLabel")
        self.expiry_label.setWordWrap(True)
        self.banner = QLabel(left)
        self.banner.setObjectName("Banner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.lines = OrderLinesModel(self)
        self.lines_view = OrderLinesView(left)
        self.lines_view.setModel(self.lines)
        # the item column takes the room left; the others are as wide as their header and their
        # figures (at least ¥9,999.99), measured when an order is shown (a few strings, no layout)
        header = self.lines_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
        self._fit_line_columns()
        self.lines.order_changed.connect(self._order_lines_changed)  # set_order() changes rows, never resets
        for w in (self.merchant_label, self.order_no_label, self.expiry_label, self.banner):
            lbox.addWidget(w)
        lbox.addWidget(self.lines_view, 1)

        right, rbox = self._card(view)
        right.setFixedWidth(340)
        grid = QGridLayout()
        self.total_caption = QLabel(right)
        self.total_caption.setObjectName("FieldLabel")
        self.total_label = QLabel(right)
        self.total_label.setObjectName("BigAmount")
        self.due_caption = QLabel(right)
        self.due_caption.setObjectName("FieldLabel")
        self.due_label = QLabel(right)
        self.due_label.setObjectName("DueAmount")
        for label in (self.total_label, self.due_label):
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        grid.addWidget(self.total_caption, 0, 0)
        grid.addWidget(self.total_label, 0, 1)
        grid.addWidget(self.due_caption, 1, 0)
        grid.addWidget(self.due_label, 1, 1)
        self.taken_label = QLabel(right)
        self.taken_label.setObjectName("FieldLabel")
        self.taken_label.setWordWrap(True)
        keys = QHBoxLayout()
        keys.setSpacing(6)
        self.tender_buttons: dict[str, QPushButton] = {}
        for kind in TENDER_PANELS:
            button = QPushButton(right)
            button.setObjectName("TenderKey")
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, k=kind: self.choose_tender(k))
            keys.addWidget(button)
            self.tender_buttons[kind] = button
        self.panels = QStackedWidget(right)
        self.panels.addWidget(self._cash_panel(right))
        self.panels.addWidget(self._prepaid_panel(right))
        self.panels.addWidget(self._card_panel(right))
        self.cancel_button = QPushButton(right)
        self.cancel_button.setObjectName("cancel_checkout")
        self.cancel_button.clicked.connect(self.cancel)
        rbox.addLayout(grid)
        rbox.addWidget(self.taken_label)
        rbox.addLayout(keys)
        rbox.addWidget(self.panels)
        rbox.addStretch(1)
        rbox.addWidget(self.cancel_button)

        outer = QHBoxLayout(view)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(12)
        outer.addWidget(left, 1)
        outer.addWidget(right)
        return view

    def _fit_line_columns(self) -> None:
        """Fixed widths for the quantity, price and amount columns: wide enough for the header's
        text, for 99 and ¥9,999.99, and for the figures of the order shown; the item column
        gets the rest. Then the rows whose name needs it get a second line."""
        view, header = self.lines_view, self.lines_view.horizontalHeader()
        cells, heads = view.fontMetrics(), header.fontMetrics()
        margin = 2 * view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 8
        model = self.lines
        samples = {1: "99", 2: format_money(999_999, "CNY"), 3: format_money(999_999, "CNY")}
        self._line_samples = {col: len(sample) for col, sample in samples.items()}
        for col, sample in samples.items():
            title = str(model.headerData(col, Qt.Orientation.Horizontal) or "")
            texts = [str(model.index(row, col).data() or "") for row in range(model.rowCount())]
            width = max([heads.horizontalAdvance(title) + 6] + [cells.horizontalAdvance(t) for t in [sample, *texts]])
            width += margin
            if header.sectionSize(col) != width:
                header.resizeSection(col, width)
        view.fit_rows()

    def _order_lines_changed(self) -> None:
        """A new order's rows: the columns are measured again only when one of its figures has
        more characters than the sample its column was made for (an order of ¥10,000 or more, or
        of 100 pieces); otherwise only the names are checked for a second line."""
        model, samples = self.lines, self._line_samples
        if any(len(str(model.index(row, col).data() or "")) > samples[col]
               for row in range(model.rowCount()) for col in samples):
            self._fit_line_columns()
        else:
            self.lines_view.fit_rows()

    def _done_view(self) -> QWidget:
        view = QWidget(self)
        left, lbox = self._card(view)
        self.done_heading = QLabel(left)
        self.done_heading.setObjectName("Merchant")
        self.receipt_label = QLabel(left)
        self.receipt_label.setObjectName("OrderNo")
        self.change_caption = QLabel(left)
        self.change_caption.setObjectName("FieldLabel")
        self.change_label = QLabel(left)
        self.change_label.setObjectName("ChangeAmount")
        self.print_label = QLabel(left)
        self.print_label.setWordWrap(True)
        self.drawer_label = QLabel(left)
        self.drawer_label.setWordWrap(True)
        self.drawer_label.setObjectName("FieldLabel")
        self.reprint_button = QPushButton(left)
        self.reprint_button.clicked.connect(self.reprint)
        self.new_sale_button = QPushButton(left)
        self.new_sale_button.setObjectName("Primary")
        self.new_sale_button.setAutoDefault(True)
        self.new_sale_button.clicked.connect(self.new_sale)
        for w in (self.done_heading, self.receipt_label, self.change_caption, self.change_label, self.print_label,
                  self.drawer_label):
            lbox.addWidget(w)
        lbox.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.reprint_button)
        buttons.addWidget(self.new_sale_button, 1)
        lbox.addLayout(buttons)
        self.preview_label = QLabel()
        self.preview_label.setObjectName("receipt_preview")
        self.preview_label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.preview = QScrollArea(view)
        self.preview.setWidget(self.preview_label)
        self.preview.setWidgetResizable(True)
        self.preview.setFixedWidth(330)
        outer = QHBoxLayout(view)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(12)
        outer.addWidget(left, 1)
        outer.addWidget(self.preview)
        return view

    def _show_preview(self, image) -> None:
        pixmap = QPixmap.fromImage(image)
        width = self.preview.width() - 24
        if pixmap.width() > width > 0:
            pixmap = pixmap.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
        self.preview_label.setPixmap(pixmap)

    # -- showing amounts -----------------------------------------------------------------------------
    def _refresh_amounts(self) -> None:
        s = self.session
        if s is None:
            return
        self.total_label.setText(format_money(s.total_minor, s.currency))
        self.due_label.setText(format_money(s.remaining_minor, s.currency))
        names = {TenderKind.CASH: translate("CheckoutPage", "Cash"),
                 TenderKind.PREPAID_CARD: translate("CheckoutPage", "Prepaid card"),
                 TenderKind.BANK_CARD: translate("CheckoutPage", "Bank card")}
        lines = []
        for t in s.tenders:
            name = names[t.kind] + (f" ****{t.card_last4}" if t.card_last4 else "")
            lines.append(f"{name}  {format_money(t.amount_minor, s.currency)}")
        self.taken_label.setText("\n".join(lines))
        self.taken_label.setVisible(bool(lines))

    def _refresh_done(self) -> None:
        done = self.done
        if done is None:
            return
        self.receipt_label.setText(fill(translate("CheckoutPage", "Receipt %1"), f"{done.sale.receipt_no:06d}"))
        if done.sale.cash.minor == 0:  # no cash: nothing to give back, say what was paid
            self.change_caption.setText(translate("CheckoutPage", "Amount paid"))
            self.change_label.setText(done.sale.total.format())
        else:
            self.change_caption.setText(translate("CheckoutPage", "Change due"))
            self.change_label.setText(done.sale.change.format())
        if done.printed:
            self.print_label.setText(translate("CheckoutPage", "Receipt printed."))
            self.print_label.setStyleSheet("color: #2e7d32;")
        else:
            self.print_label.setText(fill(translate("CheckoutPage", "Printer: %1 — the receipt is kept for reprint "
                                                                    "(F9)."),
                                          printer_cause(done.print_error)))
            self.print_label.setStyleSheet("color: #c62828; font-weight: bold;")
        # drawer_kicked: the printer confirmed the pulse (a refused or unconfirmed one is drawer_error)
        self._show_drawer(done)  # ui/screens/checkout/drawer_watch.py: only what the devices confirmed
