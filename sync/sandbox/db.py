"""The sandbox platform's own tables (prefix sb_, own MetaData: never mixed with the terminal's).
Money columns are integer minor units; timestamps are timezone-aware UTC."""

from __future__ import annotations

from datetime import timezone

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Engine

from sync.server_db import make_server_engine


class UTCDateTime(TypeDecorator):
    """Stores aware datetimes as UTC; gives them back aware (SQLite keeps no zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the sandbox database")
        return value.astimezone(timezone.utc)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


metadata = MetaData()
TS = UTCDateTime

merchants = Table(
    "sb_merchants", metadata,
    Column("id", String(32), primary_key=True),
    Column("name", String(100), nullable=False),
    Column("refund_threshold", Integer, nullable=False),  # buyer reputation at or above: approved at once
    Column("return_window_days", Integer, nullable=False),
    Column("photo_required", Boolean, nullable=False, default=False),
    Column("secret_sha256", String(64), nullable=False),  # the merchant's API credential (seller decisions)
    Column("webhook_url", String(500)),  # where the merchant's signed event notifications go (None: none)
    Column("webhook_secret", String(128)),  # the HMAC key of those notifications (the merchant holds it too)
)

buyers = Table(
    "sb_buyers", metadata,
    Column("id", String(32), primary_key=True),
    Column("name", String(100), nullable=False),
    Column("reputation", Integer, nullable=False),  # 0..100
    Column("phone", String(32)),  # E.164, where the payment code's SMS goes when an order names none
    Column("email", String(254)),  # where the payment code's e-mail goes when an order names none
    Column("page_token", String(64), unique=True),  # the buyer's page /my/<token> (a capability link)
)

terminals = Table(
    "sb_terminals", metadata,
    Column("store_id", String(64), primary_key=True),
    Column("terminal_id", String(64), primary_key=True),
    Column("store_name", String(100), nullable=False),
    Column("secret_sha256", String(64), nullable=False),
    Column("active", Boolean, nullable=False, default=True),
)

cards = Table(
    "sb_cards", metadata,
    Column("card_no", String(32), primary_key=True),
    Column("holder", String(100), nullable=False),
    Column("balance_minor", BigInteger, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("active", Boolean, nullable=False, default=True),
    # the holder's PIN, as platform.pin_hash makes it (scrypt, own salt): never the PIN itself
    Column("pin_hash", String(200)),
    Column("pin_failures", Integer, nullable=False, default=0),  # wrong PINs in a row
    Column("pin_locked_until", TS),  # no spending (nor balance) until then after too many wrong PINs
)

card_transactions = Table(
    "sb_card_transactions", metadata,
    Column("id", String(36), primary_key=True),
    Column("card_no", ForeignKey("sb_cards.card_no"), nullable=False, index=True),
    Column("kind", String(8), nullable=False),  # debit | credit
    Column("amount_minor", BigInteger, nullable=False),
    Column("balance_after_minor", BigInteger, nullable=False),
    Column("reference", String(100), nullable=False),
    Column("store_id", String(64), nullable=False),
    Column("terminal_id", String(64), nullable=False),
    Column("created_at", TS, nullable=False),
    # the Idempotency-Key the terminal sent: what it resolves an unknown outcome with after a crash
    Column("idempotency_key", String(255), index=True),
    Column("reverses", String(36)),  # a credit that gives a debit back (its transaction id)
)

signing_keys = Table(
    "sb_signing_keys", metadata,
    Column("kid", String(16), primary_key=True),
    Column("private_raw", LargeBinary(32), nullable=False),
    Column("public_raw", LargeBinary(32), nullable=False),
    Column("created_at", TS, nullable=False),
    Column("retired_at", TS),  # no longer signs
    Column("publish_until", TS),  # None while active; then the last expiry of its vouchers
)

platform_info = Table(  # who this sandbox is (issue 16): key "platform_id", the "iss" of its vouchers
    "sb_platform_info", metadata,
    Column("key", String(32), primary_key=True),
    Column("value", String(200), nullable=False),
)

orders = Table(
    "sb_orders", metadata,
    Column("order_no", String(32), primary_key=True),
    Column("merchant_id", ForeignKey("sb_merchants.id"), nullable=False),
    Column("buyer_id", ForeignKey("sb_buyers.id"), nullable=False),
    Column("currency", String(3), nullable=False),
    Column("total_minor", BigInteger, nullable=False),
    Column("summary", Text, nullable=False),
    Column("status", String(16), nullable=False),  # open | paid | cancelled
    Column("created_at", TS, nullable=False),
    Column("expires_at", TS, nullable=False),
    Column("voucher_id", String(32), nullable=False, unique=True),
    Column("voucher", Text, nullable=False),
    Column("kid", String(16), nullable=False),
    Column("url_token", String(32), nullable=False, unique=True),
    Column("claim_store_id", String(64)),
    Column("claim_terminal_id", String(64)),
    Column("claim_expires_at", TS),
    Column("claim_started_at", TS),  # the first claim of this terminal's unbroken run (lifetime cap)
    Column("paid_at", TS),
    Column("paid_via", String(16)),  # store | online
    Column("paid_settlement_id", String(64)),
    Column("buyer_phone", String(32)),  # E.164 (validated with phonenumbers); the SMS goes here
    Column("buyer_email", String(254)),  # normalized; the e-mail goes here
)

order_lines = Table(
    "sb_order_lines", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("order_no", ForeignKey("sb_orders.order_no"), nullable=False, index=True),
    Column("line_no", Integer, nullable=False),
    Column("sku", String(64), nullable=False),
    Column("name", String(200), nullable=False),
    Column("unit_price_minor", BigInteger, nullable=False),
    Column("quantity", Integer, nullable=False),
    UniqueConstraint("order_no", "line_no"),
)

item_units = Table(
    "sb_item_units", metadata,
    Column("item_code", String(40), primary_key=True),
    Column("order_no", ForeignKey("sb_orders.order_no"), nullable=False, index=True),
    Column("line_id", ForeignKey("sb_order_lines.id"), nullable=False),
    Column("refund_state", String(16), nullable=False, default="none"),  # none | open | refunded
    Column("refund_request_id", String(36)),
)

settlements = Table(
    "sb_settlements", metadata,
    Column("settlement_id", String(64), primary_key=True),
    Column("order_no", String(32), nullable=False, index=True),
    Column("merchant_id", String(32), nullable=False),
    Column("store_id", String(64), nullable=False),
    Column("terminal_id", String(64), nullable=False),
    Column("receipt_no", Integer, nullable=False),
    Column("amount_minor", BigInteger, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("tenders", JSON, nullable=False),
    Column("tender_amounts", JSON),  # [{kind, amount_minor}] when the terminal says (newer terminals)
    Column("offline", Boolean, nullable=False),
    Column("voucher_id", String(64)),
    Column("paid_at", TS, nullable=False),
    Column("received_at", TS, nullable=False),
    Column("outcome", String(16), nullable=False),  # paid | refund_case | amount_differs
    Column("refund_case_id", String(36)),
    Column("business_date", String(10)),  # the terminal's business day (newer terminals); else paid_at's date
)

refund_cases = Table(  # a double payment (or a payment of a cancelled order) to give back
    "sb_refund_cases", metadata,
    Column("id", String(36), primary_key=True),
    Column("order_no", String(32), nullable=False, index=True),
    Column("settlement_id", String(64), nullable=False, unique=True),
    Column("reason", String(32), nullable=False),  # double_payment | order_cancelled
    Column("amount_minor", BigInteger, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("store_id", String(64), nullable=False),
    Column("terminal_id", String(64), nullable=False),
    Column("status", String(16), nullable=False),  # open | refunded
    Column("created_at", TS, nullable=False),
    Column("resolution", String(24)),  # platform_refund (to the buyer's balance) | paid_back_at_counter
    Column("resolved_at", TS),
    Column("resolved_by", String(140)),  # the store/terminal that paid it back, or the merchant/admin
    # paid back at the counter (sync.sandbox.refund_cases): how, on which receipt, when the store says
    Column("paid_back_route", String(16)),  # cash | bank_card | prepaid_card
    Column("paid_back_receipt_no", Integer),
    Column("paid_back_at", TS),
)

buyer_ledger = Table(  # the buyer's balance on the platform: refunds the platform gives back itself
    "sb_buyer_ledger", metadata,
    Column("id", String(36), primary_key=True),
    Column("buyer_id", ForeignKey("sb_buyers.id"), nullable=False, index=True),
    Column("amount_minor", BigInteger, nullable=False),  # + credited to the buyer, - spent or paid out
    Column("currency", String(3), nullable=False),
    Column("kind", String(24), nullable=False),  # refund_request | refund_case
    Column("ref", String(64), nullable=False),  # the refund request's or refund case's id
    Column("note", String(200)),
    Column("created_at", TS, nullable=False),
    UniqueConstraint("kind", "ref"),  # one credit per request or case, however often it is asked
)

refund_requests = Table(  # a return of faulty units, decided by policy or by the seller
    "sb_refund_requests", metadata,
    Column("id", String(36), primary_key=True),
    Column("order_no", ForeignKey("sb_orders.order_no"), nullable=False, index=True),
    Column("merchant_id", String(32), nullable=False, index=True),
    Column("store_id", String(64), nullable=False),
    Column("terminal_id", String(64), nullable=False),
    Column("item_codes", JSON, nullable=False),
    Column("reason", String(500), nullable=False),
    Column("amount_minor", BigInteger, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("status", String(16), nullable=False),  # pending_seller | approved | rejected
    Column("decided_by", String(16)),  # policy | seller
    Column("buyer_reputation", Integer, nullable=False),
    Column("threshold", Integer, nullable=False),
    Column("payout_route", String(16), nullable=False),  # cash | prepaid_card | bank_card | online | mixed
    Column("note", String(500)),
    Column("created_at", TS, nullable=False),
    Column("decided_at", TS),
    # store (filed at a counter; None in older rows) | buyer (filed on the buyer's phone: store_id and
    # terminal_id are "" until a store takes the unit in, see handed_in_at)
    Column("origin", String(8)),
    Column("handed_in_at", TS),  # a buyer-filed request: when a store took the unit in
    Column("refunded_to", String(16)),  # buyer_balance: the platform gave the money back itself
)

photos = Table(
    "sb_photos", metadata,
    Column("id", String(36), primary_key=True),
    Column("store_id", String(64), nullable=False),
    Column("terminal_id", String(64), nullable=False),
    Column("refund_request_id", String(36), index=True),
    Column("buyer_id", String(32)),  # a photo the buyer took on the phone (store_id and terminal_id "")
    Column("content_type", String(32), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("size", Integer, nullable=False),
    Column("data", LargeBinary, nullable=False),
    Column("uploaded_at", TS, nullable=False),
)

seller_accounts = Table(  # who may sign in to the seller portal, one merchant each
    "sb_seller_accounts", metadata,
    Column("username", String(64), primary_key=True),
    Column("merchant_id", ForeignKey("sb_merchants.id"), nullable=False, index=True),
    Column("password_hash", String(255), nullable=False),  # Argon2id (argon2-cffi), never the password
    Column("failed_attempts", Integer, nullable=False, default=0),  # in a row; a success resets it
    Column("locked_until", TS),  # after too many failed attempts, on the platform's clock
    Column("created_at", TS, nullable=False),
)

seller_sessions = Table(  # a browser's session: anonymous (the sign-in form) or a signed-in seller
    "sb_seller_sessions", metadata,
    Column("id_sha256", String(64), primary_key=True),  # the cookie holds the id; only its hash is kept
    Column("username", ForeignKey("sb_seller_accounts.username", ondelete="CASCADE")),  # None: not signed in
    Column("csrf_token", String(64), nullable=False),  # every form of this session carries it
    Column("created_at", TS, nullable=False),
    Column("last_seen_at", TS, nullable=False),
    Column("expires_at", TS, nullable=False, index=True),
)

idempotency = Table(
    "sb_idempotency", metadata,
    Column("scope", String(140), primary_key=True),  # who: store/terminal or merchant
    Column("key", String(255), primary_key=True),
    Column("request_hash", String(64), nullable=False),  # method, path and body
    Column("status_code", Integer, nullable=False),
    Column("response", JSON, nullable=False),
    Column("created_at", TS, nullable=False),
    Column("expires_at", TS, nullable=False),
)

notifications = Table(  # the platform's own outbox to buyers: written with the order, drained by notify.Notifier
    "sb_notifications", metadata,
    Column("id", String(36), primary_key=True),  # also the Message-ID / the SMS gateway's idempotency id
    Column("order_no", ForeignKey("sb_orders.order_no"), nullable=False, index=True),
    Column("event", String(24), nullable=False),  # order_created | order_paid | refund_decided
    Column("channel", String(8), nullable=False),  # email | sms
    Column("recipient", String(254), nullable=False),
    Column("status", String(12), nullable=False),  # pending | sent | failed | skipped
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", TS, nullable=False, index=True),
    Column("last_error", String(500)),
    Column("created_at", TS, nullable=False),
    Column("sent_at", TS),
    Column("ref", String(36)),  # refund_decided: the refund request's id
)

webhook_deliveries = Table(  # the platform's outbox to merchants: signed events, drained by webhooks.WebhookSender
    "sb_webhook_deliveries", metadata,
    Column("id", String(40), primary_key=True),  # msg_...: the webhook-id header, the same on every attempt
    Column("merchant_id", ForeignKey("sb_merchants.id"), nullable=False, index=True),
    Column("event", String(32), nullable=False),  # order.paid | refund.decided
    Column("body", Text, nullable=False),  # the exact JSON text that is sent and signed
    Column("status", String(12), nullable=False),  # pending | delivered | failed
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", TS, nullable=False, index=True),
    Column("last_error", String(500)),
    Column("created_at", TS, nullable=False),
    Column("sent_at", TS),
)

counter_movements = Table(  # money moved at a counter besides a sale (issue 16): sync.sandbox.counter_money
    "sb_counter_movements", metadata,
    Column("id", String(36), primary_key=True),
    Column("store_id", String(64), nullable=False),
    Column("terminal_id", String(64), nullable=False),
    Column("platform_id", String(64)),
    Column("kind", String(32), nullable=False),  # refund | void | double_payment_payback
    Column("ref", String(100), nullable=False),  # the terminal's ref (the same string in both statements)
    Column("order_no", String(32), nullable=False, index=True),
    Column("tenders", JSON, nullable=False),  # [{tender, amount_minor}]
    Column("amount_minor", BigInteger, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("at", TS, nullable=False),
    Column("business_date", String(10), nullable=False),
    Column("refund_case_id", String(64)),
    Column("details", JSON, nullable=False),  # the body as the terminal sent it
    Column("received_at", TS, nullable=False),
    UniqueConstraint("store_id", "kind", "ref"),
)

store_contracts = Table(  # the merchant contract of each store with this platform (commission)
    "sb_store_contracts", metadata,
    Column("store_id", String(64), primary_key=True),
    Column("percent_bp", Integer, nullable=False),
    Column("fixed_minor", BigInteger, nullable=False),
    Column("rounding", String(16), nullable=False),
    Column("currency", String(3), nullable=False),
)

accepted_statements = Table(  # a store said it accepted its statement N (direct route)
    "sb_accepted_statements", metadata,
    Column("store_id", String(64), primary_key=True),
    Column("number", String(35), primary_key=True),
    Column("business_date", String(10), nullable=False),
    Column("digest", String(64), nullable=False),
    Column("platform_digest", String(64)),  # the platform's own statement of that day when told
    Column("net_minor", BigInteger, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("terminal_id", String(64), nullable=False),
    Column("body", JSON),  # the statement as the store sent it, when it did
    Column("received_at", TS, nullable=False),
)

remittances = Table(  # a store said it paid statement N
    "sb_remittances", metadata,
    Column("id", String(36), primary_key=True),
    Column("store_id", String(64), nullable=False),
    Column("number", String(35), nullable=False),
    Column("business_date", String(10)),
    Column("amount_minor", BigInteger, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("reference", String(140), nullable=False),
    Column("sent_at", TS, nullable=False),
    Column("terminal_id", String(64), nullable=False),
    Column("received_at", TS, nullable=False),
    UniqueConstraint("store_id", "number"),
)

batches = Table(
    "sb_settlement_batches", metadata,
    Column("id", String(36), primary_key=True),
    Column("store_id", String(64), nullable=False),
    Column("terminal_id", String(64), nullable=False),
    Column("business_date", String(10), nullable=False),
    Column("received_at", TS, nullable=False),
    Column("result", JSON, nullable=False),
)


def make_engine(url: str) -> Engine:
    """An engine for the sandbox (sync.server_db: WAL, foreign keys, busy timeout, BEGIN IMMEDIATE)."""
    return make_server_engine(url)


# Columns added after a sandbox database could have been created (a demo's file lives on between
# runs): create_all() makes missing tables only, so these are added where they are missing.
_ADDED_COLUMNS = ((settlements, "tender_amounts"), (card_transactions, "idempotency_key"),
                  (card_transactions, "reverses"), (buyers, "email"), (orders, "buyer_phone"),
                  (orders, "buyer_email"), (orders, "claim_started_at"),
                  (cards, "pin_hash"), (cards, "pin_failures"), (cards, "pin_locked_until"),
                  (merchants, "webhook_url"), (merchants, "webhook_secret"), (buyers, "page_token"),
                  (refund_requests, "origin"), (refund_requests, "handed_in_at"),
                  (refund_requests, "refunded_to"), (photos, "buyer_id"), (refund_cases, "resolution"),
                  (refund_cases, "resolved_at"), (refund_cases, "resolved_by"),
                  (refund_cases, "paid_back_route"), (refund_cases, "paid_back_receipt_no"),
                  (refund_cases, "paid_back_at"),
                  (notifications, "ref"), (settlements, "business_date"))


def add_missing_columns(engine) -> None:
    from sqlalchemy import inspect, text

    with engine.begin() as conn:
        for table, name in _ADDED_COLUMNS:
            if name not in {c["name"] for c in inspect(conn).get_columns(table.name)}:
                column = table.c[name]
                conn.execute(text(f"ALTER TABLE {table.name} ADD COLUMN {name} "
                                  f"{column.type.compile(dialect=conn.dialect)}"))
