"""The day's settlement statement (pos_terminal.domain.model.statements): rounding, commission,
what moves the net and what does not, the digest, and the comparison of two sides."""

from __future__ import annotations

from datetime import date

import pytest

from pos_terminal.domain.model.statements import (
    DOUBLE_PAYMENT,
    PAYBACK,
    REFUND,
    SALE,
    VOID,
    Contract,
    Movement,
    Statement,
    StatementError,
    compare_statements,
    compute_statement,
    round_ratio,
)

DAY = date(2026, 3, 1)


def statement(moves, contract=None, currency="CNY"):
    return compute_statement(store_id="S01", platform_id="demo-shop", business_date=DAY, currency=currency,
                             contract=contract or Contract("demo-shop", 150, 0, "half_up"), movements=moves)


def sale(ref, *tenders, order=None):
    return Movement(SALE, ref, order or f"O-{ref}", tuple(tenders))


# -- rounding -------------------------------------------------------------------------------


@pytest.mark.parametrize("num, den, rule, expected", [
    (5, 10, "half_up", 1), (15, 10, "half_up", 2), (25, 10, "half_up", 3), (24, 10, "half_up", 2),
    (5, 10, "half_even", 0), (15, 10, "half_even", 2), (25, 10, "half_even", 2), (26, 10, "half_even", 3),
    (19, 10, "down", 1), (10, 10, "down", 1), (1, 10, "down", 0),
    # negatives: half_up rounds .5 away from zero, down toward zero, half_even to the even one
    (-5, 10, "half_up", -1), (-15, 10, "half_up", -2), (-19, 10, "down", -1), (-25, 10, "half_even", -2),
    (-35, 10, "half_even", -4), (-14, 10, "half_up", -1), (0, 10, "half_up", 0),
])
def test_round_ratio(num, den, rule, expected):
    assert round_ratio(num, den, rule) == expected


def test_round_ratio_refuses_a_zero_denominator():
    with pytest.raises(ValueError):
        round_ratio(1, 0, "half_up")


def test_contract_refuses_an_unknown_rounding_or_out_of_range_terms():
    with pytest.raises(StatementError) as exc:
        Contract("p", 150, 0, "ceiling")
    assert exc.value.reason == "bad_contract"
    with pytest.raises(StatementError):
        Contract("p", 10_001)
    with pytest.raises(StatementError):
        Contract("p", 0, -1)


# -- commission -------------------------------------------------------------------------------


def test_commission_is_per_order_percent_rounded_then_fixed():
    # 150 bp of 1,033 = 15.495 -> 15 (half_up: .495 < .5); of 1,100 = 16.5 -> 17; plus 20 fixed each
    st = statement([sale("a", ("cash", 1033)), sale("b", ("bank_card", 1100))], Contract("demo-shop", 150, 20))
    assert st.commission_minor == (15 + 20) + (17 + 20)
    line = st.line("commission")
    assert line is not None and line.count == 2 and line.effect_minor == -st.commission_minor
    assert st.net_minor == 1033 + 1100 - st.commission_minor


def test_commission_rounds_each_order_not_the_day():
    # two orders of 100 at 150 bp: 1.5 each. Per order half_even -> 2 + 2 = 4; the day's 3.0 would be 3
    st = statement([sale("a", ("cash", 100)), sale("b", ("cash", 100))], Contract("demo-shop", 150, 0, "half_even"))
    assert st.commission_minor == 4
    st = statement([sale("a", ("cash", 100)), sale("b", ("cash", 100))], Contract("demo-shop", 150, 0, "down"))
    assert st.commission_minor == 2


def test_fixed_only_and_percent_only_contracts():
    moves = [sale("a", ("cash", 5000)), sale("b", ("cash", 2000), ("prepaid", 1000))]
    assert statement(moves, Contract("demo-shop", 0, 30)).commission_minor == 60
    # the percentage is of the whole order, prepaid part included (the counter took the order)
    assert statement(moves, Contract("demo-shop", 200, 0)).commission_minor == 100 + 60


def test_a_refund_does_not_reverse_the_commission():
    base = statement([sale("a", ("cash", 1000))])
    refunded = statement([sale("a", ("cash", 1000)), Movement(REFUND, "case/0", "O-a", (("cash", 400),))])
    assert refunded.commission_minor == base.commission_minor
    assert refunded.net_minor == base.net_minor - 400


# -- what moves the net -------------------------------------------------------------------------


def test_prepaid_moves_nothing_but_is_shown():
    st = statement([sale("a", ("prepaid", 3000)), Movement(REFUND, "c/0", "O-a", (("prepaid", 500),))],
                   Contract("demo-shop", 0, 0))
    collected = st.line("collected", "prepaid")
    refund = st.line("refund_paid_out", "prepaid")
    assert collected is not None and collected.amount_minor == 3000 and collected.effect_minor == 0
    assert refund is not None and refund.amount_minor == 500 and refund.effect_minor == 0
    assert st.net_minor == 0


def test_a_void_is_shown_and_moves_nothing():
    without = statement([sale("a", ("cash", 1000))])
    with_void = statement([sale("a", ("cash", 1000)), Movement(VOID, "chk1", "O-v", (("cash", 700), ("bank_card", 300)))])
    assert with_void.net_minor == without.net_minor
    for tender, amount in (("cash", 700), ("bank_card", 300)):
        line = with_void.line("void_given_back", tender)
        assert line is not None and line.amount_minor == amount and line.effect_minor == 0


def test_refunds_and_paybacks_of_held_tenders_lower_the_net():
    st = statement([sale("a", ("cash", 1000), ("bank_card", 2000)),
                    Movement(REFUND, "c/0", "O-a", (("cash", 300),)), Movement(REFUND, "c/1", "O-a", (("bank_card", 500),)),
                    Movement(PAYBACK, "pb1", "O-b", (("cash", 800),))], Contract("demo-shop", 0, 0))
    assert st.net_minor == 3000 - 300 - 500 - 800
    assert st.line("double_payment_paid_back", "cash").effect_minor == -800


def test_a_double_payment_held_is_shown_inside_the_gross():
    st = statement([sale("s1", ("cash", 1000)), sale("s2", ("cash", 1000), order="O-s1"),
                    Movement(DOUBLE_PAYMENT, "s2", "O-s1", (("cash", 1000),))], Contract("demo-shop", 0, 0))
    held = st.line("double_payment_held")
    assert held is not None and held.amount_minor == 1000 and held.effect_minor == 0
    assert st.net_minor == 2000  # the store holds both until it pays one back


def test_negative_net_when_the_store_paid_out_more_than_it_took():
    st = statement([sale("a", ("cash", 100)), Movement(REFUND, "c/0", "O-x", (("cash", 5000),))])
    assert st.net_minor < 0


def test_a_movement_without_a_positive_amount_or_of_an_unknown_kind_is_refused():
    with pytest.raises(StatementError):
        statement([Movement(SALE, "a", "O", (("cash", 0),))])
    with pytest.raises(StatementError):
        statement([Movement("gift", "a", "O", (("cash", 10),))])


def test_the_order_of_movements_does_not_matter():
    moves = [sale("b", ("cash", 10)), sale("a", ("bank_card", 20)), Movement(REFUND, "c/0", "O-a", (("cash", 5),))]
    assert statement(moves).digest == statement(list(reversed(moves))).digest


# -- digest, JSON ---------------------------------------------------------------------------------


def test_the_digest_changes_when_a_figure_changes():
    a = statement([sale("a", ("cash", 1000))])
    b = statement([sale("a", ("cash", 1001))])
    c = statement([sale("a", ("cash", 1000))], Contract("demo-shop", 150, 0, "half_even"))
    d = statement([sale("a", ("bank_card", 1000))])
    assert len({a.digest, b.digest, c.digest, d.digest}) == 4
    assert a.digest == statement([sale("a", ("cash", 1000))]).digest


def test_the_digest_does_not_cover_the_acceptance():
    from datetime import datetime, timezone

    a = statement([sale("a", ("cash", 1000))])
    accepted = a.accepted("ST-20260301-000001", datetime(2026, 3, 2, tzinfo=timezone.utc), "u1")
    assert accepted.digest == a.digest
    with pytest.raises(StatementError) as exc:
        accepted.accepted("ST-20260301-000002", datetime(2026, 3, 2, tzinfo=timezone.utc), "u1")
    assert exc.value.reason == "already_accepted"


def test_json_round_trip_and_an_altered_body_is_refused():
    st = statement([sale("a", ("cash", 1000)), Movement(VOID, "v", "O-v", (("cash", 5),))])
    body = st.to_json()
    assert Statement.from_json(body) == st
    body["lines"][0]["amount_minor"] += 1
    with pytest.raises(StatementError) as exc:
        Statement.from_json(body)
    assert exc.value.reason == "digest_mismatch"
    body = st.to_json()
    body["net_minor"] -= 100
    with pytest.raises(StatementError):
        Statement.from_json(body)


# -- comparison ------------------------------------------------------------------------------------


def kinds(diffs):
    return sorted((d.kind, d.key) for d in diffs)


def test_two_equal_sides_have_no_difference():
    moves = [sale("a", ("cash", 1000)), Movement(REFUND, "c/0", "O-a", (("cash", 100),))]
    assert compare_statements(statement(moves), statement(list(moves))) == []


def test_a_movement_missing_on_the_platform():
    t = statement([sale("a", ("cash", 1000)), sale("b", ("cash", 500))])
    p = statement([sale("a", ("cash", 1000))])
    found = kinds(compare_statements(t, p))
    assert ("missing_on_platform", "sale:b") in found
    assert ("line_differs", "collected/cash") in found
    assert ("line_differs", "commission") in found
    assert all(d.action for d in compare_statements(t, p))


def test_a_movement_missing_on_the_terminal():
    t = statement([sale("a", ("cash", 1000))])
    p = statement([sale("a", ("cash", 1000)), Movement(VOID, "v1", "O-v", (("cash", 300),))])
    found = kinds(compare_statements(t, p))
    assert ("missing_on_terminal", "void:v1") in found
    assert ("line_differs", "void_given_back/cash") in found


def test_an_amount_that_differs():
    t = statement([sale("a", ("cash", 1000))])
    p = statement([sale("a", ("cash", 900), ("bank_card", 100))])
    found = kinds(compare_statements(t, p))
    assert ("amount_differs", "sale:a") in found
    assert ("line_differs", "collected/bank_card") in found


def test_a_contract_that_differs():
    moves = [sale("a", ("cash", 1000))]
    found = kinds(compare_statements(statement(moves), statement(moves, Contract("demo-shop", 100))))
    assert ("contract_differs", "contract") in found


def test_a_currency_that_differs_stops_the_comparison():
    moves = [sale("a", ("cash", 1000))]
    diffs = compare_statements(statement(moves), statement([sale("b", ("cash", 1))], currency="EUR"))
    assert kinds(diffs) == [("currency_differs", "currency")]
