"""The outbox's platform client when the counter takes payment codes of several platforms (issue
16): each message goes to the platform its payload names ("platform_id"), with that platform's
client and credential; a message without one (or naming [platform]) goes to [platform] as before.

`IssuerRouter` looks like one PlatformClient to the outbox worker: any method called with
(payload, idempotency_key) is routed by the payload's platform_id, `post_settlements(items)` by the
items' (the worker's batches hold one platform's settlements; a mixed batch is split, in order,
and a later part whose platform cannot be reached answers each of its items as a transient
failure, so the worker keeps them queued with their keys). Everything else (status, store_id,
terminal_id, timeout_s, the prepaid card calls, reconciliation) is [platform]'s client.

A message naming a platform this counter no longer knows is refused for good (PlatformRefused
unknown_issuer, set aside for a person): sending it to another platform would be wrong.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from pos_terminal.ports import PlatformError, PlatformRefused, PlatformUnavailable
from sync.offline import OfflinePlatform

log = logging.getLogger(__name__)


class IssuerRouter:
    def __init__(self, primary_id: str, primary: Any, others: Mapping[str, Any]) -> None:
        self.primary_id = primary_id
        self.primary = primary
        self.others = dict(others)

    def __repr__(self) -> str:
        return f"IssuerRouter({self.primary_id!r}, others={sorted(self.others)})"

    def client_for(self, platform_id: object) -> Any:
        """The client of the platform `platform_id` names (None or [platform]'s id: [platform])."""
        if platform_id is None or platform_id == "" or platform_id == self.primary_id:
            return self.primary
        client = self.others.get(str(platform_id))
        if client is None:
            raise PlatformRefused(
                "unknown_issuer", f"this message is for platform {platform_id!r}, which this counter no longer "
                f"knows; add it back as an [[issuers]] entry (with its credential), then `pos-terminal sync retry`",
                status=422)
        return client

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        target = getattr(self.primary, name)
        if not name.startswith("post_") or name == "post_settlements" or not callable(target):
            return target

        def routed(payload: object, *args: Any, **kwargs: Any) -> Any:
            platform_id = payload.get("platform_id") if isinstance(payload, dict) else None
            return _method(self.client_for(platform_id), name, platform_id)(payload, *args, **kwargs)

        return routed

    def post_settlements(self, items: list[tuple[dict[str, Any], str]]) -> list[dict[str, Any]]:
        groups: list[tuple[object, list[tuple[dict[str, Any], str]]]] = []
        for payload, key in items:
            platform_id = payload.get("platform_id") or self.primary_id
            if groups and groups[-1][0] == platform_id:
                groups[-1][1].append((payload, key))
            else:
                groups.append((platform_id, [(payload, key)]))
        answers: list[dict[str, Any]] = []
        for n, (platform_id, group) in enumerate(groups):
            if n == 0:  # the first part answers (or fails) for the batch as a whole, as one client would
                answers.extend(_method(self.client_for(platform_id), "post_settlements", platform_id)(group))
                continue
            try:
                answers.extend(_method(self.client_for(platform_id), "post_settlements", platform_id)(group))
            except PlatformRefused as exc:
                if exc.status == 401 or exc.code != "unknown_issuer":
                    raise
                answers.extend({"idempotency_key": key, "settlement_id": payload.get("settlement_id"),
                                "result": "refused", "status": 422, "reason": exc.code,
                                "answer": {"error": exc.code, "message": exc.message}} for payload, key in group)
            except PlatformError as exc:
                log.info("a later part of a settlement batch was not delivered; it stays queued",
                         extra={"platform_id": platform_id, "error": exc.message})
                answers.extend({"idempotency_key": key, "settlement_id": payload.get("settlement_id"),
                                "result": "refused", "status": 503, "reason": "platform_unavailable",
                                "answer": {"error": "platform_unavailable", "message": exc.message}}
                               for payload, key in group)
        return answers


def _method(client: Any, name: str, platform_id: object) -> Any:
    """`client`'s method `name`. An OfflinePlatform (no platform running yet) answers every call as
    unreachable; its answer is made to name which platform, so the row waiting with its key says so."""
    method = getattr(client, name)
    if not isinstance(client, OfflinePlatform):
        return method

    def offline(*args: Any, **kwargs: Any) -> Any:
        try:
            return method(*args, **kwargs)
        except PlatformUnavailable as exc:
            raise PlatformUnavailable(f"platform {platform_id or '[platform]'} unreachable: {client.detail}") from exc
    return offline
