"""The checkout session (pos_terminal.services.checkout) against the port fakes: each tender,
split payment, refusals, printer faults and the rules against paying or printing twice."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from pos_terminal.domain.model import PrintState, Role, TenderKind
from pos_terminal.money import Money
from pos_terminal.ports import PlatformRefused, PlatformUnavailable
from pos_terminal.scan_codes import ScanKind
from pos_terminal.services import users
from pos_terminal.services.checkout import (
    CheckoutContext,
    CheckoutRefused,
    CheckoutSession,
    open_card_requests,
    refund_card_request,
    resolve_card_request,
)
from pos_terminal.services.day_context import DayContext
from pos_terminal.services.orders import PaymentTarget
from pos_terminal.services.sales import LineSpec, OrderSpec
from tests.checkout_fakes import FakeCardsPlatform, FakeCardTerminal, FakePrinter
from tests.conftest import FAST_HASHER
from tests.fakes import FakeClock, FakeDrawer, FakeUnitOfWork
from tests.sale_helpers import open_shift

ORDER = OrderSpec("PO000000001001", "m-tea", "好物商城", "CNY", (
    LineSpec(1, "TEA", "乌龙茶", 1250, 2, ("IC0000000010010001", "IC0000000010010002")),
    LineSpec(2, "BISC", "饼干", 880, 1, ("IC0000000010010003",)),
))  # 33.80
CARD = "8800000000000001"


class Env:
    def __init__(self, shift=True):
        self.clock = FakeClock()
        self.uow = FakeUnitOfWork()
        self.cashier = users.add_user(self.uow, FAST_HASHER, self.clock, username="1001", display_name="Zhang",
                                      role=Role.CASHIER, pin="1357")
        self.manager = users.add_user(self.uow, FAST_HASHER, self.clock, username="8001", display_name="Wang",
                                      role=Role.MANAGER, pin="8642")
        if shift:
            open_shift(DayContext(lambda: self.uow, self.clock, "T01", "demo-store", timezone="Asia/Shanghai"),
                       self.cashier, 10_000)
        self.platform = FakeCardsPlatform()
        self.card = FakeCardTerminal()
        self.printer = FakePrinter()
        self.drawer = FakeDrawer()
        self.rendered = []

    def render(self, info):
        self.rendered.append(info)
        return {"receipt_no": info.receipt_no, "copy": info.copy}

    def session(self, offline=False, **kw):
        ctx = CheckoutContext(lambda: self.uow, self.clock, "T01", "demo-store", "Demo store", "Asia/Shanghai",
                              self.cashier.user_id, "Zhang", self.platform, self.card, self.printer, self.drawer,
                              self.render)
        for k, v in kw.items():
            setattr(ctx, k, v)
        target = PaymentTarget(ORDER, ScanKind.VOUCHER, "v-1", offline)
        return CheckoutSession(target, ctx)

    def store(self):
        return self.uow.committed_store


@pytest.fixture
def env():
    return Env()


def test_cash_with_change_records_prints_and_kicks(env):
    s = env.session()
    tender = s.take_cash(5000)
    assert (tender.amount_minor, tender.change_minor, s.remaining_minor) == (3380, 1620, 0)
    done = s.complete()
    assert done.sale.receipt_no == 1 and done.sale.change == Money(1620)
    assert done.printed and done.drawer_kicked and env.drawer.kicks == 1
    assert len(env.printer.printed) == 1 and env.printer.printed[0]["copy"] is False
    store = env.store()
    assert len(store.sales) == 1 and len(store.outbox) == 1
    assert store.receipts[0].print_state is PrintState.PRINTED
    assert s.complete() is done and len(env.store().sales) == 1  # never recorded twice


def test_complete_refused_until_covered(env):
    s = env.session()
    s.take_cash(1000)
    with pytest.raises(CheckoutRefused) as exc:
        s.complete()
    assert exc.value.reason == "not_covered" and exc.value.params["remaining_minor"] == 2380
    assert not env.store().sales


def test_split_cash_prepaid_card(env):
    s = env.session()
    s.take_prepaid(f";{CARD}=4912?", 1000, "2580")  # the stripe's track text: only the number is used
    s.take_card(1380)
    s.take_cash(2000)  # 1000 due: 1000 change
    assert s.remaining_minor == 0 and s.change_minor == 1000
    done = s.complete()
    sale = next(iter(env.store().sales.values()))
    assert [t.kind for t in sale.tenders] == [TenderKind.PREPAID_CARD, TenderKind.BANK_CARD, TenderKind.CASH]
    assert [t.card_last4 for t in sale.tenders] == ["0001", "4242", None]
    assert sale.tenders[1].approval_code == "A1B2C3"
    assert env.platform.cards[CARD] == 49_000 and done.drawer_kicked
    assert env.store().outbox[0].payload["tenders"] == ["bank_card", "cash", "prepaid_card"]
    assert CARD not in repr(done) and CARD not in repr(s.tenders)


def test_card_only_does_not_kick_the_drawer(env):
    s = env.session()
    s.take_card(3380)
    done = s.complete()
    assert done.printed and not done.drawer_kicked and env.drawer.kicks == 0


def test_card_declined_is_refused_and_nothing_taken(env):
    env.card.mode = "decline"
    s = env.session()
    with pytest.raises(CheckoutRefused) as exc:
        s.take_card(3380)
    assert exc.value.reason == "card_declined" and s.remaining_minor == 3380


def test_no_card_terminal_is_a_refusal(env):
    s = env.session(card_terminal=None)
    with pytest.raises(CheckoutRefused) as exc:
        s.take_card(3380)
    assert exc.value.reason == "no_card_terminal"


def test_card_outcome_unknown_blocks_a_second_charge_and_resolves(env):
    env.card.mode = "unknown"
    s = env.session()
    with pytest.raises(CheckoutRefused) as exc:
        s.take_card(3380)
    assert exc.value.reason == "card_outcome_unknown" and s.unresolved_card is not None
    with pytest.raises(CheckoutRefused):
        s.complete()
    tender = s.take_card(3380)  # asks the terminal instead of charging again
    assert tender.approval_code == "A1B2C3" and s.covered
    assert [c[0] for c in env.card.calls] == ["charge", "resolve"]
    s.complete()


def test_prepaid_balance_short_shows_the_balance(env):
    s = env.session()
    assert s.prepaid_balance("8800000000000002", "1357") == 1000
    with pytest.raises(CheckoutRefused) as exc:
        s.take_prepaid("8800000000000002", 3380, "1357")
    assert exc.value.reason == "prepaid_balance_short" and exc.value.params["balance_minor"] == 1000
    assert "¥10.00" in exc.value.message and "8800000000000002" not in exc.value.message


def test_prepaid_offline_is_refused_with_the_reason(env):
    env.platform.down = True
    s = env.session()
    with pytest.raises(CheckoutRefused) as exc:
        s.take_prepaid(CARD, 3380, "2580")
    assert exc.value.reason == "prepaid_offline" and "unreachable" in exc.value.message


def test_prepaid_retry_after_a_lost_answer_never_debits_twice(env):
    s = env.session()
    env.platform.lose_next_answer = True
    with pytest.raises(CheckoutRefused) as exc:
        s.take_prepaid(CARD, 3380, "2580")
    assert exc.value.reason == "prepaid_offline"
    assert env.platform.cards[CARD] == 50_000 - 3380  # it did happen on the platform
    with pytest.raises(CheckoutRefused) as exc:  # another amount must wait for the unknown one
        s.take_prepaid(CARD, 1000, "2580")
    assert exc.value.reason == "prepaid_pending"
    s.take_prepaid(CARD, 3380, "2580")  # same key: the platform's first answer
    assert env.platform.cards[CARD] == 50_000 - 3380 and len(env.platform.moves) == 1
    assert s.covered


def test_cancel_after_a_lost_prepaid_answer_gives_the_debit_back_without_the_pin(env):
    s = env.session()
    env.platform.lose_next_answer = True
    with pytest.raises(CheckoutRefused):
        s.take_prepaid(CARD, 3380, "2580")
    assert env.platform.cards[CARD] == 50_000 - 3380  # it happened; the terminal does not know yet
    env.platform.down = True
    with pytest.raises(CheckoutRefused) as exc:  # still unknown: nothing is undone or forgotten
        s.cancel(approved_by=env.manager)
    assert exc.value.reason == "prepaid_offline" and not s.cancelled
    env.platform.down = False
    reversed_ = s.cancel(approved_by=env.manager)  # asked by its key, found, given back
    assert s.cancelled and len(reversed_) == 1
    assert env.platform.cards[CARD] == 50_000


def test_cancel_after_a_prepaid_debit_that_never_happened_moves_nothing(env):
    s = env.session()
    env.platform.down = True
    with pytest.raises(CheckoutRefused):
        s.take_prepaid(CARD, 3380, "2580")
    env.platform.down = False
    assert s.cancel(approved_by=env.manager) == [] and s.cancelled
    assert env.platform.cards[CARD] == 50_000 and not env.platform.moves


def test_invalid_card_number_and_over_amount(env):
    s = env.session()
    with pytest.raises(CheckoutRefused) as exc:
        s.take_prepaid("1234", 100, "2580")
    assert exc.value.reason == "invalid_card_number"
    with pytest.raises(CheckoutRefused) as exc:
        s.take_card(5000)
    assert exc.value.reason == "over_amount"


def test_printer_fault_keeps_the_sale_and_the_receipt_pending_then_prints_once(env):
    env.printer.fault = "paper end"
    s = env.session()
    s.take_cash(3380)
    done = s.complete()
    assert not done.printed and done.print_error == "paper end" and done.drawer_kicked
    assert len(env.store().sales) == 1 and len(env.store().outbox) == 1
    assert env.store().receipts[0].print_state is PrintState.PENDING
    env.printer.fault = None
    again = s.print_receipt()
    assert again.printed and env.printer.printed == [{"receipt_no": 1, "copy": False}]
    assert env.store().receipts[0].print_state is PrintState.PRINTED
    s.print_receipt("buyer asked")  # now only ever a copy
    assert env.printer.printed[-1] == {"receipt_no": 1, "copy": True}
    assert env.store().receipts[0].copies_printed == 2


def test_no_open_shift_refuses_and_records_nothing():
    env = Env(shift=False)
    s = env.session()
    s.take_cash(3380)
    from pos_terminal.domain.errors import NoOpenShift
    with pytest.raises(NoOpenShift):
        s.complete()
    assert not env.store().sales and s.done is None


def test_cancel_before_any_tender_releases_the_claim(env):
    env.platform.claims[ORDER.order_no] = env.platform.me
    env.platform.add_order({"order_no": ORDER.order_no, "lines": []})
    s = env.session()
    assert not s.needs_manager_to_cancel
    assert s.cancel() == []
    assert ORDER.order_no not in env.platform.claims
    with pytest.raises(CheckoutRefused):
        s.take_cash(100)


def test_cancel_after_tenders_needs_a_manager_and_reverses_them(env):
    s = env.session()
    s.take_prepaid(CARD, 1000, "2580")
    s.take_card(1000)
    with pytest.raises(CheckoutRefused) as exc:
        s.cancel(env.cashier)
    assert exc.value.reason == "needs_manager"
    reversed_ = s.cancel(env.manager, "buyer changed mind")
    assert len(reversed_) == 2 and env.platform.cards[CARD] == 50_000
    assert env.card.refunds[0][0] == 1000
    assert s.cancelled and not env.store().sales
    s.cancel(env.manager)  # a second cancel reverses nothing again
    assert len(env.card.refunds) == 1 and env.platform.cards[CARD] == 50_000


# ----------------------------------------------------------------- the platform's claim, renewed


class TtlPlatform(FakeCardsPlatform):
    """Claims that run out after their ttl on the test's clock, as the platform's do."""

    def __init__(self, clock) -> None:
        super().__init__()
        self.clock = clock
        self.until: dict[str, object] = {}

    def claim_order(self, order_no, ttl_s=120, *, who=None):
        self._enter("claim_order", order_no, ttl_s)
        self._order(order_no)
        who = who or self.me
        holder, now = self.claims.get(order_no), self.clock.now()
        if holder is not None and holder != who and self.until[order_no] > now:
            raise PlatformRefused("order_claimed", "claimed", status=409,
                                  body={"error": "order_claimed", "store_id": holder[0], "terminal_id": holder[1]})
        self.claims[order_no] = who
        self.until[order_no] = now + timedelta(seconds=ttl_s)
        return {"order_no": order_no, "expires_at": self.until[order_no].isoformat()}


def test_claim_is_renewed_retried_offline_and_lost_to_another_terminal_stops_payment(env):
    env.platform = TtlPlatform(env.clock)
    env.platform.add_order({"order_no": ORDER.order_no, "lines": []})
    claim = env.platform.claim_order(ORDER.order_no, 2)
    s = env.session(claim_ttl_s=2)
    s.target = replace(s.target, claimed_until=datetime.fromisoformat(claim["expires_at"]))
    assert s.renews_claim
    env.clock.advance(seconds=1)  # half the claim's time
    renewed = s.renew_claim()
    assert renewed.claimed_until == env.clock.now() + timedelta(seconds=2) and s.target is renewed
    env.platform.down = True  # offline: the renewal fails and is simply retried
    with pytest.raises(PlatformUnavailable):
        s.renew_claim()
    assert s.renews_claim and s.claim_lost is None
    s.take_cash(1000)
    env.platform.down = False
    env.clock.advance(seconds=3)  # the claim ran out meanwhile; another counter takes the order
    env.platform.claim_order(ORDER.order_no, 120, who=("other-store", "T09"))
    with pytest.raises(CheckoutRefused) as exc:
        s.renew_claim()
    assert exc.value.reason == "claim_lost" and exc.value.params["terminal_id"] == "T09"
    assert exc.value.params["cause"] == "order_claimed" and not s.renews_claim
    with pytest.raises(CheckoutRefused) as exc:
        s.take_cash(2380)  # no further payment
    assert exc.value.reason == "claim_lost"
    with pytest.raises(CheckoutRefused) as exc:
        s.take_card(2380)
    assert exc.value.reason == "claim_lost" and not env.card.calls
    assert s.cancel(env.manager) == ["cash ¥10.00: hand it back"]  # cancelling still gives back what was taken


def test_offline_targets_and_finished_sessions_do_not_renew(env):
    s = env.session(offline=True)
    assert not s.renews_claim and s.renew_claim() is s.target and not env.platform.calls


# ----------------------------------------------------------------- card requests kept in storage


def _requests(env):
    return {r.request_id: r.state.value for r in env.store().card_requests.values()}


def test_each_card_charge_is_written_before_it_is_sent_and_settled_with_its_sale(env):
    s = env.session()
    written = []
    charge = env.card.charge
    env.card.charge = lambda *a, **k: written.append(dict(_requests(env))) or charge(*a, **k)
    tender = s.take_card(3380)
    assert written == [{tender.request_id: "sent"}]  # on record before the terminal saw it
    assert _requests(env) == {tender.request_id: "approved"}
    s.complete()
    assert _requests(env) == {tender.request_id: "settled"}


def test_unknown_outcome_survives_a_restart_and_the_approval_completes_that_order_once(env):
    env.card.mode = "unknown"
    s = env.session()
    with pytest.raises(CheckoutRefused):
        s.take_card(3380)
    rid = s.unresolved_card[0]
    # the terminal restarts: a new page, a new session, the same database
    ctx = env.session().ctx
    ctx.card_terminal = env.card
    [open_] = open_card_requests(ctx)
    assert (open_.request_id, open_.order_no, open_.amount_minor, open_.unknown) == (rid, ORDER.order_no, 3380, True)
    resolved = resolve_card_request(ctx, rid)
    assert resolved.state == "approved" and resolved.card_last4 == "4242"
    again = env.session()  # the same order scanned again
    [adopted] = again.adopt_card_requests()
    assert adopted.request_id == rid and again.covered and adopted.approval_code == "A1B2C3"
    again.complete()
    assert _requests(env) == {rid: "settled"} and not open_card_requests(ctx)
    assert [c[0] for c in env.card.calls] == ["charge", "resolve"]  # charged once, never again


def test_unknown_outcome_of_the_same_order_is_resolved_before_charging_in_a_new_session(env):
    env.card.mode = "unknown"
    with pytest.raises(CheckoutRefused):
        env.session().take_card(3380)
    env.card.mode = "approve"
    again = env.session()
    again.adopt_card_requests()
    assert again.unresolved_card is not None
    tender = again.take_card(3380)  # asks, does not charge
    assert again.covered and [c[0] for c in env.card.calls] == ["charge", "resolve"]
    assert _requests(env) == {tender.request_id: "approved"}


def test_another_orders_unknown_charge_is_resolved_first_and_reported(env):
    env.card.mode = "unknown"
    with pytest.raises(CheckoutRefused):
        env.session().take_card(1000)
    env.card.mode = "approve"
    other = CheckoutSession(PaymentTarget(replace(ORDER, order_no="PO000000001002"), ScanKind.VOUCHER, "v-2", False),
                            env.session().ctx)
    with pytest.raises(CheckoutRefused) as exc:
        other.take_card(3380)
    assert exc.value.reason == "card_earlier_approved" and exc.value.params["order_no"] == ORDER.order_no
    assert not other.tenders and list(_requests(env).values()) == ["approved"]
    tender = other.take_card(3380)  # told once; the next charge goes ahead
    assert tender.amount_minor == 3380 and sorted(_requests(env).values()) == ["approved", "approved"]


def test_not_charged_is_cleared_and_an_unrecorded_approval_is_refunded_with_a_manager(env):
    env.card.mode = "unknown"
    with pytest.raises(CheckoutRefused):
        env.session().take_card(1000)
    rid = next(iter(_requests(env)))
    del env.card.charges[rid]  # the card terminal never charged it
    ctx = env.session().ctx
    assert resolve_card_request(ctx, rid).state == "not_charged" and not open_card_requests(ctx)
    env.card.mode = "unknown"
    with pytest.raises(CheckoutRefused):
        env.session().take_card(2000)
    [open_] = open_card_requests(ctx)
    resolve_card_request(ctx, open_.request_id)
    with pytest.raises(CheckoutRefused) as exc:
        refund_card_request(ctx, open_.request_id, env.cashier)
    assert exc.value.reason == "needs_manager"
    assert refund_card_request(ctx, open_.request_id, env.manager).state == "refunded"
    assert env.card.refunds[-1][0] == 2000 and not open_card_requests(ctx)


def test_the_last_sale_receipt_is_found_past_a_refund_receipt_printed_since(env):
    from pos_terminal.domain.model import Receipt, ReceiptKind
    from pos_terminal.services.checkout import last_sale_receipt

    s = env.session()
    s.take_cash(5000)
    done = s.complete()
    with env.uow as uow:  # a refund at this counter takes the next receipt number
        counter = uow.receipts.counter_for("T01")
        uow.receipts.add(Receipt("T01", counter.next(), ReceiptKind.REFUND, sale_id=None, created_at=env.clock.now()))
        uow.commit()
    ctx = s.ctx
    stored = last_sale_receipt(ctx)
    assert stored is not None and stored.info.receipt_no == done.sale.receipt_no


def test_a_standalone_card_terminal_asks_the_cashier_after_a_restart(env):
    """The manual (standalone) terminal forgets a request when the program restarts; the amount
    recorded before the request was sent lets it ask the cashier all the same, so an unknown
    outcome never blocks card payments for good."""
    from drivers.card_terminal import ManualApproval, ManualCardTerminal

    env.card.mode = "unknown"
    s = env.session()
    with pytest.raises(CheckoutRefused):
        s.take_card(3380)
    rid = s.unresolved_card[0]
    asked = []

    class Cashier:
        def ask_manual_approval(self, amount_minor, currency, *, kind="sale", problem=""):
            asked.append((amount_minor, currency, problem))
            return ManualApproval("AB12", "4242")

    ctx = env.session().ctx
    ctx.card_terminal = ManualCardTerminal(Cashier())  # after the restart: it never saw the request
    resolved = resolve_card_request(ctx, rid)
    assert resolved.state == "approved" and resolved.card_last4 == "4242" and resolved.approval_code == "AB12"
    assert asked[0][:2] == (3380, "CNY") and "restarted" in asked[0][2]
    with pytest.raises(KeyError):  # without the recorded amount there is nothing to ask about
        ManualCardTerminal(Cashier()).resolve("unknown-id")
