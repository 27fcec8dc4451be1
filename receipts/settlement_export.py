"""An accepted settlement statement as the files of route 1 (direct): the store pays the platform
the statement's net by bank transfer.

- `pain001_xml`: an ISO 20022 customer credit transfer initiation, pain.001.001.09
  (namespace urn:iso:std:iso:20022:tech:xsd:pain.001.001.09), as the store's bank takes it: one
  payment instruction with one transfer of the net from the store (debtor) to the platform
  (creditor), the statement number as its EndToEndId, the amount as a decimal with the currency's
  ISO 4217 exponent (pos_terminal.money), each account by IBAN or, without one, by Othr/Id, each
  bank by BIC or "NOTPROVIDED", and a remittance line naming store, platform and business date.
  A SEPA transfer (EUR between IBANs) carries only the SEPA character set (EPC217-08: Latin
  letters, digits and / - ? : ( ) . , ' + space): names and remittance are transliterated
  (anyascii: "茶馆" -> "ChaGuan", "Müller" -> "Muller", "&" -> "+"), since a bank refuses a SEPA
  file with other characters; other transfers keep UTF-8 (CNAPS and CIPS carry Chinese names).
  Built with the standard library (xml.etree); the tests validate it against the official XSD.
- `statement_csv`: the lines and the movements, one table, UTF-8 with a header row.
- `statement_pdf`: an A4 page for people, in the UI language (fpdf2, the reports' CJK font).

Only an accepted statement (it has a number) is exported, and only when the store owes the
platform (net > 0): when the platform owes the store, the platform pays, not the store, and no
payment file is made. Pure: no database, no clock (the caller passes the times); safe on any
thread (the PDF parses its font: a few hundred milliseconds, so not on the GUI thread)."""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Protocol
from zoneinfo import ZoneInfo

from anyascii import anyascii

from pos_terminal.domain.model.statements import Movement, Statement
from pos_terminal.money import Money, MoneyError, exponent

NAMESPACE = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"
MESSAGE = "pain.001.001.09"
NOT_PROVIDED = "NOTPROVIDED"  # a bank without a BIC (EPC convention: FinInstnId/Othr/Id)

_IBAN_RE = re.compile(r"[A-Z]{2}[0-9]{2}[A-Z0-9]{1,30}")
_BIC_RE = re.compile(r"[A-Z0-9]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?")
_MAX35 = 35
_MAX70 = 70
_MAX140 = 140
_NOT_SEPA = re.compile(r"[^A-Za-z0-9/\-?:().,'+ ]")  # outside the SEPA (EPC217-08) basic Latin set


class ExportRefused(ValueError):
    """A statement or an account that cannot become a payment file; `reason` is a stable code
    (not_accepted, nothing_to_pay, platform_owes_store, bad_account, bad_message_id, bad_time,
    bad_currency), the message says what to do."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


class Account(Protocol):
    """A bank account as [settlement] store_account / platform_account give it (config.schema.BankAccount)."""

    @property
    def holder(self) -> str: ...

    @property
    def iban(self) -> str: ...

    @property
    def number(self) -> str: ...

    @property
    def bic(self) -> str: ...


# -- amounts -----------------------------------------------------------------------------------
def amount_text(minor: int, currency: str) -> str:
    """Minor units as the decimal ISO 20022 and the CSV carry: exactly the currency's exponent
    of decimals ("1234.50" CNY, "1234" JPY), no grouping, "-" for a negative amount."""
    try:
        digits = exponent(currency)
    except MoneyError as exc:
        raise ExportRefused("bad_currency", str(exc)) from None
    return f"{Decimal(minor).scaleb(-digits):.{digits}f}"


# -- accounts ----------------------------------------------------------------------------------
def _iban_ok(iban: str) -> bool:
    if not _IBAN_RE.fullmatch(iban):
        return False
    moved = iban[4:] + iban[:4]
    return int("".join(str(int(c, 36)) for c in moved)) % 97 == 1


def _clean(text: str) -> str:
    return re.sub(r"\s+", "", text or "").upper()


def check_account(account: Account, role: str) -> tuple[str, str | None, str | None, str]:
    """(holder, iban, other id, bic) of an account fit for a payment file; `role` names the
    settings key in a refusal ("settlement.store_account"). Raises ExportRefused(bad_account)."""
    holder = " ".join((account.holder or "").split())
    if not holder:
        raise ExportRefused("bad_account", f"{role}.holder is empty: set the account holder's name in the settings")
    iban, number, bic = _clean(account.iban), re.sub(r"\s+", "", account.number or ""), _clean(account.bic)
    if iban:
        if not _iban_ok(iban):
            raise ExportRefused("bad_account", f"{role}.iban {account.iban!r} is not a valid IBAN (country, check "
                                               "digits, account): correct it in the settings")
    elif not number:
        raise ExportRefused("bad_account", f"{role} has neither an IBAN nor an account number: set one in the settings")
    elif len(number) > 34:
        raise ExportRefused("bad_account", f"{role}.number is longer than 34 characters")
    if bic and not _BIC_RE.fullmatch(bic):
        raise ExportRefused("bad_account", f"{role}.bic {account.bic!r} is not a BIC (8 or 11 letters and digits): "
                                           "correct it, or leave it empty for NOTPROVIDED")
    return holder[:_MAX70], iban or None, None if iban else number, bic or NOT_PROVIDED


# -- pain.001 ----------------------------------------------------------------------------------
def _check_payable(statement: Statement) -> None:
    if statement.number is None or statement.accepted_at is None:
        raise ExportRefused("not_accepted", f"the statement of {statement.business_date} with {statement.platform_id} "
                                            "is not accepted: a manager accepts it first, then it can be exported")
    if statement.net_minor == 0:
        raise ExportRefused("nothing_to_pay", f"statement {statement.number} nets to zero: there is nothing to pay")
    if statement.net_minor < 0:
        owed = Money(-statement.net_minor, statement.currency).format()
        raise ExportRefused("platform_owes_store",
                            f"statement {statement.number}: the platform owes the store {owed}; the store does not "
                            "pay, the platform does, so no payment file is made (watch for the platform's transfer)")


def remittance_text(statement: Statement, store_name: str | None = None, platform_name: str | None = None) -> str:
    """The unstructured remittance line (at most 140 characters): statement number, store,
    platform, business date."""
    store = store_name or statement.store_id
    platform = platform_name or statement.platform_id
    head = f"Settlement {statement.number or '-'} business date {statement.business_date.isoformat()}"
    tail = f" store {store} to {platform}"
    return (head + tail)[:_MAX140]


def sepa_text(text: str, limit: int) -> str:
    """`text` in the SEPA character set, at most `limit` characters: transliterated to Latin,
    "&" as "+" (EPC's conversion), any other character outside the set as a space, runs of
    spaces as one."""
    latin = _NOT_SEPA.sub(" ", anyascii(text).replace("&", "+"))
    return " ".join(latin.split())[:limit].rstrip()


def _sepa_name(name: str, role: str) -> str:
    latin = sepa_text(name, _MAX70)
    if not any(c.isalnum() for c in latin):
        raise ExportRefused("bad_account", f"{role}.holder {name!r} has no letter or digit a SEPA transfer can "
                                           "carry: write the holder's name as the bank has it, in Latin letters")
    return latin


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, tag, attrs)
    if text is not None:
        el.text = text
    return el


def _account(parent: ET.Element, tag: str, iban: str | None, other: str | None) -> None:
    ident = _sub(_sub(parent, tag), "Id")
    if iban:
        _sub(ident, "IBAN", iban)
    else:
        _sub(_sub(ident, "Othr"), "Id", other)


def _agent(parent: ET.Element, tag: str, bic: str) -> None:
    fin = _sub(_sub(parent, tag), "FinInstnId")
    if bic == NOT_PROVIDED:
        _sub(_sub(fin, "Othr"), "Id", NOT_PROVIDED)
    else:
        _sub(fin, "BICFI", bic)


def pain001_xml(statement: Statement, debtor: Account, creditor: Account, *, message_id: str, created_at: datetime,
                execution_date: date, store_name: str | None = None, platform_name: str | None = None) -> bytes:
    """The payment file (UTF-8 bytes) of an accepted statement the store owes on: `debtor` is
    the store's account ([settlement] store_account), `creditor` the platform's. `message_id`
    (GrpHdr/MsgId, at most 35 characters) must be unique per file at the bank; `created_at` an
    aware time. Raises ExportRefused."""
    _check_payable(statement)
    number = statement.number or ""
    if not message_id or len(message_id) > _MAX35 or not message_id.isprintable():
        raise ExportRefused("bad_message_id", f"message id {message_id!r} must be 1 to 35 printable characters")
    if created_at.tzinfo is None or created_at.utcoffset() is None:
        raise ExportRefused("bad_time", "the file's creation time must be an aware time (the terminal's clock)")
    if len(number) > _MAX35:
        raise ExportRefused("not_accepted", f"statement number {number!r} is longer than 35 characters")
    d_name, d_iban, d_other, d_bic = check_account(debtor, "settlement.store_account")
    c_name, c_iban, c_other, c_bic = check_account(creditor, "settlement.platform_account")
    amount = amount_text(statement.net_minor, statement.currency)
    sepa = statement.currency == "EUR" and bool(d_iban and c_iban)
    remittance = remittance_text(statement, store_name, platform_name)
    if sepa:
        d_name = _sepa_name(d_name, "settlement.store_account")
        c_name = _sepa_name(c_name, "settlement.platform_account")
        remittance = sepa_text(remittance, _MAX140)

    root = ET.Element("Document", xmlns=NAMESPACE)  # the default namespace (Ccy stays unqualified)
    init = _sub(root, "CstmrCdtTrfInitn")
    hdr = _sub(init, "GrpHdr")
    _sub(hdr, "MsgId", message_id)
    _sub(hdr, "CreDtTm", created_at.isoformat(timespec="seconds"))
    _sub(hdr, "NbOfTxs", "1")
    _sub(hdr, "CtrlSum", amount)
    _sub(_sub(hdr, "InitgPty"), "Nm", d_name)

    pmt = _sub(init, "PmtInf")
    _sub(pmt, "PmtInfId", number)
    _sub(pmt, "PmtMtd", "TRF")
    _sub(pmt, "BtchBookg", "false")
    _sub(pmt, "NbOfTxs", "1")
    _sub(pmt, "CtrlSum", amount)
    if sepa:
        _sub(_sub(_sub(pmt, "PmtTpInf"), "SvcLvl"), "Cd", "SEPA")
    _sub(_sub(pmt, "ReqdExctnDt"), "Dt", execution_date.isoformat())
    _sub(_sub(pmt, "Dbtr"), "Nm", d_name)
    _account(pmt, "DbtrAcct", d_iban, d_other)
    _agent(pmt, "DbtrAgt", d_bic)
    if sepa:
        _sub(pmt, "ChrgBr", "SLEV")

    tx = _sub(pmt, "CdtTrfTxInf")
    pid = _sub(tx, "PmtId")
    _sub(pid, "InstrId", number)
    _sub(pid, "EndToEndId", number)
    _sub(_sub(tx, "Amt"), "InstdAmt", amount, Ccy=statement.currency)
    _agent(tx, "CdtrAgt", c_bic)
    _sub(_sub(tx, "Cdtr"), "Nm", c_name)
    _account(tx, "CdtrAcct", c_iban, c_other)
    _sub(_sub(tx, "RmtInf"), "Ustrd", remittance)

    ET.indent(root)
    body: bytes = ET.tostring(root, encoding="UTF-8", xml_declaration=True)
    return body


# -- CSV ---------------------------------------------------------------------------------------
CSV_COLUMNS = ("record", "statement", "store", "platform", "business_date", "currency", "code", "tender", "kind",
               "ref", "order_no", "count", "amount", "effect", "at")


def statement_csv(statement: Statement) -> str:
    """The statement as one CSV table (header row first): a "line" row per statement line, a
    "movement" row per movement and tender, and a closing "net" row. Amounts are decimals with
    the currency's exponent; `effect` is what a line adds to the net (+: the store owes more)."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(CSV_COLUMNS)
    cur = statement.currency
    head = [statement.number or "", statement.store_id, statement.platform_id, statement.business_date.isoformat(), cur]
    for ln in statement.lines:
        w.writerow(["line", *head, ln.code, ln.tender or "", "", "", "", ln.count, amount_text(ln.amount_minor, cur),
                    amount_text(ln.effect_minor, cur), ""])
    for m in statement.movements:
        for tender, amount in m.tenders:
            w.writerow(["movement", *head, "", tender, m.kind, m.ref, m.order_no, 1, amount_text(amount, cur), "",
                        m.at.isoformat() if m.at else ""])
    accepted = statement.accepted_at.isoformat() if statement.accepted_at else ""
    w.writerow(["net", *head, "net", "", "", "", "", "", amount_text(abs(statement.net_minor), cur),
                amount_text(statement.net_minor, cur), accepted])
    return out.getvalue()


# -- PDF ---------------------------------------------------------------------------------------
_TEXTS = {
    "en": {
        "title": "Settlement statement", "draft": "not accepted", "store": "Store", "platform": "Platform",
        "business_date": "Business date", "number": "Statement", "accepted": "Accepted", "currency": "Currency",
        "contract": "Commission", "lines": "Lines", "line": "Line", "tender": "Tender", "count": "Count",
        "amount": "Amount", "effect": "Effect on net", "movements": "Movements", "kind": "Kind", "ref": "Reference",
        "order": "Order", "store_owes": "The store owes the platform", "platform_owes": "The platform owes the store",
        "even": "Nothing is owed", "digest": "Digest", "page": "page {n}/{nb}", "no_movements": "No movements",
        "contract_text": "{pct}% per order + {fixed} fixed, rounding {rule}", "generated": "Printed",
        "collected": "Collected", "refund_paid_out": "Refunds paid out", "double_payment_paid_back":
        "Double payments paid back", "void_given_back": "Voids given back", "double_payment_held":
        "Double payments held", "commission": "Store commission", "cash": "Cash", "bank_card": "Bank card",
        "prepaid": "Prepaid card", "sale": "Sale", "refund": "Refund",
        "double_payment_payback": "Double payment paid back", "void": "Void", "double_payment": "Double payment",
        "half_up": "half up", "half_even": "half even", "down": "down",
    },
    "zh_CN": {
        "title": "结算单", "draft": "未确认", "store": "门店", "platform": "平台", "business_date": "营业日",
        "number": "结算单号", "accepted": "确认", "currency": "币种", "contract": "佣金", "lines": "结算项目",
        "line": "项目", "tender": "支付方式", "count": "笔数", "amount": "金额", "effect": "计入应付",
        "movements": "明细", "kind": "类型", "ref": "参考号", "order": "订单", "store_owes": "门店应付平台",
        "platform_owes": "平台应付门店", "even": "双方无应付", "digest": "摘要", "page": "第 {n}/{nb} 页",
        "no_movements": "无明细", "contract_text": "每笔订单 {pct}% + 固定 {fixed}，舍入方式 {rule}",
        "generated": "打印时间", "collected": "代收", "refund_paid_out": "柜台退款", "double_payment_paid_back":
        "重复支付柜台退回", "void_given_back": "作废退回", "double_payment_held": "重复支付暂存",
        "commission": "门店佣金", "cash": "现金", "bank_card": "银行卡", "prepaid": "储值卡", "sale": "销售",
        "refund": "退款", "double_payment_payback": "重复支付退回", "void": "作废", "double_payment": "重复支付",
        "half_up": "四舍五入", "half_even": "银行家舍入", "down": "舍去",
    },
}


def pdf_texts(language: str) -> dict[str, str]:
    try:
        return _TEXTS[language]
    except KeyError:
        raise ValueError(f"statement language must be one of {', '.join(_TEXTS)}, got {language!r}") from None


def _local(ts: datetime | None, timezone: str) -> str:
    return "-" if ts is None else ts.astimezone(ZoneInfo(timezone)).strftime("%Y-%m-%d %H:%M")


def _movement_rows(movements: Iterable[Movement], t: dict[str, str], cur: str) -> list[tuple[str, ...]]:
    rows = []
    for m in movements:
        tenders = ", ".join(f"{t.get(k, k)} {Money(a, cur).format(symbol=False)}" for k, a in m.tenders)
        total = Money(m.amount_minor, cur).format(symbol=False)
        rows.append((t.get(m.kind, m.kind), m.ref, m.order_no, tenders, total))
    return rows


def statement_pdf(statement: Statement, *, language: str = "zh_CN", store_name: str | None = None,
                  platform_name: str | None = None, timezone: str = "UTC",
                  printed_at: datetime | None = None, accepted_by_name: str | None = None) -> bytes:
    """The statement as an A4 PDF for people: heading, net owed, lines, movements, digest.
    `accepted_by_name`: who accepted it, as people know them (default: the statement's accepted_by)."""
    from fpdf import FPDF
    from fpdf.enums import TextMode, XPos, YPos
    from fpdf.fonts import FontFace

    from receipts.report_pdf import FONT, MARGIN, find_font

    t = pdf_texts(language)
    cur = statement.currency
    money = lambda minor: Money(minor, cur).format(symbol=False)  # noqa: E731
    store = store_name or statement.store_id
    platform = platform_name or statement.platform_id
    title = f"{t['title']} {statement.number or t['draft']}"

    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(True, margin=MARGIN + 2)
    pdf.add_font(FONT, "", find_font(), collection_font_number=0)
    pdf.set_title(title)
    pdf.set_creator("pos-terminal")
    if printed_at is not None:
        pdf.set_creation_date(printed_at)
    pdf.alias_nb_pages()

    def footer() -> None:
        pdf.set_y(-MARGIN + 3)
        pdf.set_font(FONT, size=7.5)
        pdf.set_text_color(110, 110, 110)
        half = (pdf.w - 2 * MARGIN) / 2
        pdf.cell(half, 4, f"{store} · {platform} · {statement.business_date.isoformat()}")
        pdf.cell(half, 4, t["page"].format(n=pdf.page_no(), nb="{nb}"), align="R")
        pdf.set_text_color(30, 30, 30)

    pdf.footer = footer  # type: ignore[method-assign]
    pdf.add_page()
    width = pdf.w - 2 * MARGIN

    def bold(w: float, h: float, text: str, **kw: object) -> None:
        with pdf.local_context(text_mode=TextMode.FILL_STROKE, line_width=0.12, draw_color=pdf.text_color):
            pdf.cell(w, h, text, **kw)  # type: ignore[arg-type]

    pdf.set_font(FONT, size=16)
    bold(0, 9, title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)
    contract = statement.contract
    pct = f"{Decimal(contract.percent_bp).scaleb(-2):.2f}"
    pairs = [
        (t["store"], store), (t["platform"], platform), (t["business_date"], statement.business_date.isoformat()),
        (t["currency"], cur), (t["number"], statement.number or t["draft"]),
        (t["accepted"], f"{_local(statement.accepted_at, timezone)} "
                        f"{accepted_by_name or statement.accepted_by or ''}".strip()),
        (t["contract"], t["contract_text"].format(pct=pct, fixed=money(contract.fixed_minor),
                                                  rule=t.get(contract.rounding, contract.rounding))),
    ]
    if printed_at is not None:
        pairs.append((t["generated"], _local(printed_at, timezone)))
    pdf.set_font(FONT, size=9.5)
    for label, value in pairs:
        pdf.set_text_color(110, 110, 110)
        pdf.cell(38, 5.5, label)
        pdf.set_text_color(30, 30, 30)
        pdf.multi_cell(width - 38, 5.5, value, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)

    net = statement.net_minor
    owes = t["store_owes"] if net > 0 else t["platform_owes"] if net < 0 else t["even"]
    pdf.set_fill_color(238, 241, 245)
    pdf.set_font(FONT, size=13)
    y = pdf.get_y()
    pdf.rect(MARGIN, y, width, 13, style="F")
    pdf.set_xy(MARGIN + 2, y + 3)
    bold(width * 0.6, 7, owes)
    bold(width * 0.4 - 4, 7, f"{money(abs(net))} {cur}", align="R")
    pdf.set_xy(MARGIN, y + 18)

    def table(heading: str, head: tuple[str, ...], rows: list[tuple[str, ...]], widths: tuple[float, ...],
              right: set[int], size: float = 8.5) -> None:
        pdf.set_font(FONT, size=11)
        bold(0, 7, heading, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font(FONT, size=size)
        with pdf.table(col_widths=widths, text_align=tuple("RIGHT" if i in right else "LEFT" for i in range(len(head))),
                       line_height=5, first_row_as_headings=True,
                       headings_style=FontFace(emphasis=None, fill_color=(238, 241, 245)),
                       borders_layout="HORIZONTAL_LINES") as tab:
            for r in (head, *rows):
                row = tab.row()
                for cell in r:
                    row.cell(cell)
        pdf.ln(4)

    line_rows = [(t.get(ln.code, ln.code), t.get(ln.tender, ln.tender) if ln.tender else "", str(ln.count),
                  money(ln.amount_minor), money(ln.effect_minor)) for ln in statement.lines]
    table(t["lines"], (t["line"], t["tender"], t["count"], t["amount"], t["effect"]), line_rows,
          (34, 20, 12, 17, 17), {2, 3, 4})
    moves = _movement_rows(statement.movements, t, cur)
    if moves:
        table(t["movements"], (t["kind"], t["ref"], t["order"], t["tender"], t["amount"]), moves,
              (16, 40, 20, 24, 10), {4}, size=7.5)
    else:
        pdf.set_font(FONT, size=9.5)
        pdf.cell(0, 6, t["no_movements"], new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)
    pdf.set_font(FONT, size=7.5)
    pdf.set_text_color(110, 110, 110)
    pdf.multi_cell(0, 4, f"{t['digest']}: sha256 {statement.digest}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return bytes(pdf.output())
