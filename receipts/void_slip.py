"""The void slip: a checkout cancelled after money was taken, and what was given back, from
plain data (no domain objects, no devices) to a ReceiptDocument. It is no receipt (no receipt
number): the cashier keeps it with the drawer's takings, the manager who approved is named."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from pos_terminal.money import Money
from receipts.document import Columns, Cut, DocumentKind, Feed, ReceiptDocument, Rule, Text

TenderKindValue = Literal["cash", "prepaid_card", "bank_card"]


@dataclass(frozen=True)
class VoidSlipData:
    store_name: str
    terminal_id: str
    cashier_name: str
    manager_name: str | None
    local_time: datetime  # already in the store's time zone
    merchant_name: str
    order_no: str
    given_back: tuple[tuple[str, Money, str | None], ...]  # (tender kind value, amount, card last four)
    reason: str = ""
    currency: str = "CNY"
    paper_width_mm: Literal[58, 80] = 80
    language: Literal["zh_CN", "en"] = "zh_CN"

    def __post_init__(self) -> None:
        for kind, _amount, last4 in self.given_back:
            if kind not in ("cash", "prepaid_card", "bank_card"):
                raise ValueError(f"tender kind must be cash, prepaid_card or bank_card, got {kind!r}")
            if last4 is not None and not (len(last4) == 4 and last4.isdigit()):
                raise ValueError("a card shows its last four digits only")

    @property
    def total(self) -> Money:
        return sum((amount for _k, amount, _l in self.given_back), Money(0, self.currency))


_LABELS = {
    "zh_CN": {
        "title": "交易作废",
        "terminal": "终端",
        "cashier": "收银员",
        "manager": "批准经理",
        "time": "时间",
        "merchant": "商户",
        "order": "订单号",
        "amount_header": "退回金额",
        "cash": "现金 退回顾客",
        "prepaid_card": "储值卡 退回卡内",
        "bank_card": "银行卡 撤销",
        "total": "共退回",
        "reason": "原因",
        "note": "此单未成交，款项已全部退回。",
    },
    "en": {
        "title": "VOID",
        "terminal": "Terminal",
        "cashier": "Cashier",
        "manager": "Approved by",
        "time": "Time",
        "merchant": "Merchant",
        "order": "Order",
        "amount_header": "Given back",
        "cash": "Cash to the buyer",
        "prepaid_card": "Prepaid card, credited",
        "bank_card": "Bank card, reversed",
        "total": "TOTAL GIVEN BACK",
        "reason": "Reason",
        "note": "No sale: every payment was given back.",
    },
}


def build_void_slip(data: VoidSlipData) -> ReceiptDocument:
    t = _LABELS[data.language]
    doc = ReceiptDocument(DocumentKind.VOID, data.paper_width_mm, title=f"void {data.order_no}")
    doc.add(
        Text(data.store_name, "center", bold=True),
        Text(t["title"], "center", bold=True, double=True),
        Feed(),
        Columns(f"{t['terminal']} {data.terminal_id}", f"{t['cashier']} {data.cashier_name}"),
        Columns(t["time"], data.local_time.strftime("%Y-%m-%d %H:%M:%S")),
        Columns(t["merchant"], data.merchant_name),
        Columns(t["order"], data.order_no),
    )
    if data.manager_name:
        doc.add(Columns(t["manager"], data.manager_name))
    doc.add(Rule(), Columns("", f"{t['amount_header']} ({data.currency})"))
    for kind, amount, last4 in data.given_back:
        name = t[kind] + (f" ****{last4}" if last4 else "")
        doc.add(Columns(name, amount.format(symbol=False)))
    doc.add(Rule(), Columns(t["total"], data.total.format(symbol=False), bold=True))
    if data.reason:
        doc.add(Columns(t["reason"], data.reason))
    doc.add(Feed(), Text(t["note"], "center"), Feed(2), Cut())
    return doc
