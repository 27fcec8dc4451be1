"""The clearing house's own tables (prefix ch_, own MetaData: never mixed with a terminal's or
the sandbox platform's). Money in integer minor units; timestamps timezone-aware UTC."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Engine

from sync.sandbox.db import UTCDateTime as TS
from sync.server_db import make_server_engine

metadata = MetaData()

# A store or a platform taking part. A store posts its own statements and reads its own reports;
# a platform reads what it receives. The secret's plain text is in the credentials file only.
members = Table(
    "ch_members", metadata,
    Column("id", String(64), primary_key=True),
    Column("kind", String(8), nullable=False),  # store | platform
    Column("name", String(100), nullable=False),
    Column("currency", String(3), nullable=False),
    Column("secret_sha256", String(64), nullable=False),
    Column("account_holder", String(70), nullable=False, default=""),
    Column("account_iban", String(34), nullable=False, default=""),
    Column("account_number", String(34), nullable=False, default=""),
    Column("account_bic", String(11), nullable=False, default=""),
    Column("active", Boolean, nullable=False, default=True),
)

# One accepted statement of a store with a platform for a business day. Statement numbers are the
# store's own (gap-free per store), so the key is (store_id, number).
statements = Table(
    "ch_statements", metadata,
    Column("store_id", String(64), primary_key=True),
    Column("number", String(35), primary_key=True),
    Column("platform_id", String(64), nullable=False, index=True),
    Column("business_date", Date, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("net_minor", BigInteger, nullable=False),
    Column("digest", String(64), nullable=False),
    Column("body", JSON, nullable=False),
    Column("received_at", TS, nullable=False),
    Column("report_id", String(35)),  # the report it is in (None until the store's report of the day)
    UniqueConstraint("store_id", "platform_id", "business_date", name="uq_ch_statement_day"),
    # netting reads a period's nets in this order from the index alone (no sort, no table lookups)
    Index("ix_ch_statements_netting", "business_date", "store_id", "platform_id", "net_minor"),
)

# An Idempotency-Key and the answer given to it: the same key with the same body gets that answer.
idempotency = Table(
    "ch_idempotency", metadata,
    Column("member_id", String(64), primary_key=True),
    Column("key", String(255), primary_key=True),
    Column("request_sha256", String(64), nullable=False),
    Column("status", Integer, nullable=False),
    Column("response", JSON, nullable=False),
    Column("created_at", TS, nullable=False),
)

# A store's settlement report of a day: frozen once issued (body and signature never change).
reports = Table(
    "ch_reports", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("report_id", String(35), nullable=False, unique=True),
    Column("store_id", String(64), nullable=False),
    Column("business_date", Date, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("net_minor", BigInteger, nullable=False),
    Column("body", JSON, nullable=False),  # the report as signed
    Column("signature", String(100), nullable=False),  # base64url Ed25519 over signing.canonical(body)
    Column("key_id", String(32), nullable=False),
    Column("payment_xml", Text),  # the pain.001 file (None when the net is zero)
    Column("issued_at", TS, nullable=False),
    UniqueConstraint("store_id", "business_date", name="uq_ch_report_day"),
)

signing_keys = Table(
    "ch_signing_keys", metadata,
    Column("kid", String(32), primary_key=True),
    Column("private_raw", LargeBinary(32), nullable=False),
    Column("public_raw", LargeBinary(32), nullable=False),
    Column("created_at", TS, nullable=False),
    Column("retired_at", TS),
)


def make_engine(url: str) -> Engine:
    """An engine for the clearing house (sync.server_db), SQLite with synchronous=FULL: an import
    or a report committed and answered survives a power cut."""
    return make_server_engine(url, synchronous="FULL")
