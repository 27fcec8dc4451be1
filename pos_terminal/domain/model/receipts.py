"""Receipt numbers (gap-free per terminal) and the receipts printed."""

from __future__ import annotations

import enum
import uuid
from datetime import datetime

from pos_terminal.domain.model._common import require_aware as _require_aware
from pos_terminal.ids import uuid7


class ReceiptCounter:
    """The per-terminal receipt sequence. Advanced inside the unit of work that records the
    document, so a rolled-back sale gives its number back: numbers have no gaps."""

    def __init__(self, terminal_id: str, last_no: int = 0) -> None:
        self.terminal_id = terminal_id
        self.last_no = last_no

    def next(self) -> int:
        self.last_no += 1
        return self.last_no


class ReceiptKind(str, enum.Enum):
    SALE = "sale"
    REFUND = "refund"
    REPORT = "report"


class PrintState(str, enum.Enum):
    PENDING = "pending"  # committed, waiting for the printer (the reprint queue)
    PRINTED = "printed"
    FAILED = "failed"


class Receipt:
    def __init__(
        self,
        terminal_id: str,
        receipt_no: int,
        kind: ReceiptKind,
        *,
        sale_id: uuid.UUID | None,
        created_at: datetime,
        id: uuid.UUID | None = None,
    ) -> None:
        self.id = id or uuid7()
        self.terminal_id = terminal_id
        self.receipt_no = receipt_no
        self.kind = ReceiptKind(kind)
        self.sale_id = sale_id
        self.created_at = _require_aware(created_at, "created_at")
        self.print_state = PrintState.PENDING
        self.copies_printed = 0
