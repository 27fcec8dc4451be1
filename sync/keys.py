"""The voucher public keys on the terminal: fetched from the platform, cached in the data folder
(keys.json, a JWK set written atomically), used offline.

When the keys are refreshed: at start (`refresh()` from the worker), every `refresh_interval`
(`refresh_if_due()`, from the outbox worker's loop), and when a voucher names a key id the cache
lacks while the platform answers (a rotation). That last refresh is limited to one per
`unknown_key_interval`, so scanning forged vouchers with made-up key ids cannot hammer the platform.

What a refresh keeps: the fetched set replaces the cache (the platform is the authority: a key
it stops publishing is retired or revoked), but an empty or unreadable answer never erases the
cache, and a failed fetch leaves it as it was.

Threading: `verify` and the refreshes may run on different threads; the ring is swapped whole
under a lock.
"""

from __future__ import annotations

import logging
import threading
import time
from datetime import timedelta

from pos_terminal.ports import Clock, KeyCache, PlatformError
from pos_terminal.vouchers import KeyRing, KeyRingError, VoucherCheck, verify_voucher

log = logging.getLogger(__name__)

KEYS_FILE = "keys.json"


class KeyStore:
    def __init__(
        self,
        cache: KeyCache,
        client,
        clock: Clock,
        *,
        refresh_interval: timedelta = timedelta(hours=1),
        unknown_key_interval_s: float = 30.0,
    ) -> None:
        self.cache = cache  # pos_terminal.storage.files.FileKeyCache(<data>/keys.json) at the counter
        self.client = client
        self.clock = clock
        self.refresh_interval = refresh_interval
        self.unknown_key_interval_s = unknown_key_interval_s
        self._lock = threading.Lock()
        self._ring: KeyRing | None = None
        self._refreshed_at: float | None = None  # monotonic
        self._unknown_refresh_at: float | None = None
        self.last_error: str | None = None

    @property
    def ring(self) -> KeyRing:
        with self._lock:
            if self._ring is None:
                try:
                    self._ring = KeyRing.load(self.cache)
                except KeyRingError as exc:
                    log.warning("voucher key cache unreadable; it is replaced at the next refresh",
                                extra={"error": str(exc)})
                    self._ring = KeyRing()
            return self._ring

    def refresh(self) -> bool:
        """Fetches the platform's keys and saves them. True when the cache was updated; False
        (and `last_error` set) when the platform could not be asked or answered nonsense."""
        try:
            fetched = KeyRing.from_jwks(self.client.voucher_keys())
        except PlatformError as exc:
            self.last_error = exc.message
            return False
        except KeyRingError as exc:
            self.last_error = f"the platform's key set is unusable: {exc}"
            log.warning("voucher key refresh refused", extra={"error": self.last_error})
            return False
        finally:
            with self._lock:
                self._refreshed_at = time.monotonic()
        if not len(fetched):
            self.last_error = "the platform published no voucher key; the cached keys are kept"
            return False
        old = self.ring
        with self._lock:
            fetched.save(self.cache)
            self._ring = fetched
        self.last_error = None
        if old.kids != fetched.kids:
            log.info("voucher keys updated", extra={"kids": fetched.kids, "before": old.kids})
        return True

    def refresh_if_due(self) -> bool:
        with self._lock:
            due = self._refreshed_at is None or (
                time.monotonic() - self._refreshed_at >= self.refresh_interval.total_seconds())
        return self.refresh() if due else False

    def verify(self, text: str, *, online: bool = True) -> VoucherCheck:
        """Verifies against the cache; on `unknown_key` with `online`, refreshes once (rate
        limited) and verifies again. Blocking when it refreshes: call from a worker."""
        check = verify_voucher(text, self.ring, self.clock.now())
        if check.reason != "unknown_key" or not online:
            return check
        with self._lock:
            now = time.monotonic()
            if self._unknown_refresh_at is not None and now - self._unknown_refresh_at < self.unknown_key_interval_s:
                return check
            self._unknown_refresh_at = now
        log.info("voucher names an uncached key; refreshing the keys", extra={"kid": check.kid})
        if self.refresh():
            return verify_voucher(text, self.ring, self.clock.now())
        return check


# ------------------------------------------------------------------ several issuers (issue 16)


def keys_file(issuer_id: str, primary: bool) -> str:
    """The cache file of an issuer's key ring: keys.json for [platform] (as before), keys-<id>.json
    for every further issuer (ids are letters, digits, '.', '_' and '-': safe as a file name)."""
    return KEYS_FILE if primary else f"keys-{issuer_id}.json"


class UrlKeySource:
    """An issuer's voucher keys published at their own URL ([[issuers]] keys_url): GET, a JWK set.
    Answers like HttpPlatformClient.voucher_keys (PlatformUnavailable when it cannot be asked)."""

    def __init__(self, url: str, timeout_s: float = 5.0) -> None:
        self.url = url
        self.timeout_s = timeout_s

    def voucher_keys(self) -> dict[str, object]:
        import requests

        from pos_terminal.ports import PlatformUnavailable

        try:
            response = requests.get(self.url, timeout=self.timeout_s, allow_redirects=False)
        except requests.RequestException as exc:
            raise PlatformUnavailable(f"voucher keys unreachable: {self.url} ({type(exc).__name__})") from None
        if response.status_code != 200:
            raise PlatformUnavailable(f"voucher keys: {self.url} answered {response.status_code}")
        try:
            doc = response.json()
        except ValueError:
            raise PlatformUnavailable(f"voucher keys: {self.url} did not answer JSON") from None
        return doc if isinstance(doc, dict) else {}


class IssuerKeys:
    """The voucher keys of every platform this counter takes payment codes of (config.issuers): one
    KeyStore (key ring, cache file, key source) per issuer id. A voucher is verified with the keys
    of the issuer its "iss" claim names (no claim: [platform], `primary`), never with another's:
    "iss" is signed, so a key of platform A cannot make a voucher claiming platform B valid. A
    voucher of an issuer this counter does not know is refused as `unknown_issuer`.

    Behaves as the one KeyStore did for the rest of the terminal: `ring`, `refresh()`,
    `refresh_if_due()`, `last_error` and `client` are [platform]'s (refresh* refresh every issuer)."""

    def __init__(self, stores: dict[str, KeyStore], primary: str) -> None:
        if primary not in stores:
            raise ValueError(f"the primary issuer {primary!r} has no key store")
        self.stores = dict(stores)
        self.primary = primary

    # what the terminal used of the single KeyStore
    @property
    def main(self) -> KeyStore:
        return self.stores[self.primary]

    @property
    def ring(self) -> KeyRing:
        return self.main.ring

    @property
    def clock(self) -> Clock:
        return self.main.clock

    @property
    def client(self) -> object:
        return self.main.client

    @property
    def last_error(self) -> str | None:
        errors = [f"{issuer}: {store.last_error}" if issuer != self.primary else store.last_error
                  for issuer, store in self.stores.items() if store.last_error]
        return "; ".join(errors) if errors else None

    def store(self, issuer_id: str | None) -> KeyStore | None:
        return self.stores.get(issuer_id or self.primary)

    def refresh(self) -> bool:
        """Refreshes every issuer's keys; True when [platform]'s were updated."""
        results = {issuer: store.refresh() for issuer, store in self.stores.items()}
        return results[self.primary]

    def refresh_if_due(self) -> bool:
        results = {issuer: store.refresh_if_due() for issuer, store in self.stores.items()}
        return results[self.primary]

    def verify(self, text: str | bytes, *, online: bool = True) -> VoucherCheck:
        from dataclasses import replace

        from pos_terminal.vouchers import peek_issuer

        issuer = peek_issuer(text) or self.primary
        store = self.stores.get(issuer)
        if store is None:
            return VoucherCheck(False, "unknown_issuer",
                                f"this counter does not take payment codes of platform {issuer}; ask the technician "
                                "to add it (an [[issuers]] entry in the settings)", None, None)
        check = store.verify(text, online=online)
        if check.claims is not None and check.claims.issuer is None:
            check = replace(check, claims=replace(check.claims, issuer=self.primary))
        return check
