"""A ReceiptDocument as a Pillow image: the preview shown in the UI, and the raster rows that
receipts.escpos_render sends to printers without a Chinese font.

One printer dot is one pixel: 384 px wide for 58 mm paper, 576 px for 80 mm. Text sits on the
printer's column grid (12 x 24 px per column, wide characters two columns), so the preview
wraps and aligns exactly as the paper does. Pure functions; safe on any thread.
"""

from __future__ import annotations

import functools
import os
import threading

import numpy as np
import zxingcpp
from PIL import Image, ImageDraw, ImageFont

from receipts.document import (
    COLUMN_DOTS,
    LINE_DOTS,
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
    char_width,
    display_width,
    layout_step,
)

FONT_PATHS = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
)
FONT_ENV = "POS_TERMINAL_RECEIPT_FONT"  # a TTF/TTC with CJK glyphs, where the default is missing
BARCODE_HEIGHT = 64  # dots, as escpos_render asks the printer for
BARCODE_MODULE = 2
WHITE, BLACK = 255, 0
_FONT_LOCK = threading.Lock()


class FontMissing(RuntimeError):
    pass


@functools.lru_cache(maxsize=8)
def font(size: int) -> ImageFont.FreeTypeFont:
    candidates = [os.environ[FONT_ENV]] if os.environ.get(FONT_ENV) else []
    candidates += list(FONT_PATHS)
    for path in candidates:
        if os.path.exists(path):
            return ImageFont.truetype(path, size, index=0)
    raise FontMissing(
        f"no CJK font for receipt images: tried {', '.join(candidates)}; install fonts-wqy-microhei "
        f"or set {FONT_ENV} to a TTF/TTC file with Chinese glyphs"
    )


@functools.lru_cache(maxsize=4096)
def _glyph(ch: str, scale: int, bold: bool) -> Image.Image:
    """One character on its cell (12 or 24 px wide, 24 px high, times `scale`), as an L image.
    Glyphs wider than the cell (m, W, @ in a 12 px column) are narrowed, as printer fonts are."""
    cell_w, cell_h = COLUMN_DOTS * char_width(ch) * scale, LINE_DOTS * scale
    img = Image.new("L", (cell_w, cell_h), WHITE)
    if not ch.strip():
        return img
    with _FONT_LOCK:  # one FreeType face is shared; Pillow does not promise it is thread-safe
        return _draw_glyph(img, ch, scale, bold)


def _draw_glyph(img: Image.Image, ch: str, scale: int, bold: bool) -> Image.Image:
    cell_w, cell_h = img.size
    size = 22 * scale
    f = font(size)
    canvas = Image.new("L", (size * 2, cell_h), WHITE)
    draw = ImageDraw.Draw(canvas)
    top = (cell_h - size) // 2 + scale
    draw.text((size // 2, top), ch, font=f, fill=BLACK)
    if bold:
        draw.text((size // 2 + scale, top), ch, font=f, fill=BLACK)
    left, _, right, _ = draw.textbbox((size // 2, top), ch, font=f)
    right += scale if bold else 0
    glyph = canvas.crop((max(0, left), 0, min(canvas.width, right), cell_h))
    room = cell_w - scale
    if glyph.width > room:
        glyph = glyph.resize((room, cell_h), Image.LANCZOS)
    img.paste(glyph, ((cell_w - glyph.width) // 2, 0))
    return img


def render_row(row: str, width_px: int, *, bold: bool = False, double: bool = False) -> Image.Image:
    """One printed row of text on the column grid, left-aligned on a white strip `width_px` wide."""
    scale = 2 if double else 1
    img = Image.new("L", (width_px, LINE_DOTS * scale), WHITE)
    x = 0
    for ch in row:
        w = char_width(ch)
        if w == 0:
            continue
        if ch != " ":
            img.paste(_glyph(ch, scale, bold), (x, 0))
        x += COLUMN_DOTS * w * scale
        if x >= width_px:
            break
    return img


def code_image(step: Barcode | QRCode) -> Image.Image:
    if isinstance(step, QRCode):
        code = zxingcpp.create_barcode(step.data, zxingcpp.BarcodeFormat.QRCode)
        return Image.fromarray(np.asarray(code.to_image(scale=step.size, add_quiet_zones=True)))
    code = zxingcpp.create_barcode(step.data, zxingcpp.BarcodeFormat.Code128)
    bars = np.asarray(code.to_image(scale=BARCODE_MODULE, add_quiet_zones=True))
    return Image.fromarray(np.repeat(bars[:1, :], BARCODE_HEIGHT, axis=0))


GRID_GAP = 8  # dots between a row of codes and the next one


def code_grid_image(step: CodeGrid, width_px: int) -> Image.Image:
    """The codes side by side, as many in a row as fit `width_px` (each symbol keeps its quiet
    zone, so neighbours never touch), each with its label centred under it."""
    symbols = [code_image(QRCode(code, step.size)) for code in step.codes]
    if not symbols:
        return Image.new("L", (width_px, 1), WHITE)
    label_px = [display_width(label) * COLUMN_DOTS for label in step.labels]
    cell = max(max(s.width for s in symbols), max(label_px))
    if cell > width_px:
        raise ValueError(f"a code or label {cell} dots wide does not fit paper {width_px} dots wide")
    per_row = max(1, width_px // cell)
    slot = width_px // per_row
    symbol_h = max(s.height for s in symbols)
    row_h = symbol_h + LINE_DOTS + GRID_GAP
    rows = -(-len(symbols) // per_row)
    out = Image.new("L", (width_px, rows * row_h), WHITE)
    for i, (symbol, label, wide) in enumerate(zip(symbols, step.labels, label_px)):
        r, c = divmod(i, per_row)
        x, y = c * slot, r * row_h
        out.paste(symbol.convert("L"), (x + (slot - symbol.width) // 2, y))
        if label:
            out.paste(render_row(label, wide), (x + (slot - wide) // 2, y + symbol_h))
    return out


def _centered(piece: Image.Image, width_px: int, margin: int = 6) -> Image.Image:
    strip = Image.new("L", (width_px, piece.height + 2 * margin), WHITE)
    strip.paste(piece.convert("L"), (max(0, (width_px - piece.width) // 2), margin))
    return strip


def render_image(doc: ReceiptDocument) -> Image.Image:
    """The whole receipt as one mode "L" image, `doc.dots` pixels wide."""
    width = doc.dots
    parts: list[Image.Image] = []
    for step in doc.steps:
        if isinstance(step, (Text, Columns, Rule, CopyBanner)):
            for row, style in layout_step(step, doc.columns):
                parts.append(render_row(row, width, bold=style.bold, double=style.double))
        elif isinstance(step, (Barcode, QRCode)):
            parts.append(_centered(code_image(step), width))
        elif isinstance(step, CodeGrid):
            parts.append(code_grid_image(step, width))
        elif isinstance(step, Feed):
            parts.append(Image.new("L", (width, LINE_DOTS * step.lines), WHITE))
        elif isinstance(step, Cut):
            cut = Image.new("L", (width, LINE_DOTS), WHITE)
            ImageDraw.Draw(cut).line([(0, LINE_DOTS // 2), (width, LINE_DOTS // 2)], fill=160, width=1)
            parts.append(cut)
    height = sum(p.height for p in parts) or LINE_DOTS
    out = Image.new("L", (width, height), WHITE)
    y = 0
    for p in parts:
        out.paste(p, (0, y))
        y += p.height
    return out
