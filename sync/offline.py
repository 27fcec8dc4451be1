"""The platform client used where no platform connection is configured (platform mode "none", or
mode "sandbox" with no sandbox running). It answers honestly: offline, and settlements stay in
the outbox until a platform is set up."""

from __future__ import annotations

from datetime import datetime, timezone

from pos_terminal.ports import PlatformStatus, PlatformUnavailable

__all__ = ["OfflinePlatform", "PlatformUnavailable"]


class OfflinePlatform:
    def __init__(self, detail: str = "no platform connection configured") -> None:
        self.detail = detail

    def status(self) -> PlatformStatus:
        return PlatformStatus(online=False, detail=self.detail, checked_at=datetime.now(timezone.utc))

    def _unavailable(self, *args, **kw):
        raise PlatformUnavailable(f"platform unreachable: {self.detail}; settlements wait in the outbox")

    post_settlement = voucher_keys = get_order = order_by_voucher = order_by_url = _unavailable
    claim_order = release_claim = get_card = debit_card = credit_card = get_item = _unavailable
    upload_refund_photo = request_refund = get_refund = list_refunds = _unavailable
    card_movement = reverse_card_movement = card_movements = _unavailable
    post_settlements = post_settlement_batch = hand_in_refund = list_refund_cases = get_refund_case = _unavailable
    report_paid_back = post_counter_movement = platform_statement = post_remittance = remittances = _unavailable
    post_statement_accepted = _unavailable
