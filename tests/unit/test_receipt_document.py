from __future__ import annotations

from datetime import datetime

import pytest
import zxingcpp
from escpos.printer import Dummy

from pos_terminal.money import Money
from receipts.document import (
    Barcode,
    Columns,
    CopyBanner,
    Cut,
    QRCode,
    ReceiptDocument,
    Rule,
    Text,
    display_width,
    layout_step,
    two_columns,
    wrap,
)
from receipts.escpos_render import CHINESE_OFF, CHINESE_ON, render_escpos, write_document
from receipts.image_render import render_image
from receipts.sale_receipt import ReceiptLine, ReceiptTender, SaleReceiptData, build_sale_receipt


def sale_data(n_lines: int = 3, **kw) -> SaleReceiptData:
    items = tuple(
        ReceiptLine(f"农夫山泉 550ml #{i}", 2, Money(250), Money(500), (f"A1-{i:02d}-1", f"A1-{i:02d}-2"))
        for i in range(n_lines)
    )
    items = kw.pop("lines", items)
    total = Money(sum(line.amount.minor for line in items))
    defaults = dict(
        store_name="好邻居便利店 徐汇店",
        terminal_id="T01",
        cashier_name="张三",
        receipt_no=42,
        local_time=datetime(2024, 5, 1, 14, 3, 22),
        merchant_name="好物商城",
        order_no="B-00001",
        lines=items,
        tenders=(ReceiptTender("cash", total, tendered=total + Money(1000)),),
        footer="谢谢惠顾 Thank you",
    )
    defaults.update(kw)
    return SaleReceiptData(**defaults)


# ----------------------------------------------------------------------------- layout


def test_wide_characters_count_two_columns():
    assert display_width("农夫山泉 550ml") == 4 * 2 + 6
    assert display_width("ＡＢ") == 4  # fullwidth forms
    assert display_width("abc") == 3


def test_wrap_never_splits_a_wide_character_or_overflows():
    rows = wrap("农夫山泉矿泉水天然饮用水550ml特惠装十二瓶", 15)
    assert all(display_width(r) <= 15 for r in rows)
    assert "".join(rows) == "农夫山泉矿泉水天然饮用水550ml特惠装十二瓶"
    assert display_width(rows[0]) == 14  # a 15th column cannot hold half a character


def test_two_columns_puts_the_amount_flush_right():
    (row,) = two_columns("农夫山泉 550ml", "5.00", 32)
    assert display_width(row) == 32 and row.startswith("农夫山泉 550ml") and row.endswith(" 5.00")


def test_two_columns_wraps_a_long_name_and_keeps_the_amount_on_the_last_row():
    rows = two_columns("特别长的商品名称" * 3, "1,234.50", 32)
    assert all(display_width(r) == 32 or r == rows[0] for r in rows)
    assert rows[-1].endswith("1,234.50") and "1,234.50" not in "".join(rows[:-1])


@pytest.mark.parametrize("width_mm, columns", [(58, 32), (80, 48)])
def test_every_receipt_row_fits_the_paper(width_mm, columns):
    doc = build_sale_receipt(sale_data(30, paper_width_mm=width_mm, copy=True))
    assert doc.columns == columns
    for step in doc.steps:
        if isinstance(step, (Text, Columns, Rule, CopyBanner)):
            for row, style in layout_step(step, columns):
                assert display_width(row) <= (columns // 2 if style.double else columns), row


def test_sale_receipt_content():
    data = sale_data(
        2,
        tenders=(
            ReceiptTender("prepaid", Money(300), card_last4="7788"),
            ReceiptTender("card", Money(700), card_last4="4242", approval_code="A12345"),
        ),
    )
    lines = build_sale_receipt(data).text_lines()
    text = "\n".join(lines)
    for expected in ("好邻居便利店", "T01", "张三", "000042", "2024-05-01 14:03:22", "好物商城", "B-00001",
                     "农夫山泉 550ml #0", "2 x 2.50", "10.00", "****7788", "****4242", "A12345",
                     "[QR: A1-00-1]", "[QR: A1-01-2]", "谢谢惠顾"):
        assert expected in text, expected
    assert lines.count("A1-01-2".center(48).rstrip()) == 1  # the code in text under its QR
    assert "COPY" not in text and "找零" not in text


def test_card_numbers_beyond_the_last_four_are_refused():
    with pytest.raises(ValueError, match="last four"):
        ReceiptTender("card", Money(100), card_last4="4111111111111111")


def test_copy_is_marked_and_change_computed_from_cash():
    lines = build_sale_receipt(sale_data(1, copy=True, language="en")).text_lines()
    assert sum("COPY" in line for line in lines) == 2
    assert any(line.startswith("Change") and line.endswith("10.00") for line in lines)


def test_code128_where_it_fits_else_qr():
    doc58 = build_sale_receipt(sale_data(1, paper_width_mm=58, item_code_symbology="code128"))
    assert [s.data for s in doc58.steps if isinstance(s, Barcode)] == ["A1-00-1", "A1-00-2"]
    long_code = "ITEM-" + "9" * 40
    data = sale_data(1, paper_width_mm=58, item_code_symbology="code128",
                     lines=(ReceiptLine("水", 1, Money(100), Money(100), (long_code,)),))
    doc = build_sale_receipt(data)
    assert [s.data for s in doc.steps if isinstance(s, QRCode)] == [long_code]


# ----------------------------------------------------------------------------- ESC/POS


def test_golden_bytes_of_a_small_receipt():
    doc = ReceiptDocument("sale", 58, [
        Text("店", "center", bold=True),
        Columns("水 x2", "5.00"),
        Rule(),
        QRCode("A-1", size=4),
        Barcode("A-1"),
        Cut(),
    ])
    expected = (
        b"\x1b@"  # ESC @ initialise
        + b"\x1c&"  # FS & Chinese mode
        + b"\x1bE\x01" + b" " * 15 + "店".encode("gb18030") + b"\n"  # bold, centred on 32 columns
        + b"\x1bE\x00" + "水".encode("gb18030") + b" x2" + b" " * 23 + b"5.00\n"
        + b"-" * 32 + b"\n"
        + b"\x1ba\x01"  # centre
        + b"\x1d(k\x04\x001A2\x00"  # QR model 2
        + b"\x1d(k\x03\x001C\x04"  # module size 4
        + b"\x1d(k\x03\x001E0"  # error correction L
        + b"\x1d(k\x06\x001P0A-1"  # store data
        + b"\x1d(k\x03\x001Q0\n"  # print
        + b"\x1dh@\x1dw\x02\x1df\x00\x1dH\x00"  # barcode height 64, module 2, HRI off
        + b"\x1dkI\x05{BA-1\n"  # GS k 73: Code 128, code set B
        + b"\x1ba\x00\x1bd\x06\x1dV\x01"  # left, feed 6, partial cut
        + b"\x1c."  # FS . leave Chinese mode
    )
    assert render_escpos(doc) == expected


def test_gb18030_text_decodes_back():
    doc = build_sale_receipt(sale_data(3))
    out = render_escpos(doc)
    assert out.startswith(b"\x1b@" + CHINESE_ON) and out.endswith(CHINESE_OFF)
    text = out.decode("gb18030", errors="replace")
    for name in ("好邻居便利店", "农夫山泉 550ml #2", "谢谢惠顾 Thank you", "收银员 张三"):
        assert name in text
    assert "农夫山泉".encode("gb18030") in out


def test_dummy_printer_collects_the_same_bytes():
    doc = build_sale_receipt(sale_data(2))
    dummy = Dummy()
    write_document(dummy, doc)
    assert dummy.output == render_escpos(doc)


def test_image_mode_sends_chinese_rows_as_raster_and_ascii_as_text():
    doc = build_sale_receipt(sale_data(2, paper_width_mm=58))
    out = render_escpos(doc, chinese="image")
    assert b"\x1dv0\x00" + bytes((384 // 8, 0)) in out  # GS v 0, 48 bytes = 384 dots a row
    assert "农夫".encode("gb18030") not in out and CHINESE_ON not in out
    assert b"2 x 2.50" in out  # plain ASCII rows stay text
    assert b"\x1d(k" in out  # QR stays native


# ----------------------------------------------------------------------------- preview image


@pytest.mark.parametrize("width_mm, px", [(58, 384), (80, 576)])
def test_preview_width_and_its_qr_decodes_to_the_item_code(width_mm, px):
    doc = build_sale_receipt(sale_data(1, paper_width_mm=width_mm))
    image = render_image(doc)
    assert image.width == px and image.height > 600
    found = {b.text for b in zxingcpp.read_barcodes(image)}
    assert {"A1-00-1", "A1-00-2"} <= found


def test_preview_code128_decodes():
    doc = build_sale_receipt(sale_data(1, paper_width_mm=58, item_code_symbology="code128"))
    found = {(b.text, b.format) for b in zxingcpp.read_barcodes(render_image(doc))}
    assert ("A1-00-1", zxingcpp.BarcodeFormat.Code128) in found


def test_money_never_float_on_the_receipt():
    with pytest.raises(Exception):
        ReceiptLine("水", 1, Money(1.5), Money(150))  # type: ignore[arg-type]
