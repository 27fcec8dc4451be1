"""The Clearing facade and `pos-terminal settle send|import-report|reports` on a demo terminal: the
demo's clearing house (in-process, its database in the data folder) is started at first use; a
manager sends the accepted tea-house statement (the demo's second platform settles through the
clearing house), fetches the day's signed report and it reconciles to zero; the command line
refuses an altered report file (exit 2, nothing stored) and a cashier is refused."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest

from pos_terminal.cli import main
from pos_terminal.services.clearing import ClearingRefused
from tests.clearing_helpers import keep_accepted, reports_kept, sent_state, statement

DAY = date(2026, 11, 20)


@pytest.fixture
def demo(terminal, app):
    st = statement("demo-store", "tea-house", DAY, [3300, 1200], [400], number="ST-20261120-000002")
    keep_accepted(terminal.engine, st)
    direct = statement("demo-store", "demo-shop", DAY, [900], number="ST-20261120-000001")
    keep_accepted(terminal.engine, direct, route="direct")
    return terminal, app, st


def _cli(monkeypatch, capsys, *argv, pin="8642"):
    monkeypatch.setattr("sys.stdin", io.StringIO(pin + "\n"))
    code = main(["settle", *argv, "--demo", "--user", "8001", "--pin-stdin"])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_a_manager_sends_fetches_and_the_report_reconciles(demo, monkeypatch, capsys, tmp_path):
    terminal, app, st = demo
    manager = app.users.sign_in("8001", "8642")
    cashier = app.users.sign_in("1001", "1357")
    with pytest.raises(ClearingRefused) as exc:
        app.clearing.send(cashier, st.number)
    assert exc.value.reason == "not_allowed"
    assert app.clearing.sendable(manager, DAY) == [st.number]

    sent = app.clearing.send(manager, st.number)
    assert sent.state == "sent" and terminal.clearing_house is not None
    assert sent_state(terminal.engine, st.number)[0] == "sent"

    code, out, err = _cli(monkeypatch, capsys, "import-report", "--date", DAY.isoformat())
    assert code == 0, err
    assert "reconciled" in out and st.number in out
    assert reports_kept(terminal.engine) == 1
    [view] = app.clearing.reports(manager)
    assert view.state == "reconciled" and view.net_minor == st.net_minor

    # the same report as a file, altered: refused, exit 2, nothing more stored
    envelope = terminal.clearing_house and _envelope(terminal)
    envelope["report"]["net_minor"] += 1
    bad = tmp_path / "report.json"
    bad.write_text(json.dumps(envelope), encoding="utf-8")
    code, out, err = _cli(monkeypatch, capsys, "import-report", str(bad))
    assert code == 2 and "altered" in err
    good = tmp_path / "good.json"
    good.write_text(json.dumps(_envelope(terminal)), encoding="utf-8")
    code, out, err = _cli(monkeypatch, capsys, "import-report", str(good))
    assert code == 2 and "already imported" in err
    assert reports_kept(terminal.engine) == 1

    code, out, err = _cli(monkeypatch, capsys, "send", "--number", "ST-20261120-000001")
    assert code == 2 and "settle export" in err  # the direct route's statement


def _envelope(terminal):
    from sync.clearing_client import HttpClearingClient

    house = terminal.clearing_house
    return HttpClearingClient(house.url, "demo-store", house.secret("demo-store")).store_report("demo-store", DAY)
