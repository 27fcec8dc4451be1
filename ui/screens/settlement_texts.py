"""The Settlement page's texts that name core values: statement lines, tenders, movements,
differences and what to do about them, blockers, remittance and report states, refusals. Chosen by
stable codes (the core's English messages go to the log, or are shown only when no code is known).
Call at display time: the language can change while the page is open."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject

from pos_terminal.domain.model.statements import Contract, Movement, Statement, StatementLine
from pos_terminal.money import format_money
from ui.texts import fill

log = logging.getLogger(__name__)


def money(minor: int | None, currency: str) -> str:
    """The project's money formatting ("¥12.50"); "—" for nothing."""
    return "—" if minor is None else format_money(minor, currency)


def field(item: Any, *names: str, default: Any = None) -> Any:
    """The first of `names` an item has (an object's attribute or a mapping's key): the facades give
    dataclasses, the platform's extra gives dicts."""
    for name in names:
        if isinstance(item, dict):
            if name in item:
                return item[name]
        elif hasattr(item, name):
            return getattr(item, name)
    return default


class SettlementTexts(QObject):
    """The translation context of these texts."""

    # -- statement lines -------------------------------------------------------------------------
    def tender(self, tender: str | None) -> str:
        return {
            "cash": self.tr("cash"),
            "bank_card": self.tr("bank card"),
            "prepaid": self.tr("prepaid card"),
        }.get(tender or "", tender or "")

    def line(self, code: str, tender: str | None) -> str:
        texts = {
            "collected": self.tr("Collected: %1"),
            "refund_paid_out": self.tr("Refunds paid out: %1"),
            "double_payment_paid_back": self.tr("Double payments paid back: %1"),
            "void_given_back": self.tr("Voids given back: %1"),
            "double_payment_held": self.tr("Double payments held"),
            "commission": self.tr("Commission"),
        }
        return fill(texts.get(code, code), self.tender(tender))

    def line_figure(self, ln: StatementLine | None, currency: str) -> str:
        return "—" if ln is None else fill(self.tr("%1 × %2"), ln.count, money(ln.amount_minor, currency))

    def contract(self, c: Contract, currency: str) -> str:
        rounding = {"half_up": self.tr("half up"), "half_even": self.tr("half to even"),
                    "down": self.tr("rounded down")}.get(c.rounding, c.rounding)
        percent = f"{c.percent_bp // 100}.{c.percent_bp % 100:02d} %"
        if not c.fixed_minor:
            return fill(self.tr("%1 per order, %2"), percent, rounding)
        return fill(self.tr("%1 + %2 per order, %3"), percent, money(c.fixed_minor, currency), rounding)

    def net(self, minor: int, currency: str) -> str:
        if minor > 0:
            return fill(self.tr("The store owes the platform %1"), money(minor, currency))
        if minor < 0:
            return fill(self.tr("The platform owes the store %1"), money(-minor, currency))
        return self.tr("Nothing to settle: the net is zero")

    # -- movements and differences -----------------------------------------------------------------
    def movement_kind(self, kind: str) -> str:
        return {
            "sale": self.tr("Sale"),
            "refund": self.tr("Refund paid out"),
            "double_payment_payback": self.tr("Double payment paid back"),
            "void": self.tr("Void"),
            "double_payment": self.tr("Double payment held"),
        }.get(kind, kind)

    def movement(self, m: Movement | None, currency: str) -> str:
        if m is None:
            return "—"
        parts = ", ".join(f"{self.tender(t)} {money(a, currency)}" for t, a in sorted(m.tenders))
        return fill(self.tr("order %1: %2"), m.order_no, parts) if m.order_no else parts

    def difference_kind(self, kind: str) -> str:
        return {
            "line_differs": self.tr("Line differs"),
            "missing_on_platform": self.tr("Not recorded by the platform"),
            "missing_on_terminal": self.tr("Not recorded at this terminal"),
            "amount_differs": self.tr("Amounts differ"),
            "contract_differs": self.tr("Contracts differ"),
            "currency_differs": self.tr("Currencies differ"),
            "changed_after_acceptance": self.tr("Changed after acceptance"),
        }.get(kind, kind)

    def action(self, kind: str, english: str) -> str:
        texts = {
            "missing_on_platform": self.tr("The platform has not recorded this yet: it waits in the outbox (the "
                                           "sync state in the status bar) and is sent by itself once the platform "
                                           "answers."),
            "missing_on_terminal": self.tr("The platform recorded something this counter has no record of: compare "
                                           "the receipt numbers with the platform and call its support before "
                                           "accepting."),
            "amount_differs": self.tr("The two sides recorded different amounts: check the receipt against the "
                                      "platform's record before accepting."),
            "line_differs": self.tr("Explained by the differences below; accept only when each of them is "
                                    "understood."),
            "contract_differs": self.tr("The terminal's commission contract differs from the platform's: update the "
                                        "terminal's settings or ask the platform which one is current."),
            "currency_differs": self.tr("The two sides keep the day in different currencies: nothing can be settled "
                                        "until the platform's settings are corrected."),
            "changed_after_acceptance": self.tr("This terminal's records of the day changed after the statement was "
                                                "accepted; the accepted statement stays as it was: settle the change "
                                                "with the platform and find out why the records changed."),
        }
        return texts.get(kind) or english

    def difference_row(self, d: Any, mine: Statement, theirs: Statement | None) -> tuple[str, str, str, str, str]:
        """(what, item, this terminal, platform, what to do) of one StatementDifference."""
        cur = mine.currency
        kind, key = str(d.kind), str(d.key)
        if kind in ("missing_on_platform", "missing_on_terminal", "amount_differs") and ":" in key:
            mkind, ref = key.split(":", 1)
            here = next((m for m in mine.movements if (m.kind, m.ref) == (mkind, ref)), None)
            there = next((m for m in theirs.movements if (m.kind, m.ref) == (mkind, ref)), None) if theirs else None
            item = self.movement_kind(mkind)
            return (self.difference_kind(kind), item, self.movement(here, cur) if here or d.terminal is None
                    else str(d.terminal), self.movement(there, cur) if there or d.platform is None else str(d.platform),
                    self.action(kind, d.action))
        if kind == "line_differs":
            code, _, tender = key.partition("/")
            here_ln = mine.line(code, tender or None)
            there_ln = theirs.line(code, tender or None) if theirs else None
            return (self.difference_kind(kind), self.line(code, tender or None), self.line_figure(here_ln, cur),
                    self.line_figure(there_ln, cur), self.action(kind, d.action))
        if kind == "changed_after_acceptance":
            inner = key.split(":", 1)[0]
            item = fill(self.tr("%1 (accepted, now)"), self.difference_kind(inner)) if inner != "digest" \
                else self.tr("The figures (accepted, now)")
            return (self.difference_kind(kind), item, str(d.terminal or "—"), str(d.platform or "—"),
                    self.action(kind, d.action))
        if kind == "contract_differs":
            return (self.difference_kind(kind), self.tr("Commission contract"), self.contract(mine.contract, cur),
                    self.contract(theirs.contract, cur) if theirs else str(d.platform or "—"),
                    self.action(kind, d.action))
        return (self.difference_kind(kind), key, str(d.terminal or "—"), str(d.platform or "—"),
                self.action(kind, d.action))

    # -- blockers, states ------------------------------------------------------------------------------
    def blocker(self, reason: str | None, message: str = "") -> str:
        """What stands in the way of accepting, by its code (StatementView.blocker_reasons); the
        core's English message where the code is not known here."""
        texts = {
            "day_open": self.tr("The day is not closed: take its Z report on the Shift page first (on every "
                                "terminal that worked that day)."),
            "outbox_pending": self.tr("Records of this day still wait in the outbox: let the sync send them, then "
                                      "look again."),
            "outbox_attention": self.tr("The platform refused records of this day: have them checked (the sync "
                                        "state in the status bar)."),
            "platform_unreachable": self.tr("The platform's figures could not be read: look again when it answers, "
                                            "or accept with a note."),
            "differences": self.tr("The two sides differ: understand each difference, then accept with a note."),
        }
        return texts.get(reason or "") or message or str(reason or "")

    def route(self, route: str | None) -> str:
        return {"direct": self.tr("paid directly by bank transfer"),
                "clearing_house": self.tr("settled through the clearing house")}.get(route or "", route or "")

    def remittance_state(self, state: str) -> str:
        return {
            "exported": self.tr("Not sent"),
            "sent": self.tr("Outstanding"),
            "reported": self.tr("Outstanding"),
            "received": self.tr("Received"),
            "outstanding": self.tr("Outstanding"),
        }.get(state, state)

    def remittance_detail(self, state: str) -> str:
        return {
            "exported": self.tr("The payment file is made; the transfer is not marked sent yet."),
            "sent": self.tr("The transfer is marked sent; the platform is told through the outbox."),
            "reported": self.tr("The platform has the store's notice; it has not seen the money yet."),
            "received": self.tr("The platform says the money arrived."),
            "outstanding": self.tr("The platform has not seen the money yet."),
        }.get(state, state)

    def report_state(self, state: str, short: bool = False) -> str:
        if short:
            return {"reconciled": self.tr("Reconciled"), "differences": self.tr("Differences")}.get(state, state)
        return {"reconciled": self.tr("Reconciled: it agrees with this terminal's statements"),
                "differences": self.tr("Differences: see below")}.get(state, state)

    def report_difference_kind(self, kind: str) -> str:
        return {
            "line_differs": self.tr("Netted other figures"),
            "unknown_statement": self.tr("Not a statement of this terminal"),
            "missing_in_report": self.tr("Not in the report"),
            "total_differs": self.tr("The net is not the sum of the lines"),
            "payment_differs": self.tr("The payment file differs"),
        }.get(kind, kind)

    def report_action(self, kind: str, english: str) -> str:
        return {
            "line_differs": self.tr("The clearing house netted other figures than the statement accepted here: do "
                                    "not pay; ask the clearing house to correct the report."),
            "unknown_statement": self.tr("The report names a statement this terminal has not accepted: do not pay; "
                                         "ask the clearing house which store sent it."),
            "missing_in_report": self.tr("An accepted statement of this day is not in the report (sent late or not "
                                         "received): settle that platform directly for the day."),
            "total_differs": self.tr("The report's net is not the sum of its lines: do not pay; ask the clearing "
                                     "house for a corrected report."),
            "payment_differs": self.tr("The report's payment file does not transfer the report's net (or is "
                                       "missing): do not send it to the bank; ask the clearing house for a corrected "
                                       "report."),
        }.get(kind) or english

    # -- refusals ----------------------------------------------------------------------------------
    def refusal(self, exc: BaseException) -> str:
        reason = getattr(exc, "reason", None)
        if type(exc).__name__ == "NotAllowed":
            return self.tr("Only a manager may settle with the platforms.")
        texts = {
            "not_allowed": self.tr("Only a manager may settle with the platforms."),
            # accepting (app.settlement)
            "already_accepted": self.tr("This statement is accepted already: an accepted statement never changes."),
            "digest_changed": self.tr("The figures changed since they were shown: look at them again, then accept."),
            "note_required": self.tr("Something stands in the way: a manager who accepts anyway writes a note."),
            "day_open": self.tr("The day is not closed: take its Z report on the Shift page first."),
            "unknown_platform": self.tr("This platform is not set up at this terminal."),
            "busy": self.tr("The terminal is busy with this day: try again in a moment."),
            # export and remittance (app.remittances)
            "nothing_to_pay": self.tr("Nothing to pay on this statement."),
            "platform_owes_store": self.tr("The platform owes the store on this statement: there is nothing to "
                                           "transfer."),
            "not_exported": self.tr("Export the payment file for the bank first."),
            "already_sent": self.tr("This transfer is marked sent already."),
            "no_reference": self.tr("Type the bank's reference of the transfer."),
            "file_differs": self.tr("The payment file would differ from the one already sent: call the "
                                    "technician."),
            "write_failed": self.tr("The files could not be written to the export folder: check the folder in the "
                                    "settings."),
            "bad_account": self.tr("The bank accounts in the settings are not valid: have them corrected."),
            # both
            "unknown_statement": self.tr("No accepted statement has this number: accept the statement first."),
            # clearing house (app.clearing)
            "not_accepted": self.tr("Accept the statement first."),
            "wrong_route": self.tr("This platform is not settled through the clearing house."),
            "clearing_house_refused": self.tr("The clearing house refused: %1"),
            "unavailable": self.tr("The clearing house does not answer or is not set up: %1"),
            "not_a_report": self.tr("This file is not a clearing-house report: nothing was imported."),
            "bad_signature": self.tr("The report's signature does not verify: it was altered. Nothing was "
                                     "imported."),
            "no_key": self.tr("The clearing house's key is not set up, so the report cannot be verified: nothing "
                              "was imported."),
            "other_store": self.tr("This report is for another store: nothing was imported."),
            "currency_mismatch": self.tr("The report is in another currency: nothing was imported."),
            "not_accepted_yet": self.tr("The report covers statements not accepted here yet: accept them first, "
                                        "then import it again."),
            "duplicate_report": self.tr("This report was imported already."),
        }
        detail = getattr(exc, "message", None) or str(exc) or type(exc).__name__
        if isinstance(reason, str) and reason in texts:
            return fill(texts[reason], detail)
        log.warning("settlement step failed", exc_info=exc)
        return fill(self.tr("Refused: %1"), detail)
