"""The X/Z report on the receipt printer (receipts.report_document) and as an A4 PDF
(receipts.report_pdf), from DayReport values built here."""

from __future__ import annotations

import io
import re
from datetime import date, datetime, timedelta, timezone

import pypdf
import pytest

from pos_terminal.services.report_model import DayReport, HourTotal, ShiftSummary, SyncSummary, TenderTotal
from receipts import report_pdf
from receipts.document import COLUMNS, Columns, Text, display_width, layout_step
from receipts.escpos_render import render_escpos
from receipts.image_render import FontMissing, render_image
from receipts.report_document import build_report_receipt, report_sections
from receipts.report_pdf import render_report_pdf, report_pdf_bytes

UTC = timezone.utc
MIDNIGHT = datetime(2024, 4, 30, 16, 0, tzinfo=UTC)  # 2024-05-01 00:00 in Asia/Shanghai


def shift(n: int, *, closed: bool = True, note: str | None = None) -> ShiftSummary:
    opened = MIDNIGHT + timedelta(hours=8 + 7 * n)
    return ShiftSummary(
        f"0190a1b2-c3d4-7e5f-8a9b-00000000000{n}", opened, "张三" if n == 0 else "李四",
        opened + timedelta(hours=7) if closed else None, "张三" if closed else None,
        20000, 123450, 1250, 50000, 3000, 1000, 2,
        90200, 90000 if closed else None, -200 if closed else None,
        note, "王经理" if note else None,
    )


def hours(total_sales: int, kinds=("cash", "prepaid_card", "bank_card")) -> tuple[HourTotal, ...]:
    """`total_sales` sales of 12.34 spread over 07:00-22:59 and the tender kinds."""
    cells = [(h, k) for h in range(7, 23) for k in kinds]
    out = []
    for i, (h, k) in enumerate(cells):
        count = total_sales // len(cells) + (1 if i < total_sales % len(cells) else 0)
        if count:
            out.append(HourTotal(h, k, count, count * 1234))
    return tuple(out)


def make_report(kind: str = "Z", **kw) -> DayReport:
    fields = dict(
        kind=kind, terminal_id="T01", store_id="S-XUHUI-01", store_name="好邻居便利店 徐汇店",
        business_date=date(2024, 5, 1), timezone="Asia/Shanghai", currency="CNY",
        generated_at=datetime(2024, 5, 1, 14, 3, tzinfo=UTC), generated_by="王经理",
        z_no=3 if kind == "Z" else None,
        sales_count=125, sales_minor=1234567,
        sales_by_tender=(TenderTotal("cash", 60, 178950), TenderTotal("prepaid_card", 40, 555617),
                         TenderTotal("bank_card", 25, 500000)),
        offline_sales_count=7, refunds_count=3, refunds_minor=4550,
        refunds_by_route=(TenderTotal("cash", 1, 1250), TenderTotal("online", 2, 3300)),
        voids_count=1, voids_minor=880, drops_minor=50000, pay_outs_minor=3000, pay_ins_minor=1000,
        no_sale_count=2, opening_float_minor=40000, expected_cash_minor=165700,
        counted_cash_minor=165500, over_short_minor=-200, first_receipt_no=101, last_receipt_no=220,
        shifts=(shift(0, note="少 2 元，已登记"), shift(1)), by_hour=hours(125),
        sync=SyncSummary(3, 1, datetime(2024, 5, 1, 9, 0, tzinfo=UTC)),
        audit_anchor="ab" * 32 if kind == "Z" else None,
    )
    fields.update(kw)
    return DayReport(**fields)


def empty_day(**kw) -> DayReport:
    kw.setdefault("audit_anchor", None)
    return make_report(
        sales_count=0, sales_minor=0, sales_by_tender=(), offline_sales_count=0, refunds_count=0,
        refunds_minor=0, refunds_by_route=(), voids_count=0, voids_minor=0, drops_minor=0, pay_outs_minor=0,
        pay_ins_minor=0, no_sale_count=0, opening_float_minor=0, expected_cash_minor=0, counted_cash_minor=None,
        over_short_minor=None, first_receipt_no=None, last_receipt_no=None, shifts=(), by_hour=(),
        sync=SyncSummary(0, 0, None), **kw,
    )


def busy_day() -> DayReport:
    """5,000 sales, large figures, long texts: the worst the paper and the PDF must hold."""
    long_note = "钱箱少了两元，经核对监控录像确认是找零时多找给顾客，已登记并由经理批准。Counted twice by two people."
    return make_report(
        store_name="好邻居便利店 上海市徐汇区漕溪北路旗舰店 Good Neighbour Flagship",
        generated_by="值班经理 Wang Xiaoming",
        sales_count=5000, sales_minor=6_170_000,
        sales_by_tender=(TenderTotal("cash", 1667, 2_057_078), TenderTotal("prepaid_card", 1667, 2_057_078),
                         TenderTotal("bank_card", 1666, 2_055_844), TenderTotal("voucher_x", 3, 99_999_999_99)),
        offline_sales_count=4321, refunds_count=12345, refunds_minor=1_234_567_890,
        expected_cash_minor=-1_234_567_890, counted_cash_minor=1_234_567_890, over_short_minor=2_469_135_780,
        first_receipt_no=1, last_receipt_no=5000,
        shifts=(shift(0, note=long_note), shift(1, closed=False), shift(2)),
        by_hour=hours(5000),
    )


# ----------------------------------------------------------------------------- receipt


@pytest.mark.parametrize("language", ["zh_CN", "en"])
@pytest.mark.parametrize("paper", [58, 80])
@pytest.mark.parametrize("report", [make_report(), make_report("X"), empty_day(), busy_day()],
                         ids=["z", "x", "empty", "busy"])
def test_every_row_fits_the_paper(report, paper, language):
    doc = build_report_receipt(report, language=language, paper_width_mm=paper)
    columns = COLUMNS[paper]
    assert doc.columns == columns
    for step in doc.steps:
        if isinstance(step, (Text, Columns)):
            for row, style in layout_step(step, columns):
                assert display_width(row) * (2 if style.double else 1) <= columns, (step, row)
    lines = doc.text_lines()
    assert max(display_width(line) for line in lines) <= columns


def text_of(report, **kw) -> str:
    return "\n".join(build_report_receipt(report, **kw).text_lines())


def row_with(text: str, label: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(label))


def test_z_receipt_carries_every_figure():
    text = text_of(make_report(), paper_width_mm=80)
    assert "Z 报表 日结 #0003" in text
    assert "好邻居便利店" in text and "S-XUHUI-01" in row_with(text, "门店") and "T01" in row_with(text, "终端")
    assert "2024-05-01" in row_with(text, "营业日")
    assert "2024-05-01 22:03" in row_with(text, "打印时间")  # 14:03 UTC in Shanghai
    assert row_with(text, "操作员").endswith("王经理")
    assert re.search(r"^现金\s+60\s+1,789\.50$", text, re.M)
    assert re.search(r"^储值卡\s+40\s+5,556\.17$", text, re.M)
    assert re.search(r"^银行卡\s+25\s+5,000\.00$", text, re.M)
    assert re.search(r"^销售合计\s+125\s+12,345\.67$", text, re.M)
    assert re.search(r"^其中离线销售\s+7$", text, re.M)
    assert re.search(r"^平台原路退回\s+2\s+33\.00$", text, re.M)
    assert re.search(r"^退款合计\s+3\s+45\.50$", text, re.M)
    assert re.search(r"^作废合计\s+1\s+8\.80$", text, re.M)
    for label, value in [("备用金", "400.00"), ("+ 现金销售", "1,789.50"), ("- 现金退款", "12.50"),
                         ("- 投库", "500.00"), ("- 支出", "30.00"), ("+ 存入", "10.00"),
                         ("应有现金", "1,657.00"), ("实点现金", "1,655.00"), ("长短款", "-2.00"),
                         ("无交易开钱箱", "2"), ("小票号", "000101-000220"), ("同步: 待上传", "3"),
                         ("同步: 需处理", "1"), ("同步: 最早待传", "05-01 17:00")]:
        assert row_with(text, label).endswith(value), label
    assert "班次 1 #000000 (CNY)" in text and "班次 2 #000001 (CNY)" in text
    assert "05-01 08:00 张三" in text and "05-01 15:00 张三" in text  # shift 1 opened and closed
    assert "少 2 元，已登记" in text and "批准人" in text
    assert "* 3 笔结算尚未上传平台" in text and "* 平台拒收 1 笔结算，需要处理" in text and "经理签字" in text
    assert "审计锚点 " + "ab" * 8 in text  # the Z's audit anchor (the hash wraps on paper)


def test_x_receipt_closes_nothing_and_positive_over_is_signed():
    text = text_of(make_report("X", over_short_minor=150), language="en", paper_width_mm=58)
    assert "#" not in next(line for line in text.splitlines() if "X REPORT (nothing closed)" in line)
    assert "signature" not in text
    assert row_with(text, "Over/short").endswith("+1.50")
    assert re.search(r"^Prepaid card\s+40\s+5,556\.17$", text, re.M)
    assert re.search(r"^Online\s+2\s+33\.00$", text, re.M)


def test_open_shift_on_the_receipt():
    text = text_of(busy_day(), paper_width_mm=58)
    assert re.search(r"^交班\s+未交班$", text, re.M) and re.search(r"^实点现金\s+未清点$", text, re.M)
    assert re.search(r"^长短款\s+-$", text, re.M)


def test_empty_day_receipt():
    text = text_of(empty_day(), language="en")
    assert re.search(r"^Sales total\s+0\s+0\.00$", text, re.M)
    assert row_with(text, "Receipt nos").endswith("none")
    assert row_with(text, "Counted cash").endswith("not counted")
    assert row_with(text, "Sync: Oldest unsent").endswith("-")
    assert "Shift" not in text and "Notes" not in text


def test_receipt_prints_in_chinese_mode_and_as_image():
    doc = build_report_receipt(make_report(), paper_width_mm=58)
    data = render_escpos(doc)
    assert "好邻居便利店".encode("gb18030") in data and "应有现金".encode("gb18030") in data
    image = render_image(doc)
    assert image.width == 384 and image.height > 80 * 24


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="zh_CN"):
        build_report_receipt(make_report(), language="fr")


def test_sections_list_unknown_tender_kinds_after_the_known_ones():
    sales = report_sections(busy_day(), "en")[0]
    assert [r.label for r in sales.rows][:4] == ["Cash", "Prepaid card", "Bank card", "voucher_x"]


# ----------------------------------------------------------------------------- PDF


def pdf_text(data: bytes) -> tuple[pypdf.PdfReader, str]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def test_pdf_carries_the_figures_in_real_chinese_glyphs(tmp_path):
    path = tmp_path / "z.pdf"
    size = render_report_pdf(make_report(), path)
    data = path.read_bytes()
    assert data.startswith(b"%PDF-") and len(data) == size and data.rstrip().endswith(b"%%EOF")
    assert not list(tmp_path.glob("*.part"))
    reader, text = pdf_text(data)
    assert 1 <= len(reader.pages) <= 3
    assert reader.pages[0].mediabox.width == pytest.approx(595.28, abs=0.1)  # A4
    for needle in ["好邻居便利店 徐汇店", "Z 报表 日结 #0003", "2024-05-01 22:03", "12,345.67", "1,789.50",
                   "5,556.17", "5,000.00", "45.50", "8.80", "1,657.00", "1,655.00", "-2.00", "000101-000220",
                   "现金", "储值卡", "银行卡", "平台原路退回", "应有现金", "少 2 元，已登记", "3 笔结算尚未上传平台",
                   "分时销售", "支付方式占比"]:
        assert needle in text, needle
    fonts = reader.pages[0]["/Resources"]["/Font"]
    embedded = []
    for ref in fonts.values():
        font = ref.get_object()
        for descendant in font.get("/DescendantFonts", []):
            descriptor = descendant.get_object()["/FontDescriptor"].get_object()
            if "/FontFile2" in descriptor:
                embedded.append(str(font["/BaseFont"]))
    assert embedded and all(re.fullmatch(r"/[A-Z]{6}\+\S+", name) for name in embedded)  # subset, embedded


def test_pdf_to_a_file_object_in_english():
    buf = io.BytesIO()
    render_report_pdf(make_report("X"), buf, language="en")
    _, text = pdf_text(buf.getvalue())
    assert "X REPORT (nothing closed)" in text and "Sales by hour and tender (CNY)" in text
    assert "Expected cash" in text and "Manager's signature" not in text


def chart_bars(data: bytes) -> list[tuple[float, float, float, float]]:
    """The chart's bars: filled rectangles as wide as a bar (0.7 of an hour's slot)."""
    page = pypdf.PdfReader(io.BytesIO(data)).pages[0]
    ops = page.get_contents().get_data().decode("latin-1")
    slot = (210 - 2 * report_pdf.MARGIN - 18) / 24 * 0.7 * 72 / 25.4
    rects = [tuple(map(float, m)) for m in re.findall(r"([\d.-]+) ([\d.-]+) ([\d.-]+) ([\d.-]+) re", ops)]
    return [r for r in rects if abs(r[2] - slot) < 0.05]


def test_pdf_chart_has_one_bar_per_hour_and_tender_scaled_to_the_figures():
    report = make_report(by_hour=(HourTotal(9, "cash", 2, 10000), HourTotal(9, "bank_card", 1, 30000),
                                  HourTotal(18, "prepaid_card", 4, 20000)))
    bars = chart_bars(report_pdf_bytes(report))
    assert len(bars) == 3
    heights = sorted(abs(b[3]) for b in bars)
    assert heights[1] == pytest.approx(2 * heights[0], rel=0.01)
    assert heights[2] == pytest.approx(3 * heights[0], rel=0.01)
    assert len({round(b[0], 2) for b in bars}) == 2  # two hours: 09 stacked, 18 alone


def test_empty_day_pdf_renders():
    data = report_pdf_bytes(empty_day())
    reader, text = pdf_text(data)
    assert len(reader.pages) == 1
    assert "当日无销售" in text and "0.00" in text and "未清点" in text
    assert chart_bars(data) == []


def test_busy_day_pdf_renders():
    report = busy_day()
    data = report_pdf_bytes(report)
    reader, text = pdf_text(data)
    assert len(reader.pages) in (2, 3)
    assert "61,700.00" in text and "5000" in text and "000001-005000" in text and "+24,691,357.80" in text
    assert "Counted twice by two people." in text.replace("\n", " ")
    assert len(chart_bars(data)) == len(report.by_hour) == 16 * 3
    assert sum(h.count for h in report.by_hour) == 5000


def test_missing_cjk_font_names_the_package(monkeypatch):
    monkeypatch.delenv("POS_TERMINAL_RECEIPT_FONT", raising=False)
    monkeypatch.setattr(report_pdf, "FONT_PATHS", ("/nonexistent/a.ttc",))
    monkeypatch.setattr(report_pdf, "FALLBACK_FONTS", ("/nonexistent/b.ttf",))
    with pytest.raises(FontMissing, match="fonts-wqy-microhei"):
        report_pdf_bytes(make_report())


def test_font_override_from_the_environment(monkeypatch):
    monkeypatch.setenv("POS_TERMINAL_RECEIPT_FONT", "/nonexistent/override.ttf")
    assert report_pdf.find_font() != "/nonexistent/override.ttf"  # missing: falls through
    wqy = report_pdf.find_font()
    monkeypatch.setenv("POS_TERMINAL_RECEIPT_FONT", wqy)
    assert report_pdf.find_font() == wqy


def test_shift_titles_tell_shifts_apart():
    titles = [s.title for s in report_sections(busy_day(), "zh_CN")[5:]]
    assert len(set(titles)) == 3 and all(t.startswith("班次 ") for t in titles)


def test_the_warnings_are_worded_from_the_figures():
    from receipts.report_document import report_notes

    busy = busy_day()  # a shift still open, 3 unsent, 1 refused, the Z's anchor
    zh = report_notes(busy, "zh_CN")
    assert zh[0] == "15:00 由 李四 开的班次尚未交班，现金未清点"
    assert zh[1:] == ["3 笔结算尚未上传平台", "平台拒收 1 笔结算，需要处理", "审计锚点 " + "ab" * 32]
    assert report_notes(busy, "en")[1] == "3 settlement(s) not sent to the platform yet"
    assert report_notes(empty_day(), "zh_CN") == []
