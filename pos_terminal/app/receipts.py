"""From the checkout service's ReceiptInfo to a receipts document (for the printer) and to a
grey preview (for the screen). Pure and safe on a worker; the UI turns `Preview` into a QImage."""

from __future__ import annotations

from dataclasses import dataclass

from pos_terminal.domain.model import TenderKind
from pos_terminal.money import Money
from pos_terminal.services.checkout import ReceiptInfo
from pos_terminal.services.printing import VoidSlipInfo
from receipts.sale_receipt import ReceiptLine, ReceiptTender, SaleReceiptData, build_sale_receipt
from receipts.void_slip import VoidSlipData, build_void_slip

_KIND = {TenderKind.CASH: "cash", TenderKind.PREPAID_CARD: "prepaid", TenderKind.BANK_CARD: "card"}


@dataclass(frozen=True)
class Preview:
    """A receipt drawn as 8-bit grey pixels, one byte a pixel, row after row."""

    width: int
    height: int
    pixels: bytes


def sale_receipt_data(info: ReceiptInfo, *, language: str = "zh_CN", paper_width_mm: int = 80) -> SaleReceiptData:
    cur = info.currency
    lines = tuple(
        ReceiptLine(name, qty, Money(price, cur), Money(price * qty, cur), tuple(codes))
        for name, qty, price, codes in info.lines
    )
    tenders = tuple(
        ReceiptTender(_KIND[t.kind], Money(t.amount_minor, cur),
                      Money(t.tendered_minor, cur) if t.tendered_minor is not None else None,
                      t.card_last4, t.approval_code,
                      Money(t.balance_after_minor, cur) if t.kind is TenderKind.PREPAID_CARD
                      and t.balance_after_minor is not None else None)
        for t in info.tenders
    )
    return SaleReceiptData(info.store_name, info.terminal_id, info.cashier_name, info.receipt_no, info.local_time,
                           info.merchant_name, info.order_no, lines, tenders, cur, Money(info.change_minor, cur),
                           copy=info.copy, paper_width_mm=paper_width_mm,
                           language="en" if language == "en" else "zh_CN")


def sale_receipt_document(info: ReceiptInfo, *, language: str = "zh_CN", paper_width_mm: int = 80):
    return build_sale_receipt(sale_receipt_data(info, language=language, paper_width_mm=paper_width_mm))


def void_slip_document(info: VoidSlipInfo, *, language: str = "zh_CN", paper_width_mm: int = 80):
    cur = info.currency
    data = VoidSlipData(info.store_name, info.terminal_id, info.cashier_name, info.manager_name, info.local_time,
                        info.merchant_name, info.order_no,
                        tuple((kind, Money(amount, cur), last4) for kind, amount, last4 in info.given_back),
                        info.reason, cur, paper_width_mm=80 if paper_width_mm == 80 else 58,
                        language="en" if language == "en" else "zh_CN")
    return build_void_slip(data)


def preview(document) -> Preview:
    """The document as the printer would print it, in grey (receipts.image_render)."""
    from receipts.image_render import render_image

    image = render_image(document).convert("L")
    return Preview(image.width, image.height, image.tobytes())
