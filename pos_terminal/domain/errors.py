"""Domain errors. Each carries a stable `code` that screens map to translated text, and an
English message that names the cause and what to do (for logs and the command line)."""

from __future__ import annotations


class DomainError(Exception):
    code = "domain_error"

    def __init__(self, message: str, **params: object) -> None:
        super().__init__(message)
        self.message = message
        self.params = params


class SignInRefused(DomainError):
    code = "sign_in_refused"


class AccountLocked(SignInRefused):
    code = "account_locked"


class UserDisabled(SignInRefused):
    code = "user_disabled"


class NotAllowed(DomainError):
    code = "not_allowed"


class ShiftError(DomainError):
    code = "shift_error"


class NoOpenShift(ShiftError):
    code = "no_open_shift"


class ShiftOfAnother(ShiftError):
    """The terminal's open shift is held by another user: sell in your own shift (close theirs,
    open yours) or take it over explicitly (services.cash.take_over_shift). params: holder."""

    code = "shift_of_another"


class PaymentError(DomainError):
    code = "payment_error"


class InsufficientTender(PaymentError):
    code = "insufficient_tender"


class AlreadyPaid(PaymentError):
    code = "already_paid"


class InvalidCardData(PaymentError):
    code = "invalid_card_data"


class StorageError(DomainError):
    """The store could not be written or read; nothing was half-written (the unit of work rolled back)."""

    code = "storage_error"


class CardOutcomeUnknown(PaymentError):
    """A charge (or refund) whose outcome nobody knows: the card terminal stopped answering
    during it and could not be asked afterwards. The sale must not be marked paid, and the card
    must not be charged again until `resolve(request_id)` (or the terminal's screen) says."""

    code = "card_outcome_unknown"

    def __init__(self, message: str, *, request_id: str, **params: object) -> None:
        super().__init__(message, request_id=request_id, **params)
        self.request_id = request_id


class CardTerminalUnavailable(PaymentError):
    """A query (last transaction, day report) the card terminal could not answer now."""

    code = "card_terminal_unavailable"
