"""The day's bank-card comparison, part of the reconciliation (reconcile.py): this terminal's
bank-card figures beside the card terminal's own day report.

Threading rule: blocks (database, card terminal): call it on a worker."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime

from pos_terminal.domain.errors import DomainError
from pos_terminal.domain.model import PayoutRoute
from pos_terminal.money import format_money
from pos_terminal.ports import JsonObject
from pos_terminal.services.day_context import DayContext

log = logging.getLogger("pos_terminal.services.reconcile")


@dataclass(frozen=True)
class CardFigures:
    sales_count: int
    sales_minor: int
    refunds_count: int
    refunds_minor: int

    @property
    def net_minor(self) -> int:
        return self.sales_minor - self.refunds_minor


@dataclass(frozen=True)
class CardComparison:
    """This terminal's bank-card figures for the day beside the card terminal's own day report.
    `terminal`: charges = bank-card tenders of the day's sales plus charges no sale records
    (approved and waiting, or given back when a checkout was cancelled); refunds = those
    give-backs plus bank-card refund payouts. The card terminal reports sales and refunds apart
    (gross), so both are compared apart. `card_terminal` is None when it cannot tell, with
    `unavailable` = no_card_terminal | standalone (manual mode: compare with its printed slip) |
    unreachable, and `detail` saying why."""

    terminal: CardFigures
    card_terminal: CardFigures | None
    unavailable: str | None = None
    detail: str = ""
    declined_count: int | None = None
    reported_at: datetime | None = None  # when the card terminal's report was read

    @property
    def matches(self) -> bool | None:
        return None if self.card_terminal is None else self.card_terminal == self.terminal

    @property
    def sales_difference_minor(self) -> int | None:
        """Card terminal minus terminal: > 0 when the card terminal charged more than the POS knows."""
        return None if self.card_terminal is None else self.card_terminal.sales_minor - self.terminal.sales_minor

    @property
    def refunds_difference_minor(self) -> int | None:
        return None if self.card_terminal is None else self.card_terminal.refunds_minor - self.terminal.refunds_minor


def read_card_terminal(ctx: DayContext, day: date) -> tuple[CardFigures | None, JsonObject | None, str | None, str]:
    """(figures, the report as kept, unavailable reason, detail)."""
    terminal = ctx.card_terminal
    if terminal is None:
        return None, None, "no_card_terminal", "no card terminal is configured at this counter"
    try:
        report = terminal.day_report(day, ctx.currency)
    except Exception as exc:  # any failure of the device is a status here, never a crash at the counter
        # the card terminal's own errors (CardTerminalUnavailable ...) carry a message
        text = (exc.message if isinstance(exc, DomainError) else "") or str(exc) or exc.__class__.__name__
        log.warning("card terminal day report not read", extra={"error": text})
        return None, None, "unreachable", text
    if report is None:
        return None, None, "standalone", ("the standalone card terminal keeps its own day report: compare its "
                                          "printed slip with these figures")
    wire: JsonObject = {"date": report.date, "timezone": report.timezone, "currency": report.currency,
            "sales_count": report.sales_count, "sales_minor": report.sales_minor,
            "refunds_count": report.refunds_count, "refunds_minor": report.refunds_minor,
            "declined_count": report.declined_count}
    try:
        figures = figures_of(wire)
    except (TypeError, ValueError):
        return None, None, "unreachable", "the card terminal's day report cannot be read"
    return figures, wire, None, ""


def card_comparison(ctx: DayContext, start: datetime, end: datetime, card: CardFigures | None,
                     unavailable: str | None, detail: str, report: JsonObject | None,
                     reported_at: datetime | None) -> CardComparison:
    with ctx.uow() as uow:
        tender_count, tender_minor = uow.days.bank_card_sales(ctx.terminal_id, start, end)
        out_count, out_minor, back_count, back_minor = uow.days.card_charges_outside_sales(ctx.terminal_id, start, end)
        refunds = uow.days.refunds_paid(ctx.terminal_id, start, end)
    refund_count, refund_minor = back_count, back_minor
    for amount_minor, route, legs, _cash, _receipt in refunds:
        if isinstance(route, PayoutRoute):  # the storage adapter reads the column as the enum
            route = route.value
        if legs:
            for leg in legs:
                if leg.get("route") == "bank_card":
                    refund_count += 1
                    refund_minor += int(leg.get("amount_minor") or 0)
        elif route == "bank_card":
            refund_count += 1
            refund_minor += int(amount_minor)
    mine = CardFigures(tender_count + out_count, tender_minor + out_minor, refund_count, refund_minor)
    declined = int(report["declined_count"]) if report and report.get("declined_count") is not None else None
    if card is not None and not detail:
        detail = "" if card == mine else _card_detail(mine, card, ctx.currency)
    return CardComparison(mine, card, unavailable, detail, declined, reported_at)


def _card_detail(mine: CardFigures, card: CardFigures, currency: str) -> str:
    parts = []
    if (mine.sales_count, mine.sales_minor) != (card.sales_count, card.sales_minor):
        parts.append(f"charges: the card terminal has {card.sales_count} for {format_money(card.sales_minor, currency)}, "
                     f"this terminal {mine.sales_count} for {format_money(mine.sales_minor, currency)}")
    if (mine.refunds_count, mine.refunds_minor) != (card.refunds_count, card.refunds_minor):
        parts.append(f"refunds: the card terminal has {card.refunds_count} for "
                     f"{format_money(card.refunds_minor, currency)}, this terminal {mine.refunds_count} for "
                     f"{format_money(mine.refunds_minor, currency)}")
    return "; ".join(parts) + ": find the card payments made outside this terminal (or not recorded in a sale)"


def figures_of(report: JsonObject) -> CardFigures:
    return CardFigures(int(report["sales_count"]), int(report["sales_minor"]), int(report["refunds_count"]),
                       int(report["refunds_minor"]))
