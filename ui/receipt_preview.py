"""A receipt preview (pos_terminal.app.receipts.Preview: grey pixels drawn on a worker) as a QImage.
A QImage is not a widget: safe on a worker; turn it into a QPixmap on the GUI thread."""

from __future__ import annotations

from PySide6.QtGui import QImage

from pos_terminal.app.receipts import Preview


def preview_image(preview: Preview) -> QImage:
    qimage = QImage(preview.pixels, preview.width, preview.height, preview.width, QImage.Format.Format_Grayscale8)
    return qimage.copy()  # owns its pixels once `preview.pixels` is gone
