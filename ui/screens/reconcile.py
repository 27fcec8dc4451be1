"""The Reconciliation tab of the shift page: a day's settlements compared with the platform and its
bank-card figures with the card terminal, side by side; every difference with what to do about it
(translated by kind); the outbox; Mark reconciled, disabled with the reason while it cannot be
done, and a manager's override with a note where the rules allow one.

A platform that cannot be reached is a normal state here: the terminal's own figures still show.
Every service call runs in run_in_background; choosing a day shows its kept answer again.
"""

from __future__ import annotations

import logging
from datetime import date
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_terminal.domain.model import Permission
from pos_terminal.money import Money
from pos_terminal.services import reconcile
from ui.dialogs.manager_approval import ManagerApprovalDialog
from ui.screens import reconcile_cases
from ui.style import COLORS
from ui.tasks import run_in_background
from ui.texts import fill
from ui.widgets import MessageLabel

log = logging.getLogger(__name__)

BAD = QColor(COLORS["error"])


def _money(minor: int | None, currency: str) -> str:
    return "" if minor is None else Money(minor, currency).format()


def _table(parent: QWidget, columns: int) -> QTableWidget:
    table = QTableWidget(0, columns, parent)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    table.verticalHeader().setDefaultSectionSize(26)
    table.setStyleSheet("QTableWidget { background: #ffffff; }")
    return table


class ReconcileTab(QWidget):
    reconciled = Signal(object)  # the Reconciliation shown

    def __init__(self, app=None, user=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ReconcileTab")
        self._app, self._user = app, user
        self.result: reconcile.Reconciliation | None = None
        self.busy = False
        self.cases = reconcile_cases.PaybackAction(self)  # double payments: state and Pay back

        self.date_label = QLabel(self)
        self.date_edit = QDateEdit(self)
        self.date_edit.setObjectName("reconcile_date")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        today = app.store.today() if app is not None else date.today()
        self.date_edit.setMaximumDate(QDate(today.year, today.month, today.day))
        self.date_edit.setDate(QDate(today.year, today.month, today.day))
        self.date_edit.dateChanged.connect(lambda _d: self.show_kept())
        self.run_button = QPushButton(self)
        self.run_button.setObjectName("Primary")
        self.run_button.clicked.connect(lambda: self.run())
        self.platform_label = QLabel(self)
        self.platform_label.setObjectName("PlatformState")
        self.platform_label.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(6)
        self.progress.hide()

        self.totals = _table(self, 4)
        self.totals.setObjectName("reconcile_totals")
        header = self.totals.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in (1, 2, 3):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.Fixed)
            self.totals.setColumnWidth(c, 165)
        self.totals.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.card_label = QLabel(self)
        self.card_label.setObjectName("FieldLabel")
        self.card_label.setWordWrap(True)
        self.differences_label = QLabel(self)
        self.differences_label.setObjectName("SectionLabel")
        self.differences = _table(self, 4)
        self.differences.setObjectName("differences")
        self.differences.setWordWrap(True)
        dh = self.differences.horizontalHeader()
        dh.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        self.differences.setColumnWidth(0, 150)
        dh.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        dh.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        dh.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.outbox_label = QLabel(self)
        self.outbox_label.setObjectName("outbox_state")
        self.outbox_label.setWordWrap(True)
        self.mark_button = QPushButton(self)
        self.mark_button.setObjectName("mark_reconciled")
        self.mark_button.clicked.connect(lambda: self.mark())
        self.mark_reason = QLabel(self)
        self.mark_reason.setObjectName("mark_reason")
        self.mark_reason.setWordWrap(True)
        self.message = MessageLabel(self)

        top = QHBoxLayout()
        top.addWidget(self.date_label)
        top.addWidget(self.date_edit)
        top.addSpacing(8)
        top.addWidget(self.run_button)
        top.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.mark_button)
        bottom.addWidget(self.mark_reason, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.progress)
        layout.addWidget(self.platform_label)
        layout.addWidget(self.totals)
        layout.addWidget(self.card_label)
        layout.addWidget(self.differences_label)
        layout.addWidget(self.differences, 1)
        layout.addWidget(self.outbox_label)
        layout.addWidget(self.message)
        layout.addLayout(bottom)
        self.setStyleSheet("#SectionLabel { font-weight: bold; } "
                           "#PlatformState { font-weight: bold; padding: 4px 8px; border-radius: 6px; } "
                           "#PlatformState[tone=\"ok\"] { background: #e8f5e9; color: #1b5e20; } "
                           "#PlatformState[tone=\"warn\"] { background: #fff4e0; color: #6b4200; } "
                           "#mark_reason { font-size: 15px; color: #52606d; }")
        self.retranslate_ui()
        self._show()

    # -- texts -----------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.date_label.setText(self.tr("Day"))
        self.run_button.setText(self.tr("Reconcile with the platform"))
        self.totals.setHorizontalHeaderLabels(["", self.tr("This terminal"), self.tr("Platform"),
                                               self.tr("Card terminal")])
        self.differences.setHorizontalHeaderLabels([self.tr("Difference"), self.tr("Order"), self.tr("Amounts"),
                                                    self.tr("What to do")])
        self.differences_label.setText(self.tr("Differences"))
        self._show()

    def kind_text(self, kind: str) -> str:
        return {
            "missing_at_platform": self.tr("Not recorded by the platform"),
            "missing_at_terminal": self.tr("Not recorded at this terminal"),
            "amount_differs": self.tr("Amounts differ"),
            "amount_differs_from_order": self.tr("Amount differs from the order"),
            "double_payment_refund_case": self.tr("Paid twice: refund case"),
            "prepaid_without_sale": self.tr("Prepaid card debited, no sale"),
            "prepaid_not_recorded": self.tr("Prepaid movement not recorded here"),
            "prepaid_missing_at_platform": self.tr("Prepaid payment not listed by the platform"),
            "prepaid_amount_differs": self.tr("Prepaid amounts differ"),
            "prepaid_not_compared": self.tr("Prepaid cards not compared"),
        }.get(kind, kind)

    def action_text(self, d: reconcile.Difference) -> str:
        if reconcile_cases.is_case(d):
            return reconcile_cases.action_text(d)
        if d.kind == "missing_at_platform" and d.in_outbox == "pending":
            return self.tr("Still waiting in this terminal's outbox: it is sent as soon as the platform answers. "
                           "Reconcile again after that.")
        if d.kind == "missing_at_platform" and d.in_outbox == "attention":
            return self.tr("The platform refused it for good: have it checked (sync status). Only a manager may "
                           "mark the day reconciled before that.")
        texts = {
            "missing_at_platform": self.tr("Let the outbox send it (check the network), then reconcile again."),
            "missing_at_terminal": self.tr("Check this terminal's sales and receipts for this order."),
            "amount_differs": self.tr("Compare the receipt with the platform's record and correct the wrong side."),
            "amount_differs_from_order": self.tr("Settle the difference with the shop."),
            "double_payment_refund_case": self.tr("The buyer gets this payment back through the platform's refund "
                                                  "case."),
            "prepaid_without_sale": self.tr("The terminal stopped during a checkout: restart it or take a prepaid "
                                            "payment, which gives the money back to the card. If it stays, have "
                                            "the platform credit the card."),
            "prepaid_not_recorded": self.tr("Find the sale, refund or void for it; if there is none, have the "
                                            "platform give it back to the card."),
            "prepaid_missing_at_platform": self.tr("Check the card's history with the platform."),
            "prepaid_amount_differs": self.tr("Compare the receipt with the card's history and correct the wrong "
                                              "side."),
            "prepaid_not_compared": self.tr("The platform's prepaid-card movements could not be read: reconcile "
                                            "again."),
        }
        return texts.get(d.kind) or d.action

    def blocker_text(self, reason: str, r: reconcile.Reconciliation) -> str:
        texts = {
            "day_not_closed": self.tr("Close the day with a Z report first: only a closed day is marked reconciled."),
            "already_reconciled": self.tr("This day is marked reconciled."),
            "outbox_pending": self.tr("%n settlement(s) of this day not sent yet: still in the outbox.", "", r.outbox.pending),
            "outbox_attention": self.tr("The platform refused %n settlement(s) of this day: have them checked.", "",
                                        r.outbox.attention),
            "not_checked": self.tr("Not compared with the platform yet (or the day changed since): reconcile first."),
            "differences": self.tr("The platform reports differences: settle them, then reconcile again."),
        }
        return texts.get(reason) or next((b.message for b in r.blockers if b.reason == reason), reason)

    def problem_text(self, r: reconcile.Reconciliation) -> str:
        return {
            "unreachable": self.tr("The platform cannot be reached now: reconcile again when it is back."),
            "refused": self.tr("The platform refused the comparison."),
            "error": self.tr("The platform's answer could not be read."),
            "not_configured": self.tr("No platform is set up for this terminal."),
            "not_checked": self.tr("Never compared with the platform for this day."),
        }.get(r.platform_problem or "", r.platform_message)

    def card_text(self, r: reconcile.Reconciliation) -> str:
        card = r.card
        if card.card_terminal is None:
            return {
                "no_card_terminal": self.tr("Card terminal: none at this counter."),
                "standalone": self.tr("Card terminal: standalone; compare its printed day report with these figures."),
                "unreachable": fill(self.tr("Card terminal: did not answer (%1)."), card.detail),
                "not_read": self.tr("Card terminal: its day report was not read for this day."),
            }.get(card.unavailable or "", card.detail)
        if card.matches:
            return self.tr("Card terminal: its day report matches this terminal's bank-card figures.")
        return self.tr("Card terminal: its day report differs from this terminal's bank-card figures: find the card "
                       "payments made outside this terminal.")

    def refusal_text(self, exc: BaseException) -> str:
        reason = getattr(exc, "reason", None)
        texts = {
            "not_allowed": self.tr("Only a manager may mark a day reconciled."),
            "day_not_closed": self.tr("Close the day with a Z report first: only a closed day is marked reconciled."),
            "already_reconciled": self.tr("This day is marked reconciled already."),
            "needs_manager": self.tr("Only a manager may accept this."),
            "note_required": self.tr("A manager who accepts this writes a note."),
            "busy": self.tr("The day changed meanwhile: reconcile again."),
            "outbox_pending": self.tr("Settlements of this day still wait in the outbox."),
            "outbox_attention": self.tr("The platform refused settlements of this day."),
            "not_checked": self.tr("Not compared with the platform yet: reconcile first."),
            "differences": self.tr("The platform reports differences."),
        }
        text = texts.get(reason)
        if text is not None:
            return text
        log.warning("reconciliation step failed", exc_info=exc)
        return fill(self.tr("Something went wrong: %1. Try again; if it keeps happening, call the technician."),
                    getattr(exc, "message", None) or str(exc) or type(exc).__name__)

    # -- running -----------------------------------------------------------------------------------
    def selected_date(self) -> date:
        d = self.date_edit.date()
        return date(d.year(), d.month(), d.day())

    def set_date(self, day: date) -> None:
        self.date_edit.setDate(QDate(day.year, day.month, day.day))

    def refresh_today(self) -> None:
        if self._app is not None:
            today = self._app.store.today()
            self.date_edit.setMaximumDate(QDate(today.year, today.month, today.day))

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.progress.setVisible(busy)
        self._update_buttons()

    def show_kept(self) -> None:
        """The kept answer of the chosen day again (no platform call)."""
        if self._app is None or self.busy:
            return
        rec, day = self._app.reconcile, self.selected_date()
        self._set_busy(True)
        run_in_background(lambda: rec.last(day), self._kept, self._failed, context=self)

    def _kept(self, result) -> None:
        self._set_busy(False)
        self.result = result
        self._show()

    def run(self) -> None:
        if self._app is None or self.busy:
            return
        rec, day, user = self._app.reconcile, self.selected_date(), self._user
        self._set_busy(True)
        self.message.clear_message()
        self.platform_label.setText(self.tr("Asking the platform and the card terminal…"))
        run_in_background(lambda: rec.reconcile_day(user, day), self._done,
                          self._failed, context=self)

    def _done(self, result: reconcile.Reconciliation) -> None:
        self._set_busy(False)
        self.result = result
        self._show()
        self.reconciled.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self._show()
        self.message.show_message(self.refusal_text(exc), "error")

    # -- showing -------------------------------------------------------------------------------------
    def _cell(self, table: QTableWidget, row: int, col: int, text: str, *, bad: bool = False, bold: bool = False,
              right: bool = False) -> None:
        item = QTableWidgetItem(text)
        if right:
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if bad:
            item.setForeground(QBrush(BAD))
        if bad or bold:
            font = QFont(table.font())
            font.setBold(True)
            item.setFont(font)
        table.setItem(row, col, item)

    def totals_rows(self, r: reconcile.Reconciliation) -> list[tuple[str, str, str, str, bool]]:
        cur = r.currency

        def pair(count: int, minor: int) -> str:
            return f"{count} · {_money(minor, cur)}"

        rows = []
        p = r.platform
        platform_text = pair(p.count, p.total_minor) if p is not None else self.tr("not known")
        differs = p is not None and (p.count, p.total_minor) != (r.terminal.count, r.terminal.total_minor)
        rows.append((self.tr("Settlements"), pair(r.terminal.count, r.terminal.total_minor), platform_text, "",
                     differs))
        if p is not None and p.refund_case_count:
            rows.append((self.tr("Paid twice (refund cases)"), "", pair(p.refund_case_count, p.refund_case_minor), "",
                         True))
        card = r.card
        mine, theirs = card.terminal, card.card_terminal
        rows.append((self.tr("Bank-card charges"), pair(mine.sales_count, mine.sales_minor), "",
                     pair(theirs.sales_count, theirs.sales_minor) if theirs is not None else self.tr("not known"),
                     theirs is not None and (theirs.sales_count, theirs.sales_minor) != (mine.sales_count, mine.sales_minor)))
        rows.append((self.tr("Bank-card refunds"), pair(mine.refunds_count, mine.refunds_minor), "",
                     pair(theirs.refunds_count, theirs.refunds_minor) if theirs is not None else self.tr("not known"),
                     theirs is not None and (theirs.refunds_count, theirs.refunds_minor) != (mine.refunds_count, mine.refunds_minor)))
        return rows

    def _show(self) -> None:
        r = self.result
        self.totals.setRowCount(0)
        self.differences.setRowCount(0)
        if r is None:
            self.platform_label.setText(self.tr("Not compared yet: press Reconcile with the platform."))
            self._tone(self.platform_label, "")
            self.card_label.setText("")
            self.card_label.hide()
            self.differences_label.setText(self.tr("Differences"))
            self.outbox_label.setText("")
            self.mark_reason.setText("")
            self._fit_totals()
            self._update_buttons()
            return
        when = r.checked_at.astimezone(ZoneInfo(r.timezone)).strftime("%H:%M") if r.checked_at else ""
        if r.platform_reachable:
            state = fill(self.tr("Platform answered at %1."), when) if not r.from_store else \
                fill(self.tr("The platform's answer kept from %1."), when)
            if r.day_status == "reconciled":
                state += " " + fill(self.tr("Reconciled by %1."), r.reconciled_by or "")
            self.platform_label.setText(state)
            self._tone(self.platform_label, "ok" if not reconcile_cases.open_differences(r) else "warn")
        else:
            text = self.problem_text(r)
            if r.from_store and r.platform is not None:
                text += " " + fill(self.tr("Shown: its last answer, from %1."), when)
            self.platform_label.setText(text)
            self._tone(self.platform_label, "warn")
        for i, (label, mine, platform, card, bad) in enumerate(self.totals_rows(r)):
            self.totals.insertRow(i)
            self._cell(self.totals, i, 0, label)
            self._cell(self.totals, i, 1, mine, right=True)
            self._cell(self.totals, i, 2, platform, right=True, bad=bad and bool(platform))
            self._cell(self.totals, i, 3, card, right=True, bad=bad and bool(card))
        self._fit_totals()
        self.card_label.setText(self.card_text(r))
        self.card_label.setVisible(True)
        cur = r.currency
        if r.platform_reachable or r.platform is not None:
            self.differences_label.setText(reconcile_cases.differences_text(r) or (
                fill(self.tr("Differences: %1"), str(len(r.differences))) if r.differences
                else self.tr("Differences: none. The platform agrees with this terminal.")))
        else:
            self.differences_label.setText(self.tr("Differences: not known while the platform does not answer."))
        for i, d in enumerate(r.differences):
            self.differences.insertRow(i)
            self._cell(self.differences, i, 0, reconcile_cases.kind_text(d) or self.kind_text(d.kind),
                       bad=not d.resolved)
            order = d.order_no or ""
            if d.receipt_no is not None:
                order += "\n" + fill(self.tr("receipt %1"), f"{d.receipt_no:06d}")
            self._cell(self.differences, i, 1, order)
            amounts = fill(self.tr("here %1\nplatform %2"), _money(d.terminal_amount_minor, cur) or "—",
                           _money(d.platform_amount_minor, cur) or "—")
            self._cell(self.differences, i, 2, amounts)
            self._cell(self.differences, i, 3, self.action_text(d))
            self.cases.decorate(i, d)
        self.differences.resizeRowsToContents()
        o = r.outbox
        outbox = fill(self.tr("Outbox, this day's settlements: %1 waiting to be sent, %2 refused by the platform."),
                      str(o.pending), str(o.attention))
        if o.pending_total > o.pending or o.attention_total > o.attention:
            outbox += " " + fill(self.tr("All days: %1 waiting, %2 refused."), str(o.pending_total),
                                 str(o.attention_total))
        self.outbox_label.setText(outbox)
        self.outbox_label.setStyleSheet(f"color: {COLORS['error']};" if (o.pending or o.attention) else "")
        if r.can_mark_reconciled:
            self.mark_reason.setText(self.tr("Everything agrees: the day can be marked reconciled."))
        else:
            reasons = " ".join(self.blocker_text(b.reason, r) for b in r.blockers)
            if r.needs_manager:
                reasons += " " + self.tr("A manager may accept this with a note.")
            self.mark_reason.setText(reasons)
        self._update_buttons()

    @staticmethod
    def _tone(label: QLabel, tone: str) -> None:
        label.setProperty("tone", tone)
        label.style().unpolish(label)
        label.style().polish(label)

    def _fit_totals(self) -> None:
        rows = self.totals.rowCount()
        height = self.totals.horizontalHeader().height() + sum(self.totals.rowHeight(i) for i in range(rows)) + 4
        self.totals.setFixedHeight(max(height, self.totals.horizontalHeader().height() + 30))

    def _update_buttons(self) -> None:
        r = self.result
        idle = not self.busy and self._app is not None
        self.run_button.setEnabled(idle)
        for button in self.cases.buttons():
            button.setEnabled(idle)
        allowed = r is not None and (r.can_mark_reconciled or r.needs_manager)
        self.mark_button.setEnabled(idle and allowed)
        if r is not None and r.needs_manager:
            self.mark_button.setText(self.tr("Mark reconciled (manager)…"))
        else:
            self.mark_button.setText(self.tr("Mark reconciled"))

    # -- marking ---------------------------------------------------------------------------------------
    def mark(self, *, manager=None, note: str | None = None) -> None:
        """Marks the shown day reconciled. Where blockers stand that a manager may accept, asks for
        the manager's note first, then for the approval; the marking runs on the worker that
        records the approval, right after it."""
        r = self.result
        if r is None or self.busy or self._app is None:
            return
        user = self._user
        day = r.business_date
        needs_close = manager is None and (user is None or not user.can(Permission.CLOSE_DAY))
        needs_override = not r.can_mark_reconciled
        if needs_override and not note:
            note, ok = QInputDialog.getText(self, self.tr("Manager's note"),
                                            self.tr("Why is the day accepted as reconciled?"))
            note = note.strip() if ok else ""
            if not note:
                self.message.show_message(self.tr("A manager who accepts this writes a note."), "error")
                return
        rec = self._app.reconcile
        closing = manager if manager is not None and (user is None or not user.can(Permission.CLOSE_DAY)) else user

        def accepting(closer, given):
            if not needs_override:
                return None
            if given is not None:
                return given
            return closer if closer is not None and closer.can(Permission.APPROVE) else None

        if needs_close:
            text = fill(self.tr("Mark the day %1 reconciled."), day.isoformat())
            if needs_override:
                text = fill(self.tr("Accept the day %1 as reconciled although: %2"), day.isoformat(),
                            self.mark_reason.text())
            done = ManagerApprovalDialog.approve_and_run(
                self, self._app, text,
                lambda approver: rec.mark_reconciled(approver, day, manager=accepting(approver, manager), note=note),
                Permission.CLOSE_DAY)
        elif accepting(closing, manager) is None and needs_override:
            done = ManagerApprovalDialog.approve_and_run(
                self, self._app, fill(self.tr("Accept the day %1 as reconciled although: %2"), day.isoformat(),
                                           self.mark_reason.text()),
                lambda approver: rec.mark_reconciled(closing, day, manager=approver, note=note))
        else:
            override = accepting(closing, manager)
            self._set_busy(True)
            self.message.clear_message()
            run_in_background(lambda: rec.mark_reconciled(closing, day, manager=override, note=note),
                              self._marked, self._failed, context=self)
            return
        if done is None:
            return
        self.message.clear_message()
        done.deliver(self._marked, self._failed)

    def _marked(self, done: reconcile.Reconciled) -> None:
        self._set_busy(False)
        text = fill(self.tr("Day %1 marked reconciled by %2."), done.business_date.isoformat(), done.reconciled_by)
        if done.override_by:
            text += " " + fill(self.tr("Accepted by %1: %2"), done.override_by, done.note or "")
        self.message.show_message(text, "info")
        self.show_kept()
