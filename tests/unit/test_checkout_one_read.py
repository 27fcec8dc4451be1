"""Scan to order: the "paid here?" check and the read of the open card requests share one
database session (issue 14), and a session given those rows adopts from them as it would have
from its own read."""

from __future__ import annotations

import pytest

from pos_terminal.domain.errors import AlreadyPaid
from pos_terminal.services import orders
from pos_terminal.services.checkout import CheckoutRefused, CheckoutSession, open_card_rows
from tests.fakes import FakeSales
from tests.unit.test_checkout_service import Env
from tests.unit.test_payment_codes import ORDER_NO, clock, key, platform, uow, verifier, voucher  # noqa: F401


class CountingUow:
    """Counts the sessions opened on a unit of work and what ran inside them."""

    def __init__(self, inner) -> None:
        self.inner, self.sessions, self.inside = inner, 0, []

    def __enter__(self):
        self.sessions += 1
        self.inner.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.inner.__exit__(*exc)

    def __getattr__(self, name: str):
        return getattr(self.inner, name)


def _resolve(text, platform, verifier, uow, clock, also_read=None):  # noqa: F811
    return orders.resolve_payment_code(text, platform=platform, verifier=verifier, uow=uow, clock=clock,
                                       terminal_id="T01", store_id="demo-store", also_read=also_read)


@pytest.mark.parametrize("down", [False, True])
def test_also_read_runs_once_in_the_session_of_the_paid_here_check(down, voucher, platform, verifier, uow, clock):  # noqa: F811
    platform.down = down
    counting = CountingUow(uow)
    seen = []
    target = _resolve(voucher(), platform, verifier, counting, clock,
                      also_read=lambda u: seen.append((u is counting, counting.sessions)))
    assert target.order.order_no == ORDER_NO and target.offline is down
    assert seen == [(True, 1)] and counting.sessions == 1  # one session for both reads


def test_also_read_is_skipped_for_a_refused_code(platform, verifier, uow, clock):  # noqa: F811
    seen = []
    with pytest.raises(orders.PaymentCodeRefused):
        _resolve("6901234567892", platform, verifier, uow, clock, also_read=seen.append)
    assert seen == []


def test_also_read_is_skipped_when_the_order_was_paid_here(voucher, platform, verifier, uow, clock, monkeypatch):  # noqa: F811
    def paid(self, order_no):
        return type("Sale", (), {"receipt_no": 7})()
    monkeypatch.setattr(FakeSales, "paid_for_order", paid)
    seen = []
    with pytest.raises(AlreadyPaid):
        _resolve(voucher(), platform, verifier, uow, clock, also_read=seen.append)
    assert seen == []


def _approved_earlier_charge(env: Env) -> str:
    """An order's card charge approved in a session that then went away (a restart)."""
    env.card.mode = "unknown"
    first = env.session()
    with pytest.raises(CheckoutRefused):
        first.take_card(3380)
    rid = first.unresolved_card[0]
    env.card.mode = "approve"
    later = env.session()
    later.adopt_card_requests()
    later.take_card(3380)  # asks the card terminal about the earlier charge: approved, not charged again
    return rid


def test_a_session_given_the_rows_adopts_from_them_without_reading_again():
    env = Env()
    rid = _approved_earlier_charge(env)
    with env.uow as u:
        rows = open_card_rows(u, "T01")
    assert [r[0] for r in rows] == [rid]
    read = env.session()
    given = CheckoutSession(read.target, env.session().ctx, card_rows=rows)
    opened = []
    given.ctx.uow = lambda: opened.append(1) or env.uow  # any read now would be counted
    [adopted] = given.adopt_card_requests()
    assert opened == [] and adopted.request_id == rid and given.covered
    [same] = read.adopt_card_requests()  # the same outcome from its own read
    assert (same.request_id, same.amount_minor, same.approval_code) == (rid, adopted.amount_minor,
                                                                         adopted.approval_code)
    assert given.adopt_card_requests() == [] and opened == [1]  # the rows serve once; later calls read
