"""The sale receipt: from plain data (no domain objects, no devices) to a ReceiptDocument."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from pos_terminal.money import Money, total
from receipts.document import (
    Barcode,
    CodeGrid,
    Columns,
    CopyBanner,
    Cut,
    DocumentKind,
    Feed,
    QRCode,
    ReceiptDocument,
    Rule,
    Text,
    code128_fits,
    display_width,
)

TenderKindName = Literal["cash", "prepaid", "card"]


@dataclass(frozen=True)
class ReceiptLine:
    name: str
    quantity: int
    unit_price: Money
    amount: Money
    item_codes: tuple[str, ...] = ()  # one per unit; printed as codes that refund intake scans


@dataclass(frozen=True)
class ReceiptTender:
    """A card tender carries the last four digits only; anything else is refused."""

    kind: TenderKindName
    amount: Money
    tendered: Money | None = None  # cash handed over, when more than `amount`
    card_last4: str | None = None
    approval_code: str | None = None
    balance_after: Money | None = None  # prepaid: what the card holds after this payment

    def __post_init__(self) -> None:
        if self.kind not in ("cash", "prepaid", "card"):
            raise ValueError(f"tender kind must be cash, prepaid or card, got {self.kind!r}")
        if self.card_last4 is not None and not re.fullmatch(r"\d{4}", self.card_last4):
            raise ValueError("card_last4 must be exactly the last four digits of the card, never more")


@dataclass(frozen=True)
class SaleReceiptData:
    store_name: str
    terminal_id: str
    cashier_name: str
    receipt_no: int
    local_time: datetime  # already in the store's time zone
    merchant_name: str
    order_no: str
    lines: tuple[ReceiptLine, ...]
    tenders: tuple[ReceiptTender, ...]
    currency: str = "CNY"
    change: Money | None = None  # None: computed from the cash tenders
    footer: str = ""
    copy: bool = False
    paper_width_mm: Literal[58, 80] = 80
    item_code_symbology: Literal["qr", "code128"] = "qr"
    language: Literal["zh_CN", "en"] = "zh_CN"
    extra: dict = field(default_factory=dict)

    @property
    def total(self) -> Money:
        return total((line.amount for line in self.lines), self.currency)

    @property
    def change_due(self) -> Money:
        if self.change is not None:
            return self.change
        return total(
            ((t.tendered or t.amount) - t.amount for t in self.tenders if t.kind == "cash"), self.currency
        )


_LABELS = {
    "zh_CN": {
        "terminal": "终端",
        "cashier": "收银员",
        "receipt": "小票号",
        "time": "时间",
        "merchant": "商户",
        "order": "订单号",
        "amount_header": "金额",
        "total": "合计",
        "cash": "现金",
        "cash_given": "收现金",
        "prepaid": "储值卡",
        "card": "银行卡",
        "approval": "授权码",
        "balance_after": "卡内余额",
        "change": "找零",
        "codes": "退货凭商品码",
        "code_is": "商品码 = %s + 码下编号",
        "copy": "副本 COPY",
    },
    "en": {
        "terminal": "Terminal",
        "cashier": "Cashier",
        "receipt": "Receipt",
        "time": "Time",
        "merchant": "Merchant",
        "order": "Order",
        "amount_header": "Amount",
        "total": "TOTAL",
        "cash": "Cash",
        "cash_given": "Cash given",
        "prepaid": "Prepaid card",
        "card": "Bank card",
        "approval": "Approval",
        "balance_after": "Card balance left",
        "change": "Change",
        "codes": "Item codes for returns",
        "code_is": "Item code = %s + the number under it",
        "copy": "COPY",
    },
}


def _amount(m: Money) -> str:
    # No currency symbol beside figures: "¥" needs a four-byte GB18030 sequence that many
    # printers' Chinese fonts lack; the currency is printed once, in the header of amounts.
    return m.format(symbol=False)


MIN_UNIT_DIGITS = 4  # a unit number under a code keeps at least this many characters
MAX_UNIT_COLUMNS = 10  # wider unit numbers: one code to a row, as before


@dataclass(frozen=True)
class _UnitNumbers:
    """Item codes that share a prefix: the prefix, and each code's own rest (its unit number)."""

    prefix: str
    labels: dict[str, str]

    def line_label(self, line: ReceiptLine) -> str:
        """"0004" for one unit, "0002-0003" for consecutive units, else the numbers listed."""
        numbers = [self.labels[code] for code in line.item_codes]
        if len(numbers) > 1 and all(n.isdigit() and len(n) == len(numbers[0]) for n in numbers) and all(
                int(b) == int(a) + 1 for a, b in zip(numbers, numbers[1:])):
            return f"{numbers[0]}-{numbers[-1]}"
        return ",".join(numbers)


def _unit_numbers(data: SaleReceiptData) -> _UnitNumbers | None:
    """The compact layout's numbering, where the codes allow it: two or more distinct codes with
    a common prefix and short rests; None keeps the layout of one code to a row."""
    codes = [code for line in data.lines for code in line.item_codes]
    if len(codes) < 2 or len(set(codes)) != len(codes):
        return None
    prefix = codes[0]
    for code in codes[1:]:
        while not code.startswith(prefix):
            prefix = prefix[:-1]
    prefix = prefix[: max(0, min(len(c) for c in codes) - MIN_UNIT_DIGITS)]
    if len(prefix) < MIN_UNIT_DIGITS:
        return None
    labels = {code: code[len(prefix):] for code in codes}
    if max(display_width(label) for label in labels.values()) > MAX_UNIT_COLUMNS:
        return None
    return _UnitNumbers(prefix, labels)


def build_sale_receipt(data: SaleReceiptData) -> ReceiptDocument:
    t = _LABELS[data.language]
    doc = ReceiptDocument(
        DocumentKind.SALE, data.paper_width_mm, title=f"receipt {data.receipt_no:06d}", copy=data.copy
    )
    if data.copy:
        doc.add(CopyBanner(t["copy"]))
    doc.add(
        Text(data.store_name, "center", bold=True, double=True),
        Feed(),
        Columns(f"{t['terminal']} {data.terminal_id}", f"{t['cashier']} {data.cashier_name}"),
        Columns(t["receipt"], f"{data.receipt_no:06d}"),
        Columns(t["time"], data.local_time.strftime("%Y-%m-%d %H:%M:%S")),
        Columns(t["merchant"], data.merchant_name),
        Columns(t["order"], data.order_no),
        Rule(),
        Columns("", f"{t['amount_header']} ({data.currency})"),
    )
    grid = _unit_numbers(data) if data.item_code_symbology == "qr" else None
    for line in data.lines:
        units = grid.line_label(line) if grid is not None else ""
        doc.add(Columns(f"{units} {line.name}" if units else line.name, _amount(line.amount)))
        if line.quantity != 1:
            doc.add(Text(f"  {line.quantity} x {_amount(line.unit_price)}"))
    doc.add(Rule(), Columns(t["total"], _amount(data.total), bold=True, double=True), Feed())
    for tender in data.tenders:
        if tender.kind == "cash":
            doc.add(Columns(t["cash"], _amount(tender.amount)))
            if tender.tendered is not None and tender.tendered != tender.amount:
                doc.add(Columns(f"  {t['cash_given']}", _amount(tender.tendered)))
        elif tender.kind == "prepaid":
            name = t["prepaid"] + (f" ****{tender.card_last4}" if tender.card_last4 else "")
            doc.add(Columns(name, _amount(tender.amount)))
            if tender.balance_after is not None:
                doc.add(Columns(f"  {t['balance_after']}", _amount(tender.balance_after)))
        else:
            name = t["card"] + (f" ****{tender.card_last4}" if tender.card_last4 else "")
            doc.add(Columns(name, _amount(tender.amount)))
            if tender.approval_code:
                doc.add(Columns(f"  {t['approval']}", tender.approval_code))
    change = data.change_due
    if change:
        doc.add(Columns(t["change"], _amount(change), bold=True))
    codes = [code for line in data.lines for code in line.item_codes]
    if codes and grid is not None:
        # one code per unit, several to a row, each under its unit number (the items above
        # carry the same numbers); the shared prefix is printed once
        doc.add(Rule(), Text(t["codes"], "center"), Text(t["code_is"] % grid.prefix, "center"),
                CodeGrid(tuple(codes), tuple(grid.labels[code] for code in codes)))
    elif codes:
        doc.add(Rule(), Text(t["codes"], "center"))
        for line in data.lines:
            for code in line.item_codes:
                doc.add(Text(line.name, "center"))
                if data.item_code_symbology == "code128" and code128_fits(code, data.paper_width_mm):
                    doc.add(Barcode(code))
                else:
                    doc.add(QRCode(code))
                doc.add(Text(code, "center"))
    doc.add(Rule())
    if data.footer:
        doc.add(Text(data.footer, "center"))
    if data.copy:
        doc.add(CopyBanner(t["copy"]))
    doc.add(Feed(2), Cut())
    return doc
