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
