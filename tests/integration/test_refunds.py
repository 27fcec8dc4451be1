"""Refund intake end to end against the sandbox platform on loopback: look-up and refusals, both
policy branches (approved at once; pending, then approved or rejected on the seller page), each
payout route, the offline queue across a restart, and photos from a video-file camera."""

from __future__ import annotations

import uuid
from datetime import datetime, timezone

import cv2
import numpy as np
import pytest
import requests

from pos_terminal.app.facades import App
from pos_terminal.domain.model import PayoutRoute, RefundStatus
from pos_terminal.services import cash, refunds, shifts
from pos_terminal.services.refunds import RefundRefused
from drivers.photo_camera import PhotoCamera
from drivers.photos import decode_jpeg, prepare_file, prepare_frame
from sync.outbox_worker import OutboxWorker
from sync.sandbox import seed
from tests.checkout_fakes import FakeCardTerminal
from tests.platform_helpers import client_for, new_order, open_shift, pay_cash, settings_for, spec_of
from tests.seller_helpers import decide_as_seller

pytestmark = pytest.mark.clock_sensitive  # run again with the clock moved (tests/conftest.py)


@pytest.fixture(scope="module")
def video(tmp_path_factory):
    """A small video file that plays as the photo camera: 1280x720, a 'scratch' on grey."""
    path = tmp_path_factory.mktemp("video") / "defect.avi"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 15, (1280, 720))
    for i in range(15):
        frame = np.full((720, 1280, 3), 128, np.uint8)
        cv2.line(frame, (100 + i * 10, 100), (900, 600), (0, 0, 255), 8)
        writer.write(frame)
    writer.release()
    return path


@pytest.fixture
def online(terminal_factory, server):
    return terminal_factory(settings_for(server.url))


def photo(color=(0, 0, 255)):
    frame = np.full((720, 1280, 3), 200, np.uint8)
    cv2.circle(frame, (640, 360), 100 + sum(color) % 50, color, -1)
    return prepare_frame(frame)


def sold_at_counter(terminal, client, **kw) -> dict:
    """An order created on the platform, paid in cash at `terminal` and settled."""
    view = new_order(client, **kw)
    pay_cash(terminal, spec_of(view))
    OutboxWorker(terminal.uow, terminal.platform, terminal.clock).drain_once()
    return client.get_order(view["order_no"])


def settle_with(client, view: dict, tender: str) -> None:
    client.post_settlement({
        "settlement_id": str(uuid.uuid4()), "order_no": view["order_no"], "merchant_id": view["merchant"]["id"],
        "store_id": client.store_id, "terminal_id": client.terminal_id, "receipt_no": 1,
        "amount_minor": view["total_minor"], "currency": view["currency"], "tenders": [tender],
        "offline": False, "paid_at": datetime.now(timezone.utc).isoformat()}, str(uuid.uuid4()))


def codes_of(view: dict) -> list[str]:
    return [c for line in view["lines"] for c in line["item_codes"]]


def decide_on_seller_page(server, request_id: str, approve: bool) -> None:
    """As the merchant's seller, signed in to the portal (tests/seller_helpers.py)."""
    r = decide_as_seller(server, request_id, approve)
    assert r.status_code == 303, r.text


def test_photos_from_a_video_file_camera_are_resized_jpegs(video, tmp_path):
    camera = PhotoCamera(str(video))
    assert camera.open().usable
    try:
        frame = camera.capture()
    finally:
        camera.close()
    assert frame.shape == (720, 1280, 3)
    big = np.zeros((2000, 3000, 3), np.uint8)
    p = prepare_frame(big)
    assert (p.width, p.height) == (1280, 853) and p.data[:3] == b"\xff\xd8\xff" and len(p.sha256) == 64
    cv2.imwrite(str(tmp_path / "x.png"), big)
    assert prepare_file(tmp_path / "x.png").sha256 == p.sha256
    assert decode_jpeg(prepare_frame(frame).data).shape == (720, 1280, 3)
    absent = PhotoCamera("/dev/video-none")
    assert not absent.open().usable


def test_refusals_each_with_its_reason(online, client):
    ctx = online.refund_context()
    with pytest.raises(RefundRefused) as e:
        refunds.look_up(ctx, "PO000000001001")
    assert e.value.reason == "wrong_kind"
    with pytest.raises(RefundRefused) as e:
        refunds.look_up(ctx, "IC9999999999999999")
    assert e.value.reason == "unknown_item"
    unpaid = new_order(client)
    with pytest.raises(RefundRefused) as e:
        refunds.look_up(ctx, codes_of(unpaid)[0])
    assert e.value.reason == "not_paid"
    digital = sold_at_counter(online, client, merchant="m-digital", buyer="b-wang", price=2990, qty=1)
    info = refunds.look_up(ctx, " " + codes_of(digital)[0].lower())  # keyed by hand
    assert info.photo_required and info.payment_route == "cash" and info.inside_window
    cashier = open_shift(online)
    with pytest.raises(RefundRefused) as e:
        refunds.take_in(ctx, [info], "defective", [], cashier_id=cashier.user_id)
    assert e.value.reason == "photo_required"
    with pytest.raises(RefundRefused) as e:
        refunds.take_in(ctx, [info], "because", [photo()], cashier_id=cashier.user_id)
    assert e.value.reason == "bad_reason"


def test_approved_at_once_then_cash_out_of_the_drawer(online, client, video):
    ctx = online.refund_context()
    view = sold_at_counter(online, client, buyer="b-wang", qty=2)  # reputation 90 >= 60
    cashier = open_shift(online)
    items = [refunds.look_up(ctx, c) for c in codes_of(view)]
    assert items[0].approves_at_once and items[0].buyer_name
    camera = PhotoCamera(str(video))
    camera.open()
    try:
        shot = prepare_frame(camera.capture())
    finally:
        camera.close()
    case = refunds.take_in(ctx, items, "defective", [shot], cashier_id=cashier.user_id)
    assert case.status is RefundStatus.DRAFT and (online.paths.refund_photos / f"{shot.sha256}.jpg").exists()
    case = refunds.submit(ctx, case.case_id)
    assert case.status is RefundStatus.APPROVED and case.photos_uploaded == 1 and case.decided_by == "policy"
    assert not (online.paths.refund_photos / f"{shot.sha256}.jpg").exists()  # the platform has it
    assert client.get_refund(case.platform_id)["photo_ids"]
    with pytest.raises(RefundRefused) as e:  # the unit is refunded now
        refunds.look_up(ctx, codes_of(view)[0])
    assert e.value.reason == "already_refunded"
    kicks = online.devices.drawer.kicks
    done = refunds.pay_out(ctx, case.case_id, cashier_id=cashier.user_id, cashier_name="Zhang")
    assert done.route is PayoutRoute.CASH and done.amount_minor == 2500 and done.drawer_kicked and done.printed
    assert online.devices.drawer.kicks == kicks + 1
    assert any("2500" in l or "25.00" in l for l in done.document.text_lines())
    shift = shifts.current_shift(online.uow(), terminal_id="T01")
    assert cash.shift_summary(online.day_context(), shift.shift_id).cash_refunds_minor >= 2500
    with pytest.raises(RefundRefused) as e:
        refunds.pay_out(ctx, case.case_id, cashier_id=cashier.user_id)
    assert e.value.reason == "paid_out_already"


def test_waiting_then_the_seller_approves_and_the_prepaid_card_is_credited(online, client, server):
    ctx = online.refund_context()
    view = new_order(client, buyer="b-li", qty=1)  # reputation 40 < 60
    settle_with(client, view, "prepaid_card")
    cashier = open_shift(online)
    info = refunds.look_up(ctx, codes_of(view)[0])
    assert info.payment_route == "prepaid_card" and info.approves_at_once is False
    case = refunds.submit(ctx, refunds.take_in(ctx, [info], "damaged", [photo()], cashier_id=cashier.user_id).case_id)
    assert case.status is RefundStatus.REQUESTED
    with pytest.raises(RefundRefused) as e:
        refunds.pay_out(ctx, case.case_id, cashier_id=cashier.user_id, card_text="8800000000000002")
    assert e.value.reason == "needs_manager"
    assert refunds.poll_decisions(ctx) == []
    decide_on_seller_page(server, case.platform_id, approve=True)
    changed = refunds.poll_decisions(ctx)
    assert [c.status for c in changed] == [RefundStatus.APPROVED] and changed[0].decided_by == "seller"
    before = client.get_card("8800000000000002", "1357")["balance_minor"]
    with pytest.raises(RefundRefused) as e:
        refunds.pay_out(ctx, case.case_id, cashier_id=cashier.user_id, card_text="hello")
    assert e.value.reason == "prepaid_card_needed"
    done = refunds.pay_out(ctx, case.case_id, cashier_id=cashier.user_id, card_text=";8800000000000002=4912?")
    assert done.route is PayoutRoute.PREPAID_CARD and not done.drawer_kicked
    assert client.get_card("8800000000000002", "1357")["balance_minor"] == before + 1250


def test_waiting_then_the_seller_rejects(online, client, server):
    ctx = online.refund_context()
    view = sold_at_counter(online, client, buyer="b-li", qty=1)
    cashier = open_shift(online)
    case = refunds.take_in(ctx, [refunds.look_up(ctx, codes_of(view)[0])], "other: smells odd", [],
                           cashier_id=cashier.user_id)
    case = refunds.submit(ctx, case.case_id)
    assert any(r["request_id"] == case.platform_id for r in refunds.store_pending(ctx))
    client2 = client_for(server.url)
    resp = requests.post(f"{server.url}/api/v1/refund-requests/{case.platform_id}/decision",
                         json={"approve": False, "note": "not a defect"}, timeout=5,
                         headers={"Authorization": f"Bearer {seed.MERCHANTS['m-tea'][4]}", "X-Merchant-Id": "m-tea",
                                  "Idempotency-Key": str(uuid.uuid4())})
    client2.close()
    assert resp.status_code == 200, resp.text
    assert refunds.refresh(ctx, case.case_id).status is RefundStatus.REJECTED
    with pytest.raises(RefundRefused) as e:
        refunds.pay_out(ctx, case.case_id, cashier_id=cashier.user_id)
    assert e.value.reason == "not_approved"
    assert refunds.look_up(ctx, codes_of(view)[0]).refund_state == "none"  # may be taken in again


def test_bank_card_and_online_payouts(online, client):
    ctx = online.refund_context()
    ctx.card_terminal = card = FakeCardTerminal()
    cashier = open_shift(online)
    view = new_order(client, buyer="b-wang", qty=1)
    settle_with(client, view, "bank_card")
    case = refunds.submit(ctx, refunds.take_in(ctx, [refunds.look_up(ctx, codes_of(view)[0])], "wrong_item", [],
                                               cashier_id=cashier.user_id).case_id)
    done = refunds.pay_out(ctx, case.case_id, cashier_id=cashier.user_id)
    assert done.route is PayoutRoute.BANK_CARD and card.refunds and card.refunds[-1][0] == 1250
    online_view = client.get_order(seed.ONLINE_PAID_ORDER)
    info = refunds.look_up(ctx, codes_of(online_view)[0])
    assert info.payment_route == "online"
    case = refunds.submit(ctx, refunds.take_in(ctx, [info], "defective", [], cashier_id=cashier.user_id).case_id)
    kicks = online.devices.drawer.kicks
    done = refunds.pay_out(ctx, case.case_id, cashier_id=cashier.user_id)
    assert done.route is PayoutRoute.ONLINE and online.devices.drawer.kicks == kicks


def test_offline_intake_survives_a_restart_and_is_sent_when_the_platform_is_back(terminal_factory, server, client):
    view = new_order(client, buyer="b-wang", qty=1)
    dead = terminal_factory(settings_for("http://127.0.0.1:9", timeout_s=0.5))
    pay_cash(dead, spec_of(view), offline=True)
    ctx = dead.refund_context()
    cashier = open_shift(dead)
    info = refunds.look_up(ctx, codes_of(view)[0])
    assert info.offline and info.payment_route == "cash"
    shot = photo((255, 0, 0))
    case = refunds.submit(ctx, refunds.take_in(ctx, [info], "defective", [shot], cashier_id=cashier.user_id).case_id)
    assert case.status is RefundStatus.DRAFT and case.last_error
    with pytest.raises(RefundRefused) as e:  # no cash without the platform's approval ...
        refunds.pay_out(ctx, case.case_id, cashier_id=cashier.user_id)
    assert e.value.reason == "needs_manager"
    manager = App.of(dead).users.approve("8001", "8642")
    ctx.override_limit_minor = 1000
    with pytest.raises(RefundRefused) as e:  # ... unless a manager overrides within the limit
        refunds.pay_out(ctx, case.case_id, cashier_id=cashier.user_id, manager=manager)
    assert e.value.reason == "over_limit"
    ctx.override_limit_minor = 5000
    done = refunds.pay_out(ctx, case.case_id, cashier_id=cashier.user_id, manager=manager)
    assert done.case.override and done.drawer_kicked
    dead.close()

    back = terminal_factory(settings_for(server.url))  # the same data folder, the platform answers
    assert refunds.open_cases(back.refund_context())[0].status is RefundStatus.DRAFT
    OutboxWorker(back.uow, back.platform, back.clock).drain_once()  # the sale reaches the platform first
    back.refund_housekeeping()
    case = refunds.case_view(back.refund_context(), case.case_id)
    assert case.status is RefundStatus.PAID_OUT and case.platform_id and case.photos_uploaded == 1
    assert client.get_refund(case.platform_id)["status"] == "approved"


def sold_mixed(terminal, client, tenders, **kw) -> dict:
    """An order paid at `terminal` with several tenders (TenderSpec values) and settled."""
    from pos_terminal.services import sales

    view = new_order(client, **kw)
    cashier = open_shift(terminal)
    ids = terminal.settings.terminal
    sales.record_sale(sales.RecordSale(ids.terminal_id, ids.store_id, cashier.user_id, spec_of(view), tuple(tenders)),
                      terminal.uow(), terminal.clock)
    OutboxWorker(terminal.uow, terminal.platform, terminal.clock).drain_once()
    return client.get_order(view["order_no"])


def test_a_mixed_payment_goes_back_to_the_card_first_and_cash_last(online, client):
    """Paid 20.00 by bank card and 17.50 in cash (3 units of 12.50): the first unit's refund goes
    wholly to the card, the second takes the card's last 7.50 and 5.00 in cash, the third is cash.
    Cash is never handed out for what a card paid."""
    from pos_terminal.domain.model import TenderKind
    from pos_terminal.services.sales import TenderSpec

    ctx = online.refund_context()
    ctx.card_terminal = card = FakeCardTerminal()
    view = sold_mixed(online, client, [TenderSpec(TenderKind.BANK_CARD, 2000, reference="CH-77", approval_code="A9",
                                                  card_last4="4242"), TenderSpec(TenderKind.CASH, 1750, 2000)],
                      buyer="b-wang", qty=3)
    cashier = open_shift(online)
    shift = shifts.current_shift(online.uow(), terminal_id="T01")
    cash_before = cash.shift_summary(online.day_context(), shift.shift_id).cash_refunds_minor
    paid = client.get_item(codes_of(view)[0])["payment"]
    assert paid["route"] == "mixed" and sorted((t["kind"], t["amount_minor"]) for t in paid["tender_amounts"]) == [
        ("bank_card", 2000), ("cash", 1750)]
    routes = []
    for code in codes_of(view):
        info = refunds.look_up(ctx, code)
        assert info.payment_route == "mixed"
        case = refunds.submit(ctx, refunds.take_in(ctx, [info], "defective", [], cashier_id=cashier.user_id).case_id)
        assert case.payout_route is PayoutRoute.SPLIT
        done = refunds.pay_out(ctx, case.case_id, cashier_id=cashier.user_id, cashier_name="Zhang")
        routes.append([(leg.route, leg.amount_minor) for leg in done.receipt.legs])
        assert done.printed
    assert routes == [[("bank_card", 1250)], [("bank_card", 750), ("cash", 500)], [("cash", 1250)]]
    assert [(r[0], r[1]) for r in card.refunds] == [(1250, "CH-77"), (750, "CH-77")]  # against the original charge
    assert cash.shift_summary(online.day_context(), shift.shift_id).cash_refunds_minor == cash_before + 1750
    lines = "\n".join(done.document.text_lines())
    assert "12.50" in lines


def test_a_split_payout_that_fails_halfway_pays_only_what_is_left_on_retry(online, client):
    from pos_terminal.domain.model import TenderKind
    from pos_terminal.services.sales import TenderSpec

    ctx = online.refund_context()
    ctx.card_terminal = card = FakeCardTerminal()
    view = sold_mixed(online, client, [TenderSpec(TenderKind.PREPAID_CARD, 500, reference="tx-1", card_last4="0001"),
                                       TenderSpec(TenderKind.BANK_CARD, 500, reference="CH-1", card_last4="4242"),
                                       TenderSpec(TenderKind.CASH, 250)], buyer="b-wang", qty=1)
    cashier = open_shift(online)
    info = refunds.look_up(ctx, codes_of(view)[0])
    case = refunds.submit(ctx, refunds.take_in(ctx, [info], "damaged", [], cashier_id=cashier.user_id).case_id)
    assert [(leg.route, leg.amount_minor) for leg in case.legs] == [("bank_card", 500), ("prepaid_card", 500),
                                                                     ("cash", 250)]
    with pytest.raises(RefundRefused) as e:  # the card refund goes through; the prepaid card is not there
        refunds.pay_out(ctx, case.case_id, cashier_id=cashier.user_id)
    assert e.value.reason == "prepaid_card_needed"
    assert len(card.refunds) == 1
    with pytest.raises(RefundRefused) as e:  # another card than the one that paid
        refunds.pay_out(ctx, case.case_id, cashier_id=cashier.user_id, card_text="8800000000000002")
    assert e.value.reason == "wrong_card" and e.value.params["expect_last4"] == "0001"
    assert [leg.done for leg in refunds.case_view(ctx, case.case_id).legs] == [True, False, False]
    before = client.get_card("8800000000000001", "2580")["balance_minor"]
    done = refunds.pay_out(ctx, case.case_id, cashier_id=cashier.user_id, card_text="8800000000000001")
    assert len(card.refunds) == 1  # the card leg was not paid twice
    assert client.get_card("8800000000000001", "2580")["balance_minor"] == before + 500
    assert done.drawer_kicked and [leg.done for leg in done.case.legs] == [True, True, True]


def test_a_refund_receipt_is_reprinted_as_a_copy(online, client):
    ctx = online.refund_context()
    view = sold_at_counter(online, client, buyer="b-wang", qty=1)
    cashier = open_shift(online)
    case = refunds.submit(ctx, refunds.take_in(ctx, [refunds.look_up(ctx, codes_of(view)[0])], "defective", [],
                                               cashier_id=cashier.user_id).case_id)
    with pytest.raises(RefundRefused) as e:
        refunds.reprint_receipt(ctx, case.case_id, user=cashier, reason="buyer lost it")
    assert e.value.reason == "not_paid_out"
    done = refunds.pay_out(ctx, case.case_id, cashier_id=cashier.user_id, cashier_name="Zhang")
    assert done.printed and not done.receipt.copy
    again = refunds.reprint_receipt(ctx, case.case_id, user=cashier, reason="buyer lost it")
    assert again.printed and again.receipt.copy and again.receipt.receipt_no == done.receipt.receipt_no
    text = "\n".join(again.document.text_lines())
    assert "副本" in text and "Zhang" in text
    with online.uow() as uow:
        assert uow.receipts.by_number("T01", done.receipt.receipt_no).copies_printed == 2


def test_the_sellers_rejection_note_reaches_the_counter_and_stays_listed_until_acknowledged(online, client, server):
    """The seller rejects on the portal with a note: the note travels platform -> client -> the
    refund sync -> storage, and the counter's list keeps the rejected request, with its note,
    until a cashier acknowledges it."""
    ctx, facade = online.refund_context(), App.of(online).refunds
    view = sold_at_counter(online, client, buyer="b-li", qty=1)  # reputation 40: waits for the seller
    cashier = open_shift(online)
    case = refunds.submit(ctx, refunds.take_in(ctx, [refunds.look_up(ctx, codes_of(view)[0])], "damaged", [],
                                               cashier_id=cashier.user_id).case_id)
    assert case.status is RefundStatus.REQUESTED
    note = "划痕是售出前就有的 the scratch was there at the sale"
    r = decide_as_seller(server, case.platform_id, approve=False, note=note)
    assert r.status_code == 303, r.text
    _current, rows, _store = facade.overview()  # polls the platform, as the screen does
    shown = [row for row in rows if row.case_id == case.case_id]
    assert len(shown) == 1 and shown[0].status is RefundStatus.REJECTED
    assert shown[0].note == note and shown[0].decided_by == "seller" and not shown[0].acknowledged
    assert refunds.case_view(ctx, case.case_id).note == note  # stored
    _current, rows, _store = facade.overview()  # still listed on the next poll
    assert [row.note for row in rows if row.case_id == case.case_id] == [note]
    with pytest.raises(RefundRefused) as e:
        facade.acknowledge(refunds.open_cases(ctx)[0].case_id if refunds.open_cases(ctx) else uuid.uuid4(), cashier)
    assert e.value.reason in ("not_final", "unknown_case")
    done = facade.acknowledge(case.case_id, cashier)
    assert done.acknowledged and done.note == note
    _current, rows, _store = facade.overview()
    assert all(row.case_id != case.case_id for row in rows)
