"""The composition root: the one place that turns settings into concrete adapters (outside the core).

`build_terminal()` does blocking work (database, migrations, locks) and is called once at start,
before the window exists (or on a worker). Devices are *not* opened here: `Terminal.open_devices`
runs on a worker and reports each device's status through a callback.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from config.credentials import Credentials, load_credentials
from config.loader import SettingsError
from config.schema import Settings
from pos_terminal.app.paths import DATA_DIR_ENV, DataPaths, data_paths  # noqa: F401 (re-exported)
from pos_terminal.clock import SystemClock
from pos_terminal.domain.model import LockoutPolicy
from pos_terminal.logging_setup import configure as configure_logging
from pos_terminal.ports import (
    Clock,
    Closeable,
    DeviceSet,
    DeviceState,
    DeviceStatus,
    PlatformClient,
    StatusReporter,
)
from pos_terminal.security import ScryptPinHasher
from pos_terminal.storage import migrate, orm
from pos_terminal.storage.engine import check_connection, ensure_writable_folder, make_engine, sqlite_url
from pos_terminal.storage.instance_lock import InstanceLock
from pos_terminal.storage.uow import SqlAlchemyUnitOfWork, session_factory

if TYPE_CHECKING:  # types only: each module is imported where it is used (background would be a cycle)
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import Session, sessionmaker

    from pos_terminal.app.background import BackgroundLoops
    from pos_terminal.services.card_journal import Recovered
    from pos_terminal.services.checkout import CheckoutContext
    from pos_terminal.services.day_context import DayContext
    from pos_terminal.services.refunds import RefundContext
    from sync.keys import IssuerKeys, KeyStore
    from sync.outbox_worker import OutboxWorker
    from sync.periodic import PeriodicLoop
    from sync.sandbox.server import SandboxServer

log = logging.getLogger(__name__)

# DATA_DIR_ENV, DataPaths and data_paths live in pos_terminal.app.paths (light to import); kept
# importable from here.


@dataclass
class Terminal:
    """The wiring, done once: the settings and data paths, the database (engine and units of
    work), the clock, the devices, the platform client with its key store, the credentials, the
    contexts the services take, and the lifecycle (open_devices, start_sync, close). The use cases
    are in the facades (pos_terminal.app.facades*: `App.of(terminal)`), not here."""

    settings: Settings
    paths: DataPaths
    engine: Engine
    clock: Clock
    hasher: ScryptPinHasher
    lockout: LockoutPolicy
    devices: DeviceSet
    platform: PlatformClient
    credentials: Credentials
    demo: bool = False
    settings_file: Path | None = None
    log_file: Path | None = None
    keys: KeyStore = field(init=False)  # the voucher public keys of [platform] (the client attached)
    # every issuer's keys (a VoucherVerifier, issue 16): `keys` for [platform] and one KeyStore per
    # [[issuers]] platform; a voucher is verified with its issuer's keys only
    issuer_keys: IssuerKeys = field(init=False)
    sync_worker: OutboxWorker | None = None  # once start_sync() ran
    refund_loop: PeriodicLoop | None = None  # the loop of refund_housekeeping once start_sync() ran
    background: BackgroundLoops | None = None  # once start_sync() ran
    _lock: InstanceLock | None = field(default=None, repr=False)
    _sessions: sessionmaker[Session] | None = field(default=None, repr=False)
    _sandbox: SandboxServer | None = field(default=None, repr=False)  # the demo's in-process platform
    _stand_ins: list[Callable[[], object]] = field(default_factory=list, repr=False)  # start_simulated_devices' stoppers
    _refund_rounds: int = field(default=0, repr=False)
    _started_at: datetime | None = field(default=None, repr=False)  # journal entries before it are orphans
    # issue 16: the clients of the [[issuers]] platforms by id ([platform]'s is `platform`); built from
    # the settings in __post_init__, replaced by attach_issuer (the demo's second sandbox)
    issuer_clients: dict[str, PlatformClient] = field(default_factory=dict, repr=False)
    _issuer_sandboxes: list[SandboxServer] = field(default_factory=list, repr=False)
    clearing_house: Any = field(default=None, repr=False)  # the demo's in-process clearing house (issue 16)
    # refund case id -> the platform that answered for its units, for a case whose order this
    # database does not hold (services.refunds.common.case_platform_id); found again after a restart
    _refund_case_platforms: dict = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        from config.issuers import issuer_list

        for issuer in issuer_list(self.settings)[1:]:
            if issuer.id not in self.issuer_clients:
                self.issuer_clients[issuer.id] = build_issuer_platform(self.settings, self.credentials, issuer)
        self.attach_platform(self.platform)

    # -- units of work -------------------------------------------------------------------
    def uow(self) -> SqlAlchemyUnitOfWork:
        return SqlAlchemyUnitOfWork(self._sessions, self.settings.terminal.terminal_id)

    # -- the platform ------------------------------------------------------------------------
    def attach_platform(self, client: PlatformClient) -> None:
        """Uses `client` from now on (e.g. once the demo's sandbox is up). Before start_sync()."""
        self.platform = client
        self._build_keys()

    def attach_issuer(self, issuer_id: str, client: PlatformClient) -> None:
        """Uses `client` for the [[issuers]] platform `issuer_id` from now on (the demo's second
        sandbox once up). Before start_sync()."""
        if issuer_id == self.settings.platform.id:
            self.attach_platform(client)
            return
        if issuer_id not in self.issuer_clients:
            raise ValueError(f"no [[issuers]] entry {issuer_id!r}")
        old = self.issuer_clients[issuer_id]
        self.issuer_clients[issuer_id] = client
        if old is not client and isinstance(old, Closeable):
            old.close()
        self._build_keys()

    def _build_keys(self) -> None:
        """One key ring per issuer: [platform]'s in keys.json, each other's in keys-<id>.json, fetched
        from the issuer's keys_url or else its API (sync.keys.IssuerKeys)."""
        from config.issuers import issuer_list
        from pos_terminal.storage.files import FileKeyCache
        from sync.keys import IssuerKeys, KeyStore, UrlKeySource, keys_file

        every = timedelta(minutes=self.settings.platform.key_refresh_minutes)
        stores = {}
        for issuer in issuer_list(self.settings):
            source = self.platform if issuer.primary else self.issuer_clients.get(issuer.id)
            if issuer.keys_url:
                source = UrlKeySource(issuer.keys_url, self.settings.platform.timeout_s)
            cache = FileKeyCache(self.paths.keys.with_name(keys_file(issuer.id, issuer.primary)))
            stores[issuer.id] = KeyStore(cache, source, self.clock, refresh_interval=every)
        self.issuer_keys = IssuerKeys(stores, self.settings.platform.id)
        self.keys = self.issuer_keys.main

    def platform_for(self, issuer_id: str | None) -> PlatformClient | None:
        """The client of the platform `issuer_id` ([platform] for None or its own id); None when
        this counter does not take that platform's codes."""
        if issuer_id is None or issuer_id == self.settings.platform.id:
            return self.platform
        return self.issuer_clients.get(issuer_id)

    def outbox_client(self):
        """What the outbox worker sends with: each message to the platform its payload names
        (sync.issuer_clients.IssuerRouter); [platform]'s client alone when there is no other."""
        if not self.issuer_clients:
            return self.platform
        from sync.issuer_clients import IssuerRouter

        return IssuerRouter(self.settings.platform.id, self.platform, self.issuer_clients)

    def start_sync(self) -> OutboxWorker:
        """Starts the background loops (pos_terminal.app.background), each on its own thread: the
        outbox worker (its first job of every round recovers the prepaid journal), the refund sync
        and the key refresh, so a sale's settlement never waits behind other platform traffic."""
        from pos_terminal.app.background import BackgroundLoops

        if self.background is None:
            self.background = BackgroundLoops.for_terminal(self)
        self.background.start()
        self.sync_worker, self.refund_loop = self.background.outbox, self.background.refunds
        return self.background.outbox

    def recover_prepaid(self) -> Recovered | None:
        """Resolves the prepaid-card debits and credits journalled before this terminal started
        (a crash, kill -9) with the platform, by their Idempotency-Keys (services.card_journal:
        a debit no sale records goes back to the card). The sync worker's first job of every
        round, so it runs at start before anything else it does, and again until the platform
        answers. Blocking. Returns the card_journal.Recovered (None: the platform is away)."""
        from pos_terminal.ports import PlatformUnavailable
        from pos_terminal.services import card_journal

        if self._started_at is None:
            self._started_at = self.clock.now()
        journal = card_journal.Journal(self.uow, self.clock, self.settings.terminal.terminal_id)
        try:
            return card_journal.recover_prepaid(journal, self.platform, written_before=self._started_at)
        except PlatformUnavailable as exc:
            log.warning("prepaid journal not recovered yet: platform unreachable", extra={"error": exc.message})
            return None

    def wake_sync(self) -> None:
        """After a sale: the worker sends at once instead of at its next poll. Any thread."""
        if self.sync_worker is not None:
            self.sync_worker.wake()

    # -- the services' contexts: wiring (settings, devices, platform, hooks), they open nothing -----
    def refund_context(self, *, render_receipt: Callable | None = None) -> RefundContext:
        """services.refunds.RefundContext for this terminal (devices, platform, photo folder)."""
        from pos_terminal.services.refunds import RefundContext
        from pos_terminal.storage.files import FilePhotoStore

        ids = self.settings.terminal
        if render_receipt is None:
            from receipts.refund_receipt import build_refund_receipt

            paper = self.settings.printer.paper_width_mm
            render_receipt = lambda info: build_refund_receipt(info, language="zh_CN", paper_width_mm=paper)  # noqa: E731
        ctx = RefundContext(self.uow, self.clock, ids.terminal_id, ids.store_id,
                            FilePhotoStore(self.paths.refund_photos), platform=self.platform,
                            store_name=ids.store_name, timezone=ids.timezone,
                            printer=self.devices.printer, drawer=self.devices.drawer,
                            card_terminal=self.devices.card_terminal, render_receipt=render_receipt,
                            override_limit_minor=self.settings.refunds.manager_override_limit_minor,
                            day_change_hour=ids.day_change_hour,
                            # issue 16: each case talks to the platform of its order
                            platform_id=self.settings.platform.id, platform_for=self.platform_for,
                            other_platforms=tuple(self.issuer_clients), case_platforms=self._refund_case_platforms,
                            after_commit=self.wake_sync)
        return ctx

    def checkout_context(self, user, *, manual_handler: Callable | None = None,
                         render_receipt: Callable | None = None) -> CheckoutContext:
        """services.checkout.CheckoutContext for `user` at this terminal (the one place it is built).
        A standalone card terminal (drivers/factory.py builds it) asks `manual_handler` for the
        approval code. Opens nothing."""
        from pos_terminal.services.checkout import CheckoutContext

        ids = self.settings.terminal
        card = self.devices.card_terminal
        if manual_handler is not None and card is not None and hasattr(card, "handler") \
                and card.handler is not manual_handler:
            card.handler = manual_handler
        from pos_terminal.app.receipts import void_slip_document

        paper = self.settings.printer.paper_width_mm
        if render_receipt is None:
            from pos_terminal.app.receipts import sale_receipt_document

            render_receipt = lambda info: sale_receipt_document(info, language="zh_CN", paper_width_mm=paper)  # noqa: E731
        return CheckoutContext(
            self.uow, self.clock, ids.terminal_id, ids.store_id, ids.store_name, ids.timezone,
            user.user_id, user.display_name, self.platform, card, self.devices.printer, self.devices.drawer,
            render_receipt=render_receipt, after_commit=self.wake_sync, claim_ttl_s=self.settings.platform.claim_ttl_s,
            render_void_slip=lambda info: void_slip_document(info, language="zh_CN", paper_width_mm=paper),
            day_change_hour=ids.day_change_hour, issuers=self.issuer_clients)

    def day_context(self, *, render_report: Callable | None = None) -> DayContext:
        """services.day_context.DayContext for this terminal ([shift] settings, devices, platform)."""
        from pos_terminal.services.day_context import DayContext

        ids, shift = self.settings.terminal, self.settings.shift
        if render_report is None:
            from receipts.report_document import build_report_receipt

            paper = self.settings.printer.paper_width_mm
            render_report = lambda report: build_report_receipt(report, language="zh_CN", paper_width_mm=paper)  # noqa: E731
        return DayContext(self.uow, self.clock, ids.terminal_id, ids.store_id, store_name=ids.store_name,
                          timezone=ids.timezone, currency=ids.currency, denominations=tuple(shift.denominations_minor),
                          over_short_limit_minor=shift.over_short_limit_minor, platform=self.platform,
                          printer=self.devices.printer, drawer=self.devices.drawer,
                          card_terminal=self.devices.card_terminal, render_report=render_report,
                          day_change_hour=ids.day_change_hour, max_float_minor=shift.max_float_minor,
                          usual_float_minor=shift.usual_float_minor, platform_id=self.settings.platform.id)

    # -- the background loops' jobs and the devices ----------------------------------------------
    def refund_housekeeping(self) -> None:
        """The refund loop's round (its own thread, beside the outbox worker, so a settlement never
        waits behind it): sends intakes stored while the platform was away, then looks for
        sellers' decisions (each platform that has open cases of this terminal); tells the platform of the double payments paid back here that it has
        not heard of (after an outage or a crash). Blocking."""
        from pos_terminal.services import refund_cases, refunds

        ctx = self.refund_context()
        first, self._refund_rounds = not self._refund_rounds, self._refund_rounds + 1
        refunds.submit_due(ctx, force=first)  # after a start, at once: the backoff was the last run's
        refunds.poll_decisions(ctx)
        refund_cases.resend_due(ctx, force=first)  # double payments paid back here: the platform hears of them

    def open_devices(self, on_status: Callable[[DeviceStatus], None], on_scan: Callable | None = None) -> None:
        """Opens every device, one after another, reporting each status; then starts the scanner
        with `on_scan` (a scanner that failed to open keeps retrying on its own thread, so one
        plugged in later just starts working). Later status changes of a device that reports
        them (unplugged, reconnected) also reach `on_status`. Blocking: a worker's job."""
        for device in self._device_list():
            try:
                status = device.open()
            except Exception as exc:  # an adapter bug must not stop the other devices opening
                log.exception("device open failed")
                kind = getattr(device, "kind", "device")
                status = DeviceStatus(kind, DeviceState.ERROR, "", f"failed to open: {exc}")
            on_status(status)
            if isinstance(device, StatusReporter):
                device.add_status_listener(on_status)
        if self.devices.card_terminal is None:
            on_status(DeviceStatus("card_terminal", DeviceState.NOT_CONFIGURED, "none", "no card terminal configured"))
        if on_scan is not None:
            try:
                self.devices.scanner.start(on_scan)
            except Exception as exc:
                log.exception("scanner start failed")
                on_status(DeviceStatus("scanner", DeviceState.ERROR, "", f"failed to start: {exc}"))

    def _device_list(self) -> list:
        devices = [self.devices.scanner, self.devices.printer, self.devices.drawer]
        if self.devices.card_terminal is not None:
            devices.append(self.devices.card_terminal)
        return devices

    def close(self) -> None:
        if self.background is not None:
            self.background.stop()
            self.background = self.sync_worker = self.refund_loop = None
        if isinstance(self.platform, Closeable):
            self.platform.close()
        for client in self.issuer_clients.values():
            if isinstance(client, Closeable):
                client.close()
        if self._sandbox is not None:
            self._sandbox.stop()
            self._sandbox = None
        while self._issuer_sandboxes:
            self._issuer_sandboxes.pop().stop()
        for device in self._device_list():
            try:
                device.close()
            except Exception:
                log.exception("device close failed")
        while self._stand_ins:
            stop = self._stand_ins.pop()
            try:
                stop()
            except Exception:
                log.exception("stand-in device did not stop")
        if self._lock is not None:
            self._lock.release()
            self._lock = None
        self.engine.dispose()


def build_scanner(settings: Settings):
    from drivers.sources import scanner_from_settings

    return scanner_from_settings(settings.scanner)


def build_devices(settings: Settings) -> DeviceSet:
    from drivers.factory import card_terminal_from_settings, drawer_from_settings, printer_from_settings

    printer = printer_from_settings(settings.printer)
    return DeviceSet(
        scanner=build_scanner(settings),
        printer=printer,
        drawer=drawer_from_settings(settings.drawer, printer),
        card_terminal=card_terminal_from_settings(settings.card_terminal, store_timezone=settings.terminal.timezone),
    )

def build_platform(settings: Settings, credentials: Credentials, *, sandbox_url: str | None = None,
                   credentials_file: Path | None = None) -> PlatformClient:
    """The platform client the settings ask for. Mode "sandbox" talks to `sandbox_url` (the
    demo's in-process sandbox) or base_url, with the credentials file's secret or else the
    sandbox's seeded one; with neither URL it is offline until `start_demo_platform`. Mode
    "remote" needs base_url and platform_secret in the credentials file (SettingsError otherwise).
    Builds a client only: no connection is made here."""
    from sync.client import HttpPlatformClient
    from sync.offline import OfflinePlatform

    p, ids = settings.platform, settings.terminal
    if p.mode == "none":
        return OfflinePlatform("no platform configured (platform mode 'none')")
    if p.mode == "remote":
        if not credentials.platform_secret:
            where = credentials_file or "the credentials file"
            raise SettingsError(str(where), message=(
                "platform mode 'remote' needs platform_secret: add the line platform_secret = \"...\" (the secret "
                f"the platform issued for {ids.store_id}/{ids.terminal_id}) to this file, mode 0600"))
        return HttpPlatformClient(p.base_url, ids.store_id, ids.terminal_id, credentials.platform_secret, p.timeout_s,
                              counter_budget_s=p.counter_wait_s)
    url = sandbox_url or p.base_url
    if not url:
        return OfflinePlatform("platform mode 'sandbox' but no sandbox is running: `pos-terminal demo` starts one; "
                               "or run `pos-terminal sandbox` and set [platform] base_url")
    secret = credentials.platform_secret or sandbox_secret(ids.store_id, ids.terminal_id)
    if secret is None:
        return OfflinePlatform(f"the sandbox has no terminal {ids.store_id}/{ids.terminal_id}; use store demo-store "
                               "and terminal T01 or T02, or put its secret in the credentials file")
    return HttpPlatformClient(url, ids.store_id, ids.terminal_id, secret, p.timeout_s,
                              counter_budget_s=p.counter_wait_s)


def build_issuer_platform(settings: Settings, credentials: Credentials, issuer, *, sandbox_url: str | None = None,
                          credentials_file: Path | None = None) -> PlatformClient:
    """The client of a further platform (a config.issuers.Issuer of [[issuers]]), as build_platform
    does for [platform]: mode "sandbox" talks to `sandbox_url` or its base_url with its secret from
    [issuer_secrets] or else the sandbox's seeded one (offline until the demo starts it when it
    has neither); mode "remote" needs base_url and its secret in [issuer_secrets]."""
    from sync.client import HttpPlatformClient
    from sync.offline import OfflinePlatform

    p, ids = settings.platform, settings.terminal
    secret = credentials.secret_for(issuer.id)
    if issuer.mode == "remote":
        if not issuer.base_url.startswith(("https://", "http://")):
            raise SettingsError("settings", message=f"issuers: platform {issuer.id!r} is mode 'remote' but has no "
                                                    "base_url (https://...)")
        if not secret:
            where = credentials_file or "the credentials file"
            raise SettingsError(str(where), message=(
                f"platform {issuer.id!r} ([[issuers]], mode 'remote') needs its secret: add the table "
                f"[issuer_secrets] with the line \"{issuer.id}\" = \"...\" (the secret it issued for "
                f"{ids.store_id}/{ids.terminal_id}) to this file, mode 0600"))
        return HttpPlatformClient(issuer.base_url, ids.store_id, ids.terminal_id, secret, p.timeout_s,
                              counter_budget_s=p.counter_wait_s)
    url = sandbox_url or issuer.base_url
    if not url:
        return OfflinePlatform(f"platform {issuer.id!r} is a sandbox without base_url and none is running: "
                               "`pos-terminal demo` starts one, or run `pos-terminal sandbox --platform-id "
                               f"{issuer.id}` and set its base_url")
    secret = secret or sandbox_secret(ids.store_id, ids.terminal_id)
    if secret is None:
        return OfflinePlatform(f"platform {issuer.id!r}: the sandbox has no terminal {ids.store_id}/{ids.terminal_id}; "
                               "put its secret in [issuer_secrets] of the credentials file")
    return HttpPlatformClient(url, ids.store_id, ids.terminal_id, secret, p.timeout_s,
                              counter_budget_s=p.counter_wait_s)


def sandbox_secret(store_id: str, terminal_id: str) -> str | None:
    from sync.sandbox.seed import TERMINALS

    return next((secret for s, t, secret in TERMINALS if (s, t) == (store_id, terminal_id)), None)

def build_terminal(
    settings: Settings,
    *,
    demo: bool = False,
    settings_file: Path | None = None,
    clock: Clock | None = None,
    hasher: ScryptPinHasher | None = None,
    take_lock: bool = True,
    configure_logs: bool = True,
) -> Terminal:
    """Wires the terminal. Raises StorageError / SettingsError with a message for the person
    at the counter; nothing is half-written when it does (migrations are one transaction)."""
    if demo:  # the demo's second sandbox platform (issue 16), unless the settings name their own
        from pos_terminal.app.demo import demo_settings

        settings = demo_settings(settings)
    paths = data_paths(settings, demo)
    ensure_writable_folder(paths.root)
    log_file = None
    if configure_logs:
        log_file = configure_logging(paths.logs, settings.logging.level, settings.logging.max_bytes, settings.logging.backups)
    cred_path = Path(settings.platform.credentials_file).expanduser() if settings.platform.credentials_file else paths.credentials
    credentials = load_credentials(cred_path)
    url = settings.database.url or sqlite_url(paths.database)
    engine = make_engine(url, busy_timeout_ms=settings.database.busy_timeout_ms, password=credentials.database_password)
    check_connection(engine)
    lock = None
    if take_lock:
        lock = InstanceLock(engine, settings.terminal.terminal_id)
        lock.acquire()
    try:
        orm.start_mappers()
        migrate.upgrade(engine)
        terminal = Terminal(
            settings=settings,
            paths=paths,
            engine=engine,
            clock=clock or SystemClock(),
            hasher=hasher or ScryptPinHasher(min_length=settings.security.pin_min_length),
            lockout=LockoutPolicy(settings.security.max_failed_attempts, timedelta(minutes=settings.security.lockout_minutes)),
            devices=build_devices(settings),
            platform=build_platform(settings, credentials, credentials_file=cred_path),
            credentials=credentials,
            demo=demo,
            settings_file=settings_file,
            log_file=log_file,
            _lock=lock,
            _sessions=session_factory(engine),
        )
        terminal._started_at = terminal.clock.now()
        if demo:
            from pos_terminal.app.demo import seed_demo_users

            seed_demo_users(terminal)
    except BaseException:
        if lock is not None:
            lock.release()
        engine.dispose()
        raise
    log.info(
        "terminal started",
        extra={"terminal_id": settings.terminal.terminal_id, "demo": demo, "database": engine.url.render_as_string(hide_password=True)},
    )
    return terminal
