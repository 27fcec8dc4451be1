"""Refund payout: the money back where it came from once the platform approved, leg by leg, and
the refund receipt (printed after the commit, reprinted on request).

Rules kept here:
- no money leaves without the platform's approval, except cash that a manager overrides within
  `override_limit_minor` (logged: who, what, when). Prepaid credits carry an Idempotency-Key and
  card refunds a request_id from the case and the leg, so a repeat never pays twice;
- a cash payout is recorded in the open shift (shift_id, route cash) with a refund receipt number,
  in one transaction; the receipt prints and the drawer opens after the commit.

Threading rule: every function here blocks (database, platform, devices): call it on a worker."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, replace
from datetime import datetime
from zoneinfo import ZoneInfo

from pos_terminal.domain.model import (
    CardRequestKind,
    PayoutRoute,
    Permission,
    PrintState,
    Receipt,
    ReceiptKind,
    RefundCase,
    RefundStatus,
)
from pos_terminal.money import format_money
from pos_terminal.ports import PlatformRefused, PlatformUnavailable, PrintableDocument, UnitOfWork
from pos_terminal.scan_codes import ScanKind, classify
from pos_terminal.security import mask_card_numbers
from pos_terminal.services import audit, card_journal, counter_money
from pos_terminal.services.printing import print_committed
from pos_terminal.services.refunds.common import (
    CaseView,
    PayoutDone,
    PayoutLeg,
    RefundContext,
    RefundReceiptInfo,
    RefundRefused,
    case_platform_id,
    credit_key,
    legs_of,
    stored_case,
    stored_legs,
    view_of,
    wake,
)
from pos_terminal.services.refunds.intake import plan_legs
from pos_terminal.services.refunds.lookup import shares_of
from pos_terminal.services.users import SignedIn

log = logging.getLogger("pos_terminal.services.refunds")


def prepaid_card_number(text: str) -> str:
    code = classify(text or "")
    if code.kind is not ScanKind.PREPAID_CARD:
        raise RefundRefused("prepaid_card_needed", "swipe or scan the buyer's prepaid card (16 digits starting 88)")
    return code.value


def pay_out(ctx: RefundContext, case_id: uuid.UUID, *, cashier_id: uuid.UUID, cashier_name: str = "",
            card_text: str | None = None, manager: SignedIn | None = None) -> PayoutDone:
    """Gives the money back where it came from, once the platform approved, leg by leg (one leg
    per tender, cards first, cash last; see plan_legs): cash out of this drawer (recorded in the
    open shift), a credit to the prepaid card that paid (`card_text`: the card swiped or scanned
    now; its last four digits must match the card that paid, where this terminal knows them), a
    refund through the card terminal, or, for an online payment, nothing at the counter (the
    platform refunds the buyer's account). Each card leg is recorded as soon as it is done, so a
    repeat after a failed later leg pays only what is left. A manager (`manager`: a signed-in
    user with the approve permission) may pay an all-cash refund before the approval, up to
    `override_limit_minor`; that is audited. Prints a refund receipt; opens the drawer for cash."""
    with ctx.uow() as uow:
        case = uow.refunds.get(case_id)
        if case is None:
            raise RefundRefused("unknown_case", f"no refund case {case_id}")
        if case.paid_out_at is not None:
            raise RefundRefused("paid_out_already", f"refund for order {case.order_no} is paid out already "
                                f"(receipt {case.receipt_no})")
        route = case.payout_route or PayoutRoute.CASH
        amount, currency, status = case.amount.minor, case.amount.currency, case.status
        order_no, item_codes = case.order_no, list(case.item_codes)
        legs = legs_of(case.payout_legs)
        if legs is None:  # a case taken in before payouts had legs: plan it now from this terminal's sale
            local = uow.refunds.local_unit(item_codes[0])
            legs = plan_legs(route, amount, shares_of(local[2]) if local and local[2] is not None else None,
                             uow.refunds.legs_used(order_no))
            if legs is None:
                raise RefundRefused("split_unknown", f"order {order_no} was paid with several tenders and neither "
                                    "the platform nor this terminal knows each one's share: refund it at the "
                                    "store that took the payment, or ask the platform")
            case.payout_legs = stored_legs(legs)
            uow.commit()
        all_cash = all(leg.route == "cash" for leg in legs)
        override = None
        if status is RefundStatus.DRAFT and case.platform_case_id:  # online_returns: another store may take it
            raise RefundRefused("not_handed_in", "the platform has not acknowledged that this store took the unit "
                                "in; nothing is paid before it (it is sent again when the platform answers)")
        if status is not RefundStatus.APPROVED:
            if status in (RefundStatus.REJECTED, RefundStatus.REFUSED):
                raise RefundRefused("not_approved", f"this refund was {status.value}; nothing is paid out")
            if manager is None:
                raise RefundRefused("needs_manager", "the platform has not approved this refund yet; only a manager "
                                    f"may pay up to {format_money(ctx.override_limit_minor, currency)} in cash before it",
                                    limit_minor=ctx.override_limit_minor)
            if not manager.can(Permission.APPROVE):
                raise RefundRefused("needs_manager", f"{manager.username} may not override")
            if not all_cash:
                raise RefundRefused("not_approved", "only a cash refund may be paid before the platform approves")
            if amount > ctx.override_limit_minor:
                raise RefundRefused("over_limit", f"{format_money(amount, currency)} is more than the "
                                    f"{format_money(ctx.override_limit_minor, currency)} a manager may pay before the "
                                    "platform approves", limit_minor=ctx.override_limit_minor)
            override = manager
        cash_minor = sum(leg.amount_minor for leg in legs if leg.route == "cash")
        shift = uow.shifts.open_for_terminal(ctx.terminal_id) if cash_minor else None
        if cash_minor and shift is None:
            raise RefundRefused("no_shift", "open a shift first: cash refunds are counted in the shift")
        shift_id = shift.id if shift is not None else None
    # card legs done before this call by the prepaid journal's recovery are told with the payout
    untold = [i for i, leg in enumerate(legs) if leg.done and leg.route != "cash"]
    for index, leg in enumerate(legs):
        if leg.done or leg.route in ("cash", "online"):
            continue
        done, journal_key = _pay_leg(ctx, case_id, index, leg, single=len(legs) == 1, order_no=order_no,
                                     currency=currency, card_text=card_text)
        with ctx.uow() as uow:  # the leg, its journalled credit and the platform's message: durable together
            leg_case = stored_case(uow, case_id)
            leg_case.leg_done(index, reference=done.reference, card_last4=done.card_last4,
                              approval_code=done.approval_code)
            if journal_key is not None:
                card_journal.credited(_journal(ctx), journal_key, done.reference, done.card_last4, uow=uow)
            _tell_platform(ctx, uow, leg_case, index, done, ctx.clock.now(), None)
            uow.commit()
        wake(ctx)
        legs[index] = done
    now = ctx.clock.now()
    with ctx.uow() as uow:
        case = stored_case(uow, case_id)
        if case.paid_out_at is None:
            counter = uow.receipts.counter_for(ctx.terminal_id)
            new_no = counter.next()
            uow.receipts.add(Receipt(ctx.terminal_id, new_no, ReceiptKind.REFUND, sale_id=None, created_at=now))
            case.paid_out(route, cashier_id, now, reference=next((leg.reference for leg in legs if leg.reference), None),
                          override_by=override.user_id if override is not None else None,
                          shift_id=shift_id, receipt_no=new_no, cash_out_minor=cash_minor)
            for index, leg in enumerate(legs):  # the cash legs (and card legs done by a recovery) to the platform
                if leg.route == "cash" or index in untold:
                    _tell_platform(ctx, uow, case, index, leg, now, new_no)
            details = {"order_no": order_no, "amount_minor": amount, "currency": currency, "route": route.value,
                       "legs": [{"route": leg.route, "amount_minor": leg.amount_minor} for leg in legs],
                       "receipt_no": new_no, "platform_id": case.platform_case_id}
            if override is not None:
                audit.record(uow, at=now, terminal_id=ctx.terminal_id, action=audit.OVERRIDE, user=override,
                             subject=f"refund {order_no}", details=details | {
                                 "what": "cash refund before the platform's approval",
                                 "limit_minor": ctx.override_limit_minor, "cashier_id": str(cashier_id)})
            audit.record(uow, at=now, terminal_id=ctx.terminal_id, action=audit.REFUND,
                         user=_Who(cashier_id, cashier_name), subject=f"refund {order_no}", details=details)
        uow.commit()
        view = view_of(case)
        receipt_no = case.receipt_no
    wake(ctx)  # the counter movements go to the platform now, not at the worker's next poll
    if override is not None:
        log.warning("refund paid before the platform's approval: manager override",
                    extra={"case_id": str(case_id), "order_no": order_no, "amount_minor": amount,
                           "manager": override.username, "manager_id": str(override.user_id),
                           "cashier_id": str(cashier_id),
                           "at": now.isoformat(), "limit_minor": ctx.override_limit_minor})
    log.info("refund paid out", extra={"case_id": str(case_id), "route": route.value, "amount_minor": amount,
                                       "receipt_no": receipt_no, "legs": len(legs)})
    info = _receipt_info(ctx, view, cashier_name, now, legs, override.username if override is not None else None)
    document, printed, print_error = _print(ctx, info, receipt_no)
    kicked, drawer_error = False, None
    if cash_minor and ctx.drawer is not None:
        try:
            ctx.drawer.kick()
            kicked = True
        except Exception as exc:
            drawer_error = str(exc) or exc.__class__.__name__
            log.warning("drawer kick failed after refund", extra={"case_id": str(case_id), "error": drawer_error})
    return PayoutDone(view, route, amount, info, printed, print_error, kicked, drawer_error, document)


def _tell_platform(ctx: RefundContext, uow: UnitOfWork, case: RefundCase, index: int, leg: PayoutLeg,
                   now: datetime, receipt_no: int | None) -> None:
    """The platform's message of one leg paid at the counter (services.counter_money), in the
    caller's transaction; an online leg moves nothing here and is not told."""
    if leg.route not in counter_money.COUNTER_LEG_ROUTES or leg.amount_minor <= 0:
        return
    payload = counter_money.movement_payload(
        kind="refund", ref=counter_money.refund_leg_ref(case.id, index), order_no=case.order_no,
        tenders=((leg.route, leg.amount_minor),), currency=case.amount.currency, at=now,
        business_date=counter_money.business_date_at(uow, ctx.terminal_id, ctx.timezone, ctx.day_change_hour, now),
        store_id=ctx.store_id, terminal_id=ctx.terminal_id, platform_id=case_platform_id(ctx, uow, case),
        tender=counter_money.tender_of(leg.route), refund_case_id=str(case.id), leg_index=index,
        platform_refund_id=case.platform_case_id, receipt_no=receipt_no)
    counter_money.queue(uow, counter_money.REFUND_TOPIC, payload, now, ctx.terminal_id)


@dataclass(frozen=True)
class _Who:
    user_id: uuid.UUID
    username: str


def _journal(ctx: RefundContext) -> card_journal.Journal:
    return card_journal.Journal(ctx.uow, ctx.clock, ctx.terminal_id)


def _pay_leg(ctx: RefundContext, case_id: uuid.UUID, index: int, leg: PayoutLeg, *, single: bool, order_no: str,
             currency: str, card_text: str | None) -> tuple[PayoutLeg, str | None]:
    """One card leg: a prepaid credit or a bank-card refund, idempotent per case and leg. Returns
    the leg done, and the journal key of a prepaid credit (None for a bank card)."""
    amount = leg.amount_minor
    if leg.route == "prepaid_card":
        card_no = prepaid_card_number(card_text or "")
        if leg.expect_last4 and card_no[-4:] != leg.expect_last4:
            raise RefundRefused("wrong_card", f"the order was paid with prepaid card ****{leg.expect_last4}; "
                                f"the money goes back to that card, not ****{card_no[-4:]}",
                                expect_last4=leg.expect_last4)
        if ctx.platform is None:
            raise RefundRefused("platform_unavailable", "prepaid cards need the platform")
        key = credit_key(case_id, index, single=single)
        reference = f"refund {order_no}"[:64]
        # journalled before it is sent (no card number kept): a credit made just before a crash is
        # found by its key after the restart and its leg marked done (card_journal.recover_prepaid)
        card_journal.before_send(_journal(ctx), key, CardRequestKind.PREPAID_CREDIT, order_no, amount, currency,
                                 reference, parent_id=f"{case_id}/{index}")
        try:
            answer = ctx.platform.credit_card(card_no, amount, currency, reference, key)
        except PlatformUnavailable as exc:
            raise RefundRefused("platform_unavailable", f"the platform is unreachable ({exc.message}); try again: "
                                "the credit is never made twice") from None
        except PlatformRefused as exc:
            card_journal.not_moved(_journal(ctx), key)
            raise RefundRefused("prepaid_refused", exc.message, code=exc.code) from None
        return replace(leg, done=True, reference=str(answer.get("transaction_id") or "")[:64] or None,
                       card_last4=card_no[-4:], approval_code=None), key
    if ctx.card_terminal is None:
        raise RefundRefused("no_card_terminal", "no card terminal: refund on the card terminal itself")
    request_id = f"refund-{case_id.hex}" if single else f"refund-{case_id.hex}-{index}"
    result = ctx.card_terminal.refund(amount, currency, leg.original_reference or order_no,
                                      request_id=request_id[:64])
    if not result.approved:
        raise RefundRefused("card_declined", result.message or "the card terminal did not refund")
    return replace(leg, done=True, reference=result.reference, card_last4=result.card_last4,
                   approval_code=result.approval_code), None


def _receipt_info(ctx: RefundContext, view: CaseView, cashier_name: str, when: datetime, legs: list[PayoutLeg],
                  override_by: str | None, copy: bool = False) -> RefundReceiptInfo:
    items = tuple((view.item_names[i] if i < len(view.item_names) else "", code, 0)
                  for i, code in enumerate(view.item_codes))
    card_leg = next((leg for leg in legs if leg.route in ("bank_card", "prepaid_card")), None)
    return RefundReceiptInfo(
        ctx.store_name, ctx.terminal_id, cashier_name, view.receipt_no, when.astimezone(ZoneInfo(ctx.timezone)),
        view.merchant_name, view.order_no, view.currency, items, view.amount_minor, view.paid_out_route
        or view.payout_route or PayoutRoute.CASH, view.reason, view.platform_id,
        card_leg.card_last4 if card_leg else None, card_leg.approval_code if card_leg else None,
        override_by, legs=tuple(legs), copy=copy)


def reprint_receipt(ctx: RefundContext, case_id: uuid.UUID, *, user: audit.Who | None,
                    reason: str = "") -> PayoutDone:
    """Prints a paid-out refund's receipt again: the original while it never printed (a printer
    fault), a copy marked as one after that, audited as a reprint with `reason`."""
    reason = mask_card_numbers(reason or "") or ""
    with ctx.uow() as uow:
        case = uow.refunds.get(case_id)
        if case is None:
            raise RefundRefused("unknown_case", f"no refund case {case_id}")
        if case.paid_out_at is None or case.receipt_no is None:
            raise RefundRefused("not_paid_out", f"the refund for order {case.order_no} has no receipt yet: it is "
                                "not paid out")
        view = view_of(case)
        cashier = uow.users.get(case.paid_out_by) if case.paid_out_by else None
        manager = uow.users.get(case.override_by) if case.override_by else None
        receipt = uow.receipts.by_number(ctx.terminal_id, case.receipt_no)
        copy = receipt is None or receipt.print_state is PrintState.PRINTED
        legs = legs_of(case.payout_legs) or [
            PayoutLeg((case.paid_out_route or PayoutRoute.CASH).value, case.amount.minor,
                      reference=case.payout_reference)]
        paid_at = case.paid_out_at
        cashier_name = cashier.display_name if cashier else ""
        manager_name = manager.username if manager else None
    info = _receipt_info(ctx, view, cashier_name, paid_at, legs, manager_name, copy=copy)
    # a copy is audited as a reprint (who, why) where it is marked printed
    document, printed, error = print_committed(ctx.render_receipt, ctx.printer, info, uow_factory=ctx.uow,
                                               terminal_id=ctx.terminal_id, kind=ReceiptKind.REFUND,
                                               receipt_no=view.receipt_no, user=user, reason=reason,
                                               clock=ctx.clock)
    log.info("refund receipt reprinted", extra={"case_id": str(case_id), "receipt_no": view.receipt_no,
                                                "copy": copy, "reason": reason, "printed": printed})
    return PayoutDone(view, info.route, view.amount_minor, info, printed, error, False, None, document)


def _print(ctx: RefundContext, info: RefundReceiptInfo,
           receipt_no: int | None) -> tuple[PrintableDocument | None, bool, str | None]:
    return print_committed(ctx.render_receipt, ctx.printer, info, uow_factory=ctx.uow, terminal_id=ctx.terminal_id,
                           kind=ReceiptKind.REFUND, receipt_no=receipt_no, clock=ctx.clock)
