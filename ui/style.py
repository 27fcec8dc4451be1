"""Fonts and the style sheet: large, calm, touch-friendly, scaled by `ui.font_scale`."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

# Latin first for crisp figures; CJK fallbacks so Chinese never renders as boxes.
FONT_FAMILIES = [
    "DejaVu Sans",
    "WenQuanYi Micro Hei",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Microsoft YaHei",
    "PingFang SC",
    "sans-serif",
]

BASE_PX = 17

COLORS = {
    "ok": "#2e7d32",
    "warn": "#ef8f00",
    "error": "#c62828",
    "idle": "#8a9199",
    "busy": "#1e6fb8",
}


def px(size: float, scale: float) -> int:
    return max(8, round(size * scale))


def apply_look(app: QApplication, font_scale: float = 1.0) -> None:
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPixelSize(px(BASE_PX, font_scale))
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    app.setFont(font)
    app.setStyleSheet(style_sheet(font_scale))


def style_sheet(s: float = 1.0) -> str:
    return f"""
QWidget {{ color: #1f2933; }}
QMainWindow, #SignInPage, #Workspace, #StackView {{ background: #f3f5f7; }}
#Header {{ background: #24323f; }}
#Header QLabel {{ color: #f3f5f7; }}
#StoreName {{ font-size: {px(20, s)}px; font-weight: bold; }}
#HeaderDetail {{ color: #b8c4cf; font-size: {px(14, s)}px; }}
#Clock {{ font-size: {px(20, s)}px; font-weight: bold; }}
#Header QPushButton {{ background: #3b4d5e; color: #ffffff; border: none; border-radius: 6px;
    padding: {px(4, s)}px {px(16, s)}px; min-height: {px(34, s)}px; }}
#Header QPushButton:pressed {{ background: #52687c; }}
#SideNav {{ background: #e4e8ec; }}
#SideNav QPushButton {{ text-align: left; border: none; border-left: 4px solid transparent; border-radius: 8px;
    background: transparent;
    padding: {px(10, s)}px {px(12, s)}px; min-height: {px(38, s)}px; font-size: {px(18, s)}px; }}
#SideNav QPushButton:checked {{ background: #ffffff; color: #1e6fb8; border-left: 4px solid #1e6fb8; }}
#PageTitle {{ font-size: {px(26, s)}px; font-weight: bold; }}
#PageLead {{ font-size: {px(18, s)}px; color: #52606d; }}
#Card {{ background: #ffffff; border: 1px solid #d5dbe1; border-radius: 10px; }}
#FieldLabel {{ color: #52606d; }}
#ReadOnlyValue {{ font-family: "DejaVu Sans Mono", "WenQuanYi Micro Hei Mono", monospace; }}
QLineEdit {{ background: #ffffff; border: 1px solid #b9c2cb; border-radius: 6px;
    padding: {px(8, s)}px {px(10, s)}px; min-height: {px(30, s)}px; font-size: {px(20, s)}px; }}
QLineEdit:focus {{ border: 2px solid #1e6fb8; }}
QComboBox {{ font-size: {px(19, s)}px; min-height: {px(40, s)}px; }}
QComboBox QAbstractItemView {{ font-size: {px(19, s)}px; }}
QSpinBox, QDoubleSpinBox {{ font-size: {px(19, s)}px; min-height: {px(34, s)}px; }}
QPushButton {{ background: #ffffff; border: 1px solid #b9c2cb; border-radius: 8px;
    padding: {px(8, s)}px {px(20, s)}px; min-height: {px(36, s)}px; }}
QPushButton:pressed {{ background: #dde3e8; }}
QPushButton:disabled {{ color: #9aa5b1; background: #eef1f4; }}
QPushButton#Primary {{ background: #1e6fb8; color: #ffffff; border: none; font-weight: bold; }}
QPushButton#Primary:pressed {{ background: #155a96; }}
QPushButton#Primary:disabled {{ background: #8fb3d6; color: #eef4fa; }}
QPushButton#KeypadKey {{ font-size: {px(24, s)}px; min-width: {px(64, s)}px; min-height: {px(52, s)}px; padding: 0; }}
#Message {{ font-size: {px(17, s)}px; padding: {px(8, s)}px; border-radius: 6px; }}
#Message[tone="error"] {{ background: #fdecea; color: #8e1c1c; }}
#Message[tone="info"] {{ background: #e8f1fa; color: #174a7a; }}
#DemoHint {{ background: #fff8e1; color: #5d4a00; border-radius: 6px; padding: {px(10, s)}px; }}
#StatusBar {{ background: #ffffff; border-top: 1px solid #d5dbe1; }}
#StatusBar QLabel {{ font-size: {px(15, s)}px; }}
#PageScroll, #PageScroll > QWidget > QWidget {{ background: transparent; }}
QDialog {{ background: #f3f5f7; }}
"""
