"""Use-case facades: what the screens may ask of the terminal, named after what a cashier, a manager
or a technician does. Each facade is a thin object over the container (pos_terminal.app.container)
that calls the services with the contexts the container builds, so the UI imports no adapter
(storage, drivers, sync, receipts). `App` holds them all; the window receives one `App`.

Methods marked "Blocking" do database, device or network work: call them on a worker
(ui.tasks.run_in_background), never on the GUI thread. The others only read settings.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from config.schema import Settings
from pos_terminal.app.facades_clearing import Clearing
from pos_terminal.app.facades_day import Reconcile, Reports, Shifts
from pos_terminal.app.facades_devices import DeviceControl  # re-exported: the technician's facade
from pos_terminal.app.facades_refunds import Refunds
from pos_terminal.app.facades_receipts import ReceiptHistory
from pos_terminal.app.facades_remittance import Remittances
from pos_terminal.app.facades_settlement import Settlement
from pos_terminal.app.facades_users import UserAdmin
from pos_terminal.domain.model import Permission
from pos_terminal.ports import DeviceStatus, PlatformStatus
from pos_terminal.services import audit
from pos_terminal.services import users as user_service
from pos_terminal.services.users import SignedIn

log = logging.getLogger(__name__)

if TYPE_CHECKING:  # the container (SQLAlchemy, the storage) is not imported with the facades: the
    # window can be built and shown before the database is opened (issue 14)
    from pos_terminal.app.container import Terminal
    from pos_terminal.app.receipts import Preview
    from pos_terminal.ports import UnitOfWork
    from pos_terminal.services.checkout import CardRow, CheckoutContext, CheckoutSession
    from pos_terminal.services.orders import PaymentTarget


@dataclass(frozen=True)
class SyncState:
    """The outbox of settlements as the status bar and `pos-terminal sync status` show it."""

    pending: int  # waiting to be sent (not counting `attention`)
    oldest_age_s: float | None
    last_error: str | None
    last_success_at: datetime | None = None  # when the platform last took a message
    attention: int = 0  # refused for good by the platform: a person must look (pos-terminal sync status)


def record_audit(terminal: Terminal, action: str, *, user: SignedIn | None = None, subject: str | None = None,
                 outcome: str = "ok", details: dict | None = None) -> audit.AuditEntry:
    """An audit entry on its own (settings saved, sign-out): opens a unit of work, records and
    commits (the services record their own entries inside their unit of work). Blocking."""
    with terminal.uow() as uow:
        entry = audit.record(uow, at=terminal.clock.now(), terminal_id=terminal.settings.terminal.terminal_id,
                             action=action, user=user, subject=subject, outcome=outcome, details=details)
        uow.commit()
    return entry


class Store:
    """Who and where this terminal is, and its clock: settings reads, safe on the GUI thread."""

    def __init__(self, terminal: Terminal) -> None:
        self._t = terminal

    @property
    def settings(self) -> Settings:
        """The settings in use (read-only: the settings facade saves a section)."""
        return self._t.settings

    @property
    def store_name(self) -> str:
        return self._t.settings.terminal.store_name

    @property
    def terminal_id(self) -> str:
        return self._t.settings.terminal.terminal_id

    @property
    def currency(self) -> str:
        return self._t.settings.terminal.currency

    @property
    def timezone(self) -> str:
        return self._t.settings.terminal.timezone

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self._t.settings.terminal.timezone)

    @property
    def demo(self) -> bool:
        return self._t.demo

    def demo_payment_codes(self) -> list[tuple[str, str, int, str, str]]:
        """The demo's open orders on each of its sandbox platforms: (platform name, order number,
        total minor units, currency, payment code); empty outside the demo or before the sandboxes
        are up. Blocking (a worker's job)."""
        if not self._t.demo:
            return []
        from pos_terminal.app.demo import demo_payment_codes

        return demo_payment_codes(self._t)

    def now(self) -> datetime:
        """The terminal's clock (injected: a test's clock in tests)."""
        return self._t.clock.now()

    def today(self) -> date:
        """The store's calendar business date now (time zone and [terminal] day_change_hour; the
        shift page asks the Shifts facade for the day after a Z)."""
        from pos_terminal.clock import business_day

        return business_day(self.now(), self.zone, self._t.settings.terminal.day_change_hour)


class Users:
    """Signing in and out, and a manager's approval at the counter."""

    def __init__(self, terminal: Terminal) -> None:
        self._t = terminal

    def sign_in(self, username: str, pin: str) -> SignedIn:
        """Blocking. Raises SignInRefused / AccountLocked / UserDisabled."""
        t = self._t
        return user_service.sign_in(t.uow(), t.hasher, t.clock, t.lockout, username=username, pin=pin,
                                    terminal_id=t.settings.terminal.terminal_id)

    def approve(self, username: str, pin: str, permission: Permission = Permission.APPROVE) -> SignedIn:
        """A manager's PIN for one step. Blocking; a refusal raises."""
        t = self._t
        return user_service.approve(t.uow(), t.hasher, t.clock, t.lockout, username=username, pin=pin,
                                    permission=permission, terminal_id=t.settings.terminal.terminal_id)

    def sign_out(self, user: SignedIn) -> None:
        """Records the sign-out in the audit trail. Blocking."""
        record_audit(self._t, audit.SIGN_OUT, user=user)

    @property
    def lockout(self) -> timedelta:
        """How long a user stays locked after too many wrong PINs."""
        return self._t.lockout.lockout

    def demo_users(self) -> tuple[tuple[str, str, Any, str], ...]:
        """(username, name, role, PIN) of the demo's users; empty outside the demo."""
        if not self._t.demo:
            return ()
        from pos_terminal.app.demo import DEMO_USERS

        return DEMO_USERS


class Checkout:
    """Selling: a payment code to a checkout session, the counter's shift, the last receipt."""

    def __init__(self, terminal: Terminal) -> None:
        self._t = terminal

    def context(self, user: SignedIn, manual_handler: Any = None) -> CheckoutContext:
        """The checkout context for `user`; a standalone card terminal asks `manual_handler`
        (the page's dialog) for the approval code. Safe on the GUI thread (opens nothing)."""
        return self._t.checkout_context(user, manual_handler=manual_handler)

    def resolve(self, code: str) -> PaymentTarget:
        """What a payment code pays (services.orders.resolve_payment_code): the voucher verified
        with the cached keys, the order looked up and claimed for this counter, or the signed
        voucher taken offline. Blocking, for at most the counter's deadline on the platform
        (sync.client.counter_deadline: key refresh, lookup and claim together; at once offline
        while the platform is known down)."""
        return self._resolve(code)

    def _resolve(self, code: str, also_read: Callable[[UnitOfWork], object] | None = None) -> PaymentTarget:
        from pos_terminal.services import orders
        from sync.client import counter_deadline

        t, ids = self._t, self._t.settings.terminal
        with counter_deadline(t.settings.platform.counter_wait_s):
            return orders.resolve_payment_code(code, platform=t.platform, verifier=t.issuer_keys, uow=t.uow(),
                                               clock=t.clock, terminal_id=ids.terminal_id, store_id=ids.store_id,
                                               claim_ttl_s=t.settings.platform.claim_ttl_s, also_read=also_read,
                                               platform_id=t.settings.platform.id, issuers=t.issuer_clients)

    def start(self, code: str, ctx: CheckoutContext) -> CheckoutSession:
        """Reads a payment code (a voucher or an order code, claimed on the platform: resolve())
        and opens a checkout session for it. Blocking, for at most the counter's deadline. The
        terminal's open card requests (for the session's adopt_card_requests) are read in the same
        database session as the "paid here?" check."""
        from pos_terminal.services.checkout import CheckoutSession, open_card_rows

        read: list[list[CardRow]] = []
        target = self._resolve(code, lambda uow: read.append(open_card_rows(uow, ctx.terminal_id)))
        return CheckoutSession(target, ctx, card_rows=read[0] if read else None)

    def current_shift(self):
        """This terminal's open shift or None. Blocking (a database read)."""
        from pos_terminal.services import shifts

        return shifts.current_shift(self._t.uow(), terminal_id=self._t.settings.terminal.terminal_id)

    # the card charges a crash or a lost answer left open, and the last receipt (ctx: context())
    @staticmethod
    def open_card_requests(ctx: CheckoutContext):
        """Card charges with an unknown outcome or an approval no sale records. Blocking."""
        from pos_terminal.services.checkout import open_card_requests

        return open_card_requests(ctx)

    @staticmethod
    def resolve_card_request(ctx: CheckoutContext, request_id: str):
        """Asks the card terminal what became of a charge and records it. Blocking (the device)."""
        from pos_terminal.services.checkout import resolve_card_request

        return resolve_card_request(ctx, request_id)

    @staticmethod
    def refund_card_request(ctx: CheckoutContext, request_id: str, approved_by):
        """Gives an approved charge no sale records back to the card (a manager approves). Blocking."""
        from pos_terminal.services.checkout import refund_card_request

        return refund_card_request(ctx, request_id, approved_by)

    @staticmethod
    def last_sale_receipt(ctx: CheckoutContext):
        """The terminal's last sale receipt rebuilt from storage, None before the first sale. Blocking."""
        from pos_terminal.services.checkout import last_sale_receipt

        return last_sale_receipt(ctx)

    @staticmethod
    def reprint_last_receipt(ctx: CheckoutContext, reason: str = "", *, receipt_no: int | None = None):
        """Prints the last sale receipt again (a copy once the original printed; audited). Blocking."""
        from pos_terminal.services.checkout import reprint_last_receipt

        return reprint_last_receipt(ctx, reason, receipt_no=receipt_no)

    def receipt_preview(self, document) -> Preview:
        """A receipt document drawn in grey for the screen. Blocking (CPU): call on a worker."""
        from pos_terminal.app.receipts import preview

        return preview(document)

    @staticmethod
    def parse_manual_approval(code: str, last4: str):
        """A standalone card terminal's approval as the cashier typed it; raises
        InvalidManualApproval (its `field` names what is wrong)."""
        from drivers.card_terminal import parse_manual_approval

        return parse_manual_approval(code, last4)

    @staticmethod
    def invalid_manual_approval() -> type[Exception]:
        from drivers.card_terminal import InvalidManualApproval

        return InvalidManualApproval


class Status:
    """What the status bar shows: the platform, the outbox, the printer."""

    def __init__(self, terminal: Terminal, devices: DeviceControl) -> None:
        self._t, self._devices = terminal, devices

    def platforms(self) -> list[tuple[str, str]]:
        """(id, name) of each platform this counter takes payment codes of, [platform] first (the
        settings in memory: no call, no read)."""
        from config.issuers import issuer_list

        return [(issuer.id, issuer.name) for issuer in issuer_list(self._t.settings)]

    def platform(self, platform_id: str | None = None) -> PlatformStatus:
        """The connection to one platform (None: [platform]). Blocking (asks the platform client,
        which answers from its breaker or a cached probe, else probes within a few seconds)."""
        client = self._t.platform_for(platform_id)
        if client is None:
            return PlatformStatus(False, f"this counter does not take payment codes of platform {platform_id}")
        return client.status()

    def sync(self) -> SyncState:
        """The outbox: what waits, since when, the last error, what needs a person. Blocking (a database read)."""
        now = self._t.clock.now()
        with self._t.uow() as uow:
            pending = uow.outbox.pending_count()
            oldest = uow.outbox.oldest_pending_at()
            first = uow.outbox.pending(limit=1)
            last_error = first[0].last_error if first else None
            attention = uow.outbox.attention_count()
            if last_error is None and attention:
                last_error = uow.outbox.attention(limit=1)[0].last_error
            last_sent = uow.outbox.last_sent_at()
        return SyncState(pending, (now - oldest).total_seconds() if oldest else None, last_error, last_sent, attention)

    def printer(self) -> DeviceStatus | None:
        """Blocking (up to the printer's timeout)."""
        return self._devices.poll_printer()


class SettingsControl:
    """The settings in use, where they are kept, and saving one section of them."""

    def __init__(self, terminal: Terminal) -> None:
        self._t = terminal

    @property
    def values(self) -> Settings:
        return self._t.settings

    @property
    def settings_file(self) -> Path | None:
        return self._t.settings_file

    @property
    def data_folder(self) -> Path:
        return self._t.paths.root

    @property
    def log_file(self) -> Path | None:
        return self._t.log_file

    @property
    def preferences(self) -> Path:
        """The per-machine UI preferences (language)."""
        return self._t.paths.preferences

    def save_target(self) -> Path:
        """Where a saved section goes: the settings file in use, else the data folder's."""
        return self._t.settings_file or self._t.paths.settings

    def save_section(self, section: str, values: dict, user: SignedIn | None = None) -> Settings:
        """Saves `[section]` of save_target() (config.writer.save_section: validated, atomic) and
        records a settings_change in the audit trail (changed keys, old and new values, never
        secrets); the terminal uses that file from now on. Blocking. Raises SettingsError with
        nothing written or recorded."""
        from config import loader
        from config.writer import save_section

        path = self.save_target()
        try:
            before = loader.load(path) if path.exists() else loader.defaults()
            before_values = getattr(before, section).model_dump(mode="json")
        except Exception:  # an unreadable file: save_section says why, or replaces it
            before_values = {}
        settings = save_section(path, section, values)
        if self._t.settings_file is None:
            self._t.settings_file = path
        after_values = getattr(settings, section).model_dump(mode="json")
        details = {"section": section, "file": str(path), **audit.settings_diff(before_values, after_values)}
        try:
            record_audit(self._t, audit.SETTINGS_CHANGE, user=user, subject=section, details=details)
        except Exception:  # the file is saved; the log keeps what the audit trail could not
            log.exception("settings saved but not recorded in the audit trail", extra={"audit": details})
        return settings


@dataclass(frozen=True)
class App:
    """Everything the window may use, built once from the container by `App.of(terminal)`. It
    keeps no reference to the container of its own: whoever built the terminal (the command
    line, a test) holds it and closes it."""

    store: Store
    users: Users
    checkout: Checkout
    shifts: Shifts
    reports: Reports
    reconcile: Reconcile
    refunds: Refunds
    devices: DeviceControl
    status: Status
    settings: SettingsControl
    user_admin: UserAdmin
    receipt_history: ReceiptHistory
    remittances: Remittances
    clearing: Clearing
    settlement: Settlement

    @classmethod
    def of(cls, terminal: Terminal) -> App:
        devices = DeviceControl(terminal)
        return cls(Store(terminal), Users(terminal), Checkout(terminal), Shifts(terminal), Reports(terminal),
                   Reconcile(terminal), Refunds(terminal), devices, Status(terminal, devices),
                   SettingsControl(terminal), user_admin=UserAdmin(terminal),
                   receipt_history=ReceiptHistory(terminal), remittances=Remittances(terminal),
                   clearing=Clearing(terminal), settlement=Settlement(terminal))
