"""The ports: what the core needs from the outside world, one module per concern. drivers/,
sync/, receipts/ and pos_terminal/storage implement them; pos_terminal/app/container.py picks the
implementations from the settings; tests/fakes.py has fakes of each, checked against these
protocols by mypy (tests/unit/test_fakes_conform.py).

Every name is re-exported here: `from pos_terminal.ports import X` is the way to import a port.
"""

from pos_terminal.ports.clock import Clock
from pos_terminal.ports.devices import (
    CardDayReport,
    CardOutcome,
    CardResult,
    CardTerminal,
    CashDrawer,
    Device,
    DeviceSet,
    DeviceState,
    DeviceStatus,
    FrameSource,
    PrintableDocument,
    ReceiptPrinter,
    ScanEvent,
    Scanner,
    StatusCallback,
    StatusReporter,
)
from pos_terminal.ports.files import FileUnreadable, KeyCache, PhotoStore
from pos_terminal.ports.platform import (
    AuthenticationFailed,
    Closeable,
    JsonObject,
    PinHasher,
    PlatformClient,
    PlatformError,
    PlatformRefused,
    PlatformStatus,
    PlatformUnavailable,
    VoucherVerifier,
)
from pos_terminal.ports.repositories import (
    AuditRepository,
    BusinessDayRepository,
    CardRequestRepository,
    CashRepository,
    OrderRepository,
    OutboxRepository,
    PaybackRepository,
    ReceiptRepository,
    RefundRepository,
    SaleRepository,
    ShiftRepository,
    UnitOfWork,
    UserRepository,
)
from pos_terminal.ports.rows import (
    AuditRow,
    BusinessDayRow,
    CashMovementRow,
    ClosedDayRow,
    PaybackRow,
    PrepaidTenderRow,
    ReceiptFound,
    RefundPaidRow,
    SettlementRow,
    UnsentSettlement,
)

__all__ = [
    "AuditRepository", "AuditRow", "AuthenticationFailed", "BusinessDayRepository", "BusinessDayRow",
    "CardDayReport", "CardOutcome", "CardRequestRepository", "CardResult", "CardTerminal", "CashDrawer",
    "CashMovementRow",
    "CashRepository", "Clock", "Closeable", "ClosedDayRow", "Device", "DeviceSet", "DeviceState", "DeviceStatus",
    "FileUnreadable", "FrameSource", "JsonObject", "KeyCache", "OrderRepository", "OutboxRepository",
    "PaybackRepository", "PaybackRow", "PhotoStore", "PinHasher", "PlatformClient", "PlatformError",
    "PlatformRefused", "PlatformStatus", "PlatformUnavailable", "PrepaidTenderRow", "PrintableDocument", "ReceiptFound",
    "ReceiptPrinter", "ReceiptRepository", "RefundPaidRow", "RefundRepository", "SaleRepository", "ScanEvent",
    "Scanner", "SettlementRow", "ShiftRepository", "StatusCallback", "StatusReporter", "UnitOfWork",
    "UnsentSettlement", "UserRepository", "VoucherVerifier",
]
