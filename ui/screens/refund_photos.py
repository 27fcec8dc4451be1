"""The refund screen's photos of the defect as thumbnails: each photo taken or added shows as a
small picture; a click (or Enter on the selected one) opens it larger, with a button to remove a
wrong one before the refund is sent; Delete removes the selected one at once.

The JPEG bytes are decoded and scaled on a worker (`images_of`, called where the photo is made):
the GUI thread only turns the prepared QImages into pixmaps.

Texts use the translation contexts "PhotoStrip" and "PhotoDialog" (the classes, as self.tr does).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QImage, QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_terminal.services import refunds
from ui.texts import fill

THUMB = QSize(64, 48)
LARGE = QSize(640, 480)


@dataclass(frozen=True)
class ShownPhoto:
    """A photo with its pictures for the screen (made on a worker by `images_of`)."""

    photo: refunds.PhotoData
    thumb: QImage
    large: QImage


def images_of(photo: refunds.PhotoData) -> ShownPhoto:
    """The photo's thumbnail and larger picture. Blocking (decodes the JPEG): call it on a worker."""
    image = QImage.fromData(photo.data)
    if image.isNull():
        return ShownPhoto(photo, QImage(), QImage())
    keep, smooth = Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
    return ShownPhoto(photo, image.scaled(THUMB, keep, smooth), image.scaled(LARGE, keep, smooth))


class PhotoStrip(QListWidget):
    """The thumbnails in a row. `on_remove(sha256)` is called when the cashier removes one."""

    def __init__(self, on_remove: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._on_remove = on_remove
        self.shown: list[ShownPhoto] = []
        self.dialog: PhotoDialog | None = None
        self.setObjectName("PhotoStrip")
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(False)
        self.setMovement(QListView.Movement.Static)
        self.setIconSize(THUMB)
        self.setSpacing(3)
        self.setUniformItemSizes(True)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setFixedHeight(THUMB.height() + 26)
        self.itemClicked.connect(self._open_item)
        self.itemActivated.connect(self._open_item)  # Enter on the selected one

    def set_photos(self, shown: list[ShownPhoto]) -> None:
        self.shown = list(shown)
        self.clear()
        for i, item in enumerate(self.shown, 1):
            entry = QListWidgetItem(QIcon(QPixmap.fromImage(item.thumb)), "")
            entry.setData(Qt.ItemDataRole.UserRole, item.photo.sha256)
            entry.setToolTip(fill(self.tr("Photo %1: click to see it larger or remove it"), str(i)))
            entry.setSizeHint(QSize(THUMB.width() + 8, THUMB.height() + 8))
            self.addItem(entry)
        if self.dialog is not None and all(s.photo.sha256 != self.dialog.sha256 for s in self.shown):
            self.dialog.reject()

    def open_photo(self, index: int) -> None:
        """The photo `index` larger, in a dialog with Remove and Close (not modal for the app: the
        GUI keeps running)."""
        if not 0 <= index < len(self.shown):
            return
        if self.dialog is not None:
            self.dialog.reject()
        shown = self.shown[index]
        self.dialog = PhotoDialog(shown, index + 1, len(self.shown), self.window())
        self.dialog.removed.connect(self._on_remove)
        self.dialog.finished.connect(self._dialog_closed)
        self.dialog.open()

    def _dialog_closed(self, _result: int) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.deleteLater()

    def _open_item(self, item: QListWidgetItem) -> None:
        self.open_photo(self.row(item))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.currentItem() is not None:
            self._on_remove(str(self.currentItem().data(Qt.ItemDataRole.UserRole)))
            return
        super().keyPressEvent(event)


class PhotoDialog(QDialog):
    """One photo larger; "Remove this photo" takes it off the refund (it was never sent)."""

    removed = Signal(str)

    def __init__(self, shown: ShownPhoto, number: int, count: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sha256 = shown.photo.sha256
        self.setWindowTitle(fill(self.tr("Photo %1 of %2"), str(number), str(count)))
        self.picture = QLabel(self)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setMinimumSize(320, 240)
        if shown.large.isNull():
            self.picture.setText(self.tr("This photo cannot be shown."))
        else:
            self.picture.setPixmap(QPixmap.fromImage(shown.large))
            self.picture.setMinimumSize(shown.large.size())  # the whole photo, not its middle
        self.remove_button = QPushButton(self.tr("Remove this photo"), self)
        self.remove_button.clicked.connect(self._remove)
        buttons = QDialogButtonBox(self)
        buttons.addButton(self.remove_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("Close"))
        close.setDefault(True)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.picture, 1)
        layout.addWidget(buttons)

    def _remove(self) -> None:
        self.removed.emit(self.sha256)
        self.accept()
