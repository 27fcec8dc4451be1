"""Fit (issue 15): the window fits a 1024x768 screen with its title bar and a taskbar, and a
1366x768 one; the status bar stays on screen; at 1024 wide no report row and no usual item name
is cut; the approval dialog shows its refusal whole; the window opens maximised or full screen."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QStyle, QWidget

from config.schema import Language, UISettings
from pos_terminal.ports import DeviceState, DeviceStatus, PlatformStatus
from pos_terminal.vouchers import KeyRing, PublicKey
from sync.sandbox.signing import mint_voucher, new_private_key
from tests.ui.conftest import settle, sign_in
from tests.ui.test_checkout import scan

SCREEN = QSize(1024, 768)
TITLE_BAR = 30  # a window manager's title bar (and frame)
TASKBAR = 40
NAME_30 = "Organic Oolong Tea Gift Box 2x"  # a 30-character item name
assert len(NAME_30) == 30


def effective_minimum(window) -> QSize:
    """What the window can be shrunk to: its explicit minimum or what its layout needs."""
    return window.minimumSize().expandedTo(window.minimumSizeHint())


def fit_window(qtbot, window, width: int, height: int) -> None:
    window.resize(width, height)
    for _ in range(3):
        QApplication.processEvents()
    qtbot.waitUntil(lambda: window.size() == QSize(width, height), timeout=2000)


def inside_window(widget: QWidget, window) -> QRect:
    return QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())


@pytest.mark.parametrize("language", [Language.EN, Language.ZH_CN])
def test_the_window_with_every_page_fits_1024x768_with_a_title_bar_and_a_taskbar(qtbot, window, languages, language):
    languages.apply(language)
    try:
        sign_in(qtbot, window, "8001", "8642")  # a manager: every page
        ws = window.workspace
        for key in ws.page_keys():
            ws.show_page(key)
            settle(qtbot)
            QApplication.processEvents()
            need = effective_minimum(window)
            assert need.width() + 8 <= SCREEN.width(), (key, need)
            assert need.height() + TITLE_BAR + TASKBAR <= SCREEN.height(), (key, need)
    finally:
        languages.apply(Language.EN)


@pytest.mark.parametrize("size", [QSize(1024, 768 - TITLE_BAR), QSize(1024, 768 - TITLE_BAR - TASKBAR),
                                  QSize(1366, 768 - TITLE_BAR - TASKBAR)])
def test_the_status_bar_is_whole_inside_the_window_even_when_every_device_needs_attention(qtbot, window, size):
    sign_in(qtbot, window, "8001", "8642")
    fit_window(qtbot, window, size.width(), size.height())
    bar = window.status
    # the longest states there are, for every device
    for kind in ("scanner", "printer", "drawer", "card_terminal"):
        bar.show_device_status(DeviceStatus(kind, DeviceState.WARNING, "", "paper low"))
    # the longest platform state: one of the demo's two platforms offline, by name
    bar.show_platform_status(PlatformStatus(True, "http://127.0.0.1:8700 answers"))
    bar.show_platform_status(PlatformStatus(False, "timed out"), "tea-house")
    assert bar.items["platform"].text() == "Tea House 茶馆 offline"
    for _ in range(3):
        QApplication.processEvents()
    screen = QRect(0, 0, size.width(), size.height())
    assert window.size() == size
    for key, item in bar.items.items():
        assert item.isVisible(), key
        place = inside_window(item, window)
        assert screen.contains(place), (key, place, size)
        assert item.visibleRegion().boundingRect().size() == item.size(), key  # not clipped by its parent
        label = item._text
        assert label.width() >= label.sizeHint().width(), (key, label.text(), label.width())  # not squeezed
    assert "needs attention" in bar.items["drawer"].text()


def test_the_window_opens_maximised_or_full_screen_by_the_setting(qtbot, qapp, app, languages):
    from ui.app import show_window, window_mode
    from ui.main_window import MainWindow

    assert window_mode(UISettings()) == "maximized"
    assert window_mode(UISettings(window="fullscreen")) == "fullscreen"
    assert window_mode(UISettings(fullscreen=True)) == "fullscreen"  # the older spelling
    assert window_mode(UISettings(window="normal")) == "normal"
    for mode, check in (("maximized", "isMaximized"), ("fullscreen", "isFullScreen")):
        win = MainWindow(app, languages)
        qtbot.addWidget(win)
        show_window(win, mode)
        qtbot.waitUntil(lambda: getattr(win, check)(), timeout=2000)
        win.stop()
        win.close()


def test_the_status_bar_takes_one_line_when_it_fits(qtbot, window):
    fit_window(qtbot, window, 1366, 768 - TITLE_BAR - TASKBAR)
    for kind in ("scanner", "printer", "drawer"):
        window.status.show_device_status(DeviceStatus(kind, DeviceState.READY))
    window.status.show_device_status(DeviceStatus("card_terminal", DeviceState.NOT_CONFIGURED))
    QApplication.processEvents()
    assert not window.status.two_lines()
    assert window.status.height() < 40


def label_lines_fit(table, row: int) -> bool:
    """The row's first cell shows its whole text: on one line, or wrapped within the row."""
    item = table.item(row, 0)
    metrics = QFontMetrics(item.font())
    margin = table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1
    room = table.columnWidth(0) - 2 * margin
    if metrics.horizontalAdvance(item.text()) <= room:
        return metrics.height() <= table.rowHeight(row)
    if not table.wordWrap():
        return False  # elided: "Settlements not…"
    flags = int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignLeft)
    wrapped = metrics.boundingRect(QRect(0, 0, room, 10_000), flags, item.text())
    return wrapped.width() <= room and wrapped.height() <= table.rowHeight(row)


def test_no_report_row_is_cut_at_1024_wide(qtbot, window, app):
    """In English, whose labels are the longest ("Settlements not sent yet")."""
    sign_in(qtbot, window, "8001", "8642")
    fit_window(qtbot, window, 1024, 768)
    app.shifts.open_shift(window.user, 20000)  # a shift row: "08:30–open  8001"
    ws = window.workspace
    ws.show_page("shift")
    page = ws.pages["shift"]
    page.tabs.setCurrentWidget(page.reports)
    settle(qtbot)
    tab = page.reports
    tab.show_x()
    settle(qtbot)
    QApplication.processEvents()
    table = tab.table
    assert tab.report is not None and table.rowCount() > 10
    labels = [table.item(r, 0).text() for r in range(table.rowCount())]
    assert "Settlements not sent yet" in labels
    for row in range(table.rowCount()):
        if table.columnSpan(row, 0) > 1:
            continue  # a section title spans the whole row
        assert label_lines_fit(table, row), (labels[row], table.columnWidth(0), table.rowHeight(row))


def test_a_30_character_item_name_is_shown_whole_at_1024_wide(qtbot, window, terminal):
    private, public = new_private_key()
    KeyRing([PublicKey("KFIT", public)]).save(terminal.keys.cache)
    terminal.keys._ring = None
    sign_in(qtbot, window, "1001", "1357")
    fit_window(qtbot, window, 1024, 768)
    ws = window.workspace
    ws.show_page("checkout")
    page = ws.pages["checkout"]
    settle(qtbot)
    page.float_edit.setText("200")
    page.open_shift()
    settle(qtbot)
    now = terminal.clock.now()
    scan(window, mint_voucher(private, "KFIT", voucher_id="v-fit", order_no="PO000000009101", merchant_id="m-tea",
                              merchant_name="好物商城", amount_minor=12345, currency="CNY", summary=NAME_30,
                              issued_at=now - timedelta(minutes=1), expires_at=now + timedelta(hours=1)))
    settle(qtbot)
    QApplication.processEvents()
    assert page.state == "order"
    view = page.lines_view
    assert view.model().index(0, 0).data() == NAME_30
    metrics = view.fontMetrics()
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    room = view.columnWidth(0) - 2 * margin
    need = metrics.horizontalAdvance(NAME_30)
    if need > room:  # two lines: the row is two lines high and the name wraps into them
        assert view.wordWrap()
        flags = int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignLeft)
        wrapped = metrics.boundingRect(QRect(0, 0, room, 10_000), flags, NAME_30)
        assert wrapped.width() <= room and wrapped.height() <= view.rowHeight(0), (room, view.rowHeight(0))
    # the figures keep their columns whole
    for col in (1, 2, 3):
        text = str(view.model().index(0, col).data())
        assert metrics.horizontalAdvance(text) <= view.columnWidth(col) - 2 * margin, (col, text)
    # and at the height left by a title bar and a taskbar, the table is still on screen
    fit_window(qtbot, window, 1024, 768 - TITLE_BAR - TASKBAR)
    assert QRect(0, 0, 1024, 768 - TITLE_BAR - TASKBAR).contains(inside_window(view, window))


def test_the_approval_dialog_shows_a_refusal_whole(qtbot, window, app):
    from ui.dialogs.manager_approval import ManagerApprovalDialog

    dialog = ManagerApprovalDialog(app, "Void the sale of order PO000000001005 (¥33.80) and give the cash back.",
                                   window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.user_edit, "8001")
    qtbot.keyClick(dialog.user_edit, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.pin_edit, "1111")  # wrong
    qtbot.keyClick(dialog.pin_edit, Qt.Key.Key_Return)
    settle(qtbot)
    QApplication.processEvents()
    message = dialog.message
    assert message.isVisible() and "attempt" in message.text()
    assert message.height() >= message.heightForWidth(message.width()), (message.height(),
                                                                         message.heightForWidth(message.width()))
    assert dialog.rect().contains(QRect(message.mapTo(dialog, message.rect().topLeft()), message.size()))
    dialog.reject()
