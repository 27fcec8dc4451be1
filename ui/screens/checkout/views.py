"""The checkout page's four views (shift, idle, order, done) and the order and tender summaries
they show: built once, refreshed from the page's state. A mixin of CheckoutPage: it builds the
page's widgets as the page's attributes (tests and the other parts reach them there).

Texts keep the translation context "CheckoutPage".
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QPixmap
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
    QStackedWidget,
    QStyle,
    QTableView,
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


class CheckoutViews:
    """Building and refreshing the views; the slots they connect to are the page's."""

    def _card(self, parent: QWidget) -> tuple[QFrame, QVBoxLayout]:
        card = QFrame(parent)
        card.setObjectName("Card")
        box = QVBoxLayout(card)
        box.setContentsMargins(20, 16, 20, 16)
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
        self.lines_view = QTableView(left)
        self.lines_view.setModel(self.lines)
        self.lines_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.lines_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.lines_view.verticalHeader().hide()
        # rows keep one height: a long item name is elided (…) rather than wrapped and cut off, and
        # showing an order does not lay its names out for wrapping (about half a millisecond)
        self.lines_view.setWordWrap(False)
        self.lines_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        # the item column takes the room left; the others get fixed widths, set once (and again when
        # the header's language changes), so showing an order never measures its cells (a relayout)
        header = self.lines_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
        self._fit_line_columns()
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
        text and for 9999 and ¥999,999.99 in the view's font."""
        view, header = self.lines_view, self.lines_view.horizontalHeader()
        cells, heads = view.fontMetrics(), header.fontMetrics()
        margin = 2 * view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 16
        samples = {1: "9999", 2: format_money(99_999_999, "CNY"), 3: format_money(99_999_999, "CNY")}
        for col, sample in samples.items():
            title = str(self.lines.headerData(col, Qt.Orientation.Horizontal) or "")
            width = max(cells.horizontalAdvance(sample), heads.horizontalAdvance(title) + 12) + margin
            if header.sectionSize(col) != width:
                header.resizeSection(col, width)

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
        if done.drawer_kicked and self.drawer_open:
            self.drawer_label.setText(translate("CheckoutPage", "Drawer open"))
            self.drawer_label.setStyleSheet("color: #b26a00; font-weight: bold;")
        elif done.drawer_kicked and self.drawer_open is False and self._drawer_seen_open:
            self.drawer_label.setText(translate("CheckoutPage", "Drawer closed"))
            self.drawer_label.setStyleSheet("")
        elif done.drawer_kicked and self.drawer_open is False and self._drawer_polls >= 3:
            self.drawer_label.setText(translate("CheckoutPage", "The drawer was sent the signal to open but its "
                                                                "switch still says closed: check the drawer."))
            self.drawer_label.setStyleSheet("color: #b26a00; font-weight: bold;")
        elif done.drawer_kicked and self._drawer_reports:
            self.drawer_label.setText(translate("CheckoutPage", "Drawer opened."))
            self.drawer_label.setStyleSheet("")
        elif done.drawer_kicked:
            self.drawer_label.setText(translate("CheckoutPage", "Drawer opened (this drawer does not report when it "
                                                                "is closed)."))
            self.drawer_label.setStyleSheet("")
        elif done.drawer_error:
            self.drawer_label.setText(fill(translate("CheckoutPage", "Drawer did not open (%1): open it with the "
                                                                     "key."),
                                           printer_cause(done.drawer_error)))
        else:
            self.drawer_label.setText("")
