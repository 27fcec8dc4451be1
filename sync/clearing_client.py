"""The terminal's HTTP client of the clearing house (issue 16, route 2): requests, a store
member's credentials (X-Member-Id: the store id, Authorization: Bearer <secret>), a timeout.
Implements pos_terminal.ports.clearing.ClearingHouseClient."""

from __future__ import annotations

from datetime import date
from typing import Any

import requests

from pos_terminal.ports.clearing import ClearingAnswer, ClearingHouseRefused, ClearingHouseUnavailable
from sync.clearing_house.signing import verify as verify_signature

API_PREFIX = "/api/v1"


class HttpClearingClient:
    def __init__(self, base_url: str, store_id: str, secret: str, timeout_s: float = 5.0,
                 session: requests.Session | None = None) -> None:
        if not base_url:
            raise ValueError("the clearing house's url is empty: set [settlement.clearing_house] url")
        if not secret:
            raise ValueError("the clearing house needs the store's secret: clearing_house_secret in the "
                             "credentials file")
        self.base = base_url.rstrip("/") + API_PREFIX
        self.store_id = store_id
        self.timeout_s = timeout_s
        self._session = session or requests.Session()
        self._session.headers.update({"X-Member-Id": store_id, "Authorization": f"Bearer {secret}"})

    def close(self) -> None:
        self._session.close()

    def _call(self, method: str, path: str, **kw: Any) -> requests.Response:
        try:
            r = self._session.request(method, self.base + path, timeout=self.timeout_s, **kw)
        except requests.RequestException as exc:
            raise ClearingHouseUnavailable(f"{type(exc).__name__} at {self.base}") from None
        if r.status_code >= 500:
            raise ClearingHouseUnavailable(f"HTTP {r.status_code} from the clearing house")
        if r.status_code >= 400:
            try:
                body = r.json()
                code, message = str(body.get("error", "refused")), str(body.get("message", r.text[:200]))
            except ValueError:
                code, message = "refused", r.text[:200]
            raise ClearingHouseRefused(r.status_code, code, message)
        return r

    def post_statement(self, statement: dict[str, Any], idempotency_key: str) -> ClearingAnswer:
        r = self._call("POST", "/statements", json=statement, headers={"Idempotency-Key": idempotency_key})
        return ClearingAnswer(r.status_code, r.json(), r.headers.get("Idempotent-Replayed") == "true")

    def store_report(self, store_id: str, business_date: date) -> dict[str, Any]:
        body: dict[str, Any] = self._call("GET", f"/stores/{store_id}/reports/{business_date.isoformat()}").json()
        return body

    def public_keys(self) -> list[dict[str, Any]]:
        keys: list[dict[str, Any]] = self._call("GET", "/keys").json()["keys"]
        return keys

    def verify(self, public_key: str, report: dict[str, Any], signature: str) -> bool:
        return verify_signature(public_key, report, signature)
