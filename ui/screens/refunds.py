"""Refund intake: scan (or key in) a returned unit's item code, see the purchase, add more units of
the same order, choose a reason, take photos (webcam with a live preview, or image files), submit,
follow the platform's answer live, and pay out once approved.

Every platform, device and database call runs in run_in_background; a poll timer (while the page
is shown) refreshes the status and the store's open requests, so a seller's later decision shows
up without anyone pressing anything. Camera frames reach the preview through the Bridge.

The payout is in refund_payout (RefundPayout), the texts of reasons, states, routes and refusals
in refund_texts (RefundTexts), the photo thumbnails in refund_photos.
"""

from __future__ import annotations

import logging
import threading

import shiboken6

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_terminal.domain.model import PayoutRoute, RefundStatus
from pos_terminal.money import format_money
from pos_terminal.services import refunds
from ui.online_return_banner import OnlineReturnActions, OnlineReturnBanner
from ui.screens.refund_payout import RefundPayout
from ui.screens.refund_photos import PhotoStrip, ShownPhoto, images_of
from ui.screens.refund_texts import RefundTexts
from ui.screens.base import Page
from ui.tasks import run_in_background
from ui.texts import fill
from ui.widgets import MessageLabel

log = logging.getLogger(__name__)

POLL_MS = 3000
PREVIEW_WIDTH = 300
PREVIEW_HEIGHT = 128


class RefundsPage(OnlineReturnActions, RefundPayout, RefundTexts, Page):
    key = "refunds"

    def __init__(self, app=None, bridge=None, user=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app, self._bridge, self._user = app, bridge, user
        self.items: list[refunds.ItemInfo] = []
        self.photos: list[refunds.PhotoData] = []
        self.shown_photos: list[ShownPhoto] = []
        self.case: refunds.CaseView | None = None
        self.open_rows: list[refunds.CaseView] = []
        self.camera = None
        self.camera_ok = False
        self._busy = False
        self._polling = False
        self._poll_again = False
        self._case_turn = 0  # moves on whenever an action starts or answers; an older poll's case is stale
        self.store_rows: list[dict] = []

        self.code_edit = QLineEdit(self)
        self.code_edit.returnPressed.connect(self.look_up_typed)
        self.look_up_button = QPushButton(self)
        self.look_up_button.clicked.connect(self.look_up_typed)
        self.item_list = QListWidget(self)
        self.item_list.setMinimumHeight(52)
        self.item_list.setMaximumHeight(84)
        self.purchase_label = QLabel(self)
        self.purchase_label.setWordWrap(True)
        self.purchase_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.reason_box = QComboBox(self)
        self.reason_note = QLineEdit(self)
        self.reason_note.setMaxLength(200)
        self.preview = QLabel(self)
        self.preview.setFixedSize(PREVIEW_WIDTH, PREVIEW_HEIGHT)
        self.preview.setScaledContents(False)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setObjectName("Card")
        self.capture_button = QPushButton(self)
        self.capture_button.clicked.connect(self.capture)
        self.retake_button = QPushButton(self)
        self.retake_button.clicked.connect(self.retake)
        self.files_button = QPushButton(self)
        self.files_button.clicked.connect(self.add_files)
        self.photos_label = QLabel(self)
        self.photo_strip = PhotoStrip(self.remove_photo, self)
        self.camera_label = QLabel(self)
        self.camera_label.setWordWrap(True)
        self.submit_button = QPushButton(self)
        self.submit_button.setObjectName("Primary")
        self.submit_button.clicked.connect(self.submit)
        self.clear_button = QPushButton(self)
        self.clear_button.clicked.connect(self.clear)
        self.status_box = QFrame(self)
        self.status_box.setObjectName("Card")
        self.status_label = QLabel(self.status_box)
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.card_edit = QLineEdit(self)
        self.card_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.card_edit.returnPressed.connect(self.pay_out)  # Enter pays out, as the button does
        self.ack_button = QPushButton(self)
        self.ack_button.clicked.connect(self.acknowledge)
        self.pay_button = QPushButton(self)
        self.pay_button.setObjectName("Primary")
        self.pay_button.clicked.connect(self.pay_out)
        self.override_button = QPushButton(self)
        self.override_button.clicked.connect(self.override)
        self.reprint_button = QPushButton(self)
        self.reprint_button.clicked.connect(self.ask_reprint)
        self.open_list = QListWidget(self)
        self.open_list.currentRowChanged.connect(self._pick_open)
        self.open_list.setWordWrap(True)
        self.open_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.open_list.setAlternatingRowColors(True)  # two-line rows: where one request ends is seen
        self.open_list.setSpacing(2)
        self.open_list.setMinimumHeight(96)
        self.open_label = QLabel(self)
        self.message = MessageLabel(self)
        self.online_banner = OnlineReturnBanner(self.take_in_online, self.reason_texts, self.route_text, self)

        # Left: the code, then either the intake (purchase, units, reason, submit) or the shown
        # case (its status, the seller's note, the payout). Right: the camera and the photos
        # while a return is taken in, else the open and recent requests.
        # Everything fits 1024x768 and a window about 700 high (a desktop's title bar and panel).
        left = QVBoxLayout()
        left.setSpacing(8)
        row = QHBoxLayout()
        row.addWidget(self.code_edit, 1)
        row.addWidget(self.look_up_button)
        left.addLayout(row)
        left.addWidget(self.online_banner)
        left.addWidget(self.purchase_label)
        left.addWidget(self.item_list)
        reason_row = QHBoxLayout()
        self._reason_label = QLabel(self)
        reason_row.addWidget(self._reason_label)
        reason_row.addWidget(self.reason_box, 1)
        reason_row.addWidget(self.reason_note, 1)
        left.addLayout(reason_row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.submit_button)
        buttons.addWidget(self.clear_button)
        left.addLayout(buttons)
        status = QVBoxLayout(self.status_box)
        status.setContentsMargins(12, 8, 12, 8)
        status.addWidget(self.status_label)
        left.addWidget(self.status_box)
        pay = QHBoxLayout()
        pay.addWidget(self.card_edit, 1)
        pay.addWidget(self.pay_button)
        pay.addWidget(self.override_button)
        pay.addWidget(self.reprint_button)
        pay.addWidget(self.ack_button)
        left.addLayout(pay)
        left.addStretch(1)

        self.photo_box = QWidget(self)
        shots = QVBoxLayout(self.photo_box)
        shots.setContentsMargins(0, 0, 0, 0)
        shots.setSpacing(6)
        shots.addWidget(self.preview)
        cam = QHBoxLayout()
        cam.addWidget(self.capture_button)
        cam.addWidget(self.retake_button)
        shots.addLayout(cam)
        shots.addWidget(self.files_button)
        shots.addWidget(self.photos_label)
        shots.addWidget(self.photo_strip)
        shots.addWidget(self.camera_label)
        shots.addStretch(1)
        self.list_box = QWidget(self)
        listed = QVBoxLayout(self.list_box)
        listed.setContentsMargins(0, 0, 0, 0)
        listed.setSpacing(6)
        listed.addWidget(self.open_label)
        listed.addWidget(self.open_list, 1)
        right = QVBoxLayout()
        right.addWidget(self.photo_box, 1)
        right.addWidget(self.list_box, 1)
        right_box = QWidget(self)
        right_box.setLayout(right)
        right_box.setFixedWidth(PREVIEW_WIDTH)
        right.setContentsMargins(0, 0, 0, 0)

        body = QHBoxLayout()
        body.setSpacing(12)
        body.addLayout(left, 1)
        body.addWidget(right_box)
        self.content.setSpacing(8)
        self.content.addLayout(body, 1)
        self.content.addWidget(self.message)

        self.poll_timer = QTimer(self)
        self.poll_timer.setInterval(POLL_MS)
        self.poll_timer.timeout.connect(self.poll)
        if bridge is not None:
            bridge.scan.connect(self._scanned)
            bridge.photo_frame.connect(self._frame)
        self.retranslate_ui()
        self._update()

    # -- texts -------------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Refunds")

    def lead(self) -> str:
        return self.tr("Take back a faulty item: scan the item's own code and photograph the defect.")

    def retranslate_content(self) -> None:
        self.code_edit.setPlaceholderText(self.tr("Scan or type the item code"))
        self.look_up_button.setText(self.tr("Look up"))
        self._reason_label.setText(self.tr("Reason"))
        current = self.reason_box.currentData()
        self.reason_box.clear()
        for code, text in self.reason_texts().items():
            self.reason_box.addItem(text, code)
        if current:
            self.reason_box.setCurrentIndex(max(0, self.reason_box.findData(current)))
        self.reason_note.setPlaceholderText(self.tr("Details"))
        self.capture_button.setText(self.tr("Take photo"))
        self.retake_button.setText(self.tr("Retake"))
        self.files_button.setText(self.tr("Add image files…"))
        self.submit_button.setText(self.tr("Submit refund"))
        self.clear_button.setText(self.tr("New return"))
        self.card_edit.setPlaceholderText(self.tr("Prepaid card (swipe)"))
        self.pay_button.setText(self.tr("Pay out"))
        self.override_button.setText(self.tr("Manager override"))
        self.reprint_button.setText(self.tr("Reprint receipt"))
        self.ack_button.setText(self.tr("Unit given back"))
        self.ack_button.setToolTip(self.tr("The unit went back to the buyer: take this request off the list."))
        self.open_label.setText(self.tr("Open and recent refunds"))
        self.online_banner.retranslate()
        self._update()

    # -- page life ---------------------------------------------------------------------------
    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.poll_timer.start()
        self.poll()
        self._open_camera()

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self.poll_timer.stop()
        self._close_camera()

    def _open_camera(self) -> None:
        if self._app is None or self.camera is not None:
            return
        camera = self._app.refunds.photo_camera()
        self.camera = camera
        bridge = self._bridge

        page = self

        def listener(frame, *_rest):
            if not shiboken6.isValid(page):  # the page went without a hide: free the camera
                camera.remove_frame_listener(listener)
                threading.Thread(target=camera.close, name="photo-camera-close", daemon=True).start()
                return
            if bridge is not None and frame is not None:
                h, w = frame.shape[:2]
                image = QImage(frame.data, w, h, frame.strides[0], QImage.Format.Format_BGR888)
                bridge.post_photo_frame(image.scaled(PREVIEW_WIDTH, PREVIEW_HEIGHT,  # scaling copies the buffer
                                                     Qt.AspectRatioMode.KeepAspectRatio))

        camera.add_frame_listener(listener)
        run_in_background(camera.open, self._camera_opened, lambda exc: self._camera_opened(None), context=self)

    def _camera_opened(self, status) -> None:
        self.camera_ok = bool(status is not None and status.usable)
        self._update()

    def _close_camera(self) -> None:
        camera, self.camera = self.camera, None
        self.camera_ok = False
        if camera is not None:
            run_in_background(camera.close, context=None)

    def stop(self) -> None:
        self.poll_timer.stop()
        self._close_camera()

    def _frame(self, frame) -> None:
        if self.isVisible():
            self.preview.setPixmap(QPixmap.fromImage(frame))

    # -- look-up -------------------------------------------------------------------------------
    def _scanned(self, event) -> None:
        if self.isVisible() and QApplication.activeModalWidget() is not None:
            # a box is open (the reprint reason, an approval): the scan is neither typed into it nor
            # looks anything up beneath it
            self.message.show_message(self.tr("The scan was not used: finish the open window first, then scan "
                                              "again."), "error")
            return
        if self.isVisible():
            if self.case is not None and self.case.status is RefundStatus.APPROVED \
                    and self.case.payout_route is PayoutRoute.PREPAID_CARD:
                self.card_edit.setText(event.text)
                return
            self.look_up(event.text)

    def look_up_typed(self) -> None:
        self.look_up(self.code_edit.text())

    def look_up(self, text: str) -> None:
        if self._busy or self._app is None:
            return
        if self.case is not None:
            self.clear()
        self._set_busy(True)
        facade = self._app.refunds
        run_in_background(lambda: facade.look_up(text), self._found, self._failed, context=self)

    def _found(self, info: refunds.ItemInfo) -> None:
        self._set_busy(False)
        self.code_edit.clear()
        if self.online_banner.offer(info, self._app.store.timezone):  # filed on the buyer's phone
            self.message.clear_message()
            self._update()
            return
        if self.items and info.order_no != self.items[0].order_no:
            self.message.show_message(self.refusal_text(refunds.RefundRefused("several_orders", "")))
            return
        if all(i.item_code != info.item_code for i in self.items):
            self.items.append(info)
        self.message.clear_message()
        self._update()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        reason = getattr(exc, "reason", None)
        if reason == "card_number":
            self.code_edit.clear()  # a bank card number is not left on the screen either
        if reason in ("wrong_card", "prepaid_card_needed", "prepaid_refused"):
            self.card_edit.clear()  # the next swipe or keyed number is not appended to the refused one
        self.message.show_message(self.refusal_text(exc))
        self._update()

    # -- photos ------------------------------------------------------------------------------
    def capture(self) -> None:
        camera = self.camera
        if camera is None or not self.camera_ok:
            self.message.show_message(self.tr("No camera: add image files instead."))
            return
        take = self._app.refunds.photo_from_camera
        run_in_background(lambda: images_of(take(camera)), self._photo_taken, self._failed, context=self)

    def retake(self) -> None:
        if self.photos:
            self.remove_photo(self.photos[-1].sha256)
        self.capture()

    def remove_photo(self, sha256: str) -> None:
        """Takes a wrong photo off the refund before it is sent."""
        if self.case is not None:
            return
        self.shown_photos = [s for s in self.shown_photos if s.photo.sha256 != sha256]
        self.photos = [p for p in self.photos if p.sha256 != sha256]
        self._update()

    def add_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Photos of the defect"), "",
                                                self.tr("Images (*.jpg *.jpeg *.png *.webp *.bmp)"))
        self.add_file_paths(paths)

    def add_file_paths(self, paths) -> None:
        read = self._app.refunds.photo_from_file
        for path in paths:
            run_in_background(lambda p=path: images_of(read(p)), self._photo_taken, self._failed, context=self)

    def _photo_taken(self, shown: ShownPhoto) -> None:
        if self.case is None and all(p.sha256 != shown.photo.sha256 for p in self.photos):
            self.photos.append(shown.photo)
            self.shown_photos.append(shown)
        self._update()

    # -- submit and status --------------------------------------------------------------------
    def reason(self) -> str:
        code = self.reason_box.currentData() or "defective"
        note = self.reason_note.text().strip()
        return f"{code}: {note}" if note else code

    def submit(self) -> None:
        if self._busy or not self.items or self.case is not None:
            return
        facade, items, photos, reason, user = self._app.refunds, list(self.items), list(self.photos), self.reason(), \
            self._user
        self._set_busy(True)
        run_in_background(lambda: facade.take_in(items, reason, photos, user), self._submitted, self._failed, context=self)

    def _submitted(self, view: refunds.CaseView) -> None:
        self._set_busy(False)
        self.case = view
        self.message.clear_message()
        self.poll()
        self._update()

    def poll(self) -> None:
        """Refreshes the shown case and the open requests (this terminal's cases, and the store's
        requests waiting for a seller at other terminals) on a worker; one poll at a time."""
        if self._app is None:
            return
        if self._polling:  # one at a time; a poll asked for meanwhile runs once this one is back
            self._poll_again = True
            return
        self._polling, self._poll_again = True, False
        facade, case_id, turn = self._app.refunds, self.case.case_id if self.case is not None else None, \
            self._case_turn

        def work():
            return turn, facade.overview(case_id)

        def failed(exc):
            self._polling = False
            log.info("refund poll failed: %s", exc)

        run_in_background(work, self._polled, failed, context=self)

    def _polled(self, result) -> None:
        self._polling = False
        if self._poll_again and self.isVisible():  # what it answered may be older than what was asked
            QTimer.singleShot(0, self.poll)
        turn, (current, rows, store) = result
        # an action in flight, or one that answered since this poll began, knows the case better:
        # a poll read before a payout committed must not show the paid case as unpaid again
        fresh = turn == self._case_turn and not self._busy
        if fresh and current is not None and self.case is not None and current.case_id == self.case.case_id:
            self.case = current
        self.open_rows, self.store_rows = rows, store
        self.open_list.blockSignals(True)
        self.open_list.clear()
        for row in rows:
            self.open_list.addItem(self.row_text(row))
        for r in store:
            where = (r.get("payout") or {}).get("terminal_id") or ""
            self.open_list.addItem(f"{r.get('order_no')}  {format_money(int(r.get('amount_minor') or 0), r.get('currency') or 'CNY')}\n"
                                   + fill(self.tr("Waiting for the seller (terminal %1)"), where))
        self.open_list.blockSignals(False)
        self._update()

    def _pick_open(self, row: int) -> None:
        if 0 <= row < len(self.open_rows) and not self._busy:
            self.items, self.photos, self.shown_photos = [], [], []
            self.case = self.open_rows[row]
            self._update()

    def acknowledge(self) -> None:
        """The shown rejected (or refused) request is put away: the unit went back to the buyer."""
        case = self.case
        if self._busy or case is None or case.status not in (RefundStatus.REJECTED, RefundStatus.REFUSED) \
                or case.acknowledged:
            return
        facade, user = self._app.refunds, self._user
        self._set_busy(True)
        run_in_background(lambda: facade.acknowledge(case.case_id, user), self._acknowledged, self._failed,
                          context=self)

    def _acknowledged(self, view: refunds.CaseView) -> None:
        self._set_busy(False)
        self.clear()
        self.message.show_message(fill(self.tr("Request for order %1 put away."), view.order_no), "info")
        self.poll()

    def clear(self) -> None:
        self.items, self.photos, self.shown_photos, self.case = [], [], [], None
        self.online_banner.withdraw()
        self.reason_note.clear()
        self.card_edit.clear()
        self.message.clear_message()
        self._update()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._case_turn += 1
        self._update()

    def _update(self) -> None:
        items = self.items
        self.item_list.clear()
        for info in items:
            self.item_list.addItem(f"{info.name}  {format_money(info.unit_price_minor, info.currency)}  {info.item_code}")
        if items:
            first = items[0]
            lines = [fill(self.tr("Order %1 from %2, paid: %3"), first.order_no, first.merchant_name,
                          self.route_text(refunds.payout_route(first)))]
            if first.buyer_name is not None:
                lines.append(fill(self.tr("Buyer %1, reputation %2 (at once from %3)"), first.buyer_name,
                                  str(first.reputation), str(first.threshold)))
            if first.offline:
                lines.append(self.tr("The platform does not answer: the refund is stored and sent when it is back."))
            if first.photo_required:
                lines.append(self.tr("This merchant needs a photo of the defect."))
            self.purchase_label.setText("\n".join(lines))
        else:
            self.purchase_label.setText(self.tr("Scan the item code of the returned unit."))
        self.photos_label.setText(fill(self.tr("Photos: %1"), str(len(self.photos))))
        if len(self.photo_strip.shown) != len(self.shown_photos) \
                or any(a is not b for a, b in zip(self.photo_strip.shown, self.shown_photos)):
            self.photo_strip.set_photos(self.shown_photos)
        if self.camera is None or not self.camera_ok:
            self.camera_label.setText(self.tr("No camera: image files still work."))
        else:
            self.camera_label.setText("")
        case = self.case
        if case is not None:
            text = fill(self.tr("Order %1, %2: %3"), case.order_no, format_money(case.amount_minor, case.currency),
                        self.status_text(case.status))
            if case.status is RefundStatus.APPROVED and case.payout_route is PayoutRoute.SPLIT:
                text += "\n" + fill(self.tr("Pay out: %1"), self.legs_text(case))
            elif case.status is RefundStatus.APPROVED:
                text += "\n" + fill(self.tr("Pay out: %1"), self.route_text(case.payout_route))
            if case.status is RefundStatus.DRAFT and case.last_error:
                text += "\n" + self.tr("The platform does not answer; it is sent automatically when it is back.")
            if case.status is RefundStatus.REFUSED and case.last_error:
                text += "\n" + self.platform_refusal_text(case.last_error)
            if case.status is RefundStatus.REJECTED:
                text += "\n" + self.note_text(case)
            if case.status in (RefundStatus.REJECTED, RefundStatus.REFUSED) and not case.acknowledged:
                text += "\n" + self.tr("Give the unit back to the buyer, then press \u201cUnit given back\u201d.")
            self.status_label.setText(text)
        else:
            self.status_label.setText("")
        self.status_box.setVisible(case is not None)
        approved = case is not None and case.status is RefundStatus.APPROVED and not case.paid_out
        waiting = case is not None and case.status in (RefundStatus.DRAFT, RefundStatus.REQUESTED) \
            and not case.paid_out and case.legs is not None and all(leg.route == "cash" for leg in case.legs) \
            and not (case.status is RefundStatus.DRAFT and case.platform_id)  # an online hand-in not yet sent
        self.submit_button.setEnabled(bool(items) and case is None and not self._busy)
        self.pay_button.setEnabled(approved and not self._busy)
        self.card_edit.setVisible(approved and case.legs is not None
                                  and any(leg.route == "prepaid_card" and not leg.done for leg in case.legs))
        open_case = (RefundStatus.APPROVED, RefundStatus.REQUESTED, RefundStatus.DRAFT)
        self.pay_button.setVisible(case is not None and not case.paid_out and case.status in open_case)
        self.reprint_button.setVisible(case is not None and case.paid_out)
        self.reprint_button.setEnabled(not self._busy)
        self.override_button.setVisible(waiting)
        self.ack_button.setVisible(case is not None and case.status in (RefundStatus.REJECTED, RefundStatus.REFUSED)
                                   and not case.acknowledged)
        self.ack_button.setEnabled(not self._busy)
        # the intake (purchase, units, reason, photos) while no case is shown; an online return has
        # no reason and no photo
        intake = case is None and (bool(items) or not self.online_banner.isVisibleTo(self))
        self.online_banner.set_busy(self._busy)
        for widget in (self.purchase_label, self.item_list, self._reason_label, self.reason_box, self.reason_note,
                       self.submit_button):
            widget.setVisible(intake)
        # the camera and the photos while a return is taken in, the open and recent requests
        # otherwise: both at once do not fit a 1024x768 screen with a title bar and a panel
        photos = case is None and bool(items)
        self.photo_box.setVisible(photos)
        self.list_box.setVisible(not photos)
        self.photo_strip.setVisible(bool(self.shown_photos))
        self.camera_label.setVisible(bool(self.camera_label.text()))
        self.files_button.setEnabled(intake)
        self.capture_button.setEnabled(self.camera_ok and intake)
        self.retake_button.setEnabled(self.camera_ok and bool(self.photos) and intake)
