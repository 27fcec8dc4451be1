"""The settings schema: typed, validated, with every default in one place.

A settings file is TOML; unknown keys are errors (a misspelt key must not silently fall back to
its default at a busy counter). No credential belongs here: secrets live in the credentials file
(see config/credentials.py), readable only by its owner.
"""

from __future__ import annotations

import re
from enum import Enum
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Ident = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")]


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


class Language(str, Enum):
    AUTO = "auto"
    ZH_CN = "zh_CN"
    EN = "en"


class TerminalSettings(_Section):
    store_id: Ident = "demo-store"
    terminal_id: Ident = "T01"
    store_name: str = Field("Demo Store", min_length=1, max_length=100)
    timezone: str = "Asia/Shanghai"
    currency: Literal["CNY", "HKD", "USD", "EUR", "JPY", "KRW"] = "CNY"
    # The local hour the business day changes at (0: midnight; 4: sales until 04:00 count to the
    # day before). After the day's Z, shifts and sales count to the next business day.
    day_change_hour: int = Field(0, ge=0, le=12)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, v: str) -> str:
        try:
            ZoneInfo(v)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError("must be an IANA time zone name such as 'Asia/Shanghai'") from None
        return v


class DatabaseSettings(_Section):
    # Empty: the embedded SQLite file in the data folder. A PostgreSQL URL shares one database
    # between the store's terminals; its password goes in the credentials file, not here.
    url: str = ""
    busy_timeout_ms: int = Field(5000, ge=100, le=120_000)

    @field_validator("url")
    @classmethod
    def _no_password(cls, v: str) -> str:
        if v and not (v.startswith("sqlite:") or v.startswith("postgresql")):
            raise ValueError("must be empty (embedded SQLite), sqlite:///PATH or postgresql+psycopg://USER@HOST/DB")
        if "@" in v and ":" in v.split("://", 1)[-1].split("@", 1)[0]:
            raise ValueError("must not carry a password; put database_password in the credentials file")
        return v


class DataSettings(_Section):
    dir: str = ""  # empty: the user's data folder (e.g. ~/.local/share/pos-terminal)


class PlatformSettings(_Section):
    # "sandbox": a sandbox platform. With base_url empty, `pos-terminal demo` starts one in-process
    # (its data beside the demo database); with base_url set (a `pos-terminal sandbox` elsewhere),
    # the terminal talks to it with the seeded credential unless the credentials file has one.
    # "remote": base_url and platform_secret from the credentials file. "none": always offline.
    mode: Literal["sandbox", "remote", "none"] = "sandbox"
    base_url: str = ""  # for "remote": https://platform.example/api/v1
    timeout_s: float = Field(5.0, gt=0, le=60)
    # how long a cashier waits on the platform for one scan or look-up (key refresh, look-up and
    # claim together) before the counter goes on offline; the outbox keeps timeout_s and retries
    counter_wait_s: float = Field(1.0, ge=0.2, le=10)
    credentials_file: str = ""  # empty: credentials.toml in the data folder
    claim_ttl_s: int = Field(180, ge=30, le=900)  # how long an order stays locked to this terminal
    key_refresh_minutes: int = Field(60, ge=1, le=1440)  # voucher public keys are fetched this often
    sync_poll_s: float = Field(5.0, ge=0.2, le=300)  # the outbox worker looks for unsent rows this often
    # this platform as an issuer of payment codes (issue 16): its id names it in statements, keys and
    # settlements; further platforms at the same counter are [[issuers]]
    id: Ident = "demo-shop"
    name: str = Field("Demo Shop", min_length=1, max_length=100)

    @model_validator(mode="after")
    def _remote_needs_url(self):
        if self.mode == "remote" and not self.base_url.startswith(("https://", "http://")):
            raise ValueError("base_url: mode 'remote' needs base_url starting with https://")
        if self.base_url and not self.base_url.startswith(("https://", "http://")):
            raise ValueError("base_url: must start with https:// or http://")
        return self


class BankAccount(_Section):
    """An account money is sent from or to (ISO 20022: a debtor or a creditor)."""

    holder: str = Field("", max_length=70)
    iban: str = Field("", max_length=34)  # empty: `number` (an account that has no IBAN, e.g. in China)
    number: str = Field("", max_length=34)
    bic: str = Field("", max_length=11)  # the bank; empty: "NOTPROVIDED"


class ContractSettings(_Section):
    """The merchant contract: the commission the store earns per paid order."""

    percent_bp: int = Field(150, ge=0, le=10_000)  # basis points of the order's amount (150 = 1.50 %)
    fixed_minor: int = Field(0, ge=0, le=1_000_000)  # per paid order
    rounding: Literal["half_up", "half_even", "down"] = "half_up"  # each order's percentage to a minor unit


class IssuerSettings(_Section):
    """A further platform whose payment codes this counter takes ([[issuers]]); the first issuer is
    always [platform] with [settlement]'s route, contract and account."""

    id: Ident
    name: str = Field(min_length=1, max_length=100)
    mode: Literal["sandbox", "remote"] = "sandbox"
    base_url: str = ""  # sandbox with empty base_url: the demo starts one
    keys_url: str = ""  # empty: <base_url>/voucher-keys
    route: Literal["direct", "clearing_house"] = "direct"
    contract: ContractSettings = ContractSettings()
    account: BankAccount = BankAccount()  # where the store pays this platform


class ClearingHouseSettings(_Section):
    url: str = ""  # empty: the demo starts one on loopback; elsewhere the clearing-house route needs it
    public_key: str = ""  # the key that signs its reports (base64url Ed25519), pinned; empty: the demo's own
    timeout_s: float = Field(5.0, gt=0, le=60)


class SettlementSettings(_Section):
    """How the store settles with [platform] (issue 16); [[issuers]] carry their own route,
    contract and account."""

    route: Literal["direct", "clearing_house"] = "direct"
    contract: ContractSettings = ContractSettings()
    platform_account: BankAccount = BankAccount(holder="Demo Shop Ltd", iban="DE89370400440532013000",
                                                bic="COBADEFFXXX")
    store_account: BankAccount = BankAccount(holder="Demo Store", iban="DE02120300000000202051",
                                             bic="BYLADEM1001")  # the store's own account (the debtor)
    export_dir: str = ""  # empty: settlement/ in the data folder
    clearing_house: ClearingHouseSettings = ClearingHouseSettings()


class WedgeSettings(_Section):
    max_key_gap_ms: int = Field(35, ge=5, le=500)
    min_length: int = Field(4, ge=1, le=64)
    terminator: Literal["enter", "tab", "none", "custom"] = "enter"
    custom_terminator: str = ""
    layout: Literal["us", "de", "fr", "uk"] = "us"


class SerialScannerSettings(_Section):
    port: str = ""
    baud: Literal[1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200] = 9600
    data_bits: Literal[5, 6, 7, 8] = 8
    parity: Literal["N", "E", "O", "M", "S"] = "N"
    stop_bits: Literal[1, 1.5, 2] = 1
    flow_control: Literal["none", "rtscts", "xonxoff"] = "none"
    suffix: Literal["CR", "LF", "CRLF", "ETX", "TAB", "none", "custom"] = "CR"
    custom_suffix: str = ""
    idle_gap_ms: int = Field(50, ge=5, le=2000)
    prefix: str = ""
    aim_ids: bool = False

    @model_validator(mode="after")
    def _suffix_and_prefix(self):
        if self.suffix == "custom" and not self.custom_suffix:
            raise ValueError("custom_suffix: suffix 'custom' needs custom_suffix, e.g. \"\\x03\" or \"#\"")
        for key in ("custom_suffix", "prefix"):
            if not re.fullmatch(r"(?:[^\\]|\\[rnt\\]|\\x[0-9A-Fa-f]{2})*", getattr(self, key)):
                raise ValueError(f"{key}: allowed escapes are \\r \\n \\t \\\\ and \\xHH")
        return self


class CameraSettings(_Section):
    source: str = "0"  # index, /dev/videoN or a video file
    width: int = Field(1280, ge=160, le=4096)
    height: int = Field(720, ge=120, le=2160)
    decoder: Literal["zxing", "pyzbar", "both"] = "both"
    repeat_window_ms: int = Field(1500, ge=0, le=60_000)


class ScannerSettings(_Section):
    kind: Literal["simulated", "wedge", "evdev", "serial", "camera"] = "simulated"
    evdev_device: str = ""  # name, vendor:product or /dev/input/by-path/...
    wedge: WedgeSettings = WedgeSettings()
    serial: SerialScannerSettings = SerialScannerSettings()
    camera: CameraSettings = CameraSettings()

    @model_validator(mode="after")
    def _kind_needs_its_device(self):
        if self.kind == "serial" and not self.serial.port:
            raise ValueError("serial.port: kind 'serial' needs a port such as /dev/ttyACM0")
        if self.kind == "evdev" and not self.evdev_device:
            raise ValueError("evdev_device: kind 'evdev' needs a device name, vendor:product or path")
        return self


class PrinterSettings(_Section):
    kind: Literal["simulated", "network", "usb", "serial", "none"] = "simulated"
    host: str = ""
    port: int = Field(9100, ge=1, le=65535)
    usb_vendor_id: str = ""  # hex, e.g. "04b8"
    usb_product_id: str = ""
    serial_port: str = ""
    serial_baud: int = Field(19200, ge=1200, le=115200)
    paper_width_mm: Literal[58, 80] = 80
    chinese: Literal["gb18030", "image"] = "gb18030"
    profile: str = "default"
    timeout_s: float = Field(5.0, gt=0, le=60)  # connect, write and status answers

    @model_validator(mode="after")
    def _kind_needs_address(self):
        if self.kind == "network" and not self.host:
            raise ValueError("host: kind 'network' needs the printer's host name or IP address")
        if self.kind == "usb" and not (self.usb_vendor_id and self.usb_product_id):
            raise ValueError("usb_vendor_id: kind 'usb' needs usb_vendor_id and usb_product_id (hex)")
        if self.kind == "serial" and not self.serial_port:
            raise ValueError("serial_port: kind 'serial' needs a port such as /dev/ttyS0")
        return self


class DrawerSettings(_Section):
    kind: Literal["printer", "simulated", "none"] = "simulated"
    pin: Literal[2, 5] = 2  # the printer's drawer-kick connector pin
    reports_state: bool = False  # the drawer's switch is wired to the printer (DLE EOT 1, bit 3)
    open_when_high: bool = True  # which level of that switch means "open"


class CardTerminalSettings(_Section):
    kind: Literal["simulated", "manual", "none"] = "simulated"
    host: str = "127.0.0.1"
    port: int = Field(0, ge=0, le=65535)  # 0: the terminal starts its own simulator on a free port
    timeout_s: float = Field(60.0, gt=0, le=300)  # how long a charge may take (PIN entry included)


class RefundSettings(_Section):
    # The camera for photos of a defect: index, /dev/videoN or a video file. Where the scanner is a
    # camera on this same source, the photos come from the scanner's frames (no second opening).
    photo_camera: str = "0"
    # Most cash a manager may pay out before the platform approves (0: never), in minor units.
    manager_override_limit_minor: int = Field(5000, ge=0, le=10_000_000)


class ShiftSettings(_Section):
    # The notes and coins counted at a shift's opening and close, in minor units (CNY: fen).
    denominations_minor: tuple[int, ...] = (10000, 5000, 2000, 1000, 500, 100, 50, 10)
    # A count that differs from the expected cash by more than this needs a manager and a note.
    over_short_limit_minor: int = Field(1000, ge=0, le=10_000_000)
    # An opening float above max_float_minor is refused; one above usual_float_minor is asked again.
    max_float_minor: int = Field(1_000_000, ge=0, le=100_000_000)
    usual_float_minor: int = Field(200_000, ge=0, le=100_000_000)
    # The close is counted without the expected cash shown; over/short appears after the count.
    blind_close: bool = False
    # The Z report is printed on the receipt printer as soon as the day is closed.
    print_z_at_close: bool = False

    @model_validator(mode="after")
    def _usual_below_max(self):
        if self.usual_float_minor > self.max_float_minor:
            raise ValueError("usual_float_minor: must not be above max_float_minor")
        return self

    @field_validator("denominations_minor")
    @classmethod
    def _denominations(cls, v: tuple[int, ...]) -> tuple[int, ...]:
        if not v or any(d <= 0 for d in v) or len(set(v)) != len(v):
            raise ValueError("must list each note and coin once, as positive whole minor units (fen), "
                             "e.g. [10000, 5000, 2000, 1000, 500, 100, 50, 10]")
        return tuple(sorted(v, reverse=True))


class UISettings(_Section):
    language: Language = Language.AUTO
    # how the window opens: maximized (fits the screen with its title bar and the taskbar),
    # fullscreen (nothing else on screen), or normal (a window of 1024x768 at most)
    window: Literal["maximized", "fullscreen", "normal"] = "maximized"
    fullscreen: bool = False  # true: as window = "fullscreen" (the older spelling)
    font_scale: float = Field(1.0, ge=0.75, le=2.0)


class SecuritySettings(_Section):
    pin_min_length: int = Field(4, ge=4, le=12)
    max_failed_attempts: int = Field(5, ge=1, le=20)
    lockout_minutes: int = Field(5, ge=1, le=1440)
    idle_sign_out_minutes: int = Field(0, ge=0, le=480)  # 0: never


class LoggingSettings(_Section):
    level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    max_bytes: int = Field(5_000_000, ge=100_000, le=500_000_000)
    backups: int = Field(5, ge=1, le=100)


class Settings(_Section):
    terminal: TerminalSettings = TerminalSettings()
    database: DatabaseSettings = DatabaseSettings()
    data: DataSettings = DataSettings()
    platform: PlatformSettings = PlatformSettings()
    scanner: ScannerSettings = ScannerSettings()
    printer: PrinterSettings = PrinterSettings()
    drawer: DrawerSettings = DrawerSettings()
    card_terminal: CardTerminalSettings = CardTerminalSettings()
    refunds: RefundSettings = RefundSettings()
    shift: ShiftSettings = ShiftSettings()
    ui: UISettings = UISettings()
    security: SecuritySettings = SecuritySettings()
    logging: LoggingSettings = LoggingSettings()
    settlement: SettlementSettings = SettlementSettings()
    issuers: tuple[IssuerSettings, ...] = ()

    @model_validator(mode="after")
    def _issuer_ids_distinct(self):
        seen = {self.platform.id}
        for issuer in self.issuers:
            if issuer.id in seen:
                where = "[platform] id and an [[issuers]] entry" if issuer.id == self.platform.id \
                    else "two [[issuers]] entries"
                raise ValueError(f"issuers: platform id {issuer.id!r} is given twice ({where}); each platform "
                                 "whose payment codes this counter takes needs its own id: remove or rename one")
            seen.add(issuer.id)
        return self

    @model_validator(mode="after")
    def _drawer_needs_printer(self):
        if self.drawer.kind == "printer" and self.printer.kind in ("none", "simulated"):
            raise ValueError(
                "drawer.kind: 'printer' kicks the drawer through a real printer; configure [printer] kind "
                "or set [drawer] kind to 'simulated' or 'none'"
            )
        return self
