"""Tables, and the imperative mapping of the domain classes onto them. The domain never sees
this module: `start_mappers()` is called once by the composition root (pos_terminal.app.container)
or a test before any session."""

from __future__ import annotations

import threading

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    Column,
    ForeignKey,
    Identity,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    Uuid,
    text,
)
from sqlalchemy.ext.orderinglist import ordering_list
from sqlalchemy.orm import clear_mappers, composite, registry, relationship

from pos_terminal.domain import model as m
from pos_terminal.money import Money


# the settlement tables (issue 16) are declared on the same metadata in their own module
from pos_terminal.storage.orm_settlement import (  # noqa: F401
    clearing_reports,
    remittances,
    settlement_statements,
    statement_counters,
)
from pos_terminal.storage.orm_types import CURRENCY, UTCDateTime, _enum, convention, metadata  # noqa: F401

users = Table(
    "users",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("username", String(64), nullable=False, unique=True),
    Column("display_name", String(128), nullable=False),
    Column("role", _enum(m.Role, "role"), nullable=False),
    Column("pin_hash", String(255), nullable=False),
    Column("active", Boolean, nullable=False, default=True),
    Column("failed_attempts", Integer, nullable=False, default=0),
    Column("locked_until", UTCDateTime),
    Column("last_sign_in_at", UTCDateTime),
    Column("created_at", UTCDateTime),
)

orders = Table(
    "orders",
    metadata,
    Column("order_no", String(64), primary_key=True),
    Column("merchant_id", String(64), nullable=False),
    Column("merchant_name", String(200), nullable=False),
    Column("currency", CURRENCY, nullable=False),
    Column("status", _enum(m.OrderStatus, "order_status"), nullable=False),
    Column("expires_at", UTCDateTime),
    Column("platform_id", String(64)),  # migration 0010: the issuer (NULL: [platform].id)
)

order_lines = Table(
    "order_lines",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("order_no", ForeignKey("orders.order_no", ondelete="CASCADE"), nullable=False, index=True),
    Column("line_no", Integer, nullable=False),
    Column("sku", String(64), nullable=False),
    Column("name", String(200), nullable=False),
    Column("unit_price_minor", Integer, nullable=False),
    Column("currency", CURRENCY, nullable=False),
    Column("quantity", Integer, nullable=False),
    UniqueConstraint("order_no", "line_no"),
    CheckConstraint("quantity > 0", name="quantity_positive"),
)

item_units = Table(
    "item_units",
    metadata,
    Column("item_code", String(64), primary_key=True),
    Column("line_id", ForeignKey("order_lines.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("refunded", Boolean, nullable=False, default=False),
)

shifts = Table(
    "shifts",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("terminal_id", String(64), nullable=False),
    Column("opened_by", ForeignKey("users.id"), nullable=False),
    Column("opening_float_minor", Integer, nullable=False),
    Column("currency", CURRENCY, nullable=False),
    Column("opened_at", UTCDateTime, nullable=False),
    Column("status", _enum(m.ShiftStatus, "shift_status"), nullable=False),
    Column("closed_by", ForeignKey("users.id")),
    Column("closed_at", UTCDateTime),
    Column("counted_cash_minor", Integer),
    # cash control (migration 0005): the business day the shift counts to, the count by
    # denomination, what the drawer should have held, over (+) or short (-), and a manager's word
    Column("business_date", Date),
    Column("counted_denominations", JSON),
    Column("expected_cash_minor", Integer),
    Column("over_short_minor", Integer),
    Column("close_note", Text),
    Column("close_approved_by", Uuid),
    # who sells in the shift since an explicit take-over (migration 0009); NULL: who opened it
    Column("held_by", Uuid),
    # At most one open shift per terminal, enforced by the database itself.
    Index(
        "uq_shifts_one_open_per_terminal",
        "terminal_id",
        unique=True,
        sqlite_where=text("status = 'open'"),
        postgresql_where=text("status = 'open'"),
    ),
)

sales = Table(
    "sales",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("terminal_id", String(64), nullable=False),
    Column("shift_id", ForeignKey("shifts.id"), nullable=False, index=True),
    Column("cashier_id", ForeignKey("users.id"), nullable=False),
    Column("order_no", ForeignKey("orders.order_no"), nullable=False, index=True),
    Column("merchant_id", String(64), nullable=False),
    Column("total_minor", Integer, nullable=False),
    Column("currency", CURRENCY, nullable=False),
    Column("voucher_id", String(64)),
    Column("offline", Boolean, nullable=False, default=False),
    Column("status", _enum(m.SaleStatus, "sale_status"), nullable=False),
    Column("receipt_no", Integer),
    Column("created_at", UTCDateTime, nullable=False),
    Column("paid_at", UTCDateTime),
    UniqueConstraint("terminal_id", "receipt_no"),
    # One paid sale per order in this database: a second local payment is refused here too.
    Index(
        "uq_sales_one_paid_per_order",
        "order_no",
        unique=True,
        sqlite_where=text("status = 'paid'"),
        postgresql_where=text("status = 'paid'"),
    ),
)

tenders = Table(
    "tenders",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("sale_id", ForeignKey("sales.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("position", Integer, nullable=False),
    Column("kind", _enum(m.TenderKind, "tender_kind"), nullable=False),
    Column("amount_minor", Integer, nullable=False),
    Column("tendered_minor", Integer, nullable=False),
    Column("currency", CURRENCY, nullable=False),
    Column("reference", String(64)),
    Column("approval_code", String(32)),
    # Only ever the last four digits: the check keeps a full card number out even by mistake.
    Column("card_last4", String(4)),
    CheckConstraint("amount_minor > 0", name="amount_positive"),
    CheckConstraint("tendered_minor >= amount_minor", name="tendered_covers_amount"),
    CheckConstraint("card_last4 IS NULL OR length(card_last4) = 4", name="card_last4_only"),
)

receipt_counters = Table(
    "receipt_counters",
    metadata,
    Column("terminal_id", String(64), primary_key=True),
    Column("last_no", Integer, nullable=False),
)

receipts = Table(
    "receipts",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("terminal_id", String(64), nullable=False),
    Column("receipt_no", Integer, nullable=False),
    Column("kind", _enum(m.ReceiptKind, "receipt_kind"), nullable=False),
    Column("sale_id", ForeignKey("sales.id")),
    Column("created_at", UTCDateTime, nullable=False),
    Column("print_state", _enum(m.PrintState, "print_state"), nullable=False),
    Column("copies_printed", Integer, nullable=False, default=0),
    UniqueConstraint("terminal_id", "receipt_no"),
)

settlements = Table(
    "settlements",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("sale_id", ForeignKey("sales.id"), nullable=False, unique=True),
    Column("order_no", String(64), nullable=False),
    Column("merchant_id", String(64), nullable=False),
    Column("store_id", String(64), nullable=False),
    Column("terminal_id", String(64), nullable=False),
    Column("receipt_no", Integer, nullable=False),
    Column("amount_minor", Integer, nullable=False),
    Column("currency", CURRENCY, nullable=False),
    Column("tender_kinds", String(64), nullable=False),
    # what each tender kind paid (migration 0005): a refund goes back to each in its share
    Column("tender_amounts", JSON),
    Column("voucher_id", String(64)),  # migration 0005: the voucher that paid (offline), for the platform
    Column("offline", Boolean, nullable=False),
    Column("paid_at", UTCDateTime, nullable=False),
    Column("platform_id", String(64)),  # migration 0010: the issuer paid (NULL: [platform].id)
)

outbox = Table(
    "outbox",
    metadata,
    Column("seq", Integer, Identity(), primary_key=True),
    Column("id", Uuid, nullable=False, unique=True),
    Column("topic", String(32), nullable=False),
    Column("payload", JSON, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", UTCDateTime),
    Column("last_error", Text),
    Column("sent_at", UTCDateTime),
    Column("dead_at", UTCDateTime),  # refused for good: skipped by the drain, shown as needing attention
    Column("outcome", String(32)),  # the platform's answer: paid | refund_case | amount_differs
    # whose message (migration 0005): terminals sharing a store's database each drain their own,
    # with their own credential
    Column("terminal_id", String(64)),
    Index("ix_outbox_pending", "sent_at", "seq"),
    Index("ix_outbox_terminal_pending", "terminal_id", "sent_at", "seq"),
    sqlite_autoincrement=True,  # never reuse a seq, so the drain order is the commit order
)

# Card movements written before they are sent (pos_terminal.domain.model.CardRequest): bank-card
# charges, and prepaid-card debits and credits (migration 0006: kind, parent_id); one whose outcome
# is unknown survives a restart and is resolved with the card terminal or the platform.
card_requests = Table(
    "card_requests",
    metadata,
    Column("request_id", String(64), primary_key=True),
    Column("kind", _enum(m.CardRequestKind, "card_request_kind"), nullable=False,
           server_default=m.CardRequestKind.BANK_CARD.value),
    Column("parent_id", String(64)),  # a prepaid credit: the debit it gives back, or "<refund case>/<leg>"
    Column("terminal_id", String(64), nullable=False),
    Column("order_no", String(64), nullable=False),
    Column("amount_minor", Integer, nullable=False),
    Column("currency", CURRENCY, nullable=False),
    Column("reference", String(64), nullable=False),
    Column("state", _enum(m.CardRequestState, "card_request_state"), nullable=False),
    Column("approval_code", String(32)),
    Column("card_last4", String(4)),
    Column("card_reference", String(64)),
    Column("created_at", UTCDateTime, nullable=False),
    Column("resolved_at", UTCDateTime),
    Index("ix_card_requests_terminal_state", "terminal_id", "state"),
    CheckConstraint("amount_minor > 0", name="amount_positive"),
    CheckConstraint("card_last4 IS NULL OR length(card_last4) = 4", name="card_last4_only"),
)

refund_cases = Table(
    "refund_cases",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("order_no", String(64), nullable=False, index=True),
    Column("item_codes", JSON, nullable=False),
    Column("reason", Text, nullable=False),
    Column("amount_minor", Integer, nullable=False),
    Column("currency", CURRENCY, nullable=False),
    Column("requested_by", ForeignKey("users.id"), nullable=False),
    Column("terminal_id", String(64), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("status", _enum(m.RefundStatus, "refund_status"), nullable=False),
    Column("platform_case_id", String(64)),
    Column("decided_at", UTCDateTime),
    # refund intake (migration 0004): stored whole before it is sent; photos stay in the data
    # folder, with their checksums here, until the platform has them
    Column("merchant_name", String(200)),
    Column("payout_route", _enum(m.PayoutRoute, "payout_route")),
    Column("item_names", JSON),
    Column("photos", JSON),
    Column("offline", Boolean),
    Column("attempts", Integer),
    Column("last_error", Text),
    Column("next_attempt_at", UTCDateTime),
    Column("decided_by", String(32)),
    Column("note", Text),
    Column("paid_out_at", UTCDateTime),
    Column("paid_out_by", Uuid),
    Column("paid_out_route", _enum(m.PayoutRoute, "paid_out_route")),
    Column("payout_reference", String(64)),
    Column("override_by", Uuid),
    Column("shift_id", Uuid, index=True),
    Column("receipt_no", Integer),
    # split payouts (migration 0005): one leg per tender the money goes back to, each recorded as it
    # is done (route, amount, reference, approval, last four); cash_out_minor is the cash leg
    Column("payout_legs", JSON),
    Column("cash_out_minor", Integer),
    # a rejected or refused case stays on the counter's list until acknowledged (migration 0008)
    Column("acknowledged_at", UTCDateTime),
    Column("acknowledged_by", Uuid),
    # the platform that answered for the case's units (migration 0011): the one every later call of
    # the case goes to when this database does not hold its order (NULL: the order's, else [platform])
    Column("platform_id", String(64)),
    Index("ix_refund_cases_status", "status"),
)

# A double payment (the platform's refund case) paid back at this counter (services.refund_cases,
# migration 0007): written with the cash leaving the drawer, before the platform is told. `state`:
# paid_out until the platform took it (reported), conflict when it refused (a person must look).
# The Idempotency-Key of the report derives from `id`, so every resend after a crash is the same.
refund_case_paybacks = Table(
    "refund_case_paybacks",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("platform_case_id", String(64), nullable=False, unique=True),  # one pay-back per case
    Column("terminal_id", String(64), nullable=False),
    Column("store_id", String(64), nullable=False),
    Column("order_no", String(64), nullable=False),
    Column("settlement_id", String(64)),  # the platform's settlement that paid twice
    Column("amount_minor", Integer, nullable=False),
    Column("currency", CURRENCY, nullable=False),
    Column("route", String(16), nullable=False),  # cash
    Column("shift_id", Uuid, index=True),
    Column("receipt_no", Integer, nullable=False),
    Column("cashier_id", Uuid, nullable=False),
    Column("approved_by", Uuid, nullable=False),
    Column("paid_at", UTCDateTime, nullable=False),
    Column("state", String(16), nullable=False),  # paid_out | reported | conflict
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", UTCDateTime),
    Column("last_error", Text),
    Column("reported_at", UTCDateTime),
    Index("ix_refund_case_paybacks_terminal_state", "terminal_id", "state"),
    CheckConstraint("amount_minor > 0", name="amount_positive"),
)

# Cash that moves in or out of the drawer other than by a sale or refund: drops to the safe,
# pay-outs (a supplier, petty cash), pay-ins, and no-sale openings (amount 0), each with a reason.
cash_movements = Table(
    "cash_movements",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("shift_id", ForeignKey("shifts.id"), nullable=False, index=True),
    Column("terminal_id", String(64), nullable=False),
    Column("kind", String(16), nullable=False),  # drop | pay_out | pay_in | no_sale
    Column("amount_minor", Integer, nullable=False),
    Column("currency", CURRENCY, nullable=False),
    Column("reason", Text, nullable=False),
    Column("user_id", ForeignKey("users.id"), nullable=False),
    Column("approved_by", Uuid),
    Column("created_at", UTCDateTime, nullable=False),
    CheckConstraint("amount_minor >= 0", name="amount_not_negative"),
)

# A terminal's business day once it is closed (Z report) and, later, reconciled with the platform
# and the card terminal. The figures are kept as they were printed.
business_days = Table(
    "business_days",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("terminal_id", String(64), nullable=False),
    Column("business_date", Date, nullable=False),
    Column("status", String(16), nullable=False),  # closed | reconciled
    Column("z_no", Integer, nullable=False),
    Column("closed_at", UTCDateTime, nullable=False),
    Column("closed_by", Uuid, nullable=False),
    Column("report", JSON, nullable=False),
    Column("batch_result", JSON),
    Column("card_report", JSON),
    Column("reconciled_at", UTCDateTime),
    Column("reconciled_by", Uuid),
    Column("reconcile_override_by", Uuid),
    Column("reconcile_note", Text),
    UniqueConstraint("terminal_id", "business_date"),
    UniqueConstraint("terminal_id", "z_no"),
)

# The audit trail: append-only, one hash chain per terminal (each row's hash covers its content and
# the previous row's hash), so a changed or deleted row is detected by `pos-terminal audit verify`.
audit_log = Table(
    "audit_log",
    metadata,
    Column("seq", Integer, Identity(), primary_key=True),
    Column("id", Uuid, nullable=False, unique=True),
    Column("terminal_id", String(64), nullable=False),
    Column("at", UTCDateTime, nullable=False),
    Column("user_id", Uuid),
    Column("username", String(64)),
    Column("action", String(32), nullable=False),
    Column("subject", String(200)),
    Column("outcome", String(32), nullable=False),
    Column("details", JSON, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False, unique=True),
    Index("ix_audit_log_terminal_seq", "terminal_id", "seq"),
    sqlite_autoincrement=True,
)

mapper_registry = registry(metadata=metadata)
_mapped = False
_mapped_lock = threading.Lock()


def start_mappers() -> None:
    """Maps the domain classes (idempotent, thread-safe)."""
    global _mapped
    with _mapped_lock:
        if _mapped:
            return
        reg = mapper_registry
        reg.map_imperatively(m.User, users)
        reg.map_imperatively(m.ItemUnit, item_units)
        reg.map_imperatively(
            m.OrderLine,
            order_lines,
            properties={
                "unit_price": composite(Money, order_lines.c.unit_price_minor, order_lines.c.currency),
                "units": relationship(m.ItemUnit, cascade="all, delete-orphan", order_by=item_units.c.item_code),
            },
        )
        reg.map_imperatively(
            m.Order,
            orders,
            properties={
                "lines": relationship(m.OrderLine, cascade="all, delete-orphan", order_by=order_lines.c.line_no),
            },
        )
        reg.map_imperatively(
            m.Shift,
            shifts,
            properties={
                "opening_float": composite(Money, shifts.c.opening_float_minor, shifts.c.currency),
            },
        )
        reg.map_imperatively(
            m.Tender,
            tenders,
            properties={
                "amount": composite(Money, tenders.c.amount_minor, tenders.c.currency),
                "tendered": composite(Money, tenders.c.tendered_minor, tenders.c.currency),
            },
        )
        reg.map_imperatively(
            m.Sale,
            sales,
            properties={
                "total": composite(Money, sales.c.total_minor, sales.c.currency),
                "tenders": relationship(
                    m.Tender,
                    cascade="all, delete-orphan",
                    order_by=tenders.c.position,
                    collection_class=ordering_list("position"),
                    lazy="selectin",
                ),
                # Many-to-one links the domain does not use, declared so that the unit of work
                # inserts an order before its sale, a sale before its receipt and settlement.
                "_order": relationship(m.Order, lazy="raise"),
                "_shift": relationship(m.Shift, lazy="raise"),
            },
        )
        reg.map_imperatively(m.ReceiptCounter, receipt_counters)
        reg.map_imperatively(m.Receipt, receipts, properties={"_sale": relationship(m.Sale, lazy="raise")})
        reg.map_imperatively(
            m.Settlement,
            settlements,
            properties={
                "amount": composite(Money, settlements.c.amount_minor, settlements.c.currency),
                "_sale": relationship(m.Sale, lazy="raise"),
            },
        )
        reg.map_imperatively(m.OutboxMessage, outbox)
        reg.map_imperatively(
            m.CardRequest,
            card_requests,
            properties={"amount": composite(Money, card_requests.c.amount_minor, card_requests.c.currency)},
        )
        reg.map_imperatively(
            m.RefundCase,
            refund_cases,
            properties={"amount": composite(Money, refund_cases.c.amount_minor, refund_cases.c.currency)},
        )
        _mapped = True


def stop_mappers() -> None:
    """Removes the mapping again, leaving plain domain classes (for unit tests of the domain
    with fakes, which must not see instrumented objects)."""
    global _mapped
    with _mapped_lock:
        if _mapped:
            clear_mappers()
            _mapped = False
