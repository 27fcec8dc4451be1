"""The refund receipt: from plain data (pos_terminal.services.refunds.RefundReceiptInfo, or any
object with the same fields) to a ReceiptDocument, built from the sale receipt's building blocks."""

from __future__ import annotations

from pos_terminal.money import Money
from receipts.document import Columns, CopyBanner, Cut, DocumentKind, Feed, ReceiptDocument, Rule, Text

_LABELS = {
    "zh_CN": {
        "title": "退货退款单", "terminal": "终端", "cashier": "收银员", "receipt": "小票号", "time": "时间",
        "merchant": "商户", "order": "订单号", "request": "退款申请", "reason": "原因",
        "amount_header": "金额", "total": "退款合计", "cash": "现金退款", "prepaid_card": "退回储值卡",
        "bank_card": "退回银行卡", "online": "平台退款至买家的平台余额", "approval": "授权码",
        "override": "经理授权", "signature": "顾客签字",
        "copy": "副本 COPY", "split": "按原支付方式分别退回",
    },
    "en": {
        "title": "REFUND", "terminal": "Terminal", "cashier": "Cashier", "receipt": "Receipt", "time": "Time",
        "merchant": "Merchant", "order": "Order", "request": "Request", "reason": "Reason",
        "amount_header": "Amount", "total": "REFUND TOTAL", "cash": "Cash refunded",
        "prepaid_card": "To prepaid card", "bank_card": "To bank card",
        "online": "The platform refunds the buyer's balance", "approval": "Approval",
        "override": "Manager override", "signature": "Buyer's signature",
        "copy": "COPY", "split": "Back to each tender that paid",
    },
}

# The refund reasons' stable codes (pos_terminal.services.refunds.REASONS, and those a buyer picks
# on the platform's return page) -> the words printed. A reason is stored as "code" or
# "code: the person's own words"; a code not listed here is printed as it was given.
_REASONS = {
    "zh_CN": {
        "defective": "质量问题", "damaged": "破损", "damaged_in_transport": "运输中损坏", "wrong_item": "发错商品",
        "not_as_described": "与描述不符", "missing_parts": "缺少配件", "other": "其他",
    },
    "en": {
        "defective": "Defective", "damaged": "Damaged", "damaged_in_transport": "Damaged in transport",
        "wrong_item": "Wrong item", "not_as_described": "Not as described", "missing_parts": "Missing parts",
        "other": "Other",
    },
}


def reason_label(reason: str, language: str = "zh_CN") -> str:
    """A stored refund reason as printed: "defective" -> "质量问题", "other: 盖子松了" -> "其他: 盖子松了"."""
    code, sep, words = (reason or "").partition(":")
    label = _REASONS[language].get(code.strip())
    if label is None:
        return reason
    words = words.strip()
    return f"{label}: {words}" if sep and words else label


def build_refund_receipt(info, *, language: str = "zh_CN", paper_width_mm: int = 80) -> ReceiptDocument:
    t = _LABELS[language]
    amount = Money(info.amount_minor, info.currency).format(symbol=False)
    no = f"{info.receipt_no:06d}" if info.receipt_no is not None else "-"
    copy = getattr(info, "copy", False)
    doc = ReceiptDocument(DocumentKind.REFUND, paper_width_mm, title=f"refund receipt {no}", copy=copy)
    if copy:
        doc.add(CopyBanner(t["copy"]))
    doc.add(
        Text(info.store_name, "center", bold=True, double=True),
        Text(t["title"], "center", bold=True),
        Feed(),
        Columns(f"{t['terminal']} {info.terminal_id}", f"{t['cashier']} {info.cashier_name}"),
        Columns(t["receipt"], no),
        Columns(t["time"], info.local_time.strftime("%Y-%m-%d %H:%M:%S")),
        Columns(t["merchant"], info.merchant_name),
        Columns(t["order"], info.order_no),
    )
    if info.platform_id:
        doc.add(Columns(t["request"], info.platform_id[:18]))
    doc.add(Columns(t["reason"], reason_label(info.reason, language)), Rule())
    for name, code, _price in info.items:
        doc.add(Text(name or code), Text(f"  {code}"))
    route = getattr(info.route, "value", info.route)
    doc.add(Rule(), Columns(f"{t['total']} ({info.currency})", amount, bold=True, double=True), Feed())
    legs = list(getattr(info, "legs", ()) or ())
    if len(legs) > 1:
        doc.add(Text(t["split"]))
        for leg in legs:
            _payout_line(doc, t, leg.route, Money(leg.amount_minor, info.currency).format(symbol=False),
                         leg.card_last4, leg.approval_code)
    else:
        _payout_line(doc, t, route, amount, info.card_last4, info.approval_code)
    if info.override_by:
        doc.add(Columns(t["override"], info.override_by))
    if route == "cash" or any(leg.route == "cash" for leg in legs):
        doc.add(Feed(), Text(f"{t['signature']}: ________________"))
    if copy:
        doc.add(CopyBanner(t["copy"]))
    doc.add(Rule(), Feed(2), Cut())
    return doc


def _payout_line(doc: ReceiptDocument, t: dict, route: str, amount: str, last4: str | None,
                 approval: str | None) -> None:
    label = t.get(route, t["cash"])
    if last4:
        label += f" ****{last4}"
    doc.add(Text(label) if route == "online" else Columns(label, amount))
    if approval:
        doc.add(Columns(f"  {t['approval']}", approval))
