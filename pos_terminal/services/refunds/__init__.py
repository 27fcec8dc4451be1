"""Refund intake, in three parts: `lookup` (an item code to its purchase, whether it can be
refunded now), `intake` (the case stored whole before anything is sent, submitted, the platform's
decision followed) and `payout` (the money back where it came from, leg by leg, and the refund
receipt); `common` holds the refusal, the views and the context. `from pos_terminal.services import
refunds; refunds.look_up(...)` keeps working: the names are re-exported here.

Threading rule: every use case blocks (database, platform, devices): call it on a worker."""

from pos_terminal.services.refunds.common import (
    MAX_PHOTO_BYTES,
    MAX_PHOTOS,
    REASONS,
    CaseView,
    ItemInfo,
    PayoutDone,
    PayoutLeg,
    PhotoData,
    RefundContext,
    RefundReceiptInfo,
    RefundRefused,
    TenderShare,
    case_platform_id,
    client_of,
    credit_key,
    legs_of,
    remember_platform,
    resolve_case_platform,
    stored_legs,
    view_of,
)
from pos_terminal.services.refunds.intake import (
    LEG_ORDER,
    apply_decision,
    failed,
    payout_route,
    photo_key,
    plan_legs,
    poll_decisions,
    refresh,
    refused,
    submit,
    submit_due,
    take_in,
)
from pos_terminal.services.refunds.lookup import (
    acknowledge,
    case_view,
    check_refundable,
    item_code_of,
    look_up,
    open_cases,
    recent_cases,
    shares_of,
    store_pending,
    unacknowledged_cases,
)
from pos_terminal.services.refunds.payout import pay_out, prepaid_card_number, reprint_receipt

__all__ = [
    "LEG_ORDER", "MAX_PHOTOS", "MAX_PHOTO_BYTES", "REASONS", "CaseView", "ItemInfo", "PayoutDone", "PayoutLeg",
    "PhotoData", "RefundContext", "RefundReceiptInfo", "RefundRefused", "TenderShare", "apply_decision",
    "case_view", "check_refundable", "credit_key", "failed", "item_code_of", "legs_of", "look_up", "open_cases",
    "pay_out", "payout_route", "photo_key", "plan_legs", "poll_decisions", "prepaid_card_number", "recent_cases",
    "refresh", "refused", "reprint_receipt", "shares_of", "store_pending", "stored_legs", "submit", "submit_due",
    "take_in", "unacknowledged_cases", "view_of", "acknowledge",
    "case_platform_id", "client_of", "remember_platform", "resolve_case_platform",
]
