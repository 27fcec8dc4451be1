"""The card protocol and the simulator's rules, without sockets or threads (handle() directly)."""

from __future__ import annotations

import socket
from datetime import date, datetime, timezone

import pytest

from drivers import card_protocol as proto
from drivers.card_protocol import DayReport, ProtocolError, Transaction
from drivers.card_simulator import _CLOSE, _HANG, CardSimulator, simulated_card_number
from pos_terminal.security import luhn_ok


class FixedClock:
    def __init__(self, now: datetime) -> None:
        self.value = now

    def now(self) -> datetime:
        return self.value


def tx_wire(**over) -> dict:
    data = {"request_id": "r1", "kind": "sale", "result": "approved", "amount_minor": 1250, "currency": "CNY",
            "reference": "S1", "approval_code": "A1B2C3", "card_last4": "4321", "message": "approved",
            "at": "2024-05-01T10:00:00+00:00"}
    data.update(over)
    return data


# ----------------------------------------------------------------------------- framing


def test_encode_decode_round_trip_one_line():
    msg = proto.sale("r-1", 1250, "CNY", "销售-1")
    data = proto.encode(msg)
    assert data.endswith(b"\n") and data.count(b"\n") == 1
    assert proto.decode(data.rstrip(b"\n")) == msg


@pytest.mark.parametrize("line, text", [(b"not json", "not JSON"), (b"[1, 2]", "JSON object"), (b"\xff\xfe", "UTF-8")])
def test_decode_refuses_what_is_not_a_message(line, text):
    with pytest.raises(ProtocolError, match=text):
        proto.decode(line)


def test_line_reader_joins_chunks_and_splits_lines():
    a, b = socket.socketpair()
    with a, b:
        reader = proto.LineReader(a)
        b.sendall(b'{"reply": "PI')
        b.sendall(b'NG"}\n{"reply": "LAST", "transaction": null}\r\n')
        assert reader.read_message(5) == {"reply": "PING"}
        assert reader.read_message(5) == {"reply": "LAST", "transaction": None}


def test_line_reader_times_out_and_sees_a_closed_connection():
    a, b = socket.socketpair()
    with a:
        reader = proto.LineReader(a)
        with pytest.raises(TimeoutError):
            reader.read_line(0.05)
        b.sendall(b'{"half": ')
        b.close()
        with pytest.raises(proto.ConnectionClosed):
            reader.read_line(5)


def test_line_reader_refuses_an_endless_line():
    a, b = socket.socketpair()
    with a, b:
        b.sendall(b"x" * (proto.MAX_LINE + 10))
        with pytest.raises(ProtocolError) as err:
            proto.LineReader(a).read_line(5)
        assert err.value.code == "too_long"


# ----------------------------------------------------------------------------- requests


@pytest.mark.parametrize("message, field", [
    ({"type": "NOPE"}, "unknown message type"),
    (proto.sale("r1", 0, "CNY", "S1"), "amount_minor"),
    (proto.sale("r1", True, "CNY", "S1"), "amount_minor"),
    (proto.sale("r1", 12.5, "CNY", "S1"), "amount_minor"),
    (proto.sale("r1", 100, "cny", "S1"), "currency"),
    (proto.sale("r 1", 100, "CNY", "S1"), "request_id"),
    (proto.sale("", 100, "CNY", "S1"), "request_id"),
    (proto.sale("r1", 100, "CNY", ""), "reference"),
    (proto.refund("r1", 100, "CNY", "x" * 65), "original_reference"),
    ({"type": "DAY_REPORT", "date": "01/05/2024", "currency": "CNY"}, "date"),
    (proto.control("explode"), "mode"),
    (proto.control("slow", -1), "slow_s"),
    ({"type": "CANCEL"}, "request_id"),
])
def test_validate_request_names_the_bad_field(message, field):
    with pytest.raises(ProtocolError, match=field):
        proto.validate_request(message)


def test_validate_request_accepts_every_well_formed_request():
    for message in (proto.ping(), proto.sale("r1", 1, "CNY", "S1"), proto.refund("r2", 1, "CNY", "S1"),
                    proto.last(), proto.last("r1"), proto.day_report(date(2024, 5, 1), "CNY", "Asia/Shanghai"),
                    proto.cancel("r1"), proto.control("slow", 2)):
        assert proto.validate_request(message) is message


# ----------------------------------------------------------------------------- payloads


def test_transaction_round_trip():
    tx = Transaction.from_wire(tx_wire())
    assert tx.approved and Transaction.from_wire(tx.to_wire()) == tx


def test_transaction_with_a_card_number_in_last4_is_refused_without_showing_it():
    pan = simulated_card_number(7)
    with pytest.raises(ProtocolError) as err:
        Transaction.from_wire(tx_wire(card_last4=pan))
    assert pan not in str(err.value) and pan[-4:] not in str(err.value)


@pytest.mark.parametrize("over, text", [
    ({"approval_code": None}, "approval code"),
    ({"card_last4": None}, "last four"),
    ({"result": "maybe"}, "result"),
    ({"kind": "void"}, "kind"),
    ({"approval_code": "TOO-LONG-CODE!"}, "approval_code"),
])
def test_transaction_that_is_not_a_clear_outcome_is_refused(over, text):
    with pytest.raises(ProtocolError, match=text):
        Transaction.from_wire(tx_wire(**over))


def test_declined_transaction_needs_no_approval_code():
    tx = Transaction.from_wire(tx_wire(result="declined", approval_code=None, card_last4=None))
    assert not tx.approved


def test_transaction_missing_a_field_is_named():
    data = tx_wire()
    del data["amount_minor"]
    with pytest.raises(ProtocolError, match="amount_minor"):
        Transaction.from_wire(data)


def test_day_report_refuses_negative_figures():
    good = DayReport("2024-05-01", "UTC", "CNY", 2, 3000, 1, 500, 1)
    assert DayReport.from_wire(good.to_wire()) == good and good.net_minor == 2500
    with pytest.raises(ProtocolError, match="sales_minor"):
        DayReport.from_wire({**good.to_wire(), "sales_minor": -1})


def test_simulated_card_numbers_are_luhn_valid_and_vary_in_their_last_four():
    numbers = [simulated_card_number(n) for n in range(1, 21)]
    assert all(len(n) == 16 and n.isdigit() and luhn_ok(n) for n in numbers)
    assert len({n[-4:] for n in numbers}) == len(numbers)


# ----------------------------------------------------------------------------- the simulator's rules


@pytest.fixture
def sim():
    return CardSimulator(clock=FixedClock(datetime(2024, 5, 1, 10, 0, tzinfo=timezone.utc)))


def test_sale_is_idempotent_by_request_id(sim):
    first = sim.handle(proto.sale("r1", 1250, "CNY", "S1"))
    again = sim.handle(proto.sale("r1", 1250, "CNY", "S1"))
    assert first["transaction"] == again["transaction"] and again["replayed"] and not first["replayed"]
    assert len(sim.transactions()) == 1


def test_same_request_id_with_a_different_body_is_refused(sim):
    sim.handle(proto.sale("r1", 1250, "CNY", "S1"))
    with pytest.raises(ProtocolError) as err:
        sim.handle(proto.sale("r1", 9999, "CNY", "S1"))
    assert err.value.code == "request_id_reused"
    assert len(sim.transactions()) == 1


def test_fault_modes_withhold_the_answer_but_timeout_and_disconnect_still_charge(sim):
    sim.set_mode("timeout")
    assert sim.handle(proto.sale("r1", 100, "CNY", "S1")) is _HANG
    sim.set_mode("disconnect-after-approve")
    assert sim.handle(proto.sale("r2", 100, "CNY", "S2")) is _CLOSE
    sim.set_mode("drop")
    assert sim.handle(proto.sale("r3", 100, "CNY", "S3")) is _HANG
    assert [(t.request_id, t.result) for t in sim.transactions()] == [("r1", "approved"), ("r2", "approved")]


def test_cancel_of_an_unknown_request_refuses_it_when_it_arrives_late(sim):
    assert sim.handle(proto.cancel("late"))["state"] == "not_found"
    reply = sim.handle(proto.sale("late", 100, "CNY", "S1"))
    assert reply["transaction"]["result"] == "declined"
    assert sim.transactions() == [] and sim.handle(proto.last())["transaction"] is None


def test_cancel_of_a_completed_request_reports_it(sim):
    sim.handle(proto.sale("r1", 100, "CNY", "S1"))
    reply = sim.handle(proto.cancel("r1"))
    assert reply["state"] == "completed" and reply["transaction"]["result"] == "approved"


def test_last_with_a_request_id_finds_that_one_only(sim):
    sim.handle(proto.sale("r1", 100, "CNY", "S1"))
    sim.handle(proto.sale("r2", 200, "CNY", "S2"))
    assert sim.handle(proto.last())["transaction"]["request_id"] == "r2"
    assert sim.handle(proto.last("r1"))["transaction"]["request_id"] == "r1"
    assert sim.handle(proto.last("r9"))["transaction"] is None


def test_refund_needs_an_approved_sale_and_stays_within_it(sim):
    sale = sim.handle(proto.sale("r1", 1000, "CNY", "S1"))["transaction"]
    part = sim.handle(proto.refund("f1", 600, "CNY", "S1"))["transaction"]
    too_much = sim.handle(proto.refund("f2", 600, "CNY", "S1"))["transaction"]
    unknown = sim.handle(proto.refund("f3", 100, "CNY", "NOPE"))["transaction"]
    assert part["result"] == "approved" and part["card_last4"] == sale["card_last4"]
    assert too_much["result"] == "declined" and "exceeds" in too_much["message"]
    assert unknown["result"] == "declined" and "NOPE" in unknown["message"]


def test_day_report_follows_the_requested_time_zone(sim):
    sim._clock.value = datetime(2024, 5, 1, 17, 0, tzinfo=timezone.utc)  # 2 May 01:00 in Shanghai
    sim.handle(proto.sale("r1", 1000, "CNY", "S1"))
    sim._clock.value = datetime(2024, 5, 1, 3, 0, tzinfo=timezone.utc)  # 1 May 11:00 in Shanghai
    sim.handle(proto.sale("r2", 500, "CNY", "S2"))
    sim.handle(proto.refund("f1", 200, "CNY", "S2"))
    sim.set_mode("decline")
    sim.handle(proto.sale("r3", 700, "CNY", "S3"))
    shanghai = sim.handle(proto.day_report(date(2024, 5, 1), "CNY", "Asia/Shanghai"))["report"]
    assert (shanghai["sales_count"], shanghai["sales_minor"]) == (1, 500)
    assert (shanghai["refunds_count"], shanghai["refunds_minor"], shanghai["declined_count"]) == (1, 200, 1)
    utc = sim.handle(proto.day_report(date(2024, 5, 1), "CNY", "UTC"))["report"]
    assert (utc["sales_count"], utc["sales_minor"]) == (2, 1500)
    assert sim.handle(proto.day_report(date(2024, 5, 1), "USD"))["report"]["sales_count"] == 0


def test_unknown_time_zone_is_named(sim):
    with pytest.raises(ProtocolError, match="Mars/Olympus"):
        sim.handle(proto.day_report(date(2024, 5, 1), "CNY", "Mars/Olympus"))


def test_control_switches_the_mode(sim):
    assert sim.handle(proto.control("slow", 0.5)) == {"reply": "CONTROL", "mode": "slow", "slow_s": 0.5}
    assert sim.mode == "slow"
    with pytest.raises(ValueError, match="mode must be one of"):
        sim.set_mode("explode")


def test_state_survives_a_restart_and_holds_no_card_number(tmp_path):
    first = CardSimulator(state_dir=tmp_path)
    for n in range(3):
        first.handle(proto.sale(f"r{n}", 100 + n, "CNY", f"S{n}"))
    first.handle(proto.cancel("never-came"))
    second = CardSimulator(state_dir=tmp_path)
    second._load()
    assert second.transactions() == first.transactions()
    assert second.handle(proto.sale("never-came", 1, "CNY", "S9"))["transaction"]["result"] == "declined"
    second.handle(proto.sale("r3", 100, "CNY", "S3"))
    assert second.transactions()[-1].card_last4 == simulated_card_number(4)[-4:]  # numbering continues
    text = (tmp_path / "card-simulator.json").read_text()
    assert not any(simulated_card_number(n) in text for n in range(1, 10))


def test_unreadable_state_is_not_silently_replaced(tmp_path):
    (tmp_path / "card-simulator.json").write_text("{broken")
    with pytest.raises(RuntimeError, match="move it aside"):
        CardSimulator(state_dir=tmp_path)._load()
