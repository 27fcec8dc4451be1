"""The X/Z report as an A4 PDF (fpdf2): the header, four key figures, the day's sales by hour as
bars stacked by tender, the tender split, and every figure of the receipt report as tables (the
rows come from receipts.report_document, so paper and PDF agree).

Chinese needs a CJK TrueType font, embedded as a subset: the receipt images' font
(receipts.image_render.FONT_PATHS, fonts-wqy-microhei; POS_TERMINAL_RECEIPT_FONT overrides), else
another common CJK font; none found raises FontMissing naming the package to install. The chart is
drawn with the PDF's own rectangles, lines and text. Pure: safe on any thread; blocks for a few
hundred milliseconds (parsing the font), so call it off the GUI thread."""

from __future__ import annotations

import os
from collections import defaultdict
from pathlib import Path
from typing import BinaryIO

from fpdf import FPDF
from fpdf.enums import TextMode, XPos, YPos

from pos_terminal.money import exponent
from pos_terminal.atomic import write_atomic
from receipts.image_render import FONT_ENV, FONT_PATHS, FontMissing
from receipts.report_document import (
    TENDER_ORDER,
    kind_label,
    labels,
    local_time,
    money_text,
    report_header,
    report_notes,
    report_sections,
    report_title,
)

# TTF/TTC files with Chinese glyphs that fpdf2 can embed, after the receipt font (Debian paths).
FALLBACK_FONTS = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansSC-Regular.ttf",
)
FONT = "cjk"

_PDF_LABELS = {
    "zh_CN": {"chart": "分时销售 (按支付方式, {cur})", "split": "支付方式占比", "no_sales": "当日无销售",
              "hour": "时", "page": "第 {n}/{nb} 页", "report": "日报表"},
    "en": {"chart": "Sales by hour and tender ({cur})", "split": "Tender split", "no_sales": "No sales this day",
           "hour": "h", "page": "page {n}/{nb}", "report": "day report"},
}

# Tender colours (RGB): cash green, prepaid orange, bank card blue, anything else grey.
COLOURS = {"cash": (46, 139, 87), "prepaid_card": (230, 145, 56), "bank_card": (52, 101, 164)}
OTHER_COLOUR = (150, 150, 150)
INK, GRID, SHADE = (30, 30, 30), (205, 205, 205), (238, 241, 245)

MARGIN = 15.0  # mm
ROW_H = 5.6  # table row height, mm


def find_font() -> str:
    """The CJK font file the PDF embeds."""
    candidates = [os.environ[FONT_ENV]] if os.environ.get(FONT_ENV) else []
    candidates += [*FONT_PATHS, *FALLBACK_FONTS]
    for path in candidates:
        if os.path.exists(path):
            return path
    raise FontMissing(
        f"no CJK font for the PDF report: tried {', '.join(candidates)}; install the Debian package "
        f"fonts-wqy-microhei (scripts/apt-packages.txt) or set {FONT_ENV} to a TTF/TTC file with Chinese glyphs"
    )


def _colour(kind: str) -> tuple[int, int, int]:
    return COLOURS.get(kind, OTHER_COLOUR)


def _kinds(report) -> list[str]:
    seen = {h.kind for h in report.by_hour} | {t.kind for t in report.sales_by_tender}
    return [k for k in TENDER_ORDER if k in seen] + sorted(seen - set(TENDER_ORDER))


def _nice_step(top: float, ticks: int = 5) -> int:
    """A step of 1, 2 or 5 times a power of ten, in major units, giving at most `ticks` ticks."""
    step = 1
    while True:
        for m in (1, 2, 5):
            if top / (m * step) <= ticks:
                return m * step
        step *= 10


class _ReportPDF(FPDF):
    def __init__(self, report, language: str) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.report, self.language = report, language
        self.t = {**labels(language), **_PDF_LABELS[language]}
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=MARGIN + 2)
        self.add_font(FONT, "", find_font(), collection_font_number=0)
        title = f"{report.store_name or report.store_id} {report_title(report, language)} {report.business_date}"
        self.set_title(title)
        self.set_creator("pos-terminal")
        self.set_creation_date(report.generated_at)

    @property
    def content_w(self) -> float:
        return self.w - 2 * MARGIN

    def footer(self) -> None:
        r = self.report
        self.set_y(-MARGIN + 3)
        self.set_font(FONT, size=7.5)
        self.set_text_color(110, 110, 110)
        left = f"{r.store_name or r.store_id} · {r.terminal_id} · {report_title(r, self.language)} · {r.business_date}"
        self.cell(self.content_w / 2, 4, left)
        self.cell(self.content_w / 2, 4, self.t["page"].format(n=self.page_no(), nb="{nb}"), align="R")
        self.set_text_color(*INK)

    def bold_cell(self, *args, **kwargs) -> None:
        # WenQuanYi has no bold face: stroke the glyph outlines to embolden them.
        with self.local_context(text_mode=TextMode.FILL_STROKE, line_width=0.12, draw_color=self.text_color):
            self.cell(*args, **kwargs)

    # ------------------------------------------------------------------------- blocks

    def heading(self) -> None:
        r = self.report
        title = report_title(r, self.language)
        self.set_font(FONT, size=14)
        title_w = self.get_string_width(title) + 2 * self.c_margin + 1
        name, name_w = r.store_name or r.store_id, self.content_w - title_w - 4
        size = 18.0
        self.set_font(FONT, size=size)
        while size > 11 and self.get_string_width(name) + 2 * self.c_margin > name_w:
            size -= 1
            self.set_font(FONT, size=size)
        top = self.get_y()
        with self.local_context(text_mode=TextMode.FILL_STROKE, line_width=0.12, draw_color=self.text_color):
            self.multi_cell(name_w, 10 if size >= 15 else 7, name, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        below = self.get_y()
        self.set_xy(MARGIN + self.content_w - title_w, top)
        self.set_font(FONT, size=14)
        self.bold_cell(title_w, 10, title, align="R")
        self.set_xy(MARGIN, max(below, top + 10))
        self.set_font(FONT, size=9)
        pairs = report_header(r, self.language)
        col_w = self.content_w / len(pairs)
        for label, _ in pairs:
            self.set_text_color(110, 110, 110)
            self.cell(col_w, 4.5, label)
        self.ln(4.5)
        self.set_text_color(*INK)
        for _, value in pairs:
            self.cell(col_w, 5, value)
        self.ln(7)

    def key_figures(self) -> None:
        r, t, cur = self.report, self.t, self.report.currency
        boxes = [
            (f"{t['sales_total']} ({r.sales_count})", money_text(r.sales_minor, cur)),
            (f"{t['refunds_total']} ({r.refunds_count})", money_text(r.refunds_minor, cur)),
            (t["expected"], money_text(r.expected_cash_minor, cur)),
            (t["over_short"], "-" if r.over_short_minor is None else money_text(r.over_short_minor, cur, signed=True)),
        ]
        gap = 3.0
        w = (self.content_w - gap * (len(boxes) - 1)) / len(boxes)
        y = self.get_y()
        for i, (label, value) in enumerate(boxes):
            x = MARGIN + i * (w + gap)
            self.set_fill_color(*SHADE)
            self.rect(x, y, w, 16, style="F")
            self.set_xy(x + 2, y + 1.5)
            self.set_font(FONT, size=8.5)
            self.set_text_color(90, 90, 90)
            self.cell(w - 4, 5, f"{label} {cur}")
            self.set_xy(x + 2, y + 7)
            self.set_font(FONT, size=14)
            self.set_text_color(*INK)
            self.bold_cell(w - 4, 7, value, align="R")
        self.set_xy(MARGIN, y + 16 + 6)

    def hour_chart(self) -> None:
        r, t = self.report, self.t
        self.set_font(FONT, size=11)
        self.bold_cell(0, 6, t["chart"].format(cur=r.currency), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        kinds = _kinds(r)
        stacks: dict[int, dict[str, int]] = defaultdict(dict)
        for h in r.by_hour:
            stacks[h.hour][h.kind] = stacks[h.hour].get(h.kind, 0) + h.amount_minor
        top_minor = max((sum(v.values()) for v in stacks.values()), default=0)
        unit = 10 ** exponent(r.currency)  # minor units per major unit: ticks are whole major units
        step_major = _nice_step(max(top_minor / unit, 1))
        ticks = max(1, -(-top_minor // (step_major * unit)))  # ceiling
        scale_top = ticks * step_major * unit

        axis_w, plot_h = 18.0, 55.0
        x0, y0 = MARGIN + axis_w, self.get_y() + 3
        plot_w = self.content_w - axis_w
        base = y0 + plot_h
        self.set_font(FONT, size=7)
        self.set_draw_color(*GRID)
        self.set_line_width(0.2)
        for i in range(ticks + 1):
            y = base - plot_h * i / ticks
            self.line(x0, y, x0 + plot_w, y)
            if top_minor or i == 0:
                self.set_xy(MARGIN, y - 2)
                self.cell(axis_w - 2, 4, f"{i * step_major:,}", align="R")
        slot = plot_w / 24
        for hour in range(24):
            x = x0 + hour * slot
            y = base
            for kind in kinds:
                amount = stacks.get(hour, {}).get(kind, 0)
                if amount <= 0:
                    continue
                h = plot_h * amount / scale_top
                self.set_fill_color(*_colour(kind))
                self.rect(x + slot * 0.15, y - h, slot * 0.7, h, style="F")
                y -= h
            self.set_xy(x, base + 0.8)
            self.cell(slot, 3.5, f"{hour}", align="C")
        self.set_draw_color(*INK)
        self.line(x0, base, x0 + plot_w, base)
        self.line(x0, y0, x0, base)
        if top_minor == 0:
            self.set_font(FONT, size=11)
            self.set_text_color(120, 120, 120)
            self.set_xy(x0, y0 + plot_h / 2 - 3)
            self.cell(plot_w, 6, t["no_sales"], align="C")
            self.set_text_color(*INK)
        self.set_xy(x0, base + 5)
        self._legend(kinds)
        self.ln(5)

    def _legend(self, kinds: list[str]) -> None:
        self.set_font(FONT, size=8)
        for kind in kinds:
            x, y = self.get_x(), self.get_y()
            self.set_fill_color(*_colour(kind))
            self.rect(x, y + 0.8, 3, 3, style="F")
            self.set_x(x + 4)
            name = kind_label(kind, self.language)
            self.cell(self.get_string_width(name) + 6, 4.5, name)
        self.ln(4.5)

    def tender_split(self) -> None:
        r, t, cur = self.report, self.t, self.report.currency
        self.set_font(FONT, size=11)
        self.bold_cell(0, 6, t["split"], new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        parts = [(k, r.tender(k)) for k in _kinds(r)]
        whole = sum(p.amount_minor for _, p in parts if p.amount_minor > 0)
        y, x = self.get_y() + 1, MARGIN
        if whole == 0:
            self.set_fill_color(*GRID)
            self.rect(x, y, self.content_w, 7, style="F")
        for kind, part in parts:
            if whole == 0 or part.amount_minor <= 0:
                continue
            w = self.content_w * part.amount_minor / whole
            self.set_fill_color(*_colour(kind))
            self.rect(x, y, w, 7, style="F")
            x += w
        self.set_xy(MARGIN, y + 9)
        col_w = self.content_w / max(1, len(parts))
        for i, (kind, part) in enumerate(parts):  # per tender: swatch, name and share; amount (count)
            x = MARGIN + i * col_w
            share = f"{100 * part.amount_minor / whole:.1f}%" if whole else "-"
            self.set_fill_color(*_colour(kind))
            self.rect(x, y + 9.8, 3, 3, style="F")
            self.set_xy(x + 4, y + 9)
            self.set_font(FONT, size=8.5)
            self.cell(col_w - 4, 4.5, f"{kind_label(kind, self.language)}  {share}")
            self.set_xy(x + 4, y + 13.5)
            self.set_font(FONT, size=8)
            self.set_text_color(90, 90, 90)
            self.cell(col_w - 4, 4.5, f"{money_text(part.amount_minor, cur)} {cur} ({part.count})")
            self.set_text_color(*INK)
        self.set_xy(MARGIN, y + (21 if parts else 10))

    def _row_lines(self, row, w: float) -> list[str]:
        """A value too wide for its cell goes under its label, wrapped to the column."""
        return self.multi_cell(w, ROW_H, row.value, dry_run=True, output="LINES")

    def _layout(self, section, col_w: float) -> list[tuple[object, list[str] | None]]:
        self.set_font(FONT, size=9.5)
        value_w = col_w * (0.34 if section.counted else 0.5)
        out = []
        for row in section.rows:
            long = (not section.counted and row.value
                    and self.get_string_width(row.value) > value_w - 2 * self.c_margin)
            out.append((row, self._row_lines(row, col_w) if long else None))
        return out

    def section_height(self, section, col_w: float) -> float:
        rows = self._layout(section, col_w)
        return ROW_H + 0.6 + sum(ROW_H * (1 + len(lines or ())) for _, lines in rows) + 4

    def section(self, section, x: float, y: float, col_w: float) -> float:
        """Draws one table at (x, y), `col_w` wide; returns the y below it."""
        t = self.t
        count_w = col_w * 0.16 if section.counted else 0.0
        value_w = col_w * 0.34 if section.counted else col_w * 0.5
        label_w = col_w - count_w - value_w
        self.set_xy(x, y)
        self.set_fill_color(*SHADE)
        self.set_font(FONT, size=10)
        head_h = ROW_H + 0.6
        if section.counted:
            self.bold_cell(label_w, head_h, section.title, fill=True)
            self.set_font(FONT, size=8)
            self.cell(count_w, head_h, t["count"], align="R", fill=True)
            self.cell(value_w, head_h, t["amount"], align="R", fill=True)
        else:
            self.bold_cell(col_w, head_h, section.title, fill=True)
        y += head_h
        self.set_draw_color(*GRID)
        self.set_line_width(0.2)
        for row, lines in self._layout(section, col_w):
            cell = self.bold_cell if row.bold else self.cell
            self.set_xy(x, y)
            if lines is not None:  # the label on a row of its own, the value wrapped under it
                cell(col_w, ROW_H, row.label)
                for i, line in enumerate(lines):
                    y += ROW_H
                    self.set_xy(x, y)
                    cell(col_w, ROW_H, line, border="B" if i == len(lines) - 1 else 0)
            elif section.counted:
                cell(label_w, ROW_H, row.label, border="B")
                cell(count_w, ROW_H, row.count, border="B", align="R")
                cell(value_w, ROW_H, row.value, border="B", align="R")
            else:
                cell(label_w, ROW_H, row.label, border="B")
                cell(value_w, ROW_H, row.value, border="B", align="R")
            y += ROW_H
        return y + 4

    def tables(self, sections) -> None:
        """The sections in two columns, each table in the shorter column, none split by a page."""
        gap = 7.0
        col_w = (self.content_w - gap) / 2
        bottom = self.h - MARGIN - 4
        self.set_auto_page_break(False)
        tops = [self.get_y(), self.get_y()]
        for section in sections:
            h = self.section_height(section, col_w)
            order = sorted((0, 1), key=lambda i: tops[i])
            col = next((i for i in order if tops[i] + h <= bottom), None)
            if col is None:
                self.add_page()
                tops = [self.get_y(), self.get_y()]
                col = 0
            tops[col] = self.section(section, MARGIN + col * (col_w + gap), tops[col], col_w)
        self.set_xy(MARGIN, max(tops))
        self.set_auto_page_break(True, margin=MARGIN + 2)

    def notes(self) -> None:
        notes = report_notes(self.report, self.language)
        if not notes:
            return
        self.set_font(FONT, size=10.5)
        self.bold_cell(0, ROW_H + 0.6, self.t["notes"], new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(FONT, size=9.5)
        for note in notes:
            self.multi_cell(0, ROW_H, f"• {note}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def report_pdf_bytes(report, *, language: str = "zh_CN") -> bytes:
    """The report (a report_model.DayReport) as the bytes of an A4 PDF."""
    pdf = _ReportPDF(report, language)
    pdf.add_page()
    pdf.set_text_color(*INK)
    pdf.heading()
    pdf.key_figures()
    pdf.hour_chart()
    pdf.tender_split()
    pdf.tables(report_sections(report, language))
    pdf.notes()
    if report.kind == "Z":
        pdf.ln(6)
        pdf.set_font(FONT, size=9.5)
        pdf.cell(0, ROW_H, f"{pdf.t['signature']}: ______________________     "
                           f"{local_time(report.generated_at, report.timezone)}")
    return bytes(pdf.output())


def render_report_pdf(report, path_or_file: str | os.PathLike | BinaryIO, *, language: str = "zh_CN") -> int:
    """Writes the report as an A4 PDF to a path (replaced whole) or a binary file object;
    returns the number of bytes written."""
    data = report_pdf_bytes(report, language=language)
    if hasattr(path_or_file, "write"):
        path_or_file.write(data)
    else:
        write_atomic(Path(path_or_file), data)
    return len(data)
