"""Short-cuts for tests, benchmarks and scripts that go through the production use cases only: a
shift opened as the shift screen opens it (services.cash.open_shift: business date, closed-day
check, audit) and a cash sale completed as the checkout screen completes it
(services.checkout.CheckoutSession: take_cash, then complete)."""

from __future__ import annotations

from collections.abc import Callable

from pos_terminal.scan_codes import ScanKind
from pos_terminal.services import cash
from pos_terminal.services.checkout import CheckoutContext, CheckoutDone, CheckoutSession
from pos_terminal.services.day_context import DayContext
from pos_terminal.services.orders import PaymentTarget
from pos_terminal.services.sales import OrderSpec


def open_shift(ctx: DayContext, user, opening_float_minor: int = 0):
    """Opens the terminal's shift (refused when one is open or the day is closed)."""
    return cash.open_shift(ctx, user=user, opening_float_minor=opening_float_minor)


def ensure_shift(terminal, user, opening_float_minor: int = 0) -> None:
    """Opens a shift on a Terminal unless one is open already."""
    with terminal.uow() as uow:
        if uow.shifts.open_for_terminal(terminal.settings.terminal.terminal_id) is not None:
            return
    open_shift(terminal.day_context(), user, opening_float_minor)


def checkout_context(uow: Callable, clock, cashier, *, terminal_id: str = "T01", store_id: str = "S1",
                     store_name: str = "", timezone: str = "UTC", **kw) -> CheckoutContext:
    """A CheckoutContext; `kw` as CheckoutContext takes them (drawer, printer, render_receipt, ...)."""
    return CheckoutContext(uow, clock, terminal_id, store_id, store_name, timezone, cashier.user_id,
                           getattr(cashier, "display_name", "") or "", **kw)


def terminal_checkout(terminal, cashier, **kw) -> CheckoutContext:
    """The CheckoutContext of a Terminal (no devices unless given in `kw`: nothing prints)."""
    ids = terminal.settings.terminal
    return checkout_context(terminal.uow, terminal.clock, cashier, terminal_id=ids.terminal_id,
                            store_id=ids.store_id, store_name=ids.store_name, timezone=ids.timezone, **kw)


def sell_cash(ctx: CheckoutContext, order: OrderSpec, tendered_minor: int | None = None, *,
              voucher_id: str | None = None, offline: bool = False) -> CheckoutDone:
    """A cash sale of `order` through a CheckoutSession (the whole amount when `tendered_minor` is
    None). Raises CheckoutRefused("not_covered") when the cash does not cover it."""
    kind = ScanKind.VOUCHER if voucher_id else ScanKind.ORDER_NUMBER
    session = CheckoutSession(PaymentTarget(order, kind, voucher_id, offline), ctx)
    session.take_cash(order.total.minor if tendered_minor is None else tendered_minor)
    return session.complete()
