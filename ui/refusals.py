"""What the person at the counter reads when a sign-in or an approval is refused. The core's
English message goes to the log; the screen shows a translated text chosen by error type and
parameters, never a traceback."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from PySide6.QtCore import QCoreApplication, QObject

from pos_terminal.app.facades import App
from pos_terminal.domain.errors import AccountLocked, NotAllowed, SignInRefused, UserDisabled
from ui.texts import fill

log = logging.getLogger(__name__)


class Refusals(QObject):
    """Texts with a count, written as self.tr(text, "", n): the form lupdate marks as plural. The
    class name is the translation context, the same as the other texts here."""

    def locked_for(self, minutes: int) -> str:
        return self.tr("Wrong PIN. This user is now locked for %n minute(s).", "", minutes)

    def attempts_left(self, left: int) -> str:
        return self.tr("Wrong user or PIN. %n attempt(s) left before the user is locked.", "", left)


def refusal_text(exc: BaseException, app: App) -> str:
    if isinstance(exc, AccountLocked):
        until = exc.params.get("until")
        if isinstance(until, datetime):
            local = until.astimezone(app.store.zone)
            text = QCoreApplication.translate("Refusals", "This user is locked after too many wrong PINs until %1. Wait, or ask a manager to unlock it.")
            return fill(text, local.strftime("%H:%M"))
        return QCoreApplication.translate("Refusals", "This user is locked after too many wrong PINs. Wait, or ask a manager to unlock it.")
    if isinstance(exc, SignInRefused):
        params = exc.params
        if params.get("locked"):
            minutes = int(app.users.lockout / timedelta(minutes=1))
            return Refusals().locked_for(minutes)
        if isinstance(exc, UserDisabled):
            return QCoreApplication.translate("Refusals", "This user cannot sign in. Ask a manager.")
        left = params.get("attempts_left")
        if isinstance(left, int):
            return Refusals().attempts_left(left)
        return QCoreApplication.translate("Refusals", "Unknown user or wrong PIN.")
    if isinstance(exc, NotAllowed):
        return fill(QCoreApplication.translate("Refusals", "User %1 cannot approve this. A manager must approve."), exc.params.get("username", ""))
    log.error("sign-in check failed", exc_info=exc)
    return QCoreApplication.translate("Refusals", "The PIN could not be checked. Try again; if this keeps happening, call the technician.")
