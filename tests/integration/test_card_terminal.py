"""The card terminal adapters against the real simulator process on loopback (start_process),
and manual mode. Fault modes are switched by CONTROL messages, as the demo does. No assertion
here is about how long anything took: waits have deadlines only so a broken build fails."""

from __future__ import annotations

import json
import logging
import socket
import subprocess
import sys
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest

from config.schema import CardTerminalSettings
from drivers import card_protocol as proto
from drivers.card_simulator import CardSimulator, set_mode, simulated_card_number, start_process, stop_process
from drivers.card_terminal import (
    CardOutcomeUnknown, CardTerminalUnavailable, InvalidManualApproval, ManualApproval, ManualCardTerminal,
    TcpCardTerminal, parse_manual_approval,
)
from pos_terminal.ports import DeviceState

pytestmark = pytest.mark.clock_sensitive  # run again with the clock moved (tests/conftest.py)

HOST = "127.0.0.1"


class Sim:
    """A simulator process with its state folder and log file; restartable on the same port."""

    def __init__(self, tmp_path: Path) -> None:
        self.state = tmp_path / "sim-state"
        self.log = tmp_path / "sim.log"
        self.proc, self.port = start_process(state_dir=self.state, log_path=self.log)

    def mode(self, mode: str, slow_s: float | None = None) -> None:
        set_mode(HOST, self.port, mode, slow_s)

    def kill(self) -> None:
        self.proc.kill()
        self.proc.wait(timeout=10)
        stop_process(self.proc)

    def restart(self) -> None:
        self.proc, port = start_process(self.port, state_dir=self.state, log_path=self.log)
        assert port == self.port

    def report(self, currency: str = "CNY") -> dict:
        """The simulator's own day reports (UTC days) summed over the days of the transactions it
        stored: it stamps them with its own clock, so the test does not guess "today" (a test
        running across midnight would ask for the wrong day)."""
        days = sorted({datetime.fromisoformat(tx["at"]).astimezone(timezone.utc).date() for tx in self.stored()})
        total: dict = {"sales_count": 0, "sales_minor": 0, "refunds_count": 0, "refunds_minor": 0,
                       "declined_count": 0}
        for day in days:
            report = proto.request(HOST, self.port, proto.day_report(day, currency, "UTC"))["report"]
            for key in total:
                total[key] += report[key]
        return total

    def stored(self) -> list[dict]:
        path = self.state / "card-simulator.json"
        return json.loads(path.read_text())["transactions"] if path.exists() else []


@pytest.fixture
def sim(tmp_path):
    s = Sim(tmp_path)
    yield s
    stop_process(s.proc)


def adapter(port: int, **kw) -> TcpCardTerminal:
    kw.setdefault("timeout_s", 10.0)
    kw.setdefault("recovery_wait_s", 0.1)
    return TcpCardTerminal(CardTerminalSettings(host=HOST, port=port), **kw)


def wait_until(predicate, what: str, deadline_s: float = 20.0) -> None:
    end = time.monotonic() + deadline_s
    while not predicate():
        if time.monotonic() > end:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.02)


# ----------------------------------------------------------------------------- the ordinary cases


def test_open_reports_ready_with_the_simulator(sim):
    status = adapter(sim.port).open()
    assert status.state is DeviceState.READY and "card simulator" in status.detail


def test_approve_keeps_reference_code_and_last_four(sim):
    terminal = adapter(sim.port)
    terminal.open()
    result = terminal.charge(1250, "CNY", "sale-1")
    assert result.approved and result.outcome == "approved"
    assert result.reference == "sale-1" and result.amount_minor == 1250
    assert result.approval_code.isalnum() and len(result.approval_code) == 6
    assert result.card_last4.isdigit() and len(result.card_last4) == 4
    last = terminal.last_transaction()
    assert (last.request_id, last.reference, last.approval_code) == (result.request_id, "sale-1", result.approval_code)
    assert terminal.status().state is DeviceState.READY


def test_decline(sim):
    sim.mode("decline")
    result = adapter(sim.port).charge(1250, "CNY", "sale-1")
    assert not result.approved and result.outcome == "declined" and result.approval_code is None
    assert "declined" in result.message.lower() and "not charged" in result.message
    assert sim.report()["sales_count"] == 0 and sim.report()["declined_count"] == 1


def test_last_four_digits_vary_between_cards(sim):
    terminal = adapter(sim.port)
    digits = {terminal.charge(100 + n, "CNY", f"sale-{n}").card_last4 for n in range(3)}
    assert len(digits) == 3


def test_refund_of_a_card_sale_and_the_day_report(sim):
    terminal = adapter(sim.port)
    sale = terminal.charge(3000, "CNY", "sale-1")
    refund = terminal.refund(1000, "CNY", "sale-1")
    assert refund.approved and refund.kind == "refund" and refund.card_last4 == sale.card_last4
    assert not terminal.refund(500, "CNY", "no-such-sale").approved
    report = terminal.day_report(currency="CNY")
    assert (report.sales_count, report.sales_minor, report.refunds_count, report.refunds_minor) == (1, 3000, 1, 1000)
    assert report.net_minor == 2000


# ----------------------------------------------------------------------------- never a double charge


def test_timeout_after_the_charge_is_found_approved_by_last_and_charged_once(sim):
    sim.mode("timeout")
    result = adapter(sim.port, timeout_s=0.5).charge(1250, "CNY", "sale-1")
    assert result.approved and result.approval_code and result.card_last4
    report = sim.report()
    assert (report["sales_count"], report["sales_minor"]) == (1, 1250)


def test_disconnect_after_approve_is_found_approved_by_last_and_charged_once(sim):
    sim.mode("disconnect-after-approve")
    result = adapter(sim.port).charge(1250, "CNY", "sale-1")
    assert result.approved and result.outcome == "approved" and result.reference == "sale-1"
    assert sim.report()["sales_count"] == 1


def test_dropped_request_is_not_charged_and_a_retry_with_a_new_request_id_approves(sim):
    terminal = adapter(sim.port, timeout_s=0.5)
    sim.mode("drop")
    first = terminal.charge(1250, "CNY", "sale-1")
    assert not first.approved and first.outcome == "not_charged"
    assert "Not charged" in first.message and "safe to try again" in first.message
    assert terminal.unresolved() == []
    sim.mode("approve")
    second = terminal.charge(1250, "CNY", "sale-1")
    assert second.approved and second.request_id != first.request_id
    assert sim.report()["sales_count"] == 1


def test_a_sale_still_waiting_for_the_card_is_cancelled_when_the_pos_gives_up(sim):
    sim.mode("slow", 600)
    result = adapter(sim.port, timeout_s=0.5).charge(1250, "CNY", "sale-1")
    assert not result.approved and "cancelled" in result.message
    assert sim.report()["sales_count"] == 0


def test_slow_answer_within_the_timeout_is_approved(sim):
    sim.mode("slow", 0.2)
    assert adapter(sim.port, timeout_s=30).charge(1250, "CNY", "sale-1").approved


def test_the_same_request_id_twice_charges_once(sim):
    terminal = adapter(sim.port)
    first = terminal.charge(1250, "CNY", "sale-1", request_id="pos-T01-0001")
    second = terminal.charge(1250, "CNY", "sale-1", request_id="pos-T01-0001")
    assert first.approved and second.approved and first.approval_code == second.approval_code
    reply = proto.request(HOST, sim.port, proto.sale("pos-T01-0001", 1250, "CNY", "sale-1"))
    assert reply["replayed"] is True
    assert sim.report()["sales_count"] == 1


def test_a_request_id_reused_for_another_amount_is_refused_and_not_charged(sim):
    terminal = adapter(sim.port)
    terminal.charge(1250, "CNY", "sale-1", request_id="dup-1")
    other = terminal.charge(9900, "CNY", "sale-2", request_id="dup-1")
    assert not other.approved and other.outcome == "not_charged" and "different" in other.message
    assert sim.report()["sales_count"] == 1


def _charge_in_thread(terminal, *args, **kw):
    box: dict = {}

    def run():
        try:
            box["result"] = terminal.charge(*args, **kw)
        except Exception as exc:  # the test inspects it
            box["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, box


def _kill_mid_charge(sim: Sim, terminal: TcpCardTerminal) -> CardOutcomeUnknown:
    sim.mode("timeout")  # the simulator charges, then says nothing
    thread, box = _charge_in_thread(terminal, 1250, "CNY", "sale-1")
    wait_until(lambda: len(sim.stored()) == 1, "the simulator to record the charge")
    sim.kill()
    thread.join(30)
    assert not thread.is_alive()
    assert "result" not in box, f"a guess instead of an unknown outcome: {box.get('result')}"
    return box["error"]


def test_simulator_killed_mid_charge_is_unknown_then_resolved_approved_and_charged_once(sim):
    terminal = adapter(sim.port, timeout_s=60, recovery_attempts=2)
    error = _kill_mid_charge(sim, terminal)
    assert isinstance(error, CardOutcomeUnknown) and error.code == "card_outcome_unknown"
    assert "do NOT charge the card again" in error.message and "screen" in error.message
    assert terminal.unresolved() == [error.request_id]
    assert terminal.status().state is DeviceState.ERROR and "unknown outcome" in terminal.status().detail
    with pytest.raises(CardOutcomeUnknown):
        terminal.resolve(error.request_id)  # still down
    sim.restart()
    result = terminal.resolve(error.request_id)
    assert result.approved and result.request_id == error.request_id and result.reference == "sale-1"
    assert terminal.unresolved() == [] and terminal.status().state is DeviceState.READY
    assert sim.report()["sales_count"] == 1


def test_charging_again_while_the_outcome_is_unknown_returns_the_earlier_approval(sim):
    terminal = adapter(sim.port, timeout_s=60, recovery_attempts=2)
    error = _kill_mid_charge(sim, terminal)
    with pytest.raises(CardOutcomeUnknown) as again:
        terminal.charge(1250, "CNY", "sale-1")  # the cashier presses "card" again: refused while unknown
    assert again.value.request_id == error.request_id
    sim.restart()
    sim.mode("approve")
    retry = terminal.charge(1250, "CNY", "sale-1")
    assert retry.approved and retry.request_id == error.request_id
    assert sim.report()["sales_count"] == 1


def test_resolve_works_for_a_request_id_kept_across_a_pos_restart(sim):
    first = adapter(sim.port).charge(1250, "CNY", "sale-1")
    fresh = adapter(sim.port)  # a new POS process knows only the stored request_id
    assert fresh.resolve(first.request_id).approval_code == first.approval_code
    assert fresh.resolve("never-sent").outcome == "not_charged"


def test_the_simulator_remembers_the_day_across_a_restart(sim):
    terminal = adapter(sim.port)
    terminal.charge(1250, "CNY", "sale-1")
    last = terminal.last_transaction()
    stop_process(sim.proc)
    sim.restart()
    assert terminal.day_report(currency="CNY").sales_count == 1
    assert terminal.last_transaction() == last


# ----------------------------------------------------------------------------- unreachable or misconfigured


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def test_unreachable_terminal_is_a_status_and_a_charge_is_not_charged():
    terminal = adapter(_closed_port())
    status = terminal.open()
    assert status.state is DeviceState.ERROR and "cannot reach the card terminal" in status.detail
    result = terminal.charge(1250, "CNY", "sale-1")
    assert not result.approved and result.outcome == "not_charged" and "cannot be reached" in result.message
    with pytest.raises(CardTerminalUnavailable, match="last transaction"):
        terminal.last_transaction()
    with pytest.raises(CardTerminalUnavailable, match="day report"):
        terminal.day_report()


def test_port_zero_says_what_to_configure():
    status = TcpCardTerminal(CardTerminalSettings(port=0)).open()
    assert status.state is DeviceState.ERROR and "[card_terminal]" in status.detail


def test_something_that_is_not_a_card_terminal_never_yields_an_outcome(tmp_path):
    server = socket.socket()
    server.bind((HOST, 0))
    server.listen(8)
    stop = threading.Event()

    def babble():
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            with conn:
                try:
                    conn.recv(4096)
                    conn.sendall(b"HTTP/1.0 400 Bad Request\r\n\r\n")
                except OSError:
                    pass

    t = threading.Thread(target=babble, daemon=True)
    t.start()
    try:
        terminal = adapter(server.getsockname()[1], recovery_attempts=2)
        assert "not a card terminal" in terminal.open().detail
        with pytest.raises(CardOutcomeUnknown):
            terminal.charge(1250, "CNY", "sale-1")
    finally:
        stop.set()
        t.join(5)
        server.close()


def test_invalid_amounts_are_refused_before_anything_is_sent():
    terminal = adapter(_closed_port())
    for amount in (0, -5, 12.5, True):
        with pytest.raises(ValueError, match="positive integer"):
            terminal.charge(amount, "CNY", "sale-1")
    with pytest.raises(ValueError, match="currency"):
        terminal.charge(100, "XYZ", "sale-1")


# ----------------------------------------------------------------------------- the demo's controls


def test_the_command_line_switches_a_running_simulators_mode(sim):
    done = subprocess.run([sys.executable, "-m", "drivers.card_simulator", "--port", str(sim.port),
                           "--set-mode", "decline"], capture_output=True, text=True, timeout=60,
                          cwd=Path(__file__).resolve().parents[2])
    assert done.returncode == 0, done.stderr
    assert "decline" in done.stdout
    assert not adapter(sim.port).charge(100, "CNY", "sale-1").approved


def test_a_simulator_that_cannot_listen_says_why(sim, tmp_path):
    with pytest.raises(RuntimeError, match="exited"):
        start_process(sim.port, log_path=tmp_path / "second.log")
    assert "cannot listen" in (tmp_path / "second.log").read_text()


# ----------------------------------------------------------------------------- no card number anywhere


def test_no_card_number_in_logs_state_or_results(sim, caplog, tmp_path):
    caplog.set_level(logging.DEBUG)
    terminal = adapter(sim.port, timeout_s=0.5)
    results = [terminal.charge(1000 + n, "CNY", f"sale-{n}") for n in range(2)]
    sim.mode("timeout")
    results.append(terminal.charge(1500, "CNY", "sale-t"))
    sim.mode("approve")
    results.append(terminal.refund(1000, "CNY", "sale-0"))
    # the same in-process, so the simulator's own log records are captured too
    with CardSimulator(state_dir=tmp_path / "inproc") as local:
        results.append(adapter(local.port).charge(700, "CNY", "sale-x"))
        local_count = len(local.transactions())
    stop_process(sim.proc)  # flushes the simulator process's log
    numbers = [simulated_card_number(n) for n in range(1, 10)]
    records = "\n".join(f"{r.getMessage()} {vars(r)}" for r in caplog.records)
    texts = {"captured logs": records, "simulator log": sim.log.read_text(),
             "simulator state": (sim.state / "card-simulator.json").read_text(),
             "results": repr(results)}
    for where, text in texts.items():
        for number in numbers:
            assert number not in text, f"a card number in the {where}"
    assert all(r.approved for r in results) and local_count == 1
    assert results[0].card_last4 in records and results[0].card_last4 in texts["simulator log"]  # the check can see


# ----------------------------------------------------------------------------- manual mode


class Cashier:
    def __init__(self, *answers) -> None:
        self.answers = list(answers)
        self.asked: list[tuple] = []

    def ask_manual_approval(self, amount_minor, currency, *, kind="sale", problem=""):
        self.asked.append((amount_minor, currency, kind, problem))
        return self.answers.pop(0)


def test_manual_approval_is_recorded():
    terminal = ManualCardTerminal(Cashier(ManualApproval(" ab12-c3 ", "**** 4321")))
    assert terminal.open().state is DeviceState.READY
    result = terminal.charge(1250, "CNY", "sale-1")
    assert result.approved and (result.approval_code, result.card_last4, result.reference) == ("AB12C3", "4321", "sale-1")
    assert terminal.last_transaction() == result and terminal.day_report() is None


def test_manual_cancel_is_declined_by_the_cashier():
    result = ManualCardTerminal(Cashier(None)).charge(1250, "CNY", "sale-1")
    assert not result.approved and result.message == "cancelled by the cashier" and result.outcome == "cancelled"


def test_manual_bad_entry_is_asked_again_with_the_reason():
    cashier = Cashier(ManualApproval("", "4321"), ManualApproval("123456", "43a1"), ManualApproval("123456", "4321"))
    result = ManualCardTerminal(cashier).refund(500, "CNY", "sale-1")
    assert result.approved and result.kind == "refund"
    problems = [a[3] for a in cashier.asked]
    assert problems[0] == "" and "approval code" in problems[1] and "exactly 4 digits" in problems[2]
    assert all(a[2] == "refund" for a in cashier.asked)


def test_manual_whole_card_number_is_refused_and_never_repeated_or_logged(caplog):
    caplog.set_level(logging.DEBUG)
    pan = simulated_card_number(3)
    cashier = Cashier(ManualApproval("123456", pan), ManualApproval("123456", pan[-4:]))
    result = ManualCardTerminal(cashier).charge(1250, "CNY", "sale-1")
    assert result.approved and result.card_last4 == pan[-4:]
    assert "last four digits" in cashier.asked[1][3] and pan not in cashier.asked[1][3]
    assert pan not in caplog.text and pan not in repr(ManualApproval("1", pan))
    assert all(pan not in str(vars(r)) for r in caplog.records)


def test_manual_entry_refused_again_and_again_is_an_unknown_outcome_to_resolve():
    bad = [ManualApproval("", "")] * ManualCardTerminal.MAX_ASKS
    cashier = Cashier(*bad, ManualApproval("XY9", "0007"))
    terminal = ManualCardTerminal(cashier)
    with pytest.raises(CardOutcomeUnknown) as err:
        terminal.charge(1250, "CNY", "sale-1")
    assert "do NOT charge the card again" in err.value.message
    assert terminal.unresolved() == [err.value.request_id]
    assert terminal.resolve(err.value.request_id).approval_code == "XY9"
    assert terminal.unresolved() == []


@pytest.mark.parametrize("code, last4, field", [
    ("", "1234", "approval_code"), ("   ", "1234", "approval_code"), ("ABC!23", "1234", "approval_code"),
    ("A" * 13, "1234", "approval_code"), ("123456", "123", "card_last4"), ("123456", "12345", "card_last4"),
    ("123456", "12a4", "card_last4"), ("123456", "", "card_last4"),
])
def test_parse_manual_approval_refuses(code, last4, field):
    with pytest.raises(InvalidManualApproval) as err:
        parse_manual_approval(code, last4)
    assert err.value.field == field


def test_parse_manual_approval_is_liberal():
    assert parse_manual_approval(" 0a1b2c ", " 1234 ") == ManualApproval("0A1B2C", "1234")
    assert parse_manual_approval("7", "xxxx-9876") == ManualApproval("7", "9876")
