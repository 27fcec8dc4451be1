"""The printer test page a technician prints from the devices screen: what the printer is set to
(paper width, Chinese as the printer's GB18030 code page or as images, profile), a ruler of the
paper's columns (the last digit must sit at the right edge), Chinese and Latin text, a Code 128
barcode and a QR code, then a cut. Bilingual on purpose: it is read at the printer, by whoever
set it up."""

from __future__ import annotations

from datetime import datetime

from config.schema import PrinterSettings
from receipts.document import (
    Barcode,
    Columns,
    Cut,
    DocumentKind,
    Feed,
    QRCode,
    ReceiptDocument,
    Rule,
    Text,
    code128_fits,
)

CHINESE_SAMPLE = "中文测试：收据打印正常 ¥12.34"
LATIN_SAMPLE = "ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz 0123456789 .,:;!?#%&*()"
BARCODE_DATA = "TEST-0123456789"


def ruler(columns: int) -> str:
    """"1234567890123…" exactly `columns` characters long."""
    return "".join(str((i + 1) % 10) for i in range(columns))


def build_test_page(settings: PrinterSettings, *, store_name: str, terminal_id: str, printer_name: str,
                    at: datetime) -> ReceiptDocument:
    doc = ReceiptDocument(DocumentKind.REPORT, settings.paper_width_mm, title="printer test page")
    chinese = "GB18030 code page / 代码页" if settings.chinese == "gb18030" else "image / 图像"
    doc.add(
        Text("TEST PAGE 打印测试页", align="center", bold=True, double=True),
        Text(store_name, align="center"),
        Rule(),
        Columns("Terminal 终端", terminal_id),
        Columns("Printer 打印机", printer_name),
        Columns("Paper 纸宽", f"{settings.paper_width_mm} mm, {doc.columns} col"),
        Columns("Chinese 中文", chinese),
        Columns("Profile 型号", settings.profile),
        Columns("Time 时间", at.strftime("%Y-%m-%d %H:%M:%S %Z").strip()),
        Rule("="),
        Text(ruler(doc.columns)),
        Text(CHINESE_SAMPLE),
        Text(LATIN_SAMPLE),
        Text("Bold 粗体", bold=True),
        Rule(),
    )
    if code128_fits(BARCODE_DATA, settings.paper_width_mm):
        doc.add(Barcode(BARCODE_DATA))
    doc.add(QRCode(f"pos-terminal test page {terminal_id}"), Feed(2), Cut())
    return doc
