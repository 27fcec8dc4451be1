"""The Statement tab of the Settlement page: one day's statement with one platform, this terminal's
figures beside the platform's, the net, each difference with what to do, what stands in the way of
accepting it, the acceptance (number, when, who) and the route's buttons. It only shows: the page
(ui/screens/settlement.py) loads and acts, on workers."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_terminal.domain.model.statements import LINE_CODES, Statement, StatementLine
from ui.screens.settlement_texts import SettlementTexts, field, money
from ui.style import COLORS
from ui.texts import fill

BAD = QColor(COLORS["error"])
HARD_BLOCKERS = ("day_open",)  # services.statements: no note accepts a day whose figures can still change


def info_table(parent: QWidget, columns: int, name: str) -> QTableWidget:
    """A read-only table that is looked at, not walked (no focus, no selection)."""
    table = QTableWidget(0, columns, parent)
    table.setObjectName(name)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    table.verticalHeader().setDefaultSectionSize(26)
    table.setWordWrap(True)
    table.setStyleSheet("QTableWidget { background: #ffffff; }")
    return table


def set_cell(table: QTableWidget, row: int, col: int, text: str, *, bad: bool = False, bold: bool = False,
             right: bool = False, tip: str = "") -> None:
    item = QTableWidgetItem(text)
    item.setToolTip(tip or text)
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if bad:
        item.setForeground(QBrush(BAD))
    if bad or bold:
        font = QFont(table.font())
        font.setBold(True)
        item.setFont(font)
    table.setItem(row, col, item)


def flexible(table: QTableWidget, minimum: int = 84) -> None:
    """A table that takes the height left over (its own preferred height is not asked for, so the
    page fits 1024x768 and the table scrolls inside), at least `minimum` px."""
    table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
    table.setMinimumHeight(minimum)


def fit_height(table: QTableWidget, minimum_rows: int = 1) -> None:
    """A table as tall as its rows (at least `minimum_rows`), so the page does not scroll inside."""
    rows = table.rowCount()
    body = sum(table.rowHeight(i) for i in range(rows)) if rows >= minimum_rows else 26 * minimum_rows
    table.setFixedHeight(table.horizontalHeader().sizeHint().height() + body + 4)


def page_button(parent: QWidget, name: str, *, primary: bool = False) -> QPushButton:
    """A button Enter presses when it has the focus (autoDefault outside a dialog)."""
    button = QPushButton(parent)
    button.setObjectName("Primary" if primary else name)
    button.setProperty("action", name)
    button.setAutoDefault(True)
    return button


class StatementTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("StatementTab")
        self.texts = SettlementTexts(self)
        self.view: Any = None
        self.route = "direct"
        self.zone: Any = None  # the store's time zone (the page sets it): times are shown in it
        self.names: dict[str, str] = {}  # user id -> name, for "accepted by" (the page fills it)

        self.card = QFrame(self)
        self.card.setObjectName("Card")
        self.net_label = QLabel(self.card)
        self.net_label.setObjectName("statement_net")
        self.net_label.setWordWrap(True)
        self.route_label = QLabel(self.card)
        self.route_label.setObjectName("statement_route")
        self.platform_net_label = QLabel(self.card)
        self.platform_net_label.setObjectName("platform_net")
        self.platform_net_label.setWordWrap(True)
        self.state_label = QLabel(self.card)
        self.state_label.setObjectName("statement_state")
        self.state_label.setWordWrap(True)
        self.state_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.blockers_label = QLabel(self.card)
        self.blockers_label.setObjectName("statement_blockers")
        self.blockers_label.setWordWrap(True)
        self.files_label = QLabel(self.card)
        self.files_label.setObjectName("export_files")
        self.files_label.setWordWrap(True)
        self.files_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.files_label.hide()
        card = QGridLayout(self.card)
        card.setContentsMargins(12, 6, 12, 6)
        card.setHorizontalSpacing(12)
        card.setVerticalSpacing(2)
        card.addWidget(self.net_label, 0, 0)
        card.addWidget(self.route_label, 0, 1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        card.addWidget(self.platform_net_label, 1, 0, 1, 2)
        card.addWidget(self.state_label, 2, 0, 1, 2)
        card.addWidget(self.blockers_label, 3, 0, 1, 2)
        card.addWidget(self.files_label, 4, 0, 1, 2)
        card.setColumnStretch(0, 1)

        self.lines = info_table(self, 4, "statement_lines")
        self.lines.setWordWrap(False)
        self.lines.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.lines.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in (1, 2, 3):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        self.lines.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.differences_label = QLabel(self)
        self.differences_label.setObjectName("SectionLabel")
        self.differences_label.setWordWrap(True)
        self.differences = info_table(self, 5, "statement_differences")
        flexible(self.differences)
        dh = self.differences.horizontalHeader()
        for c in (0, 1, 2, 3):
            dh.setSectionResizeMode(c, QHeaderView.ResizeMode.Interactive)
        for c, width in ((0, 120), (1, 130), (2, 125), (3, 125)):
            self.differences.setColumnWidth(c, width)
        dh.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)

        self.accept_button = page_button(self, "statement_accept", primary=True)
        self.export_button = page_button(self, "statement_export")
        self.sent_button = page_button(self, "statement_sent")
        self.send_button = page_button(self, "statement_send")

        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        for button in (self.accept_button, self.export_button, self.sent_button, self.send_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(6)
        layout.addWidget(self.card)
        layout.addWidget(self.lines)
        layout.addWidget(self.differences_label)
        layout.addWidget(self.differences, 1)
        layout.addLayout(buttons)
        self.setStyleSheet("#SectionLabel { font-weight: bold; } "
                           "#statement_net { font-size: 20px; font-weight: bold; } "
                           "#statement_blockers { color: #8e1c1c; } "
                           "#platform_net, #statement_state, #statement_route { color: #52606d; }")
        self.setTabOrder(self.accept_button, self.export_button)
        self.setTabOrder(self.export_button, self.sent_button)
        self.setTabOrder(self.sent_button, self.send_button)
        self.retranslate_ui()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.lines.setHorizontalHeaderLabels([self.tr("Line"), self.tr("This terminal"), self.tr("Platform"),
                                              self.tr("Effect on the net")])
        self.differences.setHorizontalHeaderLabels([self.tr("Difference"), self.tr("Item"), self.tr("This terminal"),
                                                    self.tr("Platform"), self.tr("What to do")])
        self.accept_button.setText(self.tr("&Accept…"))
        self.accept_button.setToolTip("Ctrl+Enter")  # a key, the same in every language
        self.export_button.setText(self.tr("E&xport for the bank"))
        self.sent_button.setText(self.tr("Transfer &sent…"))
        self.sent_button.setToolTip(self.tr("Mark the transfer as sent, with the bank's reference"))
        self.send_button.setText(self.tr("Send to the &clearing house"))
        self.show_view(self.view, self.route)

    # -- showing -------------------------------------------------------------------------------
    def line_rows(self, mine: Statement, theirs: Statement | None) -> list[tuple[str, str, str, str, bool]]:
        """(line, this terminal, platform, effect, differs) in the statement's line order."""
        keys: list[tuple[str, str]] = []
        for st in (mine, theirs):
            for ln in (st.lines if st is not None else ()):
                if ln.key not in keys:
                    keys.append(ln.key)
        keys.sort(key=lambda k: (LINE_CODES.index(k[0]) if k[0] in LINE_CODES else len(LINE_CODES), k[1]))
        cur = mine.currency
        rows = []
        for code, tender in keys:
            here: StatementLine | None = mine.line(code, tender or None)
            there = theirs.line(code, tender or None) if theirs is not None else None
            differs = theirs is not None and (
                here is None or there is None or (here.count, here.amount_minor) != (there.count, there.amount_minor))
            effect_line = here or there
            effect = money(effect_line.effect_minor, cur) if effect_line and effect_line.effect_minor else "—"
            label = self.texts.line(code, tender or None)
            if code == "commission":
                label = fill(self.tr("%1 (%2)"), label, self.texts.contract(mine.contract, cur))
            rows.append((label, self.texts.line_figure(here, cur),
                         self.texts.line_figure(there, cur) if theirs is not None else self.tr("not known"),
                         effect, differs))
        return rows

    def show_view(self, view: Any, route: str = "direct") -> None:
        self.view, self.route = view, route
        self.lines.setRowCount(0)
        self.differences.setRowCount(0)
        direct = route != "clearing_house"
        self.export_button.setVisible(direct)
        self.sent_button.setVisible(direct)
        self.send_button.setVisible(not direct)
        self.route_label.setText(fill(self.tr("Route: %1"), self.texts.route(route)))
        if view is None:
            self.net_label.setText("")
            self.platform_net_label.setText("")
            self.state_label.setText(self.tr("No statement shown yet."))
            self.differences_label.setText(self.tr("Differences"))
            self.blockers_label.hide()
            self.files_label.hide()
            fit_height(self.lines, 2)
            return
        mine: Statement = view.statement
        theirs: Statement | None = view.platform
        cur = mine.currency
        rows = self.line_rows(mine, theirs)
        for i, (label, here, there, effect, differs) in enumerate(rows):
            self.lines.insertRow(i)
            set_cell(self.lines, i, 0, label)
            set_cell(self.lines, i, 1, here, right=True)
            set_cell(self.lines, i, 2, there, right=True, bad=differs)
            set_cell(self.lines, i, 3, effect, right=True)
        if not rows:
            self.lines.insertRow(0)
            set_cell(self.lines, 0, 0, self.tr("Nothing moved money for this platform on this day."))
        fit_height(self.lines, 2)
        self.net_label.setText(self.texts.net(mine.net_minor, cur))
        if theirs is not None:
            same = theirs.net_minor == mine.net_minor
            self.platform_net_label.setText(
                self.tr("The platform's figures give the same net.") if same
                else fill(self.tr("The platform's figures give: %1"), self.texts.net(theirs.net_minor, cur)))
        else:
            error = field(view, "platform_error") or ""  # the client's English words (why: the status bar and the log)
            self.platform_net_label.setText(self.tr("The platform's figures could not be read; look again when it "
                                                    "answers.") if error
                                            else self.tr("The platform's figures are not known."))
        self.state_label.setText(self.state_text(view))
        self.state_label.setToolTip(self.tr("An accepted statement never changes.") if self.accepted(view) else "")
        diffs = list(field(view, "differences", default=()) or ())
        if theirs is None:
            self.differences_label.setText(self.tr("Differences: not known while the platform's figures are "
                                                   "missing."))
        elif diffs:
            self.differences_label.setText(fill(self.tr("Differences: %1"), len(diffs)))
        else:
            self.differences_label.setText(self.tr("Differences: none. The platform agrees with this terminal."))
        for i, d in enumerate(diffs):
            self.differences.insertRow(i)
            what, item, here, there, action = self.texts.difference_row(d, mine, theirs)
            set_cell(self.differences, i, 0, what, bad=True)
            set_cell(self.differences, i, 1, item)
            set_cell(self.differences, i, 2, here)
            set_cell(self.differences, i, 3, there)
            set_cell(self.differences, i, 4, action)
        self.differences.resizeRowsToContents()
        blockers = self.blocker_texts(view)
        self.blockers_label.setText(fill(self.tr("Not ready to accept: %1"), " ".join(blockers)) if blockers else "")
        self.blockers_label.setVisible(bool(blockers) and not self.accepted(view))

    def accepted(self, view: Any) -> bool:
        return view is not None and bool(field(view, "accepted") or view.statement.number)

    @staticmethod
    def blockers(view: Any) -> list[tuple[str | None, str]]:
        """(reason code, English message) of what stands in the way of accepting."""
        if view is None:
            return []
        messages = [str(m) for m in (field(view, "blockers", default=()) or ())]
        reasons = [str(r) for r in (field(view, "blocker_reasons", default=()) or ())]
        if len(reasons) != len(messages):
            return [(None, m) for m in messages]
        return list(zip(reasons, messages, strict=True))

    def blocker_texts(self, view: Any) -> list[str]:
        return [self.texts.blocker(reason, message) for reason, message in self.blockers(view)]

    def hard_blocked(self, view: Any) -> bool:
        """A blocker no note overrides: the day is not closed (its figures can still change)."""
        return any(reason in HARD_BLOCKERS for reason, _m in self.blockers(view))

    def state_text(self, view: Any) -> str:
        st: Statement = view.statement
        if self.accepted(view):
            at = st.accepted_at
            when = (at.astimezone(self.zone) if self.zone and at.tzinfo else at).strftime("%Y-%m-%d %H:%M") \
                if at else ""
            who = self.names.get(st.accepted_by or "", st.accepted_by or "")
            return fill(self.tr("Accepted as %1 on %2 by %3."), st.number or "", when, who)
        number = field(view, "next_number")
        if number:
            return fill(self.tr("Not accepted yet. Accepting gives it the number %1."), number)
        return self.tr("Not accepted yet.")

    def show_files(self, text: str) -> None:
        self.files_label.setText(text)
        self.files_label.setVisible(bool(text))
