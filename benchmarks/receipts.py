"""Receipt render for a 30-line order on 80 mm paper: building the document and rendering it to
ESC/POS (GB18030 text, and image mode) and to the preview image; beside the same 30 lines
written with bare python-escpos Dummy().text() calls, and drawn with one bare Pillow draw.text
per line, in the same run."""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path

from benchmarks.stats import median, row

N = 30  # runs per figure; the first (cold font cache) counts like any other
LINES = 30


def _data():
    from pos_terminal.money import Money
    from receipts.sale_receipt import ReceiptLine, ReceiptTender, SaleReceiptData

    names = ["农夫山泉 550ml", "康师傅红烧牛肉面", "旺仔牛奶 245ml", "乐事薯片 原味 70g", "维达抽纸 3层"]
    lines = tuple(
        ReceiptLine(f"{names[i % 5]} #{i:02d}", 1, Money(150 + i), Money(150 + i), (f"B-BENCH-{i:02d}-1",))
        for i in range(LINES)
    )
    total = sum(line.amount.minor for line in lines)
    return SaleReceiptData(
        store_name="好邻居便利店", terminal_id="T01", cashier_name="李四", receipt_no=1,
        local_time=datetime(2024, 5, 1, 9, 30), merchant_name="好物商城", order_no="B-BENCH",
        lines=lines, tenders=(ReceiptTender("cash", Money(total), tendered=Money(total + 500)),),
        footer="谢谢惠顾", paper_width_mm=80,
    )


def _ms(fn) -> list[float]:
    out = []
    for _ in range(N):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def run(out_dir: Path) -> list[dict]:
    from escpos.printer import Dummy
    from PIL import Image, ImageDraw

    from receipts.escpos_render import render_escpos
    from receipts.image_render import font, render_image
    from receipts.sale_receipt import build_sale_receipt

    data = _data()
    doc = build_sale_receipt(data)
    text_lines = [line.name for line in data.lines]

    def bare_escpos() -> bytes:
        p = Dummy()
        for line in data.lines:
            p.text(f"{line.name}  {line.amount.format(symbol=False)}\n")
        return p.output

    def bare_image() -> Image.Image:
        img = Image.new("L", (576, 24 * len(text_lines)), 255)
        draw, f = ImageDraw.Draw(img), font(22)
        for i, text in enumerate(text_lines):
            draw.text((0, i * 24), text, font=f, fill=0)
        return img

    escpos_ms = _ms(lambda: render_escpos(build_sale_receipt(data)))
    escpos_image_ms = _ms(lambda: render_escpos(build_sale_receipt(data), chinese="image"))
    bare_escpos_ms = _ms(bare_escpos)
    preview_ms = _ms(lambda: render_image(build_sale_receipt(data)))
    bare_image_ms = _ms(bare_image)

    folder = out_dir / "receipts"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "receipt-gb18030.bin").write_bytes(render_escpos(doc))
    render_image(doc).save(folder / "receipt-preview.png")

    base_escpos = f"the {LINES} item lines as bare python-escpos Dummy().text() calls"
    base_image = f"the {LINES} item names, one bare Pillow draw.text each, 576 px"
    return [
        row(f"receipt to ESC/POS, GB18030, {LINES}-line order, median of {N}", median(escpos_ms),
            median(bare_escpos_ms), "ms", base_escpos),
        row(f"receipt to ESC/POS, image mode, {LINES}-line order, median of {N}", median(escpos_image_ms),
            median(bare_escpos_ms), "ms", base_escpos),
        row(f"receipt to preview image (576 px), {LINES}-line order, median of {N}", median(preview_ms),
            median(bare_image_ms), "ms", base_image),
    ]


if __name__ == "__main__":
    import tempfile

    for r in run(Path(tempfile.mkdtemp())):
        print(r["figure"], "|", r["value_text"], "|", r["baseline_text"], "|", r["baseline"])
