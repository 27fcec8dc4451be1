"""The outbox worker: sends the settlements the sales wrote to the outbox, in `seq` order, exactly
once as far as the platform is concerned.

Rules (the state lives only in the database, so all of this survives a restart or kill -9):
- Rows go strictly in seq order. A row that fails for a reason that may pass (no connection,
  timeout, 5xx, 401 credential problem) blocks every row after it: nothing overtakes it. Its
  `attempts`, `last_error` and `next_attempt_at` grow with an exponential backoff
  (`backoff_base` doubling to `backoff_max`, with ±20 % jitter so that a store's terminals do not
  return in step).
- Each row carries its own Idempotency-Key (OutboxMessage.idempotency_key, from the row id), so a
  repeat after a lost answer gets the platform's first answer, never a second record.
- Rows go in batches (POST /settlements/batch, up to `send_batch` rows, each row with its own
  key: the platform answers each as the single endpoint would, `duplicate` for a key it has
  answered before). The answers of a batch are recorded in ONE transaction after the platform
  answered (one durable commit per batch, not per row). A crash (kill -9) between the answer and
  that commit only means one more repeat of the same keys: the platform answers `duplicate` with
  its first answer, and the rows are recorded then. A batch that fails as a whole (no answer, 5xx,
  401) blocks like a row: the failure and its backoff go on the batch's first row, and the next
  batch is half as long (doubling back after each answered one), so a slow platform still gets
  through. A platform without the batch endpoint (404 or 405: an older one) gets single POSTs
  (POST /settlements, one commit per row) and is asked again after `batch_retry_after`; a batch
  refused as a whole for another reason is sent row by row, so that each row gets its own answer.
- Within a batch answer: an item accepted or a duplicate of an accepted one is sent; a refusal for
  good (conflict, refused, or a duplicate of a refusal: a 4xx other than 401/408/429) sets the
  row aside (below); anything else (a transient refusal, an answer this version does not read)
  is a failure of that row, with its backoff, and the rows after it in the batch stay queued
  (sent again with the same keys next time: the platform answers them `duplicate`).
- Poison messages. A 4xx refusal other than 401/408/429 (e.g. 404 unknown_order, 403
  credential_mismatch, 422 idempotency_key_reused or an invalid body) is stored by the platform
  under the key and will be answered the same way for as long as the key lives: no retry can
  succeed. Such a row is set aside: `dead_at` is set with the refusal in `last_error`, it stops
  blocking the rows after it, and it is counted as "needs attention" in the sync state, the status
  bar and `pos-terminal sync status` (and `sync run` exits 1 while any exist). It is never
  deleted: the money was taken, so a person must settle it with the platform (the day's batch
  report lists it as missing_at_platform); `pos-terminal sync retry` puts it back in the queue,
  at its original place in the order, once the cause is fixed. A POS vendor's trade-off: one bad
  row must not keep every later payment of the day from the platform, and a set-aside row must be
  loud, not lost.
- The platform's answer for a sent row (paid, refund_case, amount_differs) is kept in `outcome`.

Threading: `start()` runs the loop on its own thread; `wake()` (any thread, e.g. right after a
sale) makes it drain at once, past the backoff; `stop()` returns within about the client's
timeout. `drain_once()` is the same drain on the caller's thread (the command line); do not call
it while the thread runs.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from pos_terminal.backoff import backoff
from pos_terminal.ports import (
    AuthenticationFailed,
    Clock,
    PlatformClient,
    PlatformError,
    PlatformRefused,
    PlatformUnavailable,
)

log = logging.getLogger(__name__)

SETTLEMENT_TOPIC = "settlement"

# What each outbox topic is sent with: the name of the PlatformClient method, called as
# method(payload, idempotency_key). A topic missing here (a newer version's row) is set aside for a
# person, never dropped. Settlements of this terminal also go in batches (post_settlements).
TOPICS: dict[str, str] = {
    SETTLEMENT_TOPIC: "post_settlement",
    # money moved at the counter besides a sale (issue 16; pos_terminal.services.counter_money)
    "counter_refund": "post_counter_movement",
    "void": "post_counter_movement",
    "double_payment_payback": "post_counter_movement",
    "remittance": "post_remittance",  # the store paid statement N (services.remittances.mark_sent)
    "statement_accepted": "post_statement_accepted",  # a manager accepted statement N (services.statements)
}


@dataclass(frozen=True)
class _Row:
    seq: int
    topic: str
    payload: dict
    idempotency_key: str
    next_attempt_at: datetime | None
    last_error: str | None


@dataclass
class DrainResult:
    sent: int = 0
    set_aside: int = 0  # refused for good during this drain
    left: int = 0  # still pending (not sent, not set aside)
    attention: int = 0  # set aside in total, waiting for a person
    replayed: int = 0  # of `sent`: answered `duplicate` (the platform had them; a repeat after a crash)
    blocked_by: str | None = None  # why the drain stopped early
    outcomes: dict = field(default_factory=dict)

    @property
    def complete(self) -> bool:
        return self.left == 0 and self.attention == 0


class OutboxWorker:
    def __init__(
        self,
        uow_factory: Callable,
        client: PlatformClient,
        clock: Clock,
        *,
        batch_size: int = 200,
        send_batch: int = 200,
        batch_retry_after: timedelta = timedelta(minutes=10),
        idle_poll_s: float = 5.0,
        backoff_base: timedelta = timedelta(seconds=2),
        backoff_max: timedelta = timedelta(minutes=5),
        housekeeping: tuple[Callable[[], object], ...] = (),
        name: str = "outbox-worker",
    ) -> None:
        """`uow_factory` returns a new UnitOfWork (or pass a Terminal: its `uow` is used).
        `batch_size`: rows read per query; `send_batch`: rows per POST /settlements/batch (0: one
        POST /settlements per row, as to an older platform); `batch_retry_after`: how long a
        platform that lacked the batch endpoint gets single POSTs before it is asked again."""
        self._uow = getattr(uow_factory, "uow", uow_factory)
        self.client = client
        self.clock = clock
        self.batch_size = batch_size
        self.send_batch = send_batch
        self.batch_retry_after = batch_retry_after
        self._batch_now = send_batch  # halved after a batch got no answer, doubled back after an answer
        self._singles_until: datetime | None = None  # the platform lacked the batch endpoint: singles till then
        self.idle_poll_s = idle_poll_s
        self.backoff_base = backoff_base
        self.backoff_max = backoff_max
        self.housekeeping = tuple(housekeeping)
        self.name = name
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._thread_ident: int | None = None
        self._force = False
        self.last_result: DrainResult | None = None
        self._random = random.Random()

    # ------------------------------------------------------------------ thread control
    def start(self) -> OutboxWorker:
        if self._thread is not None and self._thread.is_alive():
            return self
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name=self.name, daemon=True)
        self._thread.start()
        return self

    def wake(self) -> None:
        self._force = True
        self._wake.set()

    def stop(self, timeout: float | None = None) -> None:
        self._stop.set()
        self._wake.set()
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(timeout if timeout is not None else getattr(self.client, "timeout_s", 5.0) + 2.0)
            if thread.is_alive():
                log.warning("outbox worker still in a platform call at stop; the row is retried at the next start")

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _run(self) -> None:
        self._thread_ident = threading.get_ident()
        while not self._stop.is_set():
            for job in self.housekeeping:
                try:
                    job()
                except Exception:
                    log.exception("outbox worker housekeeping failed")
            force, self._force = self._force, False
            try:
                result = self.drain_once(force=force)
            except Exception:  # a database hiccup must not end the thread
                log.exception("outbox drain failed")
                result = None
            wait = self.idle_poll_s
            if result is not None and result.left:
                wait = min(wait, max(0.05, self._seconds_until_next()))
            self._wake.wait(wait)
            self._wake.clear()

    def _seconds_until_next(self) -> float:
        with self._uow() as uow:
            first = uow.outbox.pending(limit=1)
            at = first[0].next_attempt_at if first else None
        if at is None:
            return 0.0
        return (at - self.clock.now()).total_seconds()

    # ------------------------------------------------------------------ the drain
    def backoff(self, attempts: int) -> timedelta:
        return backoff(attempts, first=self.backoff_base, ceiling=self.backoff_max) * self._random.uniform(0.8, 1.2)

    def drain_once(self, *, force: bool = True, limit: int | None = None) -> DrainResult:
        """Sends pending rows in order until none is left, one fails, or `limit` rows were
        handled. `force` ignores the backoff of the first row (the command line, a wake)."""
        result = DrainResult()
        handled = 0
        after = 0
        held: set[str] = set()  # issue 16: platforms whose row failed or waits; their later rows wait too
        while not self._stopping():
            with self._uow() as uow:  # plain copies: leaving the unit of work expires mapped rows
                rows = [_Row(m.seq, m.topic, dict(m.payload), m.idempotency_key, m.next_attempt_at, m.last_error)
                        for m in uow.outbox.pending(limit=self.batch_size, after_seq=after)]
            if not rows:
                break
            i = 0
            while i < len(rows):
                if limit is not None and handled >= limit:
                    return self._finish(result)
                if self._stopping():
                    return self._finish(result)
                row = rows[i]
                now = self.clock.now()
                if held and self._platform_of(row) in held:  # nothing overtakes a row of its own platform
                    i, after = i + 1, row.seq
                    continue
                if not force and row.next_attempt_at is not None and row.next_attempt_at > now:
                    result.blocked_by = row.last_error or "waiting to retry"
                    if not self._hold(row, held):
                        return self._finish(result)
                    i, after = i + 1, row.seq
                    continue
                force = False  # past the first row, a failure's backoff counts again
                room = len(rows) - i if limit is None else min(len(rows) - i, limit - handled)
                chunk = self._batch_from(rows, i, room, now)
                if chunk:
                    done, go_on = self._send_batch(chunk, result)
                else:
                    done, go_on = 1, self._send(row, result)
                handled += done
                i += done
                if done:
                    after = rows[i - 1].seq
                if not go_on and not self._hold(row, held):
                    return self._finish(result)
        return self._finish(result)

    def _platform_of(self, row: _Row) -> str:
        return str(row.payload.get("platform_id") or getattr(self.client, "primary_id", ""))

    def _hold(self, row: _Row, held: set[str]) -> bool:
        """With several platforms (issue 16: the client is a sync.issuer_clients.IssuerRouter), a row
        that fails or waits holds back the later rows of ITS platform only: the drain goes on with
        the others' (True). With one platform: False, the drain stops there (as it always did)."""
        if not callable(getattr(type(self.client), "client_for", None)):
            return False
        held.add(self._platform_of(row))
        return True

    def _batching(self, now: datetime) -> bool:
        if self.send_batch <= 0:
            return False
        if self._singles_until is not None and now < self._singles_until:
            return False
        return True

    def _mine(self, row: _Row) -> bool:
        me = (getattr(self.client, "store_id", None), getattr(self.client, "terminal_id", None))
        theirs = (row.payload.get("store_id"), row.payload.get("terminal_id"))
        return me[1] is None or theirs[1] is None or theirs == me

    def _batch_from(self, rows: list[_Row], start: int, room: int, now: datetime) -> list[_Row]:
        """The rows from `start` on that go in one batch: settlements of this terminal, due, in a
        row; empty when rows[start] itself goes alone (another topic or terminal) or batching is off."""
        if not self._batching(now):
            return []
        chunk: list[_Row] = []
        for row in rows[start:start + min(room, max(1, self._batch_now))]:
            if row.topic != SETTLEMENT_TOPIC or not self._mine(row):
                break
            if chunk and row.payload.get("platform_id") != chunk[0].payload.get("platform_id"):
                break  # one platform per batch (issue 16: each goes to the platform it names)
            if chunk and row.next_attempt_at is not None and row.next_attempt_at > now:
                break  # a row waiting for its backoff: the batch stops before it (it blocks as a row would)
            chunk.append(row)
        return chunk

    def _send_batch(self, chunk: list[_Row], result: DrainResult) -> tuple[int, bool]:
        """Sends `chunk` in one POST and records the answers in one commit. Returns (rows handled,
        whether the drain goes on)."""
        try:
            answers = self.client.post_settlements([(row.payload, row.idempotency_key) for row in chunk])
        except AuthenticationFailed as exc:
            self._failed(chunk[0].seq, exc.message, result)
            return 0, False
        except PlatformRefused as exc:  # the batch as a whole: each row on its own answers for itself
            if exc.status in (404, 405):
                self._singles_until = self.clock.now() + self.batch_retry_after
                log.info("the platform has no batch endpoint for settlements; sending them one by one",
                         extra={"status": exc.status, "until": self._singles_until.isoformat()})
            else:
                log.warning("the platform refused a batch of settlements as a whole; sending its rows one by one",
                            extra={"rows": len(chunk), "error": exc.message})
            for n, row in enumerate(chunk):
                if not self._send(row, result):
                    return n, False
            return len(chunk), True
        except PlatformError as exc:  # no answer, 5xx, or an answer that makes no sense: later, loudly
            self._failed(chunk[0].seq, exc.message, result)
            if isinstance(exc, PlatformUnavailable):
                self._batch_now = max(1, self._batch_now // 2)
            return 0, False
        self._batch_now = min(self.send_batch, self._batch_now * 2)
        return self._record_batch(chunk, answers, result)

    def _record_batch(self, chunk: list[_Row], answers: list[dict], result: DrainResult) -> tuple[int, bool]:
        decided: list[tuple[_Row, str, str | None]] = []  # (row, sent|dead|failed, outcome or error)
        replayed = 0
        for row, answer in zip(chunk, answers):
            verdict, detail = _verdict(answer)
            decided.append((row, verdict, detail))
            if verdict == "sent" and answer.get("result") == "duplicate":
                replayed += 1
            if verdict == "failed":
                break  # the rows after it stay queued: nothing overtakes it
        now = self.clock.now()
        attempts = 0
        with self._uow() as uow:  # every row of the batch: ONE commit
            span = chunk[-1].seq - chunk[0].seq + 1  # bounds the pending rows with seqs in the batch's span
            messages = {m.seq: m for m in uow.outbox.pending(limit=span, after_seq=chunk[0].seq - 1)}
            for row, verdict, detail in decided:
                message = messages.get(row.seq)
                if message is None:
                    continue  # recorded meanwhile (another drain): nothing to do
                if verdict == "sent":
                    message.record_sent(now, detail)
                elif verdict == "dead":
                    message.record_dead(now, detail or "refused")
                else:
                    message.record_failure(now, detail or "failed", self.backoff(message.attempts + 1))
                    attempts = message.attempts
            uow.commit()
        result.replayed += replayed
        go_on = True
        for row, verdict, detail in decided:
            if verdict == "sent":
                result.sent += 1
                if detail:
                    result.outcomes[detail] = result.outcomes.get(detail, 0) + 1
                if detail and detail != "paid":
                    log.warning("settlement recorded with outcome %s", detail,
                                extra={"order_no": row.payload.get("order_no"), "seq": row.seq})
            elif verdict == "dead":
                result.set_aside += 1
                log.error("settlement refused by the platform; set aside for a person",
                          extra={"seq": row.seq, "error": detail})
            else:
                result.blocked_by = detail
                go_on = False
                log.warning("settlement not sent; retrying later",
                            extra={"seq": row.seq, "attempts": attempts, "error": detail})
        handled = len(decided) - (0 if go_on else 1)
        return handled, go_on

    def _stopping(self) -> bool:
        """Only the worker's own loop obeys stop(); a drain on the caller's thread runs to its end."""
        return self._stop.is_set() and threading.get_ident() == self._thread_ident

    def _send(self, row, result: DrainResult) -> bool:
        """One row, one POST, one commit: a settlement to an older platform or on its own, or a row
        of another topic, with the client method TOPICS names."""
        if not self._mine(row):
            return True  # a store's shared database: another terminal's row goes with its own credential
        method = getattr(self.client, TOPICS[row.topic], None) if row.topic in TOPICS else None
        if method is None:
            self._set_aside(row.seq, f"unknown outbox topic {row.topic!r}; this version cannot send it", result)
            return True
        try:
            answer = method(row.payload, row.idempotency_key)
        except AuthenticationFailed as exc:
            self._failed(row.seq, exc.message, result)
            return False
        except PlatformRefused as exc:
            self._set_aside(row.seq, exc.message, result)
            return True
        except PlatformUnavailable as exc:
            self._failed(row.seq, exc.message, result)
            return False
        except PlatformError as exc:  # an answer that makes no sense: try again later, loudly
            self._failed(row.seq, exc.message, result)
            return False
        outcome = str(answer.get("outcome") or "") or None
        with self._uow() as uow:
            message = uow.outbox.get(row.seq)
            message.record_sent(self.clock.now(), outcome)
            uow.commit()
        result.sent += 1
        if outcome:
            result.outcomes[outcome] = result.outcomes.get(outcome, 0) + 1
        if outcome and outcome != "paid":
            log.warning("settlement recorded with outcome %s", outcome,
                        extra={"order_no": row.payload.get("order_no"), "seq": row.seq})
        return True

    def _failed(self, seq: int, error: str, result: DrainResult) -> None:
        with self._uow() as uow:
            message = uow.outbox.get(seq)
            message.record_failure(self.clock.now(), error, self.backoff(message.attempts + 1))
            attempts = message.attempts
            uow.commit()
        result.blocked_by = error
        log.warning("settlement not sent; retrying later", extra={"seq": seq, "attempts": attempts, "error": error})

    def _set_aside(self, seq: int, error: str, result: DrainResult) -> None:
        with self._uow() as uow:
            message = uow.outbox.get(seq)
            message.record_dead(self.clock.now(), error)
            uow.commit()
        result.set_aside += 1
        log.error("settlement refused by the platform; set aside for a person", extra={"seq": seq, "error": error})

    def _finish(self, result: DrainResult) -> DrainResult:
        with self._uow() as uow:
            result.left = uow.outbox.pending_count()
            result.attention = uow.outbox.attention_count()
        self.last_result = result
        return result


def _verdict(answer: dict) -> tuple[str, str | None]:
    """What a batch item's answer means for its row: ("sent", outcome), ("dead", refusal) or
    ("failed", why), read as the single endpoint's answer with that status would be."""
    status = answer.get("status")
    body = answer.get("answer") if isinstance(answer.get("answer"), dict) else {}
    result = answer.get("result")
    if not isinstance(status, int) or result not in ("accepted", "duplicate", "conflict", "refused"):
        return "failed", f"the platform's answer for this settlement makes no sense: {str(answer)[:200]}"
    if 200 <= status < 300 and result in ("accepted", "duplicate"):
        return "sent", str(body.get("outcome") or "") or None
    code = str(answer.get("reason") or body.get("error") or f"http_{status}")
    message = f"the platform refused POST /settlements: {code}: {body.get('message') or ''}".rstrip(": ")
    if 400 <= status < 500 and status not in (401, 408, 429):
        return "dead", message
    return "failed", message


def requeue(uow_factory: Callable, seqs: list[int] | None = None) -> int:
    """Puts set-aside rows back in the queue (all when `seqs` is None). Returns how many."""
    uow_factory = getattr(uow_factory, "uow", uow_factory)
    with uow_factory() as uow:
        rows = uow.outbox.attention(limit=10**6)
        count = 0
        for row in rows:
            if seqs is None or row.seq in seqs:
                row.requeue()
                count += 1
        uow.commit()
    return count


def last_success(uow_factory: Callable) -> datetime | None:
    uow_factory = getattr(uow_factory, "uow", uow_factory)
    with uow_factory() as uow:
        return uow.outbox.last_sent_at()
