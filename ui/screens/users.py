"""Users (managers only): the terminal's users with their state, and a manager's changes: add a
user, reset a PIN, unlock a locked user, disable or enable one. Each change is audited with the
manager who made it (pos_terminal.app.facades_users.UserAdmin).

Keys: Up/Down pick a user in the list; Tab goes on to Reset PIN, Unlock, Disable/Enable and the
form "Add a user", where Enter in any field adds the user. Reset PIN opens a dialog: Enter sets
the new PIN, Esc closes it. Scans never land in these fields: a keyboard-wedge scan is taken by
the wedge filter before any field sees it, and this page ignores scans.

Threading rule: GUI thread; PIN hashing and the database run through run_in_background.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_terminal.domain.errors import NotAllowed
from pos_terminal.domain.model import Role
from pos_terminal.security import WeakPin
from pos_terminal.services.users import DuplicateUser, UserAdminRefused
from ui.screens.base import Page
from ui.tasks import run_in_background
from ui.texts import fill, role_name
from ui.widgets import MessageLabel, dialog_buttons, row_table

COLUMNS = 5  # user, name, role, state, last sign-in
PIN_MAX = 12


def _pin_edit(parent: QWidget, name: str) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(PIN_MAX)
    edit.setValidator(QRegularExpressionValidator(r"\d{0,12}", edit))
    edit.setProperty("secret_field", True)  # a fast burst that fits is typing, never a scan (ui/wedge.py)
    return edit


class ResetPinDialog(QDialog):
    """A new PIN for one user, typed twice. Enter sets it, Esc closes."""

    def __init__(self, username: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ResetPinDialog")
        self.setModal(True)
        self.setMinimumWidth(420)
        self.username = username
        self.heading = QLabel(self)
        self.heading.setObjectName("PageTitle")
        self.lead = QLabel(self)
        self.lead.setWordWrap(True)
        self.pin_label = QLabel(self)
        self.pin_edit = _pin_edit(self, "reset_pin")
        self.again_label = QLabel(self)
        self.again_edit = _pin_edit(self, "reset_pin_again")
        self.pin_label.setBuddy(self.pin_edit)
        self.again_label.setBuddy(self.again_edit)
        self.message = MessageLabel(self)
        self.ok_button, self.cancel_button, buttons = dialog_buttons(self)
        for button in (self.ok_button, self.cancel_button):  # Enter is keyPressEvent's: it submits
            button.setAutoDefault(False)
        form = QFormLayout()
        form.addRow(self.pin_label, self.pin_edit)
        form.addRow(self.again_label, self.again_edit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(self.heading)
        layout.addWidget(self.lead)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.ok_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)
        self.retranslate_ui()
        self.pin_edit.setFocus()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Reset PIN"))
        self.heading.setText(fill(self.tr("New PIN for %1"), self.username))
        self.lead.setText(self.tr("The user signs in with this PIN from now on; a lock is lifted."))
        self.pin_label.setText(self.tr("New &PIN"))
        self.again_label.setText(self.tr("PIN &again"))
        self.ok_button.setText(self.tr("Set PIN"))
        self.cancel_button.setText(self.tr("Cancel"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    @property
    def pin(self) -> str:
        return self.pin_edit.text()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.activateWindow()
        self.pin_edit.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submit()
            return
        super().keyPressEvent(event)

    def submit(self) -> None:
        if not self.pin_edit.text():
            self.message.show_message(self.tr("Type the new PIN."))
            self.pin_edit.setFocus()
            return
        if self.pin_edit.text() != self.again_edit.text():
            self.message.show_message(self.tr("The two PINs differ. Type them again."))
            self.pin_edit.clear()
            self.again_edit.clear()
            self.pin_edit.setFocus()
            return
        self.accept()


class UsersPage(Page):
    key = "users"
    listed = Signal(object)  # the UserRows shown
    changed = Signal(str)  # what was done: added, pin_reset, unlocked, disabled, enabled

    def __init__(self, app=None, bridge=None, user=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app, self._user = app, user
        self.rows: list = []
        self.busy = False
        self.pin_dialog: ResetPinDialog | None = None

        self.table = row_table(self, COLUMNS, "users_table", stretch=1)
        self.table.itemSelectionChanged.connect(self._update_actions)
        self.reset_button = QPushButton(self)
        self.unlock_button = QPushButton(self)
        self.active_button = QPushButton(self)
        for button, name in ((self.reset_button, "users_reset"), (self.unlock_button, "users_unlock"),
                             (self.active_button, "users_active")):
            button.setObjectName(name)
            button.setAutoDefault(False)
        actions = QHBoxLayout()
        actions.addWidget(self.reset_button)
        actions.addWidget(self.unlock_button)
        actions.addWidget(self.active_button)
        actions.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(self.table, 1)
        left.addLayout(actions)

        # the form "Add a user"
        self.form_card = QFrame(self)
        self.form_card.setObjectName("Card")
        self.form_card.setFixedWidth(232)
        self.form_title = QLabel(self.form_card)
        self.form_title.setObjectName("FieldLabel")
        self.username_label = QLabel(self.form_card)
        self.username_edit = QLineEdit(self.form_card)
        self.username_edit.setObjectName("add_username")
        self.username_edit.setMaxLength(64)
        self.username_edit.setValidator(QRegularExpressionValidator(r"[A-Za-z0-9._-]{0,64}", self.username_edit))
        self.name_label = QLabel(self.form_card)
        self.name_edit = QLineEdit(self.form_card)
        self.name_edit.setObjectName("add_name")
        self.name_edit.setMaxLength(128)
        self.role_label = QLabel(self.form_card)
        self.role_combo = QComboBox(self.form_card)
        self.role_combo.setObjectName("add_role")
        self.pin_label = QLabel(self.form_card)
        self.pin_edit = _pin_edit(self.form_card, "add_pin")
        self.again_label = QLabel(self.form_card)
        self.again_edit = _pin_edit(self.form_card, "add_pin_again")
        self.add_button = QPushButton(self.form_card)
        self.add_button.setObjectName("Primary")
        self.add_button.setAutoDefault(False)
        form = QVBoxLayout(self.form_card)
        form.setContentsMargins(16, 14, 16, 14)
        form.setSpacing(4)
        form.addWidget(self.form_title)
        for label, field in ((self.username_label, self.username_edit), (self.name_label, self.name_edit),
                             (self.role_label, self.role_combo), (self.pin_label, self.pin_edit),
                             (self.again_label, self.again_edit)):
            label.setBuddy(field)
            form.addWidget(label)
            form.addWidget(field)
        form.addSpacing(6)
        form.addWidget(self.add_button)
        form.addStretch(1)

        self.message = MessageLabel(self)
        body = QHBoxLayout()
        body.setSpacing(14)
        body.addLayout(left, 1)
        body.addWidget(self.form_card)
        self.content.addWidget(self.message)
        self.content.addLayout(body, 1)

        self.reset_button.clicked.connect(self.ask_reset_pin)
        self.unlock_button.clicked.connect(self.unlock)
        self.active_button.clicked.connect(self.toggle_active)
        self.add_button.clicked.connect(self.add)
        for field in (self.username_edit, self.name_edit, self.pin_edit, self.again_edit):
            field.returnPressed.connect(self.add)
        self.role_combo.installEventFilter(self)
        self.setTabOrder(self.table, self.reset_button)
        self.setTabOrder(self.reset_button, self.unlock_button)
        self.setTabOrder(self.unlock_button, self.active_button)
        self.setTabOrder(self.active_button, self.username_edit)
        self.setTabOrder(self.username_edit, self.name_edit)
        self.setTabOrder(self.name_edit, self.role_combo)
        self.setTabOrder(self.role_combo, self.pin_edit)
        self.setTabOrder(self.pin_edit, self.again_edit)
        self.setTabOrder(self.again_edit, self.add_button)
        self.retranslate_ui()
        self._update_actions()

    # -- texts -----------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Users")

    def lead(self) -> str:
        return self.tr("Who may sign in at this terminal. Every change is recorded with your name.")

    def retranslate_content(self) -> None:
        self.table.setHorizontalHeaderLabels([self.tr("User"), self.tr("Name"), self.tr("Role"), self.tr("State"),
                                              self.tr("Last sign-in")])
        self.reset_button.setText(self.tr("Reset &PIN…"))
        self.unlock_button.setText(self.tr("&Unlock"))
        self.form_title.setText(self.tr("Add a user"))
        self.username_label.setText(self.tr("User &number"))
        self.username_edit.setPlaceholderText(self.tr("e.g. 1002"))
        self.name_label.setText(self.tr("&Name"))
        self.role_label.setText(self.tr("&Role"))
        self.pin_label.setText(self.tr("P&IN"))
        self.again_label.setText(self.tr("PIN a&gain"))
        self.add_button.setText(self.tr("&Add user"))
        current = self.role_combo.currentIndex()
        self.role_combo.clear()
        for role in (Role.CASHIER, Role.MANAGER, Role.TECHNICIAN):
            self.role_combo.addItem(role_name(role), role.value)
        self.role_combo.setCurrentIndex(max(0, current))
        self._fill_table()
        self._update_actions()

    def state_text(self, row) -> str:
        if not row.active:
            return self.tr("Disabled")
        if self._app is not None and row.locked(self._app.user_admin.now()):
            local = row.locked_until.astimezone(self._app.store.zone)
            return fill(self.tr("Locked until %1"), local.strftime("%H:%M"))
        return self.tr("Active")

    def refusal_text(self, exc: BaseException) -> str:
        if isinstance(exc, DuplicateUser):
            return fill(self.tr("User %1 exists already. Choose another user number."),
                        exc.params.get("username", ""))
        if isinstance(exc, WeakPin):
            minimum = self._app.user_admin.pin_min_length if self._app is not None else 4
            return fill(self.tr("A PIN is at least %1 digits, digits only, and not one digit repeated."), minimum)
        if isinstance(exc, NotAllowed):
            return self.tr("Only a manager can change users.")
        if isinstance(exc, UserAdminRefused):
            username = exc.params.get("username", "")
            texts = {
                "bad_username": self.tr("A user number is 1 to 64 letters or digits (also . _ -)."),
                "bad_name": self.tr("A name has at most 128 characters."),
                "bad_role": self.tr("Choose a role."),
                "unknown_user": fill(self.tr("User %1 is not on this terminal any more."), username),
                "own_account": self.tr("You cannot disable your own account; another manager can."),
                "last_manager": fill(self.tr("%1 is the last active manager. Add or enable another manager "
                                             "first."), username),
            }
            if exc.reason in texts:
                return texts[exc.reason]
        return self.tr("The change was not saved. Try again; if this keeps happening, call the technician.")

    # -- the list --------------------------------------------------------------------------
    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.reload()
        self.table.setFocus()

    def reload(self, select: str | None = None) -> None:
        if self._app is None:
            return
        admin = self._app.user_admin
        keep = select or self.selected_username()
        run_in_background(admin.list, lambda rows: self._listed(rows, keep), self._failed, context=self)

    def _listed(self, rows, select: str | None) -> None:
        self.rows = list(rows)
        self._fill_table()
        names = [r.username for r in self.rows]
        if self.rows:
            self.table.selectRow(names.index(select) if select in names else 0)
        self._update_actions()
        self.listed.emit(self.rows)

    def _fill_table(self) -> None:
        if self._app is None:
            return
        zone, year = self._app.store.zone, self._app.store.today().year
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.rows))
        for i, row in enumerate(self.rows):
            last = "—"
            if row.last_sign_in_at is not None:
                local = row.last_sign_in_at.astimezone(zone)
                last = local.strftime("%m-%d %H:%M" if local.year == year else "%Y-%m-%d")
            for col, value in enumerate((row.username, row.display_name, role_name(row.role), self.state_text(row),
                                         last)):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.table.setItem(i, col, item)
        self.table.blockSignals(False)

    def selected_row(self):
        selected = self.table.selectionModel().selectedRows()
        index = selected[0].row() if selected else -1
        return self.rows[index] if 0 <= index < len(self.rows) else None

    def selected_username(self) -> str | None:
        row = self.selected_row()
        return row.username if row is not None else None

    def _update_actions(self) -> None:
        row = self.selected_row()
        locked = row is not None and self._app is not None and row.locked(self._app.user_admin.now())
        self.reset_button.setEnabled(row is not None and not self.busy)
        self.unlock_button.setEnabled(bool(locked) and not self.busy)
        self.active_button.setEnabled(row is not None and not self.busy)
        self.active_button.setText(self.tr("&Enable") if row is not None and not row.active else self.tr("&Disable"))

    # -- changes ---------------------------------------------------------------------------
    def _run(self, what: str, work, select: str | None) -> None:
        self.busy = True
        self.message.clear_message()
        self._update_actions()
        self.add_button.setEnabled(False)
        run_in_background(work, lambda result: self._done(what, result, select), self._failed, context=self)

    def _done(self, what: str, _result, select: str | None) -> None:
        self.busy = False
        self.add_button.setEnabled(True)
        texts = {"added": self.tr("User %1 added."), "pin_reset": self.tr("The PIN of %1 is set."),
                 "unlocked": self.tr("User %1 unlocked."), "disabled": self.tr("User %1 disabled."),
                 "enabled": self.tr("User %1 enabled.")}
        self.message.show_message(fill(texts[what], select or ""), "info")
        if what == "added":
            self.username_edit.clear()
            self.name_edit.clear()
            self.table.setFocus()
        self.reload(select)
        self.changed.emit(what)

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self.add_button.setEnabled(True)
        self._update_actions()
        self.message.show_message(self.refusal_text(exc))

    def add(self) -> None:
        if self._app is None or self.busy:
            return
        username, pin = self.username_edit.text().strip(), self.pin_edit.text()
        if not username:
            self.message.show_message(self.tr("Type the new user's number."))
            self.username_edit.setFocus()
            return
        if pin != self.again_edit.text():
            self.message.show_message(self.tr("The two PINs differ. Type them again."))
            self.pin_edit.clear()
            self.again_edit.clear()
            self.pin_edit.setFocus()
            return
        admin, by = self._app.user_admin, self._user
        name, role = self.name_edit.text(), str(self.role_combo.currentData())
        self.pin_edit.clear()
        self.again_edit.clear()  # never kept in a field once sent (a refusal asks for it again)
        self._run("added", lambda: admin.add(by, username, name, role, pin), username)

    def ask_reset_pin(self) -> None:
        row = self.selected_row()
        if row is None or self._app is None or self.pin_dialog is not None or self.busy:
            return
        dialog = ResetPinDialog(row.username, self)
        self.pin_dialog = dialog
        dialog.accepted.connect(lambda: self._reset(dialog.username, dialog.pin))
        dialog.finished.connect(lambda _r: self._dialog_closed(dialog))
        dialog.open()

    def _dialog_closed(self, dialog: ResetPinDialog) -> None:
        if self.pin_dialog is dialog:
            self.pin_dialog = None
        dialog.deleteLater()
        self.table.setFocus()

    def _reset(self, username: str, pin: str) -> None:
        admin, by = self._app.user_admin, self._user
        self._run("pin_reset", lambda: admin.reset_pin(by, username, pin), username)

    def unlock(self) -> None:
        row = self.selected_row()
        if row is None or self._app is None or self.busy:
            return
        admin, by, username = self._app.user_admin, self._user, row.username
        self._run("unlocked", lambda: admin.unlock(by, username), username)

    def toggle_active(self) -> None:
        row = self.selected_row()
        if row is None or self._app is None or self.busy:
            return
        admin, by, username, active = self._app.user_admin, self._user, row.username, not row.active
        self._run("enabled" if active else "disabled", lambda: admin.set_active(by, username, active), username)

    def eventFilter(self, obj, event: QEvent) -> bool:
        if obj is self.role_combo and event.type() == QEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not self.role_combo.view().isVisible():
            self.add()
            return True
        return super().eventFilter(obj, event)
