"""The checkout session's prepaid tender with the holder's PIN (against the port fakes, which
check PINs as the sandbox does): a wrong PIN moves nothing and may be retried with the same card,
a locked card says so, and the PIN is kept nowhere."""

from __future__ import annotations

import logging
import re

import pytest

from pos_terminal.domain.model import CardRequestState
from pos_terminal.services.checkout import CheckoutRefused
from tests.unit.test_checkout_service import CARD, Env

PIN = "2580"  # FakeCardsPlatform's PIN of CARD (the sandbox's demo card PIN)


@pytest.fixture
def env():
    return Env()


def test_a_wrong_pin_debits_nothing_and_the_same_card_is_retried_with_the_right_one(env):
    s = env.session()
    with pytest.raises(CheckoutRefused) as exc:
        s.take_prepaid(CARD, 3380, "1111")
    assert exc.value.reason == "prepaid_wrong_pin" and exc.value.params["attempts_left"] == 4
    assert "4 attempts left" in exc.value.message and "1111" not in exc.value.message
    assert env.platform.cards[CARD] == 50_000 and not s.tenders
    entries = list(env.store().card_requests.values())
    assert [e.state for e in entries] == [CardRequestState.NOT_CHARGED]  # journalled: no money moved
    tender = s.take_prepaid(CARD, 3380, PIN)  # the same card, no new swipe needed
    assert tender.card_last4 == CARD[-4:] and env.platform.cards[CARD] == 50_000 - 3380
    assert env.platform.pins_seen == ["1111", PIN]


def test_five_wrong_pins_lock_the_card_and_the_cashier_is_told(env):
    s = env.session()
    for left in (4, 3, 2, 1):
        with pytest.raises(CheckoutRefused) as exc:
            s.take_prepaid(CARD, 3380, "0000")
        assert exc.value.params["attempts_left"] == left
    with pytest.raises(CheckoutRefused) as exc:
        s.take_prepaid(CARD, 3380, "0000")
    assert exc.value.reason == "prepaid_pin_locked" and "locked" in exc.value.message
    with pytest.raises(CheckoutRefused) as exc:
        s.prepaid_balance(CARD, PIN)
    assert exc.value.reason == "prepaid_pin_locked"
    assert env.platform.cards[CARD] == 50_000


def test_the_balance_needs_the_pin(env):
    s = env.session()
    with pytest.raises(CheckoutRefused) as exc:
        s.prepaid_balance(CARD, "9999")
    assert exc.value.reason == "prepaid_wrong_pin"
    assert s.prepaid_balance(CARD, PIN) == 50_000


@pytest.mark.parametrize("pin", ["", "123", "1234567", "12a4", "２５８０"])
def test_a_malformed_pin_is_refused_before_the_platform_is_asked(env, pin):
    s = env.session()
    for step in (lambda: s.take_prepaid(CARD, 3380, pin), lambda: s.prepaid_balance(CARD, pin)):
        with pytest.raises(CheckoutRefused) as exc:
            step()
        assert exc.value.reason == "prepaid_pin_invalid" and "4 to 6 digits" in exc.value.message
    assert env.platform.pins_seen == []


def test_the_pin_is_kept_nowhere_in_the_terminal(env, caplog):
    caplog.set_level(logging.DEBUG)
    pin, wrong = "2580", "7391"
    s = env.session()
    with pytest.raises(CheckoutRefused):
        s.take_prepaid(CARD, 1000, wrong)
    s.take_prepaid(CARD, 1000, pin)
    s.take_cash(2380)
    done = s.complete()
    store = env.store()
    kept = repr(vars(store)) + repr(vars(s)) + repr(done)
    text = caplog.text + "".join(str(r.__dict__) for r in caplog.records)

    def found(digits: str, where: str) -> bool:  # the PIN as a value of its own, not 4 digits inside an id or a time
        return re.search(rf"(?<![0-9A-Za-z]){digits}(?![0-9A-Za-z])", where) is not None

    assert not found(wrong, kept) and not found(pin, kept)
    assert not found(wrong, text) and not found(pin, text)
    assert found(pin, f"pin={pin}")  # (the check itself finds a PIN where one is)


def test_no_pin_is_asked_while_the_platform_is_away(env):
    s = env.session()
    s.prepaid_ready()  # there: the screen asks the PIN next
    env.platform.down = True
    with pytest.raises(CheckoutRefused) as exc:
        s.prepaid_ready()
    assert exc.value.reason == "prepaid_offline"
    assert env.platform.pins_seen == []
