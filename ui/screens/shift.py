"""Shift & reports: three tabs for the cashier and the store manager.

- Shift & cash (`ShiftTab`): the open shift (who, since when, the float, its business day) and the
  cash the drawer should hold now, broken down; Open shift (counting the float by denomination; an
  amount above the usual one is confirmed, above the maximum refused; after the day's Z the shift
  counts to the next business day, said on screen), Correct float (a manager, before the first
  sale), Cash drop, Pay-out, Pay-in, No sale (a reason from a list and free text) and Close shift
  (counting the drawer by denomination; over/short in colour; above the limit a manager approves
  and a note is written; with [shift] blind_close the count is typed without the expected cash,
  which shows after it), then the X report can be printed at once.
  (Open shift, Correct float and Take over: ui.screens.shift_open; Close shift: ui.screens.shift_close.)
- Reports (ui.screens.reports.ReportsTab): X and Z reports, the chart, print and export.
- Reconciliation (ui.screens.reconcile.ReconcileTab): drawer, card terminal and platform side by side.

Who does what: a cashier opens and closes shifts, drops cash, takes pay-ins and opens the drawer
for no sale (recorded with the reason); a pay-out, a close whose difference is above the limit,
the Z report and marking a day reconciled need a manager, or a manager's approval at the counter.
Every service call runs in run_in_background (services.cash on a DayContext).
"""

from __future__ import annotations

import logging
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pos_terminal.domain.model import Permission
from pos_terminal.services.report_model import ShiftSummary
from ui.dialogs.cash_dialogs import CashMovementDialog, money_text, reason_text
from ui.dialogs.manager_approval import ManagerApprovalDialog
from ui.screens.base import Page
from ui.screens.reconcile import ReconcileTab
from ui.screens.reports import ReportsTab
from ui.screens.shift_close import ShiftCloseMixin
from ui.screens.shift_open import ShiftOpenMixin
from ui.tasks import run_in_background
from ui.texts import fill
from ui.widgets import MessageLabel

log = logging.getLogger(__name__)

LOCAL_STYLE = """
#ShiftState { font-size: 19px; font-weight: bold; }
#ExpectedCash { font-size: 26px; font-weight: bold; color: #1e6fb8; }
#BreakdownValue { font-family: "DejaVu Sans", sans-serif; }
QTabBar::tab { padding: 8px 18px; min-width: 110px; }
QTabBar::tab:selected { font-weight: bold; color: #1e6fb8; }
"""

BREAKDOWN = ("float", "cash_sales", "cash_refunds", "drops", "pay_outs", "pay_ins")


class ShiftTab(ShiftOpenMixin, ShiftCloseMixin, QWidget):
    shift_changed = Signal(object)  # the ShiftSummary now open, or None
    print_x_requested = Signal()

    def __init__(self, app=None, user=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ShiftTab")
        self._app, self._user = app, user
        self.summary: ShiftSummary | None = None
        self.loaded = False
        self.busy = False
        self.last_closed: ShiftSummary | None = None
        self.last_movement = None
        self.movements: list = []
        self.day = None  # services.day_context.BusinessDay: where a shift opened now counts
        self.shift_date = None  # the open shift's business date
        self.holder = None  # the user id whose sales go into the open shift
        self.holder_name = ""

        card = QFrame(self)
        card.setObjectName("Card")
        box = QVBoxLayout(card)
        box.setContentsMargins(18, 14, 18, 14)
        box.setSpacing(6)
        self.state_label = QLabel(card)
        self.state_label.setObjectName("ShiftState")
        self.state_label.setWordWrap(True)
        self.detail_label = QLabel(card)
        self.detail_label.setObjectName("FieldLabel")
        self.detail_label.setWordWrap(True)
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(2)
        self.captions: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        for row, key in enumerate(BREAKDOWN):
            caption = QLabel(card)
            caption.setObjectName("FieldLabel")
            value = QLabel(card)
            value.setObjectName("BreakdownValue")
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(caption, row, 0)
            grid.addWidget(value, row, 1)
            self.captions[key], self.values[key] = caption, value
        rule = QFrame(card)
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setStyleSheet("color: #d5dbe1;")
        grid.addWidget(rule, len(BREAKDOWN), 0, 1, 2)
        self.expected_caption = QLabel(card)
        self.expected_caption.setWordWrap(True)
        self.expected_label = QLabel(card)
        self.expected_label.setObjectName("ExpectedCash")
        self.expected_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        grid.addWidget(self.expected_caption, len(BREAKDOWN) + 1, 0)
        grid.addWidget(self.expected_label, len(BREAKDOWN) + 1, 1)
        grid.setColumnStretch(0, 1)
        self.breakdown = QWidget(card)
        self.breakdown.setLayout(grid)
        grid.setContentsMargins(0, 4, 0, 0)
        self.movements_caption = QLabel(card)
        self.movements_caption.setObjectName("FieldLabel")
        self.movement_list = QTableWidget(0, 4, card)
        self.movement_list.setObjectName("movements")
        self.movement_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.movement_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.movement_list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.movement_list.setShowGrid(False)
        self.movement_list.verticalHeader().hide()
        self.movement_list.verticalHeader().setDefaultSectionSize(24)
        self.movement_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.movement_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        mh = self.movement_list.horizontalHeader()
        for c in (0, 1, 2):
            mh.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        mh.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.movement_list.setMinimumHeight(60)
        # it takes the room left, not its preferred 192 px: the page fits 1024x768 with 3 lines of detail
        self.movement_list.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        self.last_label = QLabel(card)
        self.last_label.setObjectName("LastShift")
        self.last_label.setWordWrap(True)
        self.last_label.hide()
        self.print_x_button = QPushButton(card)
        self.print_x_button.setObjectName("print_x_after_close")
        self.print_x_button.clicked.connect(self.print_x_requested)
        self.print_x_button.hide()
        box.addWidget(self.state_label)
        box.addWidget(self.detail_label)
        box.addWidget(self.breakdown)
        box.addWidget(self.movements_caption)
        box.addWidget(self.movement_list, 10)
        box.addWidget(self.last_label)
        last_row = QHBoxLayout()
        last_row.addWidget(self.print_x_button)
        last_row.addStretch(1)
        box.addLayout(last_row)
        box.addStretch(1)

        self.open_button = QPushButton(self)
        self.open_button.setObjectName("Primary")
        self.open_button.clicked.connect(lambda: self.open_shift())
        self.correct_button = QPushButton(self)
        self.correct_button.setObjectName("correct_float")
        self.correct_button.clicked.connect(lambda: self.correct_float())
        self.take_over_button = QPushButton(self)
        self.take_over_button.setObjectName("take_over")
        self.take_over_button.clicked.connect(lambda: self.take_over())
        self.take_over_button.hide()
        self.drop_button = QPushButton(self)
        self.drop_button.setObjectName("cash_drop")
        self.drop_button.clicked.connect(lambda: self.movement("drop"))
        self.pay_out_button = QPushButton(self)
        self.pay_out_button.setObjectName("pay_out")
        self.pay_out_button.clicked.connect(lambda: self.movement("pay_out"))
        self.pay_in_button = QPushButton(self)
        self.pay_in_button.setObjectName("pay_in")
        self.pay_in_button.clicked.connect(lambda: self.movement("pay_in"))
        self.no_sale_button = QPushButton(self)
        self.no_sale_button.setObjectName("no_sale")
        self.no_sale_button.clicked.connect(lambda: self.movement("no_sale"))
        self.close_button = QPushButton(self)
        self.close_button.setObjectName("close_shift")
        self.close_button.clicked.connect(lambda: self.close_shift())
        self.buttons = (self.open_button, self.take_over_button, self.correct_button, self.drop_button, self.pay_out_button,
                        self.pay_in_button, self.no_sale_button, self.close_button)
        side = QVBoxLayout()
        side.setSpacing(8)
        for button in self.buttons:
            side.addWidget(button)
        side.addStretch(1)
        side_box = QWidget(self)
        side_box.setLayout(side)
        side.setContentsMargins(0, 0, 0, 0)
        side_box.setFixedWidth(220)

        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(6)
        self.progress.hide()
        self.message = MessageLabel(self)

        body = QHBoxLayout()
        body.setSpacing(12)
        body.addWidget(card, 1)
        body.addWidget(side_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(8)
        layout.addWidget(self.progress)
        layout.addLayout(body, 1)
        layout.addWidget(self.message)
        self.retranslate_ui()

    # -- texts ---------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.captions["float"].setText(self.tr("Opening float"))
        self.captions["cash_sales"].setText(self.tr("+ Cash sales"))
        self.captions["cash_refunds"].setText(self.tr("− Cash refunds"))
        self.captions["drops"].setText(self.tr("− Cash drops"))
        self.captions["pay_outs"].setText(self.tr("− Pay-outs"))
        self.captions["pay_ins"].setText(self.tr("+ Pay-ins"))
        self.expected_caption.setText(self.tr("Cash the drawer should hold now"))
        self.movements_caption.setText(self.tr("Cash movements in this shift"))
        self.movement_list.setHorizontalHeaderLabels([self.tr("Time"), self.tr("Movement"), self.tr("Amount"),
                                                      self.tr("Reason · by")])
        self.open_button.setText(self.tr("Open shift…"))
        self.correct_button.setText(self.tr("Correct float…"))
        self.take_over_button.setText(self.tr("Take over shift…"))
        self.correct_button.setToolTip(self.tr("A manager corrects a mistyped float before the first sale."))
        self.drop_button.setText(self.tr("Cash drop…"))
        self.pay_out_button.setText(self.tr("Pay-out…"))
        self.pay_in_button.setText(self.tr("Pay-in…"))
        self.no_sale_button.setText(self.tr("No sale…"))
        self.close_button.setText(self.tr("Close shift…"))
        self.print_x_button.setText(self.tr("Print X report"))
        self.pay_out_button.setToolTip(self.tr("A manager approves pay-outs."))
        self._show_summary()

    def kind_name(self, kind: str) -> str:
        return {"drop": self.tr("Cash drop"), "pay_out": self.tr("Pay-out"), "pay_in": self.tr("Pay-in"),
                "no_sale": self.tr("No sale")}.get(kind, kind)

    def refusal_text(self, exc: BaseException) -> str:
        reason = getattr(exc, "reason", None)
        params = getattr(exc, "params", {}) or {}
        cur = self._currency()
        texts = {
            "shift_open": self.tr("A shift is already open at this terminal."),
            "no_shift": self.tr("No shift is open at this terminal: open one first."),
            "bad_amount": self.tr("Type an amount of more than zero."),
            "reason_required": self.tr("Give a reason."),
            "not_enough_cash": fill(self.tr("The drawer should hold only %1: take out less."),
                                    money_text(int(params.get("expected_minor") or 0), cur)),
            "bad_denomination": self.tr("That note or coin is not counted at this terminal."),
            "bad_count": self.tr("Counts are whole numbers of 0 or more."),
            "float_mismatch": self.tr("The float counted by denomination does not match the amount typed."),
            "needs_manager": self.tr("The difference is above the limit: a manager must approve the close."),
            "not_a_manager": self.tr("Only a manager may approve this."),
            "note_required": self.tr("Write a note on the difference before closing."),
            "not_allowed": self.tr("Sign in first."),
            "day_closed": fill(self.tr("The business days %1 and %2 are closed already. A new shift opens from %3."),
                               str(params.get("closed_day") or ""), str(params.get("next_day") or ""),
                               self._local_iso(params.get("opens_at"))),
            "float_too_large": fill(self.tr("A float of %1 is more than the %2 a drawer may start with. Count it "
                                            "again."), money_text(int(params.get("amount_minor") or 0), cur),
                                    money_text(int(params.get("max_minor") or 0), cur)),
            "float_unusual": fill(self.tr("A float of %1 is more than the usual %2: confirm the amount."),
                                  money_text(int(params.get("amount_minor") or 0), cur),
                                  money_text(int(params.get("usual_minor") or 0), cur)),
            "float_after_sale": self.tr("The shift has taken a sale already: the float can no longer be corrected. "
                                        "Count the difference at the close."),
            "float_unchanged": self.tr("The float is that amount already."),
            "held_already": self.tr("This shift is yours already."),
        }
        text = texts.get(reason)
        if text is not None:
            return text
        log.warning("cash step failed", exc_info=exc)
        return fill(self.tr("Something went wrong: %1. Try again; if it keeps happening, call the technician."),
                    getattr(exc, "message", None) or str(exc) or type(exc).__name__)

    # -- data ----------------------------------------------------------------------------------
    def _currency(self) -> str:
        return self._app.store.currency if self._app is not None else "CNY"

    def _zone(self) -> ZoneInfo:
        return self._app.store.zone if self._app is not None else ZoneInfo("UTC")

    def _local(self, ts: datetime | None, fmt: str = "%H:%M") -> str:
        return "" if ts is None else ts.astimezone(self._zone()).strftime(fmt)

    def _local_iso(self, text: object) -> str:
        try:
            return self._local(datetime.fromisoformat(str(text)), "%Y-%m-%d %H:%M")
        except ValueError:
            return ""

    def _blind(self) -> bool:
        """Blind close for this user: the expected cash stays hidden (managers still see it)."""
        return self._app is not None and bool(self._app.shifts.blind_close) and not self._can(Permission.APPROVE)

    def refresh(self) -> None:
        """Reads the open shift and its movements on a worker."""
        if self._app is None:
            return
        shifts = self._app.shifts
        run_in_background(shifts.overview,
                          self._loaded, self._failed, context=self)

    def _loaded(self, overview) -> None:
        self.summary, movements, last = overview.current, overview.movements, overview.last_closed
        self.day, self.shift_date = overview.day, overview.shift_date
        self.holder, self.holder_name = overview.holder, overview.holder_name
        if last is not None and (self.last_closed is None or last.closed_at >= self.last_closed.closed_at):
            self.last_closed = last  # also after a restart
        self.loaded = True
        self._show_summary()
        self.movements = list(reversed(movements))
        self.movement_list.setRowCount(0)
        for row, m in enumerate(self.movements):
            self.movement_list.insertRow(row)
            amount = "" if m.kind == "no_sale" else money_text(m.amount_minor, m.currency)
            who = fill(self.tr("%1, approved by %2"), m.username, m.approved_by) if m.approved_by else m.username
            for col, text in enumerate((self._local(m.at), self.kind_name(m.kind), amount,
                                        f"{reason_text(m.reason)} · {who}")):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if col == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.movement_list.setItem(row, col, item)
        self.shift_changed.emit(self.summary)

    def _show_summary(self) -> None:
        s, cur = self.summary, self._currency()
        if s is None:
            self.state_label.setText(self.tr("No shift is open at this terminal.") if self.loaded else self.tr("Reading…"))
            self.detail_label.setText(self.day_text())
            self.breakdown.hide()
            self.movements_caption.hide()
            self.movement_list.hide()
            self.last_label.setText(self.last_closed_text())
            self.last_label.setVisible(self.last_closed is not None)
            self.print_x_button.setVisible(self.last_closed is not None)
        else:
            self.state_label.setText(fill(self.tr("Shift open since %1"), self._local(s.opened_at)))
            detail = fill(self.tr("Opened by %1 on %2."), s.opened_by or "", self._local(s.opened_at, "%Y-%m-%d"))
            if self.shift_date is not None:
                detail += " " + fill(self.tr("Business day %1."), self.shift_date.isoformat())
            if self.held_by_another():
                detail += " " + fill(self.tr("Sales go into this shift for %1 only: take it over to sell in it, or "
                                             "close it and open your own."), self.holder_name)
            elif self.holder_name and self.holder_name != s.opened_by:
                detail += " " + fill(self.tr("Taken over by %1."), self.holder_name)
            if s.no_sale_count:
                detail += " " + fill(self.tr("No-sale openings: %1."), str(s.no_sale_count))
            self.detail_label.setText(detail)
            figures = {"float": s.opening_float_minor, "cash_sales": s.cash_sales_minor,
                       "cash_refunds": s.cash_refunds_minor, "drops": s.drops_minor, "pay_outs": s.pay_outs_minor,
                       "pay_ins": s.pay_ins_minor}
            for key, minor in figures.items():
                self.values[key].setText(money_text(minor, cur))
            self.expected_label.setText(money_text(s.expected_cash_minor, cur))
            blind = self._blind()  # the cash sales and the expected cash would give the count away
            for key in ("cash_sales", "cash_refunds"):
                self.captions[key].setVisible(not blind)
                self.values[key].setVisible(not blind)
            self.expected_label.setVisible(not blind)
            self.expected_caption.setText(self.tr("Blind close: the expected cash shows after your count.") if blind
                                          else self.tr("Cash the drawer should hold now"))
            self.breakdown.show()
            self.movements_caption.show()
            self.movement_list.show()
            self.last_label.hide()
            self.print_x_button.hide()
        self._update_buttons()

    def held_by_another(self) -> bool:
        """The open shift is someone else's: the signed-in user's sales would be refused in it."""
        user_id = getattr(self._user, "user_id", None)
        return self.summary is not None and self.holder is not None and user_id is not None and self.holder != user_id

    def day_text(self) -> str:
        """What a shift opened now counts to: said plainly after the day's Z."""
        day = self.day
        if day is None or not day.after_close:
            return self.tr("Count the cash you put in the drawer and open a shift to take payments.")
        if day.next_closed:
            return fill(self.tr("The business days %1 and %2 are closed. A new shift opens from %3."),
                        day.closed_day.isoformat(), day.date.isoformat(), self._local(day.opens_at, "%Y-%m-%d %H:%M"))
        return fill(self.tr("The business day %1 is closed (Z %2). A shift opened now counts to the next business "
                            "day, %3."), day.closed_day.isoformat(), str(day.closed_z_no or ""), day.date.isoformat())

    def last_closed_text(self) -> str:
        s, cur = self.last_closed, self._currency()
        if s is None:
            return ""
        over_short = s.over_short_minor or 0
        if over_short == 0:
            result = self.tr("the drawer is exact")
        elif over_short > 0:
            result = fill(self.tr("%1 over"), money_text(over_short, cur))
        else:
            result = fill(self.tr("%1 short"), money_text(-over_short, cur))
        lines = [fill(self.tr("Last shift: %1–%2, closed by %3."), self._local(s.opened_at), self._local(s.closed_at),
                      s.closed_by or ""),
                 fill(self.tr("Counted %1, expected %2: %3."), money_text(s.counted_cash_minor or 0, cur),
                      money_text(s.expected_cash_minor, cur), result)]
        if s.close_approved_by:
            lines.append(fill(self.tr("Approved by %1: %2"), s.close_approved_by, s.close_note or ""))
        return "\n".join(lines)

    def _update_buttons(self) -> None:
        is_open = self.summary is not None
        idle = not self.busy and self._app is not None and self.loaded
        self.open_button.setEnabled(idle and not is_open and not (self.day is not None and self.day.next_closed))
        self.open_button.setVisible(not is_open)  # 1024x768: the open shift's buttons fit without it
        self.take_over_button.setVisible(is_open and self.held_by_another())
        self.take_over_button.setEnabled(idle and is_open)
        for button in (self.correct_button, self.drop_button, self.pay_out_button, self.pay_in_button, self.no_sale_button,
                       self.close_button):
            button.setEnabled(idle and is_open)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.progress.setVisible(busy)
        self._update_buttons()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.message.show_message(self.refusal_text(exc), "error")

    def _can(self, permission: Permission) -> bool:
        return self._user is not None and self._user.can(permission)

    # -- drops, pay-outs, pay-ins, no sale ----------------------------------------------------------
    def movement(self, kind: str, amount_minor: int | None = None, reason: str | None = None, manager=None) -> None:
        """Without `reason`, asks for the amount and reason in a dialog; a pay-out by someone who may
        not approve asks a manager first."""
        if self.busy or self._app is None or self.summary is None:
            return
        shifts = self._app.shifts
        if reason is None:
            expected = None if self._blind() else self.summary.expected_cash_minor
            dialog = CashMovementDialog(kind, shifts.currency, expected_minor=expected, parent=self)
            try:
                if dialog.exec() != QDialog.DialogCode.Accepted:
                    return
                amount_minor, reason = dialog.amount_minor(), dialog.reason()
            finally:
                dialog.deleteLater()
        user = self._user

        def work(approved_by):
            return shifts.move_cash(kind, user, amount_minor=int(amount_minor or 0), reason=reason,
                                    approved_by=approved_by)

        if kind == "pay_out" and manager is None and not self._can(Permission.APPROVE):
            # the pay-out runs on the worker that records the manager's approval, right after it
            done = ManagerApprovalDialog.approve_and_run(
                self, self._app, fill(self.tr("Pay out %1 from the drawer: %2."),
                                           money_text(amount_minor or 0, shifts.currency), reason_text(reason)), work)
            if done is None:
                return
            self.message.clear_message()
            done.deliver(self._moved, self._failed)
            return
        self._set_busy(True)
        self.message.clear_message()
        run_in_background(lambda: work(manager), self._moved, self._failed, context=self)

    def _moved(self, done) -> None:
        self._set_busy(False)
        self.last_movement = done
        cur = done.currency
        if done.kind == "no_sale":  # "opened" only for a pulse the printer confirmed
            text = self.tr("Drawer opened for no sale; recorded.") if done.drawer_opened else \
                self.tr("No sale recorded.")
        elif self._blind():
            text = fill(self.tr("%1 of %2 recorded."), self.kind_name(done.kind), money_text(done.amount_minor, cur))
        else:
            text = fill(self.tr("%1 of %2 recorded. The drawer should now hold %3."), self.kind_name(done.kind),
                        money_text(done.amount_minor, cur), money_text(done.expected_cash_minor, cur))
        if not done.drawer_opened:
            text += " " + fill(self.tr("The drawer did not open (%1): open it with its key."), done.drawer_error or "")
        self.message.show_message(text, "info" if done.drawer_opened else "error")
        self.refresh()


class ShiftPage(Page):
    key = "shift"

    def __init__(self, app=None, bridge=None, user=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app, self._user = app, user
        self.setStyleSheet(LOCAL_STYLE)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("ShiftTabs")
        self.shift_tab = ShiftTab(app, user, self.tabs)
        self.reports = ReportsTab(app, user, self.tabs)
        self.reconcile = ReconcileTab(app, user, self.tabs)
        self.tabs.addTab(self.shift_tab, "")
        self.tabs.addTab(self.reports, "")
        self.tabs.addTab(self.reconcile, "")
        self.tabs.currentChanged.connect(self._tab_changed)
        self.shift_tab.print_x_requested.connect(self._print_x)
        self.content.addWidget(self.tabs, 1)
        self.retranslate_ui()

    def title(self) -> str:
        return self.tr("Shift & reports")

    def lead(self) -> str:
        return self.tr("Open and close shifts, count the drawer, close the day and print reports.")

    def retranslate_content(self) -> None:
        self.tabs.setTabText(0, self.tr("Shift && cash"))
        self.tabs.setTabText(1, self.tr("Reports"))
        self.tabs.setTabText(2, self.tr("Reconciliation"))

    def show_tab(self, name: str) -> None:
        self.tabs.setCurrentWidget({"shift": self.shift_tab, "reports": self.reports,
                                    "reconcile": self.reconcile}[name])

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._app is not None:
            self.reports.refresh_today()
            self.reconcile.refresh_today()
            self._tab_changed(self.tabs.currentIndex())

    def _tab_changed(self, _index: int) -> None:
        if not self.isVisible():
            return
        current = self.tabs.currentWidget()
        if current is self.reports and self.reports.report is None and not self.reports.busy:
            self.reports.show_x()
        elif current is self.reconcile and self.reconcile.result is None and not self.reconcile.busy:
            self.reconcile.show_kept()
        elif current is self.shift_tab:
            self.shift_tab.refresh()

    def _print_x(self) -> None:
        self.shift_tab.print_x_button.hide()
        self.reports.print_x_now()  # first: showing the tab would start a plain X report
        self.show_tab("reports")
