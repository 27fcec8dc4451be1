"""Helpers for the clearing-house tests: accepted statements as both sides make them, the
terminal's journal rows, a signed-in HTTP session of a member."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta

import requests
from sqlalchemy import func, insert, select

from pos_terminal.domain.model.statements import REFUND, SALE, Contract, Movement, Statement, compute_statement
from pos_terminal.storage.clearing_journal import SqlClearingJournal
from pos_terminal.storage.orm import clearing_reports, settlement_statements
from pos_terminal.storage.uow import SqlAlchemyUnitOfWork, session_factory

CLEARING_TERMINAL = "T01"  # the terminal whose audit chain records the imports in these tests

CONTRACT_BP = 150


def statement(store_id: str, platform_id: str, day: date, sales: list[int], refunds: list[int] = (),
              number: str | None = None, currency: str = "CNY", at: datetime | None = None) -> Statement:
    """A day's statement from cash sales and cash refunds; accepted under `number` when given."""
    moves = [Movement(SALE, f"{platform_id}-{store_id}-{day}-s{i}", f"O{i}", (("cash", a),)) for i, a in
             enumerate(sales)]
    moves += [Movement(REFUND, f"{platform_id}-{store_id}-{day}-r{i}/0", f"O{i}", (("cash", a),)) for i, a in
              enumerate(refunds)]
    st = compute_statement(store_id=store_id, platform_id=platform_id, business_date=day, currency=currency,
                           contract=Contract(platform_id, CONTRACT_BP), movements=moves)
    if number is None:
        return st
    return st.accepted(number, at or datetime.combine(day + timedelta(days=1), datetime.min.time()).astimezone(),
                       str(uuid.uuid4()))


def journal_for(engine) -> SqlClearingJournal:
    """The terminal's clearing journal on `engine`, writing through units of work as the
    terminal's does (pos_terminal.app.facades_clearing)."""
    sessions = session_factory(engine)
    return SqlClearingJournal(engine, lambda: SqlAlchemyUnitOfWork(sessions, CLEARING_TERMINAL))


def keep_accepted(engine, st: Statement, route: str = "clearing_house") -> None:
    """The terminal's row of an accepted statement (what H2's acceptance writes)."""
    assert st.number is not None and st.accepted_at is not None
    with engine.begin() as conn:
        conn.execute(insert(settlement_statements).values(
            id=uuid.uuid4(), store_id=st.store_id, platform_id=st.platform_id, business_date=st.business_date,
            currency=st.currency, number=st.number, digest=st.digest, body=st.to_json(), computed_at=st.accepted_at,
            accepted_at=st.accepted_at, accepted_by=uuid.UUID(st.accepted_by) if st.accepted_by else None,
            route=route))


def sent_state(engine, number: str) -> tuple[str | None, datetime | None]:
    t = settlement_statements
    with engine.connect() as conn:
        row = conn.execute(select(t.c.sent_state, t.c.sent_at).where(t.c.number == number)).one()
    return row[0], row[1]


def reports_kept(engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(clearing_reports)).scalar_one())


def member_session(house, member_id: str) -> requests.Session:
    s = requests.Session()
    s.headers.update({"X-Member-Id": member_id, "Authorization": f"Bearer {house.secret(member_id)}"})
    return s
