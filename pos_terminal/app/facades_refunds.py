"""The returns facade: an item looked up, taken in with photos of the defect and sent to the seller;
the seller's decision fetched; the money paid back where it came from; a return filed on the buyer's
phone handed in. Calls pos_terminal.services.refunds / online_returns with this terminal's
RefundContext (built by the container). "Blocking" methods run on a worker, never the GUI thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pos_terminal.app.container import Terminal
    from pos_terminal.services import online_returns, refunds  # for the annotations; imported where used
    from pos_terminal.services.refunds import RefundContext


class Refunds:
    """Returns at the counter."""

    def __init__(self, terminal: Terminal) -> None:
        self._t = terminal

    def context(self) -> RefundContext:
        """The refund context (devices, platform, photo store). Opens nothing."""
        return self._t.refund_context()

    def look_up(self, code: str) -> refunds.ItemInfo:
        """The purchase behind an item code (the platform, or this terminal's own sale while it is
        away). Blocking. Raises RefundRefused."""
        from pos_terminal.services import refunds

        return refunds.look_up(self.context(), code)

    def take_in(self, items, reason: str, photos, cashier) -> refunds.CaseView:
        """Stores the intake whole (a draft case), then sends it to the seller; a platform that is
        away leaves it a draft the refund loop sends later. Blocking."""
        from pos_terminal.services import refunds

        ctx = self.context()
        view = refunds.take_in(ctx, items, reason, photos, cashier_id=cashier.user_id)
        self._t.wake_sync()
        return refunds.submit(ctx, view.case_id)

    def overview(self, case_id=None):
        """(the case `case_id` refreshed or None, this terminal's open cases, its rejected or refused
        ones not acknowledged yet and the last five paid out, the store's requests waiting for a seller at other terminals). Asks the platform for
        decisions first; the store's list is empty while the platform is away. Blocking."""
        from pos_terminal.services import refunds

        ctx, terminal_id = self.context(), self._t.settings.terminal.terminal_id
        refunds.poll_decisions(ctx)
        current = refunds.refresh(ctx, case_id) if case_id is not None else None
        rows = refunds.open_cases(ctx)
        rows += refunds.unacknowledged_cases(ctx)  # rejected or refused: shown with the note until acknowledged
        rows += [c for c in refunds.recent_cases(ctx, 20) if c.paid_out][:5]  # to print a receipt again
        try:
            mine = {r.platform_id for r in rows}
            store = [r for r in refunds.store_pending(ctx)
                     if r.get("request_id") not in mine and (r.get("payout") or {}).get("terminal_id") != terminal_id]
        except Exception:  # the platform is away: this terminal's own cases still show
            store = []
        return current, rows, store

    def pay_out(self, case_id, cashier, card_text: str | None = None, manager=None) -> refunds.PayoutDone:
        """Pays an approved case back leg by leg (cash from the drawer, the card, the prepaid card).
        Blocking (devices, platform)."""
        from pos_terminal.services import refunds

        return refunds.pay_out(self.context(), case_id, cashier_id=cashier.user_id,
                               cashier_name=cashier.display_name, card_text=card_text, manager=manager)

    def acknowledge(self, case_id, user) -> refunds.CaseView:
        """A rejected or refused case acknowledged by the cashier (the unit given back to the
        buyer): it leaves the list. Blocking."""
        from pos_terminal.services import refunds

        return refunds.acknowledge(self.context(), case_id, user_id=user.user_id)

    def reprint_receipt(self, case_id, user, reason: str = "") -> refunds.PayoutDone:
        """Prints a paid-out refund's receipt again (audited as a reprint). Blocking."""
        from pos_terminal.services import refunds

        return refunds.reprint_receipt(self.context(), case_id, user=user, reason=reason)

    def hand_in(self, info: refunds.ItemInfo, cashier, card_text: str | None = None) -> online_returns.HandInDone:
        """A return filed on the buyer's phone: the units taken in, and paid out once approved. Blocking."""
        from pos_terminal.services import online_returns

        return online_returns.hand_in_and_pay(self.context(), info, cashier_id=cashier.user_id,
                                              cashier_name=cashier.display_name, card_text=card_text)

    def photo_camera(self):
        """The camera for photos of a defect ([refunds] photo_camera); the scanner itself where
        it is a camera on that same source. Not opened here."""
        from drivers.photo_camera import PhotoCamera, SharedPhotoCamera
        from pos_terminal.ports import FrameSource

        t = self._t
        source, scanner = t.settings.refunds.photo_camera, t.devices.scanner
        if t.settings.scanner.kind == "camera" and str(t.settings.scanner.camera.source) == str(source) \
                and isinstance(scanner, FrameSource):
            return SharedPhotoCamera(scanner)
        return PhotoCamera(source)

    @staticmethod
    def photo_from_camera(camera) -> refunds.PhotoData:
        """Takes a photo and makes it a refunds.PhotoData. Blocking (the camera)."""
        from drivers.photos import prepare_frame

        return prepare_frame(camera.capture())

    @staticmethod
    def photo_from_file(path) -> refunds.PhotoData:
        """An image file as a refunds.PhotoData. Blocking (reads and scales the file)."""
        from drivers.photos import prepare_file

        return prepare_file(path)

    def wake_sync(self) -> None:
        """The platform hears of what was just recorded at once. Any thread."""
        self._t.wake_sync()
