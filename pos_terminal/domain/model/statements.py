"""The day's settlement statement: what one store owes one platform for one business day.

Both sides compute it with `compute_statement` from their own records (the terminal from its sales,
refund payouts, voids and pay-backs; the platform from what the terminal reported to it), so a
difference between the two is a difference between the records, never between two formulas.
`compare_statements` lists those differences line by line and movement by movement.

Sign rule: every line's `effect_minor` is what it adds to `net_minor`, and `net_minor > 0` means the
store owes the platform; `net_minor < 0` means the platform owes the store.

What the store owes: the money it took in (cash and bank card) for the platform's orders, less what
it paid back at the counter on the platform's behalf (refund payouts in cash or to a bank card,
double payments paid back), less the commission it earns. A prepaid card is the platform's own
stored value: the platform already holds what it paid, and it credits a prepaid refund itself, so
prepaid lines are shown but move nothing. A void with money given back is shown (count, amount)
and moves nothing: the money came in and went out at the same counter. A double payment held is a
second payment of an order that the platform has made a refund case of: it is inside the gross
(the store holds it until it is paid back here or the platform refunds the buyer) and is shown.

Commission (per merchant contract): for each paid order, `percent_bp` basis points of its amount,
rounded to a whole minor unit by `rounding` (half_up: .5 away from zero; half_even: banker's;
down: toward zero), plus `fixed_minor`; summed over the day's paid orders. A refund does not
reverse the commission (the counter did the work). All in integer minor units.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import cached_property
from typing import Any

from pos_terminal.domain.errors import DomainError

ROUNDING_RULES = ("half_up", "half_even", "down")
# tenders whose money the store holds (and so owes); "prepaid" is the platform's own stored value
STORE_HELD_TENDERS = ("cash", "bank_card")
TENDERS = ("cash", "bank_card", "prepaid")

# Movement kinds: what moved money at the counter for a platform.
SALE = "sale"  # a paid order: `tenders` says what each tender paid
REFUND = "refund"  # a refund paid out at the counter (one movement per leg: its tender)
PAYBACK = "double_payment_payback"  # a double payment paid back at the counter (cash)
VOID = "void"  # a sale cancelled after money was taken, the money given back (moves nothing)
DOUBLE_PAYMENT = "double_payment"  # a paid sale the platform made a refund case of (shown, inside gross)
MOVEMENT_KINDS = (SALE, REFUND, PAYBACK, VOID, DOUBLE_PAYMENT)

# Line codes, in the order a statement lists them.
LINE_CODES = (
    "collected",  # per tender: paid orders' money by tender
    "refund_paid_out",  # per tender: refunds paid out at the counter
    "double_payment_paid_back",  # per tender (cash): double payments paid back at the counter
    "void_given_back",  # per tender: voids with money given back (effect 0)
    "double_payment_held",  # double payments inside the gross (effect 0)
    "commission",  # the store's commission (negative effect)
)


class StatementError(DomainError):
    """A statement that cannot be computed, accepted or changed; `reason` is a stable code."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class Contract:
    """The merchant contract between a store and a platform: the store's commission."""

    platform_id: str
    percent_bp: int = 0  # basis points of each order's amount (150 = 1.50 %)
    fixed_minor: int = 0  # per paid order
    rounding: str = "half_up"

    def __post_init__(self) -> None:
        if self.rounding not in ROUNDING_RULES:
            raise StatementError("bad_contract", f"rounding {self.rounding!r} is not one of {', '.join(ROUNDING_RULES)}")
        if not 0 <= self.percent_bp <= 10_000 or self.fixed_minor < 0:
            raise StatementError("bad_contract", "a commission is 0 to 10000 basis points and a fixed amount of 0 or more")

    def commission(self, amount_minor: int) -> int:
        """The commission on one paid order of `amount_minor`."""
        return round_ratio(amount_minor * self.percent_bp, 10_000, self.rounding) + self.fixed_minor

    def to_json(self) -> dict[str, Any]:
        return {"platform_id": self.platform_id, "percent_bp": self.percent_bp, "fixed_minor": self.fixed_minor,
                "rounding": self.rounding}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Contract:
        return cls(str(d["platform_id"]), int(d.get("percent_bp", 0)), int(d.get("fixed_minor", 0)),
                   str(d.get("rounding", "half_up")))


def round_ratio(numerator: int, denominator: int, rule: str) -> int:
    """numerator / denominator rounded to an integer by `rule`, exactly (no float)."""
    if denominator <= 0:
        raise ValueError("denominator must be positive")
    sign = -1 if numerator < 0 else 1
    q, r = divmod(abs(numerator), denominator)
    if rule == "down" or r == 0:
        return sign * q
    twice = 2 * r
    if twice > denominator or (twice == denominator and (rule == "half_up" or q % 2 == 1)):
        q += 1
    return sign * q


@dataclass(frozen=True)
class Movement:
    """One record that moved (or showed) money at the counter for a platform. `ref` is unique per
    kind on both sides (a settlement id, "<refund case id>/<leg>", a pay-back id, a void's sale id),
    so the two sides' movements can be matched one by one."""

    kind: str
    ref: str
    order_no: str
    tenders: tuple[tuple[str, int], ...]  # (tender, amount_minor > 0)
    at: datetime | None = None

    @property
    def amount_minor(self) -> int:
        return sum(a for _, a in self.tenders)

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "ref": self.ref, "order_no": self.order_no,
                "tenders": [{"tender": t, "amount_minor": a} for t, a in self.tenders],
                "at": self.at.isoformat() if self.at else None}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Movement:
        at = d.get("at")
        return cls(str(d["kind"]), str(d["ref"]), str(d.get("order_no") or ""),
                   tuple((str(t["tender"]), int(t["amount_minor"])) for t in d.get("tenders", [])),
                   datetime.fromisoformat(at) if at else None)


@dataclass(frozen=True)
class StatementLine:
    code: str  # one of LINE_CODES
    tender: str | None  # per-tender lines; None for double_payment_held and commission
    count: int
    amount_minor: int  # the line's money, positive
    effect_minor: int  # what it adds to net_minor (+: the store owes more)

    @property
    def key(self) -> tuple[str, str]:
        return self.code, self.tender or ""

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "tender": self.tender, "count": self.count, "amount_minor": self.amount_minor,
                "effect_minor": self.effect_minor}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> StatementLine:
        return cls(str(d["code"]), d.get("tender"), int(d["count"]), int(d["amount_minor"]), int(d["effect_minor"]))


@dataclass(frozen=True)
class Statement:
    """A day's statement of one store with one platform. `number`, `accepted_at`, `accepted_by`
    are set when a manager accepted it; from then on its `digest` must never change."""

    store_id: str
    platform_id: str
    business_date: date
    currency: str
    contract: Contract
    lines: tuple[StatementLine, ...]
    movements: tuple[Movement, ...]
    net_minor: int
    number: str | None = None
    accepted_at: datetime | None = None
    accepted_by: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)  # e.g. earlier statements' remittance states

    def line(self, code: str, tender: str | None = None) -> StatementLine | None:
        return next((ln for ln in self.lines if ln.key == (code, tender or "")), None)

    def gross_by_tender(self) -> dict[str, int]:
        return {ln.tender or "": ln.amount_minor for ln in self.lines if ln.code == "collected"}

    @property
    def commission_minor(self) -> int:
        ln = self.line("commission")
        return ln.amount_minor if ln else 0

    def content(self) -> dict[str, Any]:
        """What the digest covers: everything the figures come from, not the acceptance. A
        movement's `at` is not covered: each side knows the instant only to its own clock's
        record (the figures, the refs and the tenders are what both sides must agree on)."""
        return {"store_id": self.store_id, "platform_id": self.platform_id,
                "business_date": self.business_date.isoformat(), "currency": self.currency,
                "contract": self.contract.to_json(), "lines": [ln.to_json() for ln in self.lines],
                "movements": [{k: v for k, v in m.to_json().items() if k != "at"} for m in self.movements],
                "net_minor": self.net_minor}

    @cached_property  # the fields are frozen and what it covers holds no mutable value: computed once
    def digest(self) -> str:
        text = json.dumps(self.content(), sort_keys=True, separators=(",", ":"), ensure_ascii=True)
        return hashlib.sha256(text.encode()).hexdigest()

    def to_json(self) -> dict[str, Any]:
        return {**self.content(), "movements": [m.to_json() for m in self.movements], "digest": self.digest,
                "number": self.number,
                "accepted_at": self.accepted_at.isoformat() if self.accepted_at else None,
                "accepted_by": self.accepted_by, "extra": self.extra}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Statement:
        at = d.get("accepted_at")
        st = cls(str(d["store_id"]), str(d["platform_id"]), date.fromisoformat(str(d["business_date"])),
                 str(d["currency"]), Contract.from_json(d["contract"]),
                 tuple(StatementLine.from_json(x) for x in d.get("lines", [])),
                 tuple(Movement.from_json(x) for x in d.get("movements", [])), int(d["net_minor"]),
                 d.get("number"), datetime.fromisoformat(at) if at else None, d.get("accepted_by"),
                 dict(d.get("extra") or {}))
        if "digest" in d and d["digest"] != st.digest:
            raise StatementError("digest_mismatch", "the statement's figures do not match its digest: it was changed")
        return st

    def accepted(self, number: str, at: datetime, by: str) -> Statement:
        if self.number is not None:
            raise StatementError("already_accepted", f"statement {self.number} is already accepted and cannot change")
        return replace(self, number=number, accepted_at=at, accepted_by=by)


def compute_statement(*, store_id: str, platform_id: str, business_date: date, currency: str, contract: Contract,
                      movements: Iterable[Movement], extra: dict[str, Any] | None = None) -> Statement:
    """The statement from one side's movements of the day (any order; sorted here by kind, ref)."""
    moves = tuple(sorted(movements, key=lambda m: (MOVEMENT_KINDS.index(m.kind) if m.kind in MOVEMENT_KINDS
                                                   else len(MOVEMENT_KINDS), m.kind, m.ref)))
    acc: dict[tuple[str, str], list[int]] = {}

    def add(code: str, tender: str, amount: int) -> None:
        slot = acc.setdefault((code, tender), [0, 0])
        slot[0] += 1
        slot[1] += amount

    commission = 0
    orders = 0
    for m in moves:
        if m.kind not in MOVEMENT_KINDS:
            raise StatementError("bad_movement", f"unknown movement kind {m.kind!r} ({m.ref})")
        if any(a <= 0 for _, a in m.tenders) or not m.tenders:
            raise StatementError("bad_movement", f"movement {m.ref} has no positive amount")
        if m.kind == DOUBLE_PAYMENT:
            add("double_payment_held", "", m.amount_minor)
            continue
        code = {SALE: "collected", REFUND: "refund_paid_out", PAYBACK: "double_payment_paid_back",
                VOID: "void_given_back"}[m.kind]
        for tender, amount in m.tenders:
            add(code, tender, amount)
        if m.kind == SALE:
            orders += 1
            commission += contract.commission(m.amount_minor)
    lines: list[StatementLine] = []
    for code in LINE_CODES:
        if code == "commission":
            if orders:
                lines.append(StatementLine("commission", None, orders, commission, -commission))
            continue
        for (c, tender), (count, amount) in sorted(acc.items()):
            if c != code:
                continue
            held = tender in STORE_HELD_TENDERS
            sign = {"collected": 1, "refund_paid_out": -1, "double_payment_paid_back": -1}.get(code, 0)
            lines.append(StatementLine(code, tender or None, count, amount, sign * amount if held else 0))
    net = sum(ln.effect_minor for ln in lines)
    return Statement(store_id, platform_id, business_date, currency, contract, tuple(lines), moves, net,
                     extra=dict(extra or {}))


@dataclass(frozen=True)
class StatementDifference:
    """One way two statements of the same day disagree. `kind`: line_differs (a line's count or
    amount), missing_on_platform / missing_on_terminal (a movement one side has and the other has
    not), amount_differs (a movement both have with different tenders or amounts), contract_differs,
    currency_differs. `action`: what to do, English, never empty."""

    kind: str
    key: str  # the line key "code/tender" or the movement "kind:ref"
    terminal: str | None
    platform: str | None
    action: str

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "key": self.key, "terminal": self.terminal, "platform": self.platform,
                "action": self.action}


_ACTIONS = {
    "missing_on_platform": "The platform has not recorded this yet: check the outbox on the Sync page; it is sent "
                           "again by itself once the platform answers.",
    "missing_on_terminal": "The platform recorded something this counter has no record of: compare the receipt "
                           "numbers with the platform and call its support before accepting.",
    "amount_differs": "The two sides recorded different amounts: check the receipt against the platform's record "
                      "before accepting.",
    "line_differs": "Explained by the differences below; accept only when each of them is understood.",
    "contract_differs": "The terminal's commission contract differs from the platform's: update the terminal's "
                        "settings or ask the platform which one is current.",
    "currency_differs": "The two sides keep the day in different currencies: nothing can be settled until the "
                        "platform's settings are corrected.",
}


def compare_statements(terminal: Statement, platform: Statement) -> list[StatementDifference]:
    """Line by line, then movement by movement (which explains each line); empty when they agree."""
    out: list[StatementDifference] = []

    def diff(kind: str, key: str, t: str | None, p: str | None) -> None:
        out.append(StatementDifference(kind, key, t, p, _ACTIONS[kind]))

    if terminal.currency != platform.currency:
        diff("currency_differs", "currency", terminal.currency, platform.currency)
        return out
    if terminal.contract != platform.contract:
        diff("contract_differs", "contract", json.dumps(terminal.contract.to_json(), sort_keys=True),
             json.dumps(platform.contract.to_json(), sort_keys=True))
    t_lines = {ln.key: ln for ln in terminal.lines}
    p_lines = {ln.key: ln for ln in platform.lines}
    for key in sorted(set(t_lines) | set(p_lines), key=lambda k: (LINE_CODES.index(k[0]), k[1])):
        t, p = t_lines.get(key), p_lines.get(key)
        if t is None or p is None or (t.count, t.amount_minor) != (p.count, p.amount_minor):
            diff("line_differs", "/".join(key).rstrip("/"), _line_text(t), _line_text(p))
    t_moves = {(m.kind, m.ref): m for m in terminal.movements}
    p_moves = {(m.kind, m.ref): m for m in platform.movements}
    for key in sorted(set(t_moves) | set(p_moves)):
        tm, pm = t_moves.get(key), p_moves.get(key)
        name = f"{key[0]}:{key[1]}"
        if pm is None and tm is not None:
            diff("missing_on_platform", name, _move_text(tm), None)
        elif tm is None and pm is not None:
            diff("missing_on_terminal", name, None, _move_text(pm))
        elif tm is not None and pm is not None and sorted(tm.tenders) != sorted(pm.tenders):
            diff("amount_differs", name, _move_text(tm), _move_text(pm))
    return out


def _line_text(ln: StatementLine | None) -> str | None:
    return None if ln is None else f"{ln.count} × {ln.amount_minor}"


def _move_text(m: Movement) -> str:
    return f"{m.order_no} " + "+".join(f"{t} {a}" for t, a in sorted(m.tenders))
