"""A ReceiptDocument as ESC/POS, through python-escpos.

Chinese, two ways (PrinterSettings.chinese):
- "gb18030": the printer is put in Chinese mode (FS & = 1C 26; left with FS . = 1C 2E at the end
  of the job) and every text row is sent GB18030-encoded. ASCII is the same single byte in both
  modes; a Chinese character is two bytes (or four for rare ones), which the printer's resident
  GB18030 font prints 24 dots wide, two columns of font A.
- "image": rows that are not plain ASCII are drawn with the WenQuanYi font
  (receipts.image_render) and sent as raster images (GS v 0), for printers without a Chinese font.
Codes use the printer's own commands: QR through GS ( k, Code 128 through GS k 73; a CodeGrid
(several QR codes on one row) is drawn by receipts.image_render and sent as a raster image.
Pure functions over an escpos object; safe on any thread that owns that object.
"""

from __future__ import annotations

from typing import Literal

from escpos.escpos import Escpos
from escpos.image import EscposImage
from escpos.printer import Dummy
from PIL import Image

from receipts.document import (
    Barcode,
    CodeGrid,
    Columns,
    CopyBanner,
    Cut,
    Feed,
    QRCode,
    ReceiptDocument,
    Rule,
    Text,
    layout_step,
)
from receipts.image_render import BARCODE_HEIGHT, BARCODE_MODULE, code_grid_image, render_row

ChineseMode = Literal["gb18030", "image"]

INIT = b"\x1b@"
CHINESE_ON = b"\x1c\x26"  # FS &: select Chinese (Kanji) character mode
CHINESE_OFF = b"\x1c\x2e"  # FS .: cancel Chinese character mode
ENCODING = "gb18030"
RASTER_SLICE = 960  # rows per GS v 0 command, as python-escpos splits images


def render_escpos(doc: ReceiptDocument, *, chinese: ChineseMode = "gb18030", profile: str | None = None) -> bytes:
    """The whole job as bytes (collected by an escpos Dummy), ready for one write."""
    printer = Dummy(profile=profile)
    write_document(printer, doc, chinese=chinese)
    return printer.output


def write_document(printer: Escpos, doc: ReceiptDocument, *, chinese: ChineseMode = "gb18030") -> None:
    if chinese not in ("gb18030", "image"):
        raise ValueError(f"chinese must be 'gb18030' or 'image', got {chinese!r}")
    out = _Writer(printer)
    printer._raw(INIT)
    if chinese == "gb18030":
        printer._raw(CHINESE_ON)
    pending: list[Image.Image] = []  # consecutive image rows go out as one raster image

    def flush_images() -> None:
        if pending:
            out.raster(pending, doc.dots)
            pending.clear()

    for step in doc.steps:
        if isinstance(step, (Text, Columns, Rule, CopyBanner)):
            for row, style in layout_step(step, doc.columns):
                if chinese == "image" and not row.isascii():
                    pending.append(render_row(row, doc.dots, bold=style.bold, double=style.double))
                else:
                    flush_images()
                    out.row(row, style)
            continue
        flush_images()
        if isinstance(step, QRCode):
            out.style(align="center")
            printer.qr(step.data, size=step.size, native=True)
            printer._raw(b"\n")
        elif isinstance(step, CodeGrid):
            out.raster([code_grid_image(step, doc.dots)], doc.dots)
        elif isinstance(step, Barcode):
            # _hw_barcode: the printer's own Code 128 (GS k 73, code set B); barcode() would
            # also print its renderer choice to stdout. HRI off: the document prints the text.
            out.style(align="center")
            printer._hw_barcode(
                "{B" + step.data, "CODE128", height=BARCODE_HEIGHT, width=BARCODE_MODULE,
                pos="OFF", align_ct=False, function_type="B",
            )
            printer._raw(b"\n")
        elif isinstance(step, Feed):
            printer.print_and_feed(step.lines)
        elif isinstance(step, Cut):
            out.style(align="left", bold=False, double=False)
            printer.cut(mode="PART", feed=True)
    flush_images()
    if chinese == "gb18030":
        printer._raw(CHINESE_OFF)


class _Writer:
    """Sends style commands only when the style changes (the printer keeps modes until told)."""

    def __init__(self, printer: Escpos) -> None:
        self.p = printer
        self.align, self.bold, self.double = "left", False, False  # what ESC @ leaves

    def style(self, *, align: str | None = None, bold: bool | None = None, double: bool | None = None) -> None:
        if align is not None and align != self.align:
            self.p.set(align=align)
            self.align = align
        if bold is not None and bold != self.bold:
            self.p.set(bold=bold)
            self.bold = bold
        if double is not None and double != self.double:
            # GS ! sizes Chinese characters too; ESC ! (what double_width= sends) only ASCII.
            self.p.set(custom_size=True, width=2 if double else 1, height=2 if double else 1)
            self.double = double

    def row(self, row: str, style: Text) -> None:
        self.style(align="left", bold=style.bold, double=style.double)
        self.p._raw(row.rstrip().encode(ENCODING) + b"\n")

    def raster(self, rows: list[Image.Image], width: int) -> None:
        """GS v 0 raster image of the rows stacked, in slices the printer's buffer takes."""
        self.style(align="left")
        strip = Image.new("L", (width, sum(r.height for r in rows)), 255)
        y = 0
        for r in rows:
            strip.paste(r, (0, y))
            y += r.height
        bw = strip.point(lambda v: 0 if v < 128 else 255)
        for top in range(0, bw.height, RASTER_SLICE):
            image = EscposImage(bw.crop((0, top, width, min(bw.height, top + RASTER_SLICE))))
            header = b"\x1dv0\x00" + _le16(image.width_bytes) + _le16(image.height)
            self.p._raw(header + image.to_raster_format())


def _le16(n: int) -> bytes:
    return bytes((n & 0xFF, (n >> 8) & 0xFF))
