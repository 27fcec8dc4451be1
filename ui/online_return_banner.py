"""The refund screen's banner for a unit whose return the buyer filed on the phone: what the
platform decided (by policy or by the seller, when), the reason the buyer gave, and one button
that takes the unit in (and pays out once approved). The counter asks for no photo and no
reason again: the buyer's are on the platform.

Threading rule: GUI thread only. The button calls `on_take_in(info)`; the page runs the work on
a worker (OnlineReturnActions: pos_terminal.services.online_returns.hand_in_and_pay)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from pos_terminal.domain.model import PayoutRoute, RefundStatus
from pos_terminal.money import Money
from pos_terminal.services import online_returns, refunds
from ui.tasks import run_in_background
from ui.texts import buyer_reason_name, fill

_STYLE = """
QFrame#OnlineReturn { border-radius: 10px; border: 2px solid #2e7d32; background: #edf7ee; }
QFrame#OnlineReturn[tone="waiting"] { border-color: #b26a00; background: #fff6e5; }
QFrame#OnlineReturn[tone="platform"] { border-color: #1e6fb8; background: #e8f1fa; }
QLabel#OnlineReturnTitle { font-weight: bold; background: transparent; border: none; }
QFrame#OnlineReturn QLabel { background: transparent; border: none; }
"""


class OnlineReturnBanner(QFrame):
    """Shown after a scan of a unit with a return filed online (`offer`), hidden otherwise.
    `reason_texts()` and `route_text(route)` are the refund screen's translations."""

    def __init__(self, on_take_in: Callable[[refunds.ItemInfo], None], reason_texts: Callable[[], dict],
                 route_text: Callable[[PayoutRoute | None], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("OnlineReturn")
        self.setStyleSheet(_STYLE)
        self._on_take_in, self._reason_texts, self._route_text = on_take_in, reason_texts, route_text
        self.info: refunds.ItemInfo | None = None
        self._timezone = "UTC"
        self.title_label = QLabel(self)
        self.title_label.setObjectName("OnlineReturnTitle")
        self.title_label.setWordWrap(True)
        self.decision_label = QLabel(self)
        self.decision_label.setWordWrap(True)
        self.reason_label = QLabel(self)
        self.reason_label.setWordWrap(True)
        self.detail_label = QLabel(self)
        self.detail_label.setWordWrap(True)
        self.take_in_button = QPushButton(self)
        self.take_in_button.setObjectName("Primary")
        self.take_in_button.clicked.connect(self._clicked)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        column = QVBoxLayout(self)
        column.setSpacing(4)
        top = QHBoxLayout()
        top.addWidget(self.title_label, 1)
        top.addWidget(self.take_in_button)
        column.addLayout(top)
        for label in (self.decision_label, self.reason_label, self.detail_label):
            column.addWidget(label)
        self.hide()

    # -- the page's calls ------------------------------------------------------------------------
    def offer(self, info: refunds.ItemInfo, timezone: str = "UTC") -> bool:
        """Shows the banner for `info` when its return was filed online; False (hidden) otherwise."""
        if info.online is None:
            self.withdraw()
            return False
        self.info, self._timezone = info, timezone
        self.retranslate()
        self.show()
        return True

    def withdraw(self) -> None:
        self.info = None
        self.hide()

    def set_busy(self, busy: bool) -> None:
        self.take_in_button.setEnabled(not busy and self.info is not None)

    def _clicked(self) -> None:
        if self.info is not None:
            self._on_take_in(self.info)

    # -- texts -----------------------------------------------------------------------------------
    def tone(self) -> str:
        online = self.info.online if self.info is not None else None
        if online is None or online.refunded_by_platform:
            return "platform"
        return "approved" if online.approved else "waiting"

    def retranslate(self) -> None:
        info = self.info
        if info is None or info.online is None:
            return
        online = info.online
        tone = self.tone()
        self.setProperty("tone", tone)
        self.style().unpolish(self)
        self.style().polish(self)
        if not online.approved:
            self.title_label.setText(self.tr("Filed online — waiting for the seller"))
            self.decision_label.setText(self.tr("Take the unit in: the seller decides and the decision shows here; "
                                                "nothing is paid before."))
        else:
            self.title_label.setText(self.tr("Return authorised online"))
            when = self._local(online.decided_at)
            decided = (fill(self.tr("Approved by the seller on %1"), when) if online.decided_by == "seller"
                       else fill(self.tr("Approved at once by policy (the buyer's reputation) on %1"), when))
            if online.note:
                decided += "\n" + fill(self.tr("Seller's note: %1"), online.note)
            self.decision_label.setText(decided)
        self.reason_label.setText(fill(self.tr("Reason given by the buyer: %1"), self.reason_text(online.reason)))
        amount = Money(online.amount_minor, online.currency).format()
        lines = [fill(self.tr("Order %1 from %2: %3 unit(s), %4"), info.order_no, info.merchant_name,
                      str(len(online.item_codes) or 1), amount)]
        if len(online.item_codes) > 1:
            lines.append(fill(self.tr("Take in every unit of this return: %1"), ", ".join(online.item_codes)))
        if online.refunded_by_platform:
            lines.append(self.tr("The platform refunded the buyer; take the unit in. Nothing is paid at the counter."))
        elif online.approved:
            lines.append(fill(self.tr("Pay out: %1"), self._route_text(refunds.payout_route(info))))
        self.detail_label.setText("\n".join(lines))
        self.setToolTip(self.tr("The buyer's photos and reason are on the platform: nothing to ask again."))
        pays = online.approved and not online.refunded_by_platform and info.payment_route != "online"
        self.take_in_button.setText(self.tr("Take in and pay out") if pays else self.tr("Take in"))

    def reason_text(self, reason: str) -> str:
        """The buyer's reason: a reason code translated as the screen does, the buyer's words kept."""
        code, _, words = (reason or "").partition(":")
        known = self._reason_texts().get(code.strip()) or buyer_reason_name(code.strip())
        if known is None:
            return reason
        return f"{known}: {words.strip()}" if words.strip() else known

    def _local(self, iso: str | None) -> str:
        if not iso:
            return "—"
        try:
            return datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone(ZoneInfo(self._timezone)).strftime(
                "%Y-%m-%d %H:%M")
        except (ValueError, KeyError):
            return iso

    def refusal_text(self, reason: str | None) -> str | None:
        """The screen's text for the refusals of a return filed online (None: not one of them)."""
        return {
            "handed_in_elsewhere": self.tr("This return was handed in at another store; that store completes it. "
                                           "Give the unit back to the buyer."),
            "handed_in_at_other_terminal": self.tr("This return was taken in at another terminal of this store; "
                                                   "complete it there."),
            "not_handed_in": self.tr("The platform has not confirmed that this store took the unit in: nothing is "
                                     "paid before. It is sent again when the platform answers."),
            "refund_rejected": self.tr("The seller rejected this return: give the unit back to the buyer."),
        }.get(reason or "")

    def outcome_text(self, case: refunds.CaseView) -> tuple[str, str]:
        """What the take-in did when nothing was paid (text, tone) for the page's message line."""
        if case.status is RefundStatus.DRAFT:
            return self.tr("Taken in here, but the platform does not answer: it is told automatically when it is "
                           "back. Nothing is paid before; keep the unit."), "error"
        if case.status is RefundStatus.REQUESTED:
            return self.tr("Taken in: the seller decides. The decision shows here; pay out then."), "info"
        if case.status is RefundStatus.REFUSED:
            code = (case.last_error or "").split(":", 1)[0].strip()
            return self.refusal_text(code) or fill(self.tr("The platform said: %1"), case.last_error or ""), "error"
        if case.status is RefundStatus.APPROVED:
            return self.tr("Taken in and approved: pay out."), "info"
        return "", "info"


class OnlineReturnActions:
    """The refund screen's part for returns filed online (a mixin of RefundsPage: it uses the
    page's busy flag, context, user, card field, payout and message)."""

    def take_in_online(self, info: refunds.ItemInfo) -> None:
        """The banner's button: the unit(s) taken in, and paid out once approved, on a worker."""
        if self._busy or self._app is None:
            return
        facade, user, card = self._app.refunds, self._user, self.card_edit.text()
        self._set_busy(True)
        run_in_background(lambda: facade.hand_in(info, user, card),
                          self._handed_in, self._failed, context=self)

    def _handed_in(self, done: online_returns.HandInDone) -> None:
        banner = self.online_banner
        self.items, self.photos = [], []
        banner.withdraw()
        if done.payout is not None:
            self._paid(done.payout)
            return
        self._set_busy(False)
        self.case = done.case
        text, tone = ((self.refusal_text(done.payout_refused), "error") if done.payout_refused is not None
                      else banner.outcome_text(done.case))
        self.message.show_message(text, tone)
        self.poll()
        self._update()
