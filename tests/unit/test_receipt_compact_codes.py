"""Issue 15: item codes that share a prefix print compactly (several QR codes to a row, the unit
number under each, the prefix once, the unit numbers before each item); each code still decodes
to its own unit's code, on 58 and 80 mm paper, in the preview and in the ESC/POS raster."""

from __future__ import annotations

from datetime import datetime

import pytest
import zxingcpp

from pos_terminal.money import Money
from receipts.document import CodeGrid, QRCode
from receipts.escpos_render import render_escpos
from receipts.image_render import render_image
from receipts.sale_receipt import ReceiptLine, ReceiptTender, SaleReceiptData, build_sale_receipt
from receipts.void_slip import VoidSlipData, build_void_slip
from tests.escpos_raster import raster_images


def order_lines(n_lines: int, prefix: str = "IC000000001005") -> tuple[ReceiptLine, ...]:
    lines, unit = [], 1
    for i in range(1, n_lines + 1):
        qty = 1 + i % 2
        codes = tuple(f"{prefix}{unit + k:04d}" for k in range(qty))
        unit += qty
        lines.append(ReceiptLine(f"手机保护壳 第{i}款", qty, Money(1990), Money(1990 * qty), codes))
    return tuple(lines)


def data(lines, **kw) -> SaleReceiptData:
    total = Money(sum(line.amount.minor for line in lines))
    tenders = kw.pop("tenders", (ReceiptTender("cash", total),))
    return SaleReceiptData("好邻居便利店", "T01", "张三", 5, datetime(2026, 12, 2, 10, 0), "数码商城", "PO000000001005",
                           lines, tenders, **kw)


def codes_of(lines) -> list[str]:
    return [c for line in lines for c in line.item_codes]


@pytest.mark.parametrize("width_mm, per_row", [(58, 3), (80, 4)])
def test_codes_sharing_a_prefix_print_several_to_a_row_and_each_decodes(width_mm, per_row):
    lines = order_lines(8)  # 12 units
    doc = build_sale_receipt(data(lines, paper_width_mm=width_mm))
    (grid,) = [s for s in doc.steps if isinstance(s, CodeGrid)]
    assert not [s for s in doc.steps if isinstance(s, QRCode)]
    assert list(grid.codes) == codes_of(lines) and grid.labels[:3] == ("0001", "0002", "0003")
    text = doc.text_lines()
    assert sum("IC000000001005" in row for row in text if not row.startswith("[QR")) == 1  # the prefix once
    assert "0001-0002 手机保护壳 第1款" in "\n".join(text) and "0003 手机保护壳 第2款" in "\n".join(text)
    image = render_image(doc)
    assert sorted(b.text for b in zxingcpp.read_barcodes(image)) == sorted(codes_of(lines))
    (raster,) = raster_images(render_escpos(doc))  # the grid as the printer gets it
    assert raster.width == doc.dots
    found = zxingcpp.read_barcodes(raster)
    assert sorted(b.text for b in found) == sorted(codes_of(lines))
    rows = {round(b.position.top_left.y / 10) for b in found}
    assert len(rows) == -(-len(found) // per_row)  # so many to a row


def test_codes_without_a_shared_prefix_keep_one_code_to_a_row():
    lines = (ReceiptLine("水", 1, Money(100), Money(100), ("A-1",)),
             ReceiptLine("茶", 1, Money(100), Money(100), ("Z-77",)))
    doc = build_sale_receipt(data(lines))
    assert [s.data for s in doc.steps if isinstance(s, QRCode)] == ["A-1", "Z-77"]
    assert not [s for s in doc.steps if isinstance(s, CodeGrid)]


def test_the_prepaid_balance_left_prints_under_its_tender():
    lines = order_lines(1)
    tender = ReceiptTender("prepaid", Money(3980), card_last4="0001", balance_after=Money(46020))
    rows = build_sale_receipt(data(lines, tenders=(tender,), language="en")).text_lines()
    at = next(i for i, row in enumerate(rows) if row.startswith("Prepaid card ****0001"))
    assert rows[at + 1].split() == ["Card", "balance", "left", "460.20"]


def test_a_void_slip_lists_what_was_given_back_and_refuses_more_than_four_digits():
    slip = VoidSlipData("店", "T01", "张三", "王芳", datetime(2026, 12, 2, 10, 0), "好物商城", "PO000000009001",
                        (("cash", Money(1000), None), ("bank_card", Money(500), "1234")), language="en")
    rows = build_void_slip(slip).text_lines()
    assert any(row.split() == ["TOTAL", "GIVEN", "BACK", "15.00"] for row in rows)
    assert any(row.startswith("Bank card, reversed ****1234") for row in rows)
    with pytest.raises(ValueError):
        VoidSlipData("店", "T01", "张三", None, datetime(2026, 12, 2), "m", "PO1", (("bank_card", Money(1), "12345"),))
