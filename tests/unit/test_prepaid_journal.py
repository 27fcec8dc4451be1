"""The prepaid-card journal (pos_terminal.services.card_journal) against the port fakes: a debit
or credit is written before it is sent, keeps no card number, and an entry whose checkout died is
resolved with the platform by its Idempotency-Key (a debit no sale records goes back to the card).
The kill -9 of a real terminal process is in tests/e2e/test_prepaid_kill.py."""

from __future__ import annotations

import pytest

from pos_terminal.domain.model import CardRequestKind, CardRequestState
from pos_terminal.ports import PlatformUnavailable
from pos_terminal.services import card_journal
from tests.checkout_fakes import FakeCardsPlatform
from tests.unit.test_checkout_service import CARD, Env

BALANCE = 50_000


class WatchingPlatform(FakeCardsPlatform):
    """Notes what the terminal's committed storage held at the moment each card request went out."""

    def __init__(self, store) -> None:
        super().__init__()
        self.store = store
        self.seen_at_send: list[tuple] = []

    def _move(self, kind, card_no, amount, currency, reference, key, reverses=None):
        row = self.store().card_requests.get(key)
        self.seen_at_send.append((kind, key, None if row is None else row.state, None if row is None else row.kind))
        return super()._move(kind, card_no, amount, currency, reference, key, reverses)


@pytest.fixture
def env():
    e = Env()
    e.platform = WatchingPlatform(e.store)
    return e


def entries(env, kind=None):
    rows = list(env.store().card_requests.values())
    return [r for r in rows if kind is None or r.kind is kind]


def journal(env):
    return card_journal.Journal(lambda: env.uow, env.clock, "T01")


def restart(env):
    """What a restart leaves: storage and the platform; no session. Recovery runs on entries
    written before the new process started."""
    env.clock.advance(seconds=5)
    return card_journal.recover_prepaid(journal(env), env.platform, written_before=env.clock.now())


def no_card_number_stored(env):
    for row in env.store().card_requests.values():
        assert all(CARD not in str(v) for v in vars(row).values()), vars(row)


def test_a_debit_is_journalled_before_it_is_sent_with_no_card_number(env):
    s = env.session()
    tender = s.take_prepaid(CARD, 3380, "2580")
    assert env.platform.seen_at_send == [("debit", tender.request_id, CardRequestState.SENT,
                                          CardRequestKind.PREPAID_DEBIT)]
    (row,) = entries(env)
    assert row.state is CardRequestState.APPROVED and row.card_last4 == "0001" and row.card_reference == "tx-1"
    s.complete()
    assert entries(env)[0].state is CardRequestState.SETTLED  # the sale's transaction settles it
    no_card_number_stored(env)
    assert restart(env).anything is False and env.platform.cards[CARD] == BALANCE - 3380


def test_answer_lost_then_terminal_killed_the_debit_is_found_by_its_key_and_given_back(env):
    s = env.session()
    env.platform.lose_next_answer = True  # debited on the platform; the terminal never sees the answer
    with pytest.raises(Exception):
        s.take_prepaid(CARD, 3380, "2580")
    del s  # kill -9: the session and the card number in memory are gone
    assert env.platform.cards[CARD] == BALANCE - 3380
    done = restart(env)
    assert done.debits_taken and done.given_back == done.debits_taken
    assert env.platform.cards[CARD] == BALANCE
    debit, = entries(env, CardRequestKind.PREPAID_DEBIT)
    credit, = entries(env, CardRequestKind.PREPAID_CREDIT)
    assert debit.state is CardRequestState.REFUNDED and credit.state is CardRequestState.SETTLED
    assert credit.parent_id == debit.request_id and credit.request_id == debit.request_id + "-rev"
    assert [m[0] for m in env.platform.moves] == ["debit", "credit"]
    assert restart(env).anything is False  # resolved once; nothing given back twice
    assert env.platform.cards[CARD] == BALANCE
    no_card_number_stored(env)


def test_killed_after_the_answer_before_the_sale_the_debit_goes_back(env):
    s = env.session()
    s.take_prepaid(CARD, 3380, "2580")  # answered and journalled APPROVED, but the sale never committed
    del s
    done = restart(env)
    assert done.given_back and not done.debits_taken
    assert env.platform.cards[CARD] == BALANCE and not env.store().sales


def test_a_debit_that_never_reached_the_platform_is_cleared_not_reversed(env):
    card_journal.before_send(journal(env), "checkout-dead-1-debit", CardRequestKind.PREPAID_DEBIT, "PO1", 500,
                             "CNY", "PO1/dead-1")  # written, then killed before the request went out
    done = restart(env)
    assert done.not_moved == ["checkout-dead-1-debit"] and not done.given_back
    assert entries(env)[0].state is CardRequestState.NOT_CHARGED and env.platform.moves == []


def test_recovery_waits_for_the_platform(env):
    s = env.session()
    env.platform.lose_next_answer = True
    with pytest.raises(Exception):
        s.take_prepaid(CARD, 3380, "2580")
    env.platform.down = True
    with pytest.raises(PlatformUnavailable):
        restart(env)
    assert entries(env)[0].state is CardRequestState.SENT  # still open: the next round resolves it
    env.platform.down = False
    assert restart(env).given_back and env.platform.cards[CARD] == BALANCE


def test_entries_of_this_process_are_not_touched(env):
    started = env.clock.now()  # this terminal process started; its live checkout writes after that
    s = env.session()
    s.take_prepaid(CARD, 1000, "2580")
    assert card_journal.recover_prepaid(journal(env), env.platform, written_before=started).anything is False
    assert entries(env)[0].state is CardRequestState.APPROVED and env.platform.cards[CARD] == BALANCE - 1000
    s.take_cash(2380)
    s.complete()
    assert entries(env)[0].state is CardRequestState.SETTLED


def test_a_new_prepaid_payment_first_resolves_a_dead_checkouts_debit(env):
    dead = env.session()
    env.platform.lose_next_answer = True
    with pytest.raises(Exception):
        dead.take_prepaid(CARD, 3380, "2580")
    fresh = env.session()  # the cashier scans the order again (after a restart)
    fresh.take_prepaid(CARD, 3380, "2580")
    assert [m[0] for m in env.platform.moves] == ["debit", "credit", "debit"]  # given back before the new debit
    fresh.complete()
    assert env.platform.cards[CARD] == BALANCE - 3380
    (sale,) = env.store().sales.values()
    assert sum(t.amount.minor for t in sale.tenders) == 3380
    assert restart(env).anything is False


def test_a_void_is_journalled_and_a_void_lost_to_a_crash_is_not_given_back_twice(env):
    s = env.session()
    s.take_prepaid(CARD, 1000, "2580")
    env.platform.lose_next_answer = True  # the credit back happens; the answer is lost; then kill -9
    with pytest.raises(Exception):
        s.cancel(env.manager, "buyer changed mind")
    assert env.platform.seen_at_send[-1][2] is CardRequestState.SENT  # the credit was journalled first
    assert env.platform.cards[CARD] == BALANCE
    del s
    done = restart(env)
    assert done.credits_made and not done.given_back
    debit, = entries(env, CardRequestKind.PREPAID_DEBIT)
    assert debit.state is CardRequestState.REFUNDED
    assert env.platform.cards[CARD] == BALANCE and [m[0] for m in env.platform.moves] == ["debit", "credit"]


def test_a_void_reverses_by_transaction_at_most_once(env):
    s = env.session()
    s.take_prepaid(CARD, 1000, "2580")
    s.cancel(env.manager, "buyer changed mind")
    assert env.platform.cards[CARD] == BALANCE
    debit, = entries(env, CardRequestKind.PREPAID_DEBIT)
    credit, = entries(env, CardRequestKind.PREPAID_CREDIT)
    assert (debit.state, credit.state) == (CardRequestState.REFUNDED, CardRequestState.SETTLED)
    with pytest.raises(Exception) as exc:  # the platform refuses a second give-back of the same debit
        env.platform.reverse_card_movement(debit.card_reference, "again", "another-key")
    assert getattr(exc.value, "code", "") == "already_reversed"


def test_a_give_back_the_platform_refuses_stays_open_for_reconciliation(env):
    s = env.session()
    s.take_prepaid(CARD, 1000, "2580")
    del s
    env.platform.fail_next = []
    env.platform.blocked.add(CARD)  # the card was blocked since: the platform refuses the credit
    done = restart(env)
    assert done.refused and not done.given_back
    debit, = entries(env, CardRequestKind.PREPAID_DEBIT)
    assert debit.state is CardRequestState.APPROVED  # still shown, never silently dropped
    asked = len(env.platform.calls)
    again = restart(env)
    assert again.still_refused and not again.anything and len(env.platform.calls) == asked  # not every round
