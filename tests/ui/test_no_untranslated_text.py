"""Every text a user sees in the Chinese window comes from the translation catalogue: a tour of the
demo (sign-in, status bar, checkout from the shift to a paid sale, refunds, shift, reports,
reconciliation, devices with scans in the live log, settings, and the dialogs that need no
hardware) finds no English word that is not a code, a number, a unit, a path or a technical name
(tests/ui/untranslated.py says which). The same check as a script, for iterating:

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.ui.untranslated
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QVBoxLayout, QWidget

from config.schema import Language
from tests.ui import untranslated
from tests.ui.conftest import settle, sign_in
from ui.texts import fill, symbology_name


@pytest.mark.parametrize("text", [
    "金额 ¥1,234.50 订单 PO000000001005 商品码 IC0000000010010001",
    "扫码枪：串口 COM1、/dev/ttyUSB0 或 C:\\POS\\scanner.log；码制 QR、EAN-13、Code 128、GS1 DataBar",
    "USB 接口的 ESC/POS 打印机，纸宽 80 mm；PIN 错误；导出 PDF；Z 报表",
    "平台 https://platform.example/api/v1 有应答；运行 `pos-terminal sandbox` 并设置 `[platform] base_url`",
    "Esc 取消订单 · F9 重打小票 · 店长 王芳 Wang Fang",
    "<b>已保存</b>&nbsp;到 settings.toml",
])
def test_codes_numbers_units_paths_and_names_are_not_untranslated_words(text):
    assert untranslated.english_words(text, names={"Wang", "Fang"}) == []


@pytest.mark.parametrize("text, words", [
    ("原因 defective", ["defective"]),
    ("本收银台的扫码设备：就绪 — scans are read from the keyboard", ["scans", "are", "read", "from", "the", "keyboard"]),
    ("码制 unknown", ["unknown"]),
    ("码制 qr", ["qr"]),
    ("已保存到 /tmp/pos/settings.toml. Press Apply to use it now", ["Press", "Apply", "to", "use", "it", "now"]),
    ("终端 card_terminal", ["card_terminal"]),
])
def test_english_words_and_raw_codes_are_found(text, words):
    assert untranslated.english_words(text) == words


def test_the_walk_reads_labels_buttons_items_placeholders_tooltips_and_headers(qtbot):
    from PySide6.QtWidgets import QLineEdit, QPushButton, QTableWidget, QTableWidgetItem

    root = QWidget()
    qtbot.addWidget(root)
    box = QVBoxLayout(root)
    box.addWidget(QLabel("已就绪", root))
    button = QPushButton("确定", root)
    button.setToolTip("opens the drawer")
    box.addWidget(button)
    combo = QComboBox(root)
    combo.addItems(["回车键 (Enter)", "custom"])
    box.addWidget(combo)
    edit = QLineEdit(root)
    edit.setPlaceholderText("Scan or type the order number")
    box.addWidget(edit)
    table = QTableWidget(1, 1, root)
    table.setHorizontalHeaderLabels(["Symbology"])
    table.setItem(0, 0, QTableWidgetItem("qr"))
    box.addWidget(table)
    hidden = QLabel("not shown now", root)
    box.addWidget(hidden)
    hidden.hide()
    root.show()
    found = {(seen.where.rsplit(" ", 1)[-1], tuple(words)) for seen, words in untranslated.offenders(root)}
    assert found == {("tooltip", ("opens", "the", "drawer")), ("1", ("custom",)),
                     ("placeholder", ("Scan", "or", "type", "the", "order", "number")),
                     ("0", ("Symbology",)), ("0,0", ("qr",))}


def test_the_chinese_window_shows_no_untranslated_text(qtbot, window, terminal, languages):
    languages.apply(Language.ZH_CN)
    QApplication.processEvents()
    tour = untranslated.run_tour(window, terminal)
    assert [(name, f"{type(exc).__name__}: {exc}") for name, exc in tour.failed] == []
    assert len(set(tour.seen_states)) >= 20  # the tour went through the pages, tabs and dialogs
    assert tour.found == [], "English in the Chinese window:\n" + untranslated.report(tour.found)


def test_symbology_ids_are_shown_by_their_names():
    assert [symbology_name(s) for s in ("qr", "ean13", "code128", "datamatrix")] == \
        ["QR", "EAN-13", "Code 128", "Data Matrix"]
    assert symbology_name("unknown") == QCoreApplication.translate("Texts", "unknown")


def test_a_devices_message_follows_a_language_change(qtbot, window, terminal, languages):
    """"Saved to … Press Apply" stayed in the language it was shown in; and once the form is in
    use at the counter it no longer asks to press Apply."""
    sign_in(qtbot, window, "9001", "9753")
    window.workspace.show_page("devices")
    page = window.workspace.pages["devices"]
    settle(qtbot)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    path = str(terminal.settings_file)
    assert page.message.text() == f"Saved to {path}. The scanner at the counter uses it."

    languages.apply(Language.ZH_CN)
    QApplication.processEvents()  # the LanguageChange events
    expected = fill(QCoreApplication.translate("DevicesPage", "Saved to %1. The scanner at the counter uses it."), path)
    assert page.message.text() == expected
    assert untranslated.english_words(page.message.text()) == []

    page.kind_combo.setCurrentIndex(page.kind_combo.findData("wedge"))
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    asked = fill(QCoreApplication.translate("DevicesPage", "Saved to %1. Press Apply and test to use it now."), path)
    assert page.message.text() == asked
