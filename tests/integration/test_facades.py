"""The use-case facades (pos_terminal.app.facades) on a real demo terminal (SQLite, simulated
devices, no platform): what the window calls, without a window."""

from __future__ import annotations

import tomllib

from pos_terminal.domain.model import Permission
from pos_terminal.services import audit


def test_the_store_reads_the_settings_and_the_terminals_clock(app, terminal):
    assert (app.store.store_name, app.store.terminal_id) == (terminal.settings.terminal.store_name, "T01")
    assert app.store.today() == terminal.clock.now().astimezone(app.store.zone).date()
    assert app.store.demo and [u[0] for u in app.users.demo_users()] == ["1001", "8001", "9001"]


def test_sign_in_approve_and_sign_out_are_audited(app, terminal):
    cashier = app.users.sign_in("1001", "1357")
    manager = app.users.approve("8001", "8642", Permission.APPROVE)
    assert manager.can(Permission.APPROVE) and not cashier.can(Permission.APPROVE)
    app.users.sign_out(cashier)
    with terminal.uow() as uow:
        actions = [e["action"] for e in uow.audit.recent("T01")]
    assert audit.SIGN_OUT in actions


def test_a_shift_opens_moves_cash_and_closes_through_the_facade(app):
    cashier = app.users.sign_in("1001", "1357")
    assert app.checkout.current_shift() is None and app.shifts.current() is None
    opened = app.shifts.open_shift(cashier, 20000)
    assert opened.opening_float_minor == 20000 and app.checkout.current_shift() is not None
    done = app.shifts.move_cash("pay_in", cashier, amount_minor=5000, reason="change")
    assert done.expected_cash_minor == 25000
    overview = app.shifts.overview()
    current, movements, last_closed = overview.current, overview.movements, overview.last_closed
    assert overview.day.date == app.store.today() and not overview.day.after_close
    assert current.expected_cash_minor == 25000 and [m.kind for m in movements][-1] == "pay_in" and last_closed is None
    counts = {10000: 2, 5000: 1}  # 250.00 counted: no difference
    closed = app.shifts.close_shift(cashier, counts)
    assert closed.over_short_minor == 0 and app.shifts.current() is None


def test_the_checkout_context_is_built_by_the_container_for_the_cashier(app, terminal):
    cashier = app.users.sign_in("1001", "1357")
    ctx = app.checkout.context(cashier)
    assert (ctx.terminal_id, ctx.cashier_id, ctx.printer) == ("T01", cashier.user_id, terminal.devices.printer)
    assert ctx.uow == terminal.uow and ctx.clock is terminal.clock


def test_saving_a_section_writes_the_data_folders_file_and_uses_it_from_then_on(app, terminal):
    technician = app.users.sign_in("9001", "9753")
    assert app.settings.settings_file is None
    target = app.settings.save_target()
    app.settings.save_section("scanner", {"kind": "simulated"}, user=technician)
    assert app.settings.settings_file == target and target.parent == app.settings.data_folder
    assert tomllib.loads(target.read_text(encoding="utf-8"))["scanner"]["kind"] == "simulated"


def test_devices_the_simulated_scanner_and_a_printer_that_cannot_be_asked(app, terminal):
    emit = app.devices.simulated_scanner()
    assert callable(emit) and not app.devices.has_frames() and not app.devices.add_frame_listener(lambda f: None)
    assert app.status.printer() is None  # the demo's simulated printer is not an ESC/POS one: nothing to ask
    assert app.status.sync().pending == 0
    assert not app.status.platform().online  # the demo's sandbox is not started here
