"""The X/Z report on the receipt printer: a DayReport (pos_terminal.services.report_model) laid out
as a ReceiptDocument for 58 or 80 mm paper, in Chinese or English.

`report_header` and `report_sections` pick and word the figures once; the receipt here and the A4
PDF (receipts.report_pdf) both lay out those same rows, so paper and PDF never disagree."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from pos_terminal.money import Money
from receipts.document import Columns, Cut, DocumentKind, Feed, ReceiptDocument, Rule, Text, pad

# Tender and payout route kinds in the order reports list them (report_model's stable values).
TENDER_ORDER = ("cash", "prepaid_card", "bank_card")
ROUTE_ORDER = ("cash", "prepaid_card", "bank_card", "online")

LABELS = {
    "zh_CN": {
        "title_x": "X 报表 (不结账)", "title_z": "Z 报表 日结", "store": "门店", "terminal": "终端",
        "business_date": "营业日", "generated": "打印时间", "by": "操作员",
        "count": "笔数", "amount": "金额",
        "sales": "销售", "sales_total": "销售合计", "offline_sales": "其中离线销售",
        "cash": "现金", "prepaid_card": "储值卡", "bank_card": "银行卡", "online": "平台原路退回", "split": "分多种方式退回",
        "refunds": "退款", "refunds_total": "退款合计", "voids": "作废", "voids_total": "作废合计",
        "cash_section": "钱箱现金", "float": "备用金", "cash_sales": "+ 现金销售", "cash_refunds": "- 现金退款",
        "drops": "- 投库", "pay_outs": "- 支出", "pay_ins": "+ 存入", "expected": "应有现金",
        "counted": "实点现金", "over_short": "长短款", "not_counted": "未清点",
        "other": "其他", "no_sale": "无交易开钱箱", "receipts": "小票号", "none": "无",
        "sync": "同步", "pending": "待上传", "attention": "需处理", "oldest": "最早待传",
        "shifts": "班次", "shift": "班次", "opened": "开班", "closed": "交班", "open_now": "未交班",
        "note": "说明", "approved": "批准人", "notes": "注意", "signature": "经理签字",
        "times": "次",
    },
    "en": {
        "title_x": "X REPORT (nothing closed)", "title_z": "Z REPORT day close", "store": "Store",
        "terminal": "Terminal", "business_date": "Business day", "generated": "Printed", "by": "By",
        "count": "Count", "amount": "Amount",
        "sales": "Sales", "sales_total": "Sales total", "offline_sales": "Offline sales",
        "cash": "Cash", "prepaid_card": "Prepaid card", "bank_card": "Bank card", "online": "Online", "split": "Split",
        "refunds": "Refunds", "refunds_total": "Refunds total", "voids": "Voids", "voids_total": "Voids total",
        "cash_section": "Cash in drawer", "float": "Opening float", "cash_sales": "+ Cash sales",
        "cash_refunds": "- Cash refunds", "drops": "- Drops", "pay_outs": "- Pay-outs", "pay_ins": "+ Pay-ins",
        "expected": "Expected cash", "counted": "Counted cash", "over_short": "Over/short",
        "not_counted": "not counted",
        "other": "Other", "no_sale": "No-sale openings", "receipts": "Receipt nos", "none": "none",
        "sync": "Sync", "pending": "Unsent", "attention": "Need attention", "oldest": "Oldest unsent",
        "shifts": "Shifts", "shift": "Shift", "opened": "Opened", "closed": "Closed", "open_now": "still open",
        "note": "Note", "approved": "Approved by", "notes": "Notes", "signature": "Manager's signature",
        "times": "",
    },
}

COUNT_WIDTH = 5  # columns of the count figure on paper
AMOUNT_WIDTH = {32: 12, 48: 14}  # "1,234,567.89" on 58 mm, "-12,345,678.90" on 80 mm


@dataclass(frozen=True)
class ReportRow:
    """One figure: `value` is an amount or a short text, `count` a count or ""."""

    label: str
    value: str
    count: str = ""
    bold: bool = False


@dataclass(frozen=True)
class ReportSection:
    title: str
    rows: tuple[ReportRow, ...]
    counted: bool = False  # rows carry a count beside the amount (a count/amount column header)


def labels(language: str) -> dict[str, str]:
    try:
        return LABELS[language]
    except KeyError:
        raise ValueError(f"report language must be one of {', '.join(LABELS)}, got {language!r}") from None


def kind_label(kind: str, language: str) -> str:
    """The printed name of a tender or payout route kind ("cash" -> "现金")."""
    return labels(language).get(kind, kind)


def report_title(report, language: str = "zh_CN") -> str:
    t = labels(language)
    if report.kind == "Z":
        return t["title_z"] + (f" #{report.z_no:04d}" if report.z_no is not None else "")
    return t["title_x"]


def money_text(minor: int, currency: str, *, signed: bool = False) -> str:
    # No currency symbol beside figures (see sale_receipt): the currency is named in headings.
    text = Money(minor, currency).format(symbol=False)
    return f"+{text}" if signed and minor > 0 else text


def local_time(ts: datetime | None, timezone: str, fmt: str = "%Y-%m-%d %H:%M") -> str:
    return "-" if ts is None else ts.astimezone(ZoneInfo(timezone)).strftime(fmt)


def report_header(report, language: str = "zh_CN") -> list[tuple[str, str]]:
    t = labels(language)
    return [
        (t["store"], report.store_id),
        (t["terminal"], report.terminal_id),
        (t["business_date"], report.business_date.isoformat()),
        (t["generated"], local_time(report.generated_at, report.timezone)),
        (t["by"], report.generated_by),
    ]


def _ordered(totals, order: tuple[str, ...]):
    by_kind = {x.kind: x for x in totals}
    kinds = list(order) + [k for k in by_kind if k not in order]
    return [(k, by_kind.get(k)) for k in kinds]


def report_sections(report, language: str = "zh_CN") -> list[ReportSection]:
    """Every figure of the report, grouped and worded; shifts get one section each."""
    t, cur = labels(language), report.currency

    def amount(minor: int | None, *, signed: bool = False, none: str = "-") -> str:
        return none if minor is None else money_text(minor, cur, signed=signed)

    def counted_rows(totals, order):
        return [ReportRow(kind_label(k, language), amount(x.amount_minor if x else 0), str(x.count if x else 0))
                for k, x in _ordered(totals, order)]

    sales = ReportSection(f"{t['sales']} ({cur})", tuple(
        counted_rows(report.sales_by_tender, TENDER_ORDER)
        + [ReportRow(t["sales_total"], amount(report.sales_minor), str(report.sales_count), bold=True),
           ReportRow(t["offline_sales"], "", str(report.offline_sales_count))]), counted=True)
    refunds = ReportSection(f"{t['refunds']} ({cur})", tuple(
        counted_rows(report.refunds_by_route, ROUTE_ORDER)
        + [ReportRow(t["refunds_total"], amount(report.refunds_minor), str(report.refunds_count), bold=True)]),
        counted=True)
    voids = ReportSection(f"{t['voids']} ({cur})", tuple(
        counted_rows(report.voids_by_tender, TENDER_ORDER)  # what went back, by tender
        + [ReportRow(t["voids_total"], amount(report.voids_minor), str(report.voids_count), bold=True)]),
        counted=True)
    cash_refunds = next((r.amount_minor for r in report.refunds_by_route if r.kind == "cash"), 0)
    cash = ReportSection(f"{t['cash_section']} ({cur})", (
        ReportRow(t["float"], amount(report.opening_float_minor)),
        ReportRow(t["cash_sales"], amount(report.tender("cash").amount_minor)),
        ReportRow(t["cash_refunds"], amount(cash_refunds)),
        ReportRow(t["drops"], amount(report.drops_minor)),
        ReportRow(t["pay_outs"], amount(report.pay_outs_minor)),
        ReportRow(t["pay_ins"], amount(report.pay_ins_minor)),
        ReportRow(t["expected"], amount(report.expected_cash_minor), bold=True),
        ReportRow(t["counted"], amount(report.counted_cash_minor, none=t["not_counted"])),
        ReportRow(t["over_short"], amount(report.over_short_minor, signed=True), bold=True),
    ))
    if report.first_receipt_no is None:
        receipts = t["none"]
    else:
        receipts = f"{report.first_receipt_no:06d}-{report.last_receipt_no or report.first_receipt_no:06d}"
    sync = report.sync
    other = ReportSection(t["other"], (
        ReportRow(t["no_sale"], str(report.no_sale_count)),
        ReportRow(t["receipts"], receipts),
        ReportRow(f"{t['sync']}: {t['pending']}", str(sync.pending)),
        ReportRow(f"{t['sync']}: {t['attention']}", str(sync.needing_attention)),
        ReportRow(f"{t['sync']}: {t['oldest']}", local_time(sync.oldest_pending_at, report.timezone, "%m-%d %H:%M")),
    ))
    sections = [sales, refunds, voids, cash, other]
    for n, s in enumerate(report.shifts, start=1):
        closed = (f"{local_time(s.closed_at, report.timezone, '%m-%d %H:%M')} {s.closed_by or ''}".rstrip()
                  if s.closed_at else t["open_now"])
        rows = [
            ReportRow(t["opened"], f"{local_time(s.opened_at, report.timezone, '%m-%d %H:%M')} {s.opened_by}"),
            ReportRow(t["closed"], closed),
            ReportRow(t["float"], amount(s.opening_float_minor)),
            ReportRow(t["cash_sales"], amount(s.cash_sales_minor)),
            ReportRow(t["cash_refunds"], amount(s.cash_refunds_minor)),
            ReportRow(t["drops"], amount(s.drops_minor)),
            ReportRow(t["pay_outs"], amount(s.pay_outs_minor)),
            ReportRow(t["pay_ins"], amount(s.pay_ins_minor)),
            ReportRow(t["expected"], amount(s.expected_cash_minor), bold=True),
            ReportRow(t["counted"], amount(s.counted_cash_minor, none=t["not_counted"])),
            ReportRow(t["over_short"], amount(s.over_short_minor, signed=True), bold=True),
            ReportRow(t["no_sale"], str(s.no_sale_count)),
        ]
        if s.close_note:
            rows.append(ReportRow(t["note"], s.close_note))
        if s.close_approved_by:
            rows.append(ReportRow(t["approved"], s.close_approved_by))
        # numbered in the day's order; the id's tail (random in a UUIDv7) tells the shift in the logs
        sections.append(ReportSection(f"{t['shift']} {n} #{s.shift_id.replace('-', '')[-6:]} ({cur})", tuple(rows)))
    return sections


# DayReport.warnings() in words: (code -> text with {n} or {time} and {by}).
_WARNINGS = {
    "zh_CN": {"shift_open": "{time} 由 {by} 开的班次尚未交班，现金未清点", "unsent": "{n} 笔结算尚未上传平台",
              "refused": "平台拒收 {n} 笔结算，需要处理", "anchor": "审计锚点 {hash}"},
    "en": {"shift_open": "The shift opened {time} by {by} is still open: its cash is not counted",
           "unsent": "{n} settlement(s) not sent to the platform yet",
           "refused": "{n} settlement(s) refused by the platform need attention", "anchor": "Audit anchor {hash}"},
}


def report_notes(report, language: str = "zh_CN") -> list[str]:
    """The report's warnings (report_model.DayReport.warnings) and its audit anchor, in words."""
    words = _WARNINGS.get(language, _WARNINGS["en"])
    notes = []
    for code, value in report.warnings():
        if code == "shift_open":
            notes.append(words[code].format(time=local_time(value.opened_at, report.timezone, "%H:%M"),
                                            by=value.opened_by))
        else:
            notes.append(words[code].format(n=value))
    if report.audit_anchor:
        notes.append(words["anchor"].format(hash=report.audit_anchor))
    return notes


def _figures(count: str, value: str, columns: int) -> str:
    return pad(count, COUNT_WIDTH, "right") + " " + pad(value, AMOUNT_WIDTH[columns], "right")


def build_report_receipt(report, *, language: str = "zh_CN", paper_width_mm: int = 80) -> ReceiptDocument:
    """The X or Z report (a report_model.DayReport, or any object with its fields) for the
    receipt printer. Every row fits the paper's columns; long texts wrap."""
    t = labels(language)
    no = f" {report.z_no:04d}" if report.kind == "Z" and report.z_no is not None else ""
    doc = ReceiptDocument(DocumentKind.REPORT, paper_width_mm,
                          title=f"{report.kind} report{no} {report.business_date.isoformat()}")
    doc.add(
        Text(report.store_name or report.store_id, "center", bold=True, double=True),
        Text(report_title(report, language), "center", bold=True),
        Feed(),
    )
    doc.add(*(Columns(label, value) for label, value in report_header(report, language)))
    for section in report_sections(report, language):
        doc.add(Rule(), Text(section.title, bold=True))
        if section.counted:
            doc.add(Columns("", _figures(t["count"], t["amount"], doc.columns)))
        for r in section.rows:
            value = _figures(r.count, r.value, doc.columns) if section.counted else r.value
            doc.add(Columns(r.label, value, bold=r.bold))
    notes = report_notes(report, language)
    if notes:
        doc.add(Rule(), Text(t["notes"], bold=True))
        doc.add(*(Text(f"* {note}") for note in notes))
    doc.add(Rule())
    if report.kind == "Z":
        doc.add(Feed(), Text(f"{t['signature']}: ____________"))
    doc.add(Feed(2), Cut())
    return doc
