"""Keeping the platform's claim on an online order alive while it is on screen: a single-shot
timer renews it at about half its time (sooner after a failed renewal); a lost claim is said on
the banner and the page takes no more payment for it. A mixin of CheckoutPage (the timer is the
page's `claim_timer`, the retry delay `claim_retry_s`).
"""

from __future__ import annotations

import logging

from pos_terminal.services.checkout import CheckoutRefused
from ui.tasks import run_in_background

log = logging.getLogger("ui.screens.checkout")


class ClaimKeeper:
    def _schedule_claim_renewal(self, retry: bool = False) -> None:
        """Renews at about half the claim's time; a failed renewal retries sooner."""
        session = self.session
        if session is None or not session.renews_claim or self.state != "order":
            self.claim_timer.stop()
            return
        ttl = float(session.ctx.claim_ttl_s)
        remaining = (session.target.claimed_until - self._app.store.now()).total_seconds()
        delay = min(ttl / 2, remaining / 2)
        if retry:
            delay = min(delay, self.claim_retry_s)
        self.claim_timer.start(int(max(delay, 1.0) * 1000))

    def renew_claim(self) -> None:
        session = self.session
        if session is None or not session.renews_claim:
            return
        run_in_background(session.renew_claim, lambda _t, s=session: self._claim_renewed(s),
                          lambda exc, s=session: self._claim_renewal_failed(s, exc), context=self)

    def _claim_renewed(self, session) -> None:
        if session is self.session:
            self._schedule_claim_renewal()

    def _claim_renewal_failed(self, session, exc: BaseException) -> None:
        if session is not self.session:
            return
        if isinstance(exc, CheckoutRefused) and exc.reason == "claim_lost":
            self.claim_timer.stop()
            text = self.refusal_text(exc)
            self.banner.setText(text)
            self.banner.setToolTip("")
            self.banner.show()
            self.show_refusal(text)
            return
        log.info("claim renewal failed; retrying", extra={"error": getattr(exc, "message", str(exc))})
        self._schedule_claim_renewal(retry=True)
