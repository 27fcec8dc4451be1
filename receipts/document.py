"""Device-neutral receipt documents: a list of layout steps plus metadata.

Widths are counted in printer columns of font A: an East Asian wide or fullwidth character
(unicodedata.east_asian_width "W" or "F") takes two columns, every other character one. 58 mm
paper holds 32 columns (384 dots), 80 mm paper 48 columns (576 dots); a column is 12 dots wide
and a line 24 dots high. Double-size text takes twice the columns. Both renderers
(receipts.escpos_render, receipts.image_render) lay text out with the helpers here, so the
paper and the preview wrap and align the same way.
"""

from __future__ import annotations

import enum
import unicodedata
from dataclasses import dataclass, field
from typing import Literal, Union

Align = Literal["left", "center", "right"]

COLUMNS = {58: 32, 80: 48}
DOTS = {58: 384, 80: 576}
COLUMN_DOTS = 12
LINE_DOTS = 24


class DocumentKind(str, enum.Enum):
    SALE = "sale"
    REFUND = "refund"
    REPORT = "report"
    VOID = "void"  # the slip of a checkout cancelled after money was taken


# ----------------------------------------------------------------------------- steps


@dataclass(frozen=True)
class Text:
    text: str
    align: Align = "left"
    bold: bool = False
    double: bool = False  # double width and double height


@dataclass(frozen=True)
class Columns:
    """"name ..... amount": the left part wraps, the right part sits flush right on the last row."""

    left: str
    right: str
    bold: bool = False
    double: bool = False


@dataclass(frozen=True)
class Rule:
    char: str = "-"


@dataclass(frozen=True)
class Barcode:
    """Code 128 (code set B), with the data printed under it by the renderer."""

    data: str


@dataclass(frozen=True)
class QRCode:
    data: str
    size: int = 6  # dots per module


@dataclass(frozen=True)
class CodeGrid:
    """Several QR codes side by side, as many as the paper holds in a row, each with its label
    printed under it (a unit number where the codes share a prefix printed once). Printed as one
    raster image: ESC/POS has no command that places two QR symbols on one row."""

    codes: tuple[str, ...]
    labels: tuple[str, ...]
    size: int = 4  # dots per module: 0.5 mm at 203 dpi, read by any 2D scanner

    def __post_init__(self) -> None:
        if len(self.codes) != len(self.labels):
            raise ValueError("a CodeGrid needs one label per code")


@dataclass(frozen=True)
class Feed:
    lines: int = 1


@dataclass(frozen=True)
class Cut:
    pass


@dataclass(frozen=True)
class CopyBanner:
    """Marks a reprint so nobody takes it for the original."""

    text: str = "COPY"


Step = Union[Text, Columns, Rule, Barcode, QRCode, CodeGrid, Feed, Cut, CopyBanner]


@dataclass
class ReceiptDocument:
    kind: DocumentKind
    paper_width_mm: Literal[58, 80] = 80
    steps: list[Step] = field(default_factory=list)
    title: str = ""  # "receipt 000123", for logs and the reprint queue
    copy: bool = False

    def __post_init__(self) -> None:
        self.kind = DocumentKind(self.kind)
        if self.paper_width_mm not in COLUMNS:
            raise ValueError(f"paper_width_mm must be 58 or 80, got {self.paper_width_mm!r}")

    @property
    def columns(self) -> int:
        return COLUMNS[self.paper_width_mm]

    @property
    def dots(self) -> int:
        return DOTS[self.paper_width_mm]

    def add(self, *steps: Step) -> ReceiptDocument:
        self.steps.extend(steps)
        return self

    def text_lines(self) -> list[str]:
        """The document as plain lines (codes as their text), for logs, tests and search."""
        out: list[str] = []
        for step in self.steps:
            if isinstance(step, (Text, Columns, Rule, CopyBanner)):
                out.extend(row.rstrip() for row, _ in layout_step(step, self.columns))
            elif isinstance(step, Barcode):
                out.append(f"[CODE128: {step.data}]")
            elif isinstance(step, QRCode):
                out.append(f"[QR: {step.data}]")
            elif isinstance(step, CodeGrid):
                out.extend(f"[QR: {code}] {label}" for code, label in zip(step.codes, step.labels))
            elif isinstance(step, Feed):
                out.extend([""] * step.lines)
        return out


# ----------------------------------------------------------------------------- text layout


def char_width(ch: str) -> int:
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def display_width(text: str) -> int:
    return sum(char_width(ch) for ch in text)


def wrap(text: str, width: int) -> list[str]:
    """Breaks text into rows of at most `width` columns, never splitting a wide character;
    breaks at a space where one is near, else mid-word (Chinese has no spaces)."""
    if width < 2:
        raise ValueError("a row needs at least two columns")
    rows: list[str] = []
    for paragraph in text.split("\n"):
        rest = paragraph
        while display_width(rest) > width:
            cut, used = 0, 0
            for i, ch in enumerate(rest):
                if used + char_width(ch) > width:
                    break
                used += char_width(ch)
                cut = i + 1
            space = rest.rfind(" ", 0, cut + 1)
            if space > cut // 2:
                rows.append(rest[:space].rstrip())
                rest = rest[space + 1 :]
            else:
                rows.append(rest[:cut])
                rest = rest[cut:]
        rows.append(rest)
    return rows


def pad(text: str, width: int, align: Align = "left") -> str:
    gap = max(0, width - display_width(text))
    if align == "right":
        return " " * gap + text
    if align == "center":
        return " " * (gap // 2) + text + " " * (gap - gap // 2)
    return text + " " * gap


def two_columns(left: str, right: str, width: int, min_gap: int = 1) -> list[str]:
    """Left text wrapped to the width; the right text flush right on the last row, or on a row
    of its own when it does not fit beside the left text."""
    right_w = display_width(right)
    if right_w + min_gap >= width:
        return wrap(left, width) + [pad(r, width, "right") for r in wrap(right, width)]
    rows = wrap(left, width) if left else [""]
    last = rows[-1]
    if display_width(last) + min_gap + right_w <= width:
        rows[-1] = last + " " * (width - display_width(last) - right_w) + right
    else:
        rows.append(pad(right, width, "right"))
    return rows


def layout_step(step: Step, columns: int) -> list[tuple[str, Text]]:
    """The rows a text-like step prints, each full width (padded) for its size, with the
    style to print it in. Double-size rows have half the columns."""
    if isinstance(step, Text):
        width = columns // 2 if step.double else columns
        return [(pad(r, width, step.align), step) for r in wrap(step.text, width)]
    if isinstance(step, Columns):
        width = columns // 2 if step.double else columns
        style = Text("", "left", step.bold, step.double)
        return [(r, style) for r in two_columns(step.left, step.right, width)]
    if isinstance(step, Rule):
        ch = step.char or "-"
        return [(ch * (columns // char_width(ch)), Text(""))]
    if isinstance(step, CopyBanner):
        width = columns // 2
        inner = f" {step.text} "
        stars = max(0, (width - display_width(inner)) // 2)
        return [(pad("*" * stars + inner + "*" * stars, width, "center"), Text("", "center", True, True))]
    raise TypeError(f"{type(step).__name__} is not a text step")


def code128_modules(data: str) -> int:
    """Module count of a Code 128 code set B symbol: start, data, check (11 each), stop (13)."""
    return (len(data) + 2) * 11 + 13


def code128_fits(data: str, paper_width_mm: int, module_dots: int = 2) -> bool:
    printable = all(32 <= ord(ch) < 127 for ch in data) and "{" not in data
    quiet = 20 * module_dots  # 10 modules each side
    return printable and bool(data) and code128_modules(data) * module_dots + quiet <= DOTS[paper_width_mm]
