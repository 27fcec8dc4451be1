"""What the clearing house does, apart from HTTP: members, statement imports (one transaction
each, idempotent), the stores' signed day reports (frozen once issued) and the platforms'
receivables. Every function takes the engine (or a connection) and an aware `now`."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, bindparam, func, insert, or_, select, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError

from pos_terminal.domain.model.statements import Contract, Statement, StatementError
from sync.clearing_house import credentials as cred
from sync.clearing_house import signing
from sync.clearing_house.db import idempotency, members, reports, signing_keys, statements

REPORT_PREFIX = "CHR"
PAYMENT_FORMAT = "pain.001.001.09"


class ClearingError(Exception):
    """A refusal: HTTP status, a stable code, a message that says what to do."""

    def __init__(self, status: int, code: str, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.extra = status, code, message, extra

    def body(self) -> dict[str, Any]:
        return {"error": self.code, "message": self.message, **self.extra}


@dataclass(frozen=True)
class Account:
    """A bank account (what receipts.settlement_export.Account asks for)."""

    holder: str
    iban: str = ""
    number: str = ""
    bic: str = ""


# The clearing house's own account: the store pays its net here, or is paid from here.
DEMO_ACCOUNT = Account("Demo Clearing House Ltd", "GB29NWBK60161331926819", "", "NWBKGB2L")

# --seed-demo: two stores and two platforms (the demo terminal is demo-store; its platforms are
# demo-shop, [platform] id's default, and tea-house, the demo's second sandbox platform).
DEMO_MEMBERS = (
    ("demo-store", "store", "Demo Store", "CNY", Account("Demo Store", "DE02120300000000202051", "", "BYLADEM1001")),
    ("demo-store-2", "store", "Demo Store 2", "CNY", Account("Demo Store 2", "NL91ABNA0417164300", "", "ABNANL2A")),
    ("demo-shop", "platform", "Demo Shop", "CNY", Account("Demo Shop Ltd", "DE89370400440532013000", "",
                                                         "COBADEFFXXX")),
    ("tea-house", "platform", "Tea House 茶馆", "CNY", Account("Tea House Ltd", "FR1420041010050500013M02606", "",
                                                             "BNPAFRPP")),
)


# -- members -----------------------------------------------------------------------------------
def add_member(engine: Engine, creds: cred.ClearingCredentials, member_id: str, kind: str, name: str,
               currency: str, account: Account = Account("")) -> str:
    """Adds (or keeps) a member; its secret is in the credentials file (made when missing).
    Returns the secret. A member already there keeps its row; its hash follows the file."""
    if kind not in ("store", "platform"):
        raise ValueError("a member is a store or a platform")
    secret = creds.get_or_create(cred.secret_name(member_id))
    row = {"kind": kind, "name": name, "currency": currency.upper(), "secret_sha256": cred.sha256_hex(secret),
           "account_holder": account.holder, "account_iban": account.iban, "account_number": account.number,
           "account_bic": account.bic, "active": True}
    with engine.begin() as conn:
        if conn.execute(select(members.c.id).where(members.c.id == member_id)).first() is None:
            conn.execute(insert(members).values(id=member_id, **row))
        else:
            conn.execute(update(members).where(members.c.id == member_id)
                         .values(secret_sha256=row["secret_sha256"]))
    return secret


def seed_demo(engine: Engine, creds: cred.ClearingCredentials) -> list[tuple[str, str]]:
    """The demo's members; (member id, kind) of each."""
    for member_id, kind, name, currency, account in DEMO_MEMBERS:
        add_member(engine, creds, member_id, kind, name, currency, account)
    return [(m[0], m[1]) for m in DEMO_MEMBERS]


def authenticate(conn: Connection, member_id: str | None, secret: str | None) -> dict[str, Any]:
    if not member_id or not secret:
        raise ClearingError(401, "unauthenticated", "send X-Member-Id and Authorization: Bearer <secret> "
                                                    "(the member's secret from the clearing house's credentials file)")
    row = conn.execute(select(members).where(members.c.id == member_id)).mappings().first()
    if row is None or not row["active"] or not cred.secret_matches(secret, row["secret_sha256"]):
        raise ClearingError(401, "unauthenticated", f"member {member_id!r} and this secret do not match a member "
                                                    "of the clearing house")
    return dict(row)


# -- signing keys ------------------------------------------------------------------------------
def signing_key(engine: Engine, now: datetime) -> tuple[str, bytes, bytes]:
    """The active key (made on first use): (key id, private raw, public raw)."""
    with engine.begin() as conn:
        row = conn.execute(select(signing_keys).where(signing_keys.c.retired_at.is_(None))
                           .order_by(signing_keys.c.created_at.desc())).mappings().first()
        if row is None:
            kid, private, public = signing.new_key()
            conn.execute(insert(signing_keys).values(kid=kid, private_raw=private, public_raw=public, created_at=now))
            return kid, private, public
        return row["kid"], bytes(row["private_raw"]), bytes(row["public_raw"])


def published_keys(conn: Connection) -> list[dict[str, str]]:
    from pos_terminal.vouchers import b64url_encode

    rows = conn.execute(select(signing_keys).order_by(signing_keys.c.created_at)).mappings()
    return [{"kid": r["kid"], "alg": signing.ALG, "public_key": b64url_encode(bytes(r["public_raw"])),
             "state": "retired" if r["retired_at"] is not None else "active"} for r in rows]


# -- statements --------------------------------------------------------------------------------
# An import's statements, built once: SQLAlchemy then reuses their compiled form and cache key
# instead of building and keying seven expressions per import (most of an import's time).
_KEPT_ANSWER = select(idempotency).where(idempotency.c.member_id == bindparam("member"),
                                         idempotency.c.key == bindparam("key"))
_KEEP_ANSWER = insert(idempotency)
# the platform's currency (None: not a platform member) and the store's report of the day, if issued
_PLATFORM_AND_REPORT = select(
    select(members.c.currency).where(members.c.id == bindparam("platform"), members.c.kind == "platform")
    .scalar_subquery().label("platform_currency"),
    select(reports.c.report_id).where(reports.c.store_id == bindparam("store"),
                                      reports.c.business_date == bindparam("day")).limit(1)
    .scalar_subquery().label("report_id"))
_SAME_OR_DAY = select(statements).where(
    statements.c.store_id == bindparam("store"),
    or_(statements.c.number == bindparam("number"),
        and_(statements.c.platform_id == bindparam("platform"), statements.c.business_date == bindparam("day"))))
_INSERT_STATEMENT = insert(statements)


def _request_hash(body: Any) -> str:
    return hashlib.sha256(signing.canonical(body)).hexdigest()


def import_statement(engine: Engine, store: dict[str, Any], key: str, body: Any, now: datetime,
                     ) -> tuple[int, dict[str, Any], bool]:
    """A store's accepted statement, in ONE transaction with the answer kept under its
    Idempotency-Key: (status, answer, replayed). A kill -9 before the commit leaves nothing; a
    retry with the same key and body after it gets the first answer again."""
    if not key or len(key) > 255:
        raise ClearingError(422, "idempotency_key_required", "send an Idempotency-Key header (1 to 255 characters) "
                                                             "derived from the statement, the same on every retry")
    digest = _request_hash(body)
    with engine.begin() as conn:
        kept = conn.execute(_KEPT_ANSWER, {"member": store["id"], "key": key}).mappings().first()
        if kept is not None:
            if kept["request_sha256"] != digest:
                number = body.get("number") if isinstance(body, dict) else None
                raise ClearingError(409, "statement_changed" if number else "idempotency_key_reused",
                                    f"statement {number} changed after acceptance: an accepted statement never "
                                    "changes; send the one accepted" if number else
                                    "this Idempotency-Key was used for another request")
            return int(kept["status"]), dict(kept["response"]), True
        status, answer = _take_statement(conn, store, body, now)
        conn.execute(_KEEP_ANSWER, {"member_id": store["id"], "key": key, "request_sha256": digest,
                                    "status": status, "response": answer, "created_at": now})
    return status, answer, False


def _take_statement(conn: Connection, store: dict[str, Any], body: Any, now: datetime) -> tuple[int, dict[str, Any]]:
    if store["kind"] != "store":
        raise ClearingError(403, "not_a_store", "only a store member sends statements")
    if not isinstance(body, dict):
        raise ClearingError(422, "invalid_statement", "the body is a statement as JSON (Statement.to_json())")
    try:
        st = Statement.from_json(body)
    except StatementError as exc:
        raise ClearingError(422, "invalid_statement", f"the statement is refused: {exc}") from None
    except (KeyError, TypeError, ValueError) as exc:
        raise ClearingError(422, "invalid_statement", f"the statement is not a Statement.to_json() object ({exc!r})"
                            ) from None
    if st.number is None or st.accepted_at is None:
        raise ClearingError(422, "not_accepted", f"the statement of {st.business_date} with {st.platform_id} is not "
                                                 "accepted (it has no number): a manager accepts it first")
    if st.store_id != store["id"]:
        raise ClearingError(403, "other_store", f"statement {st.number} is store {st.store_id!r}'s; member "
                                                f"{store['id']!r} sends only its own store's statements")
    if st.currency != store["currency"]:
        raise ClearingError(422, "currency_mismatch", f"statement {st.number} is in {st.currency}; store "
                                                      f"{store['id']} settles in {store['currency']} here")
    platform_currency, issued = conn.execute(_PLATFORM_AND_REPORT, {"platform": st.platform_id, "store": st.store_id,
                                                                    "day": st.business_date}).one()
    if platform_currency is None:
        raise ClearingError(422, "unknown_platform", f"platform {st.platform_id!r} is not a member of the clearing "
                                                     "house: settle it directly (route direct)")
    if st.currency != platform_currency:
        raise ClearingError(422, "currency_mismatch", f"statement {st.number} is in {st.currency}; platform "
                                                      f"{st.platform_id} settles in {platform_currency} here")
    # the same number, or another statement of the same platform and day: one read for both
    held = conn.execute(_SAME_OR_DAY, {"store": st.store_id, "number": st.number, "platform": st.platform_id,
                                       "day": st.business_date}).mappings().all()
    same = next((r for r in held if r["number"] == st.number), None)
    if same is not None:
        if same["digest"] != st.digest:
            raise ClearingError(409, "statement_changed", f"statement {st.number} changed after acceptance: the "
                                                          "clearing house has it with other figures; an accepted "
                                                          "statement never changes")
        return 200, _statement_answer(same, duplicate=True)
    if held:
        raise ClearingError(409, "day_taken", f"the clearing house has statement {held[0]['number']} for "
                                              f"{st.business_date} with {st.platform_id} already; one statement per "
                                              "store, platform and day")
    if issued is not None:
        raise ClearingError(409, "report_issued", f"the report of {st.business_date} for store {st.store_id} was "
                                                  f"issued ({issued}) and is frozen: statement {st.number} came "
                                                  "after it; settle it directly with the platform")
    row = {"store_id": st.store_id, "number": st.number, "platform_id": st.platform_id,
           "business_date": st.business_date, "currency": st.currency, "net_minor": st.net_minor,
           "digest": st.digest, "body": body, "received_at": now, "report_id": None}
    conn.execute(_INSERT_STATEMENT, row)
    return 201, _statement_answer(row, duplicate=False)


def _statement_answer(row: Any, *, duplicate: bool) -> dict[str, Any]:
    return {"statement": {"store_id": row["store_id"], "number": row["number"], "platform_id": row["platform_id"],
                          "business_date": row["business_date"].isoformat(), "currency": row["currency"],
                          "net_minor": int(row["net_minor"]), "digest": row["digest"],
                          "received_at": row["received_at"].isoformat()},
            "duplicate": duplicate}


# -- reports -----------------------------------------------------------------------------------
def store_report(engine: Engine, store: dict[str, Any], business_date: date, now: datetime,
                 account: Account = DEMO_ACCOUNT) -> dict[str, Any]:
    """The store's signed report of the day: the one issued, or issued now from the statements
    received (404 when there are none). Frozen from then on."""
    kid, private, _public = signing_key(engine, now)
    for _attempt in range(3):
        with engine.begin() as conn:
            row = conn.execute(select(reports).where(reports.c.store_id == store["id"],
                                                     reports.c.business_date == business_date)).mappings().first()
            if row is not None:
                return envelope(row)
            t = statements
            lines = conn.execute(select(t).where(t.c.store_id == store["id"], t.c.business_date == business_date)
                                 .order_by(t.c.platform_id)).mappings().all()
            if not lines:
                raise ClearingError(404, "no_statements", f"no statement of store {store['id']} for {business_date} "
                                                          "has reached the clearing house: send the accepted "
                                                          "statements first")
            seq = int(conn.execute(select(func.coalesce(func.max(reports.c.seq), 0))).scalar_one()) + 1
            report_id = f"{REPORT_PREFIX}-{business_date:%Y%m%d}-{seq:08d}"
            names = dict(conn.execute(select(members.c.id, members.c.name)).all())
            net = sum(int(ln["net_minor"]) for ln in lines)
            body: dict[str, Any] = {
                "report_id": report_id, "store_id": store["id"], "store_name": store["name"],
                "business_date": business_date.isoformat(), "currency": store["currency"], "net_minor": net,
                "direction": "store_pays" if net > 0 else "store_receives" if net < 0 else "nothing",
                "lines": [{"platform_id": ln["platform_id"], "platform_name": names.get(ln["platform_id"], ""),
                           "statement_number": ln["number"], "digest": ln["digest"],
                           "net_minor": int(ln["net_minor"])} for ln in lines],
                "issued_at": now.isoformat(), "key_id": kid,
            }
            xml, note = _payment_file(store, account, report_id, business_date, net, now)
            body["payment_file"] = ({"format": PAYMENT_FORMAT, "xml": xml,
                                     "sha256": hashlib.sha256(xml.encode()).hexdigest()} if xml else None)
            body["payment_note"] = note
            signature = signing.sign(private, body)
            values = {"report_id": report_id, "store_id": store["id"], "business_date": business_date,
                      "currency": store["currency"], "net_minor": net, "body": body, "signature": signature,
                      "key_id": kid, "payment_xml": xml, "issued_at": now}
            try:
                conn.execute(insert(reports).values(seq=seq, **values))
            except IntegrityError:  # another request issued it (or took the number) at the same time
                continue
            conn.execute(update(t).where(t.c.store_id == store["id"], t.c.business_date == business_date)
                         .values(report_id=report_id))
            return envelope(values)
    raise ClearingError(503, "busy", "the report could not be issued now; ask again")


def envelope(row: Any) -> dict[str, Any]:
    return {"report": dict(row["body"]), "signature": row["signature"], "key_id": row["key_id"], "alg": signing.ALG}


def _payment_file(store: dict[str, Any], house: Account, report_id: str, business_date: date, net: int,
                  now: datetime) -> tuple[str | None, str]:
    """The pain.001.001.09 file of whoever pays: the store (net > 0) to the clearing house, or the
    clearing house to the store (net < 0); none when the day nets to zero."""
    from receipts.settlement_export import ExportRefused, pain001_xml

    if net == 0:
        return None, "the day nets to zero: nothing to pay"
    store_account = Account(store["account_holder"] or store["name"], store["account_iban"],
                            store["account_number"], store["account_bic"])
    debtor, creditor = (store_account, house) if net > 0 else (house, store_account)
    synthetic = Statement(store["id"], "clearing-house", business_date, store["currency"], Contract("clearing-house"),
                          (), (), abs(net), number=report_id, accepted_at=now, accepted_by="clearing-house")
    try:
        xml = pain001_xml(synthetic, debtor, creditor, message_id=report_id, created_at=now,
                          execution_date=business_date if business_date > now.date() else now.date(),
                          store_name=store["name"], platform_name=house.holder)
    except ExportRefused as exc:
        return None, f"no payment file: {exc}"
    who = "the store pays the clearing house" if net > 0 else "the clearing house pays the store"
    return xml.decode("utf-8"), f"{who}; the file is the payer's ISO 20022 credit transfer"


def reports_of_store(conn: Connection, store_id: str) -> list[dict[str, Any]]:
    rows = conn.execute(select(reports).where(reports.c.store_id == store_id).order_by(reports.c.seq)).mappings()
    return [envelope(r) for r in rows]


def receivables(conn: Connection, platform: dict[str, Any], business_date: date) -> dict[str, Any]:
    """What the platform receives for the day, from which stores (+: it receives)."""
    t = statements
    rows = conn.execute(select(t.c.store_id, t.c.number, t.c.net_minor, t.c.report_id, t.c.currency)
                        .where(t.c.platform_id == platform["id"], t.c.business_date == business_date)
                        .order_by(t.c.store_id)).all()
    names = dict(conn.execute(select(members.c.id, members.c.name)).all())
    stores = [{"store_id": s, "store_name": names.get(s, ""), "statement_number": n, "net_minor": int(v),
               "report_id": r} for s, n, v, r, _c in rows]
    return {"platform_id": platform["id"], "business_date": business_date.isoformat(),
            "currency": platform["currency"], "total_minor": sum(x["net_minor"] for x in stores), "stores": stores}
