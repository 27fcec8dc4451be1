from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from pos_terminal.bootstrap import Terminal
from ui.dialogs.manager_approval import ManagerApprovalDialog
from ui.screens.base import PlaceholderPage
from ui.texts import fill, role_name


class ShiftPage(PlaceholderPage):
    key = "shift"

    def __init__(self, terminal: Terminal, parent: QWidget | None = None) -> None:
        super().__init__(parent, finished=False)
        self._terminal = terminal
        self._approver = None
        self._asked = False
        self.approval_button = QPushButton(self)
        self.approval_button.setObjectName("test_approval")
        self.approval_result = QLabel(self)
        self.approval_result.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.approval_button)
        row.addWidget(self.approval_result, 1)
        self.content.addLayout(row)
        self.content.addStretch(1)
        self.approval_button.clicked.connect(self.test_approval)
        self.retranslate_ui()

    def title(self) -> str:
        return self.tr("Shift & reports")

    def lead(self) -> str:
        return self.tr("Open and close shifts, count the drawer, close the day and print reports.")

    def test_approval(self) -> None:
        self._approver = ManagerApprovalDialog.request(self, self._terminal, self.tr("Test a manager's approval (nothing is changed)."))
        self._asked = True
        self.retranslate_content()

    def coming_next(self) -> str:
        return self.tr("Coming next: opening float, cash counts, over/short with a manager's approval, the end-of-day reconciliation of drawer, card terminal and platform, and printed reports.")

    def retranslate_content(self) -> None:
        super().retranslate_content()
        self.approval_button.setText(self.tr("Test manager approval"))
        if not self._asked:
            self.approval_result.setText("")
        elif self._approver is None:
            self.approval_result.setText(self.tr("Not approved."))
        else:
            self.approval_result.setText(
                fill(self.tr("Approved by %1 (%2)."), self._approver.display_name, role_name(self._approver.role))
            )
