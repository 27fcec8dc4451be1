"""The SQLAlchemy unit of work and its repositories."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from sqlalchemy import Connection, func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from pos_terminal.domain import model as m
from pos_terminal.ports import ReceiptFound
from pos_terminal.ports.repositories import OpenCardRow, PaidHere
from pos_terminal.storage import receipt_search, sale_rows, scan_reads
from pos_terminal.storage.audit_repo import AuditRepository
from pos_terminal.storage.cash_repo import CashRepository
from pos_terminal.storage.days_repo import BusinessDayRepository
from pos_terminal.storage.engine import explain_db_error
from pos_terminal.storage.orm import receipt_counters
from pos_terminal.storage.payback_repo import PaybackRepository
from pos_terminal.storage.remittance_repo import RemittanceRepository
from pos_terminal.storage.statement_reads import StatementRepository
from pos_terminal.storage.prepared import DriverConnection


class _Repo:
    def __init__(self, session: Session, direct: Callable[[], Connection | DriverConnection] | None = None,
                 read: Callable[[], Connection | DriverConnection] | None = None) -> None:
        self.session = session
        self._direct = direct  # the unit of work's connection for sale_rows (see SqlAlchemyUnitOfWork)
        self._read = read  # the same for scan_reads, with no transaction begun for a read

    def add(self, obj) -> None:
        self.session.add(obj)


class UserRepository(_Repo):
    def get(self, user_id: uuid.UUID) -> m.User | None:
        return self.session.get(m.User, user_id)

    def by_username(self, username: str) -> m.User | None:
        return self.session.scalars(select(m.User).where(m.User.username == username)).one_or_none()

    def list(self) -> list[m.User]:
        return list(self.session.scalars(select(m.User).order_by(m.User.username)))

    def count(self) -> int:
        return self.session.scalar(select(func.count()).select_from(m.User))


class OrderRepository(_Repo):
    def get(self, order_no: str) -> m.Order | None:
        return self.session.get(m.Order, order_no)

    def add_new(self, order: m.NewOrder) -> bool:
        """Writes an order this database does not hold yet, with its lines and item units (see
        sale_rows); False, writing nothing, when it holds one with that number."""
        return sale_rows.add_new_order(self._direct(), order)


class SaleRepository(_Repo):
    def get(self, sale_id: uuid.UUID) -> m.Sale | None:
        return self.session.get(m.Sale, sale_id)

    def add_paid(self, sale: m.PaidSale) -> None:
        """Writes a paid sale with its tenders, receipt, settlement and outbox message (see sale_rows)."""
        sale_rows.add_paid_sale(self._direct(), sale)

    def paid_for_order(self, order_no: str) -> m.Sale | None:
        return self.session.scalars(
            select(m.Sale).where(m.Sale.order_no == order_no, m.Sale.status == m.SaleStatus.PAID)
        ).one_or_none()

    def paid_receipt(self, order_no: str) -> PaidHere | None:
        return scan_reads.paid_receipt(self._read(), order_no)


class ShiftRepository(_Repo):
    def get(self, shift_id: uuid.UUID) -> m.Shift | None:
        return self.session.get(m.Shift, shift_id)

    def last_closed(self, terminal_id: str) -> m.Shift | None:
        return self.session.scalars(
            select(m.Shift).where(m.Shift.terminal_id == terminal_id, m.Shift.status == m.ShiftStatus.CLOSED)
            .order_by(m.Shift.closed_at.desc()).limit(1)
        ).one_or_none()

    def open_for_terminal(self, terminal_id: str) -> m.Shift | None:
        return self.session.scalars(
            select(m.Shift).where(m.Shift.terminal_id == terminal_id, m.Shift.status == m.ShiftStatus.OPEN)
        ).one_or_none()

    def open_shift_id(self, terminal_id: str, user_id: uuid.UUID | None = None) -> uuid.UUID | None:
        return sale_rows.open_shift_id(self._direct(), terminal_id, user_id)


class ReceiptRepository(_Repo):
    def counter_for(self, terminal_id: str) -> m.ReceiptCounter:
        """The terminal's counter row, created if new and locked until this unit of work ends
        (INSERT .. ON CONFLICT DO NOTHING, so two first sales cannot race on creating it)."""
        insert = pg_insert if self.session.get_bind().dialect.name == "postgresql" else sqlite_insert
        self.session.execute(
            insert(receipt_counters).values(terminal_id=terminal_id, last_no=0).on_conflict_do_nothing()
        )
        return self.session.get(m.ReceiptCounter, terminal_id, with_for_update=True, populate_existing=True)

    def next_number(self, terminal_id: str) -> int:
        """Takes the terminal's next receipt number in one statement (creating the counter at 1),
        locking the counter row until this unit of work ends; a rollback gives the number back.
        Not to be mixed with counter_for() in one unit of work."""
        return sale_rows.next_receipt_no(self._direct(), terminal_id)

    def last_for_terminal(self, terminal_id: str, kind: m.ReceiptKind | None = None) -> m.Receipt | None:
        query = select(m.Receipt).where(m.Receipt.terminal_id == terminal_id)
        if kind is not None:
            query = query.where(m.Receipt.kind == kind)
        return self.session.scalars(query.order_by(m.Receipt.receipt_no.desc()).limit(1)).one_or_none()

    def by_number(self, terminal_id: str, receipt_no: int) -> m.Receipt | None:
        return self.session.scalars(
            select(m.Receipt).where(m.Receipt.terminal_id == terminal_id, m.Receipt.receipt_no == receipt_no)
        ).one_or_none()

    def search(self, terminal_id: str, *, receipt_no: int | None = None, order_no: str | None = None,
               item_code: str | None = None, amount_minor: int | None = None, start=None, end=None,
               limit: int = 100) -> list[ReceiptFound]:
        """The receipt history's query (see storage/receipt_search.py)."""
        return receipt_search.search(self.session, terminal_id, receipt_no=receipt_no, order_no=order_no,
                                     item_code=item_code, amount_minor=amount_minor, start=start, end=end,
                                     limit=limit)

    def numbers(self, terminal_id: str) -> list[int]:
        return list(
            self.session.scalars(
                select(m.Receipt.receipt_no).where(m.Receipt.terminal_id == terminal_id).order_by(m.Receipt.receipt_no)
            )
        )


class OutboxRepository(_Repo):
    """With `terminal_id`, every read is of that terminal's messages only: terminals sharing a
    store's database each drain, count and retry their own (with their own credential)."""

    def __init__(self, session: Session, terminal_id: str | None = None) -> None:
        super().__init__(session)
        self.terminal_id = terminal_id

    def add_settlement(self, settlement: m.Settlement, now) -> m.OutboxMessage:
        self.session.add(settlement)
        message = m.OutboxMessage("settlement", settlement.payload(), created_at=now,
                                  terminal_id=settlement.terminal_id)
        self.session.add(message)
        return message

    def _mine(self) -> tuple:
        return () if self.terminal_id is None else (m.OutboxMessage.terminal_id == self.terminal_id,)

    # "pending": not sent and not set aside as needing attention (dead); drained in seq order.
    def _live(self):
        return (m.OutboxMessage.sent_at.is_(None), m.OutboxMessage.dead_at.is_(None), *self._mine())

    def pending(self, limit: int = 100, after_seq: int = 0) -> list[m.OutboxMessage]:
        return list(
            self.session.scalars(
                select(m.OutboxMessage).where(*self._live(), m.OutboxMessage.seq > after_seq)
                .order_by(m.OutboxMessage.seq).limit(limit)
            )
        )

    def pending_count(self) -> int:
        return self.session.scalar(select(func.count()).select_from(m.OutboxMessage).where(*self._live()))

    def oldest_pending_at(self):
        return self.session.scalar(select(func.min(m.OutboxMessage.created_at)).where(*self._live()))

    def get(self, seq: int) -> m.OutboxMessage | None:
        return self.session.get(m.OutboxMessage, seq)

    def attention(self, limit: int = 100) -> list[m.OutboxMessage]:
        return list(
            self.session.scalars(
                select(m.OutboxMessage).where(m.OutboxMessage.sent_at.is_(None), m.OutboxMessage.dead_at.is_not(None),
                                              *self._mine())
                .order_by(m.OutboxMessage.seq).limit(limit)
            )
        )

    def attention_count(self) -> int:
        return self.session.scalar(
            select(func.count()).select_from(m.OutboxMessage)
            .where(m.OutboxMessage.sent_at.is_(None), m.OutboxMessage.dead_at.is_not(None), *self._mine())
        )

    def last_sent_at(self):
        return self.session.scalar(select(func.max(m.OutboxMessage.sent_at)).where(*self._mine()))


class CardRequestRepository(_Repo):
    def get(self, request_id: str) -> m.CardRequest | None:
        return self.session.get(m.CardRequest, request_id)

    def open_for_terminal(self, terminal_id: str,
                          kinds: tuple = (m.CardRequestKind.BANK_CARD,)) -> list[m.CardRequest]:
        """SENT (outcome unknown) and APPROVED (charged, in no sale yet) requests of `kinds`
        (bank-card charges unless told), oldest first."""
        return list(
            self.session.scalars(
                select(m.CardRequest)
                .where(m.CardRequest.terminal_id == terminal_id, m.CardRequest.state.in_(m.CardRequest.OPEN),
                       m.CardRequest.kind.in_(kinds))
                .order_by(m.CardRequest.created_at, m.CardRequest.request_id)
            )
        )

    def open_rows(self, terminal_id: str) -> list[OpenCardRow]:
        return scan_reads.open_card_rows(self._read(), terminal_id)

    def prepaid_between(self, terminal_id: str, start, end) -> list[m.CardRequest]:
        """This terminal's prepaid debits and credits written in [start, end), any state."""
        return list(
            self.session.scalars(
                select(m.CardRequest)
                .where(m.CardRequest.terminal_id == terminal_id,
                       m.CardRequest.kind.in_((m.CardRequestKind.PREPAID_DEBIT, m.CardRequestKind.PREPAID_CREDIT)),
                       m.CardRequest.created_at >= start, m.CardRequest.created_at < end)
                .order_by(m.CardRequest.created_at, m.CardRequest.request_id)
            )
        )


class RefundRepository(_Repo):
    def get(self, case_id: uuid.UUID) -> m.RefundCase | None:
        return self.session.get(m.RefundCase, case_id)

    def by_platform_id(self, platform_case_id: str) -> m.RefundCase | None:
        return self.session.scalars(
            select(m.RefundCase).where(m.RefundCase.platform_case_id == platform_case_id).limit(1)
        ).one_or_none()

    def drafts(self, terminal_id: str, limit: int = 50) -> list[m.RefundCase]:
        """Intakes not yet accepted by the platform, oldest first."""
        return list(self.session.scalars(
            select(m.RefundCase).where(m.RefundCase.terminal_id == terminal_id,
                                       m.RefundCase.status == m.RefundStatus.DRAFT)
            .order_by(m.RefundCase.created_at).limit(limit)))

    def open_cases(self, terminal_id: str, limit: int = 200) -> list[m.RefundCase]:
        """Cases not final yet (draft, requested, approved and not paid out), newest first."""
        return list(self.session.scalars(
            select(m.RefundCase).where(m.RefundCase.terminal_id == terminal_id,
                                       m.RefundCase.status.in_((m.RefundStatus.DRAFT, m.RefundStatus.REQUESTED,
                                                                m.RefundStatus.APPROVED)))
            .order_by(m.RefundCase.created_at.desc()).limit(limit)))

    def recent(self, terminal_id: str, limit: int = 50) -> list[m.RefundCase]:
        return list(self.session.scalars(
            select(m.RefundCase).where(m.RefundCase.terminal_id == terminal_id)
            .order_by(m.RefundCase.created_at.desc()).limit(limit)))

    def unacknowledged(self, terminal_id: str, limit: int = 100) -> list[m.RefundCase]:
        """Rejected or refused cases no cashier has acknowledged yet, newest first."""
        return list(self.session.scalars(
            select(m.RefundCase).where(m.RefundCase.terminal_id == terminal_id,
                                       m.RefundCase.status.in_((m.RefundStatus.REJECTED, m.RefundStatus.REFUSED)),
                                       m.RefundCase.acknowledged_at.is_(None))
            .order_by(m.RefundCase.created_at.desc()).limit(limit)))

    def open_for_items(self, item_codes: list[str]) -> list[m.RefundCase]:
        """Local cases not rejected or refused that name any of these item codes."""
        rows = self.session.scalars(
            select(m.RefundCase).where(m.RefundCase.status.not_in((m.RefundStatus.REJECTED,
                                                                    m.RefundStatus.REFUSED))))
        wanted = set(item_codes)
        return [r for r in rows if wanted & set(r.item_codes or ())]

    def legs_used(self, order_no: str) -> dict[str, int]:
        """What the live refund cases of an order send (or sent) back to each route, from their
        payout legs: the part of each tender no longer available to another refund."""
        used: dict[str, int] = {}
        for legs in self.session.scalars(select(m.RefundCase.payout_legs).where(
                m.RefundCase.order_no == order_no,
                m.RefundCase.status.not_in([m.RefundStatus.REJECTED, m.RefundStatus.REFUSED]))):
            for leg in legs or ():
                used[leg["route"]] = used.get(leg["route"], 0) + int(leg["amount_minor"])
        return used

    def local_unit(self, item_code: str):
        """(order, line, paid sale or None) of a unit this database knows, else None."""
        unit = self.session.get(m.ItemUnit, item_code)
        if unit is None:
            return None
        line = self.session.scalars(select(m.OrderLine).where(m.OrderLine.units.contains(unit))).one_or_none()
        if line is None:
            return None
        order = self.session.scalars(select(m.Order).where(m.Order.lines.contains(line))).one_or_none()
        if order is None:
            return None
        sale = self.session.scalars(
            select(m.Sale).where(m.Sale.order_no == order.order_no, m.Sale.status == m.SaleStatus.PAID)
        ).one_or_none()
        return order, line, sale


class UnitOfWorkSession(Session):
    """The Session of a SqlAlchemyUnitOfWork: once the unit of work runs statements on its own
    driver connection (`_driver`, set only while the Session has no transaction), the Session's
    connection is the one over that same DBAPI connection, so both share one transaction."""

    _driver: DriverConnection | None = None

    def get_bind(self, *args, **kw):
        driver = self._driver
        if driver is not None:
            return driver.sa()
        return super().get_bind(*args, **kw)


class SqlAlchemyUnitOfWork:
    """`with uow:` opens a session; `commit()` makes the work durable; leaving the block
    without committing rolls back. A driver error on commit becomes a StorageError whose
    message says what to do; the transaction is then rolled back whole.

    One transaction, two ways in. The repositories' ORM methods use the Session. The write path
    of a sale (sale_rows) runs prepared statements through `_direct()`: on the Session's own
    connection when the Session has begun; otherwise on a pooled DBAPI connection the unit of work
    checks out and begins itself (prepared.DriverConnection), which the Session then uses too if
    an ORM method follows (UnitOfWorkSession). A sale thus pays for neither an ORM transaction
    nor an SQLAlchemy Connection, whose Python cost about as much as the sale's SQL itself."""

    def __init__(self, session_factory: sessionmaker, terminal_id: str | None = None) -> None:
        self.session_factory = session_factory
        self.terminal_id = terminal_id  # scopes the outbox to this terminal's messages
        self.session: Session | None = None
        self._driver: DriverConnection | None = None

    def _direct(self) -> Connection | DriverConnection:
        """The connection of this unit of work's transaction (begun), after the Session's pending
        changes are flushed into it, so statements on it see and may refer to them."""
        session = self.session
        session.flush()
        driver = self._driver
        if driver is None:
            if session.in_transaction():
                return session.connection()
            driver = self._driver = DriverConnection(self.session_factory.kw["bind"])
            if isinstance(session, UnitOfWorkSession):
                session._driver = driver
            else:  # a plain Session (a sessionmaker of its own): bind it now
                session.bind = driver.sa()
        driver.begin()
        return driver.current

    def _read(self) -> Connection | DriverConnection:
        """The connection for a read (scan_reads): the transaction's once this unit of work has
        one or has changes to flush (the read sees them); otherwise the driver connection with no
        transaction begun, so a read takes no write lock. A later write or ORM method in this unit
        of work begins the transaction on that same connection (`_direct`, UnitOfWorkSession)."""
        session = self.session
        if session.in_transaction() or session.new or session.dirty or session.deleted:
            return self._direct()
        if self._driver is not None:
            return self._driver.current
        driver = self._driver = DriverConnection(self.session_factory.kw["bind"])
        if isinstance(session, UnitOfWorkSession):
            session._driver = driver
        else:
            session.bind = driver.sa()
        return driver

    def __enter__(self) -> SqlAlchemyUnitOfWork:
        self.session = self.session_factory()
        self._driver = None
        s, direct, read = self.session, self._direct, self._read
        self.users = UserRepository(s)
        self.orders = OrderRepository(s, direct)
        self.sales = SaleRepository(s, direct, read)
        self.shifts = ShiftRepository(s, direct)
        self.receipts = ReceiptRepository(s, direct)
        self.outbox = OutboxRepository(s, self.terminal_id)
        self.refunds = RefundRepository(s)
        self.card_requests = CardRequestRepository(s, read=read)
        self.audit = AuditRepository(s)
        self.cash = CashRepository(s)
        self.days = BusinessDayRepository(s, direct)
        self.paybacks = PaybackRepository(s)
        self.remittances = RemittanceRepository(s)  # issue 16 (ports.remittances)
        self.statements = StatementRepository(s)  # issue 16 (ports.statements)
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        driver, session = self._driver, self.session
        # A session the ORM never used (a sale's unit of work) has nothing to roll back or detach.
        used = session.in_transaction() or bool(session.identity_map)
        try:
            if used:
                session.rollback()
            if driver is not None:
                driver.rollback()
        finally:
            try:
                if used:
                    session.close()
            finally:
                self.session = None
                if driver is not None:
                    self._driver = None
                    driver.close()
        if isinstance(exc, DBAPIError):
            raise explain_db_error(exc, self.session_factory.kw.get("bind")) from exc

    def commit(self) -> None:
        try:
            if self._driver is None:
                self.session.commit()
            else:
                if self.session.in_transaction():
                    self.session.commit()  # flushes; commits the driver connection's transaction
                self._driver.commit()  # what the direct statements began (no-op once committed)
        except DBAPIError as exc:
            self.rollback()
            raise explain_db_error(exc, self.session_factory.kw.get("bind")) from exc

    def rollback(self) -> None:
        self.session.rollback()
        if self._driver is not None:
            self._driver.rollback()

def session_factory(engine) -> sessionmaker:
    return sessionmaker(bind=engine, class_=UnitOfWorkSession, expire_on_commit=False)
