"""The settlement tables (issue 16, migration 0010), on the metadata of pos_terminal.storage.orm
(which re-exports them): the accepted day statements, their gap-free numbers, the remittances of
the direct route and the clearing house's imported reports. Plain tables, no mapped classes."""

from __future__ import annotations

from sqlalchemy import JSON, Column, Date, Integer, String, Table, Text, UniqueConstraint, Uuid

from pos_terminal.storage.orm_types import CURRENCY, UTCDateTime, metadata

# Issue 16 (migration 0010): a day's settlement statement per store, platform and business day, stored
# only once a manager accepted it (then immutable and numbered: number, body, digest never change).
settlement_statements = Table(
    "settlement_statements",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("store_id", String(64), nullable=False),
    Column("platform_id", String(64), nullable=False),
    Column("business_date", Date, nullable=False),
    Column("currency", CURRENCY, nullable=False),
    Column("number", String(35), unique=True),
    Column("digest", String(64), nullable=False),
    Column("body", JSON, nullable=False),
    Column("computed_at", UTCDateTime, nullable=False),
    Column("accepted_at", UTCDateTime),
    Column("accepted_by", Uuid),
    Column("route", String(16), nullable=False),  # direct | clearing_house
    Column("sent_at", UTCDateTime),  # to the clearing house
    Column("sent_state", String(16)),
    UniqueConstraint("store_id", "platform_id", "business_date"),
)

# Gap-free statement numbers per store, taken in the acceptance's transaction.
statement_counters = Table(
    "statement_counters",
    metadata,
    Column("store_id", String(64), primary_key=True),
    Column("last_no", Integer, nullable=False),
)

# What the store pays (or was paid) for an accepted statement (route direct).
remittances = Table(
    "remittances",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("statement_number", String(35), nullable=False, unique=True),
    Column("platform_id", String(64), nullable=False),
    Column("amount_minor", Integer, nullable=False),
    Column("currency", CURRENCY, nullable=False),
    Column("exported_at", UTCDateTime),
    Column("file_digest", String(64)),
    Column("sent_at", UTCDateTime),
    Column("reference", String(140)),
    Column("state", String(16), nullable=False),  # exported | sent | reported | received
    Column("attempts", Integer, nullable=False, default=0),
    Column("last_error", Text),
    Column("reported_at", UTCDateTime),
)

# A clearing house's signed daily settlement report, imported whole or not at all.
clearing_reports = Table(
    "clearing_reports",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("store_id", String(64), nullable=False),
    Column("business_date", Date, nullable=False),
    Column("report_id", String(64), nullable=False, unique=True),
    Column("body", JSON, nullable=False),
    Column("signature", Text, nullable=False),
    Column("key_id", String(64)),
    Column("imported_at", UTCDateTime, nullable=False),
    Column("imported_by", Uuid),
    Column("net_minor", Integer, nullable=False),
    Column("currency", CURRENCY, nullable=False),
    Column("state", String(16), nullable=False),  # reconciled | differences
    Column("differences", JSON),
)
