from __future__ import annotations

import json

from PySide6.QtCore import QLocale

from config.schema import Language
from pos_terminal.app.facades import App
from ui.i18n import effective_language, initial_choice, load_preference, save_preference
from ui.main_window import MainWindow
from tests.ui.conftest import settle, sign_in


def _choose(page, choice: Language) -> None:
    combo = page.language_combo
    index = combo.findData(choice.value)
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def test_switching_language_retranslates_at_once_and_persists(qtbot, window, terminal):
    window.start()
    sign_in(qtbot, window, "8001", "8642")
    ws = window.workspace
    ws.show_page("settings")
    page = ws.pages["settings"]
    prefs = terminal.paths.preferences
    assert not prefs.exists()

    _choose(page, Language.ZH_CN)
    settle(qtbot)
    assert ws.header.sign_out_button.text() == "退出登录"
    assert ws.nav.buttons["checkout"].text() == "收银"
    assert ws.nav.buttons["shift"].text() == "交班与报表"
    assert page._title.text() == "设置"
    assert ws.header.role_label.text() == "店长 · 工号 8001"
    assert window.status.items["scanner"].text() == "扫码枪：就绪"
    assert window.status.items["platform"].text() == "各平台均离线"  # the demo's two platforms
    assert window.sign_in_page.sign_in_button.text() == "登录"  # hidden pages too
    assert page.language_combo.currentData() == "zh_CN"
    assert json.loads(prefs.read_text(encoding="utf-8")) == {"language": "zh_CN"}

    _choose(page, Language.EN)
    settle(qtbot)
    assert ws.header.sign_out_button.text() == "Sign out"
    assert ws.nav.buttons["shift"].text() == "Shift && reports"
    assert window.status.items["scanner"].text() == "Scanner: ready"
    assert page.language_combo.itemText(0) == "Automatic (system language)"
    assert json.loads(prefs.read_text(encoding="utf-8")) == {"language": "en"}
    assert not prefs.with_name(prefs.name + ".tmp").exists()


def test_the_preferences_file_wins_over_the_settings(tmp_path, qtbot, qapp, terminal, languages):
    prefs = tmp_path / "preferences.json"
    assert initial_choice(prefs, Language.EN) is Language.EN
    save_preference(prefs, Language.ZH_CN)
    assert load_preference(prefs) is Language.ZH_CN
    assert initial_choice(prefs, Language.EN) is Language.ZH_CN
    languages.apply(initial_choice(prefs, Language.EN))
    win = MainWindow(App.of(terminal), languages)
    qtbot.addWidget(win)
    assert win.sign_in_page.sign_in_button.text() == "登录"
    assert win.sign_in_page._user_label.text() == "工号"


def test_a_broken_preferences_file_is_ignored(tmp_path):
    prefs = tmp_path / "preferences.json"
    prefs.write_text("{not json", encoding="utf-8")
    assert initial_choice(prefs, Language.ZH_CN) is Language.ZH_CN
    prefs.write_text('{"language": "fr"}', encoding="utf-8")
    assert load_preference(prefs) is None


def test_automatic_follows_the_system_locale():
    assert effective_language(Language.AUTO, QLocale("zh_CN")) == "zh_CN"
    assert effective_language(Language.AUTO, QLocale("zh_TW")) == "zh_CN"
    assert effective_language(Language.AUTO, QLocale("de_DE")) == "en"
    assert effective_language(Language.EN, QLocale("zh_CN")) == "en"
    assert effective_language(Language.ZH_CN, QLocale("en_US")) == "zh_CN"
