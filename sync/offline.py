"""The platform client used where no platform connection is configured (platform mode "none").
It answers honestly: offline, and settlements stay in the outbox until a platform is set up."""

from __future__ import annotations

from datetime import datetime, timezone

from pos_terminal.ports import PlatformStatus


class PlatformUnavailable(Exception):
    pass


class OfflinePlatform:
    def __init__(self, detail: str = "no platform connection configured") -> None:
        self.detail = detail

    def status(self) -> PlatformStatus:
        return PlatformStatus(online=False, detail=self.detail, checked_at=datetime.now(timezone.utc))

    def post_settlement(self, payload: dict, idempotency_key: str) -> dict:
        raise PlatformUnavailable(self.detail)
