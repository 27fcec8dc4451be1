"""More than one platform at one counter (issue 16), without a network: the issuer list from the
settings, a voucher's "iss" claim, one key ring per issuer (a key of platform A never verifies a
voucher that names platform B), unknown issuers refused, a voucher without "iss" belonging to
[platform], each platform's order looked up on its own client, the outbox routed per platform,
and a secret per issuer in the credentials file."""

from __future__ import annotations

from datetime import timedelta

import pytest
from pydantic import ValidationError

from config import loader
from config.credentials import Credentials, load_credentials, write_credentials
from config.issuers import issuer_by_id, issuer_list
from config.schema import IssuerSettings, PlatformSettings, Settings
from pos_terminal.ports import PlatformRefused, PlatformUnavailable
from pos_terminal.services import orders
from pos_terminal.vouchers import KeyRing, PublicKey, peek_issuer, verify_voucher
from sync.issuer_clients import IssuerRouter
from sync.keys import IssuerKeys, KeyStore
from sync.sandbox.signing import mint_voucher, new_private_key
from tests.fakes import FakeClock, FakeKeyCache, FakePlatform, FakeUnitOfWork

SHOP_ORDER = "PO000000001001"
TEA_ORDER = "PO000000002001"


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def keys():
    """Each platform's signing key; both publish it as K0001 (each sandbox numbers its own keys)."""
    return {"demo-shop": new_private_key(), "tea-house": new_private_key()}


def voucher(clock, private, *, issuer, order_no=SHOP_ORDER, vid="v-1", amount=3380):
    return mint_voucher(private, "K0001", voucher_id=vid, order_no=order_no, merchant_id="m-tea",
                        merchant_name="好物商城", amount_minor=amount, currency="CNY", summary="乌龙茶×2",
                        issued_at=clock.now() - timedelta(minutes=1), expires_at=clock.now() + timedelta(days=1),
                        issuer=issuer)


def store(public, clock, client=None) -> KeyStore:
    cache = FakeKeyCache(KeyRing([PublicKey("K0001", public)]).to_json())
    return KeyStore(cache, client, clock)


@pytest.fixture
def verifier(keys, clock):
    return IssuerKeys({"demo-shop": store(keys["demo-shop"][1], clock),
                       "tea-house": store(keys["tea-house"][1], clock)}, "demo-shop")


# ------------------------------------------------------------------------------ settings


def test_the_issuers_are_platform_first_then_each_issuers_entry():
    settings = Settings(issuers=(IssuerSettings(id="tea-house", name="Tea House", base_url="http://127.0.0.1:9"),))
    ids = [(i.id, i.primary) for i in issuer_list(settings)]
    assert ids == [("demo-shop", True), ("tea-house", False)]
    assert issuer_by_id(settings, None).id == "demo-shop" and issuer_by_id(settings, "nope") is None
    assert issuer_by_id(settings, "tea-house").base_url == "http://127.0.0.1:9"


@pytest.mark.parametrize("ids", [("demo-shop",), ("tea-house", "tea-house")])
def test_an_issuer_id_given_twice_is_a_settings_error(ids, tmp_path):
    with pytest.raises(ValidationError, match="given twice"):
        Settings(issuers=tuple(IssuerSettings(id=i, name=i) for i in ids))
    path = tmp_path / "settings.toml"
    path.write_text("".join(f'[[issuers]]\nid = "{i}"\nname = "{i}"\n' for i in ids), encoding="utf-8")
    with pytest.raises(loader.SettingsError) as err:
        loader.load(path)
    assert "issuers" in str(err.value) and f"'{ids[-1]}' is given twice" in str(err.value)
    assert "remove or rename one" in str(err.value)


def test_each_issuer_has_its_own_secret_in_the_credentials_file(tmp_path):
    path = tmp_path / "credentials.toml"
    write_credentials(path, Credentials(platform_secret="main", issuer_secrets={"tea-house": "leaf"}))
    creds = load_credentials(path)
    assert (creds.secret_for(None), creds.secret_for("tea-house"), creds.secret_for("other")) == ("main", "leaf", None)
    assert "leaf" not in repr(creds) and "main" not in repr(creds)
    path.write_text('[issuer_secrets]\n"tea-house" = ""\n', encoding="utf-8")
    path.chmod(0o600)
    with pytest.raises(loader.SettingsError, match="issuer_secrets.tea-house must be a non-empty string"):
        load_credentials(path)


# ------------------------------------------------------------------------------ vouchers and keys


def test_a_voucher_names_its_issuer_and_one_without_belongs_to_platform(keys, clock, verifier):
    tea = voucher(clock, keys["tea-house"][0], issuer="tea-house", order_no=TEA_ORDER)
    assert peek_issuer(tea) == "tea-house"
    check = verifier.verify(tea, online=False)
    assert check.valid and check.claims.issuer == "tea-house" and check.claims.order_no == TEA_ORDER
    plain = voucher(clock, keys["demo-shop"][0], issuer=None)
    assert peek_issuer(plain) is None
    check = verifier.verify(plain, online=False)
    assert check.valid and check.claims.issuer == "demo-shop"  # no "iss": the counter's own [platform]
    assert check.to_dict()["issuer"] == "demo-shop"


def test_a_voucher_of_b_signed_with_a_key_of_a_is_refused(keys, clock, verifier):
    forged = voucher(clock, keys["demo-shop"][0], issuer="tea-house", order_no=TEA_ORDER)
    check = verifier.verify(forged, online=False)
    assert not check.valid and check.reason == "bad_signature"  # tea-house's K0001 is another key
    # and the other way round: no "iss" (so [platform]) but signed by tea-house
    check = verifier.verify(voucher(clock, keys["tea-house"][0], issuer=None), online=False)
    assert not check.valid and check.reason == "bad_signature"
    # the claim cannot be moved to the other platform either: "iss" is signed
    genuine = voucher(clock, keys["tea-house"][0], issuer="tea-house")
    head, _, sig = genuine.split(".")
    other_body = voucher(clock, keys["tea-house"][0], issuer="demo-shop").split(".")[1]
    check = verifier.verify(f"{head}.{other_body}.{sig}", online=False)
    assert not check.valid and check.reason == "bad_signature"


def test_a_voucher_of_an_unknown_issuer_is_refused_with_what_to_do(keys, clock, verifier):
    other = voucher(clock, keys["tea-house"][0], issuer="noodle-bar")
    check = verifier.verify(other, online=True)
    assert not check.valid and check.reason == "unknown_issuer" and check.claims is None
    assert "platform noodle-bar" in check.detail and "technician" in check.detail
    # even a key ring that holds the signing key does not make it valid: it is not that issuer's ring
    assert verify_voucher(other, KeyRing([PublicKey("K0001", keys["tea-house"][1])]), clock.now()).valid
    with pytest.raises(orders.PaymentCodeRefused) as err:
        orders.resolve_payment_code(other, platform=FakePlatform(), verifier=verifier, uow=FakeUnitOfWork(),
                                    clock=clock, terminal_id="T01", store_id="demo-store", platform_id="demo-shop",
                                    issuers={"tea-house": FakePlatform()})
    assert err.value.reason == "voucher_unknown_issuer" and err.value.params["issuer"] == "noodle-bar"
    assert "does not take payment codes of platform noodle-bar" in err.value.message


def test_each_issuers_keys_refresh_from_its_own_source(keys, clock):
    class Source:
        def __init__(self, public):
            self.public, self.calls = public, 0

        def voucher_keys(self):
            self.calls += 1
            return KeyRing([PublicKey("K0002", self.public)]).to_jwks()

    shop, tea = Source(keys["demo-shop"][1]), Source(keys["tea-house"][1])
    issuer_keys = IssuerKeys({"demo-shop": KeyStore(FakeKeyCache(), shop, clock),
                              "tea-house": KeyStore(FakeKeyCache(), tea, clock)}, "demo-shop")
    assert issuer_keys.refresh()
    assert (shop.calls, tea.calls) == (1, 1)
    assert issuer_keys.store("tea-house").ring.kids == ["K0002"]
    assert issuer_keys.store("tea-house").cache.text != issuer_keys.store("demo-shop").cache.text  # a cache each


# ------------------------------------------------------------------------------ orders and the outbox


def order_view(order_no, vid, total=3380):
    return {"order_no": order_no, "merchant": {"id": "m", "name": "M"}, "currency": "CNY", "total_minor": total,
            "voucher_id": vid, "expires_at": None,
            "lines": [{"line_no": 1, "sku": "S", "name": "N", "unit_price_minor": total, "quantity": 1,
                       "item_codes": []}]}


def test_an_order_is_looked_up_and_claimed_on_its_own_platform(keys, clock, verifier):
    shop, tea = FakePlatform(), FakePlatform()
    shop.add_order(order_view(SHOP_ORDER, "v-1"))
    tea.add_order(order_view(TEA_ORDER, "v-2"))

    def resolve(text):
        return orders.resolve_payment_code(text, platform=shop, verifier=verifier, uow=FakeUnitOfWork(), clock=clock,
                                           terminal_id="T01", store_id="demo-store", platform_id="demo-shop",
                                           issuers={"tea-house": tea})

    target = resolve(voucher(clock, keys["tea-house"][0], issuer="tea-house", order_no=TEA_ORDER, vid="v-2"))
    assert target.platform_id == "tea-house" and not target.offline
    assert TEA_ORDER in tea.claims and TEA_ORDER not in shop.claims
    target = resolve(voucher(clock, keys["demo-shop"][0], issuer=None))
    assert target.platform_id == "demo-shop" and SHOP_ORDER in shop.claims
    target = resolve(TEA_ORDER)  # an order number names no platform: [platform] first, then the others
    assert target.platform_id == "tea-house"
    tea.down = True  # offline, the signed voucher alone: still tagged with its platform
    target = resolve(voucher(clock, keys["tea-house"][0], issuer="tea-house", order_no=TEA_ORDER, vid="v-3"))
    assert target.offline and target.platform_id == "tea-house"


def test_the_outbox_sends_each_message_to_the_platform_it_names():
    class Client:
        def __init__(self, name, down=False):
            self.name, self.down, self.got = name, down, []
            self.store_id, self.terminal_id = "demo-store", "T01"

        def post_settlement(self, payload, key):
            self.got.append(key)
            return {"outcome": "paid", "via": self.name}

        def post_settlements(self, items):
            if self.down:
                raise PlatformUnavailable(f"{self.name} is down")
            self.got.extend(key for _, key in items)
            return [{"idempotency_key": key, "result": "accepted", "status": 201, "answer": {"outcome": "paid"}}
                    for _, key in items]

        def post_counter_movement(self, payload, key):
            self.got.append(key)
            return {}

    shop, tea = Client("shop"), Client("tea", down=True)
    router = IssuerRouter("demo-shop", shop, {"tea-house": tea})
    assert router.store_id == "demo-store"  # everything else is [platform]'s client
    assert router.post_settlement({"platform_id": "tea-house"}, "k1")["via"] == "tea"
    assert router.post_settlement({}, "k2")["via"] == "shop"  # no platform_id: [platform]
    router.post_counter_movement({"platform_id": "demo-shop"}, "k3")
    assert (shop.got, tea.got) == (["k2", "k3"], ["k1"])
    with pytest.raises(PlatformRefused) as err:
        router.post_settlement({"platform_id": "gone"}, "k4")
    assert err.value.code == "unknown_issuer" and err.value.status == 422  # set aside, never sent elsewhere
    answers = router.post_settlements([({"platform_id": "demo-shop"}, "a"), ({"platform_id": "tea-house"}, "b")])
    assert [a["status"] for a in answers] == [201, 503]  # the unreachable part stays queued with its key
    assert shop.got[-1] == "a" and "b" not in tea.got


def test_the_settings_platform_id_is_the_platforms_own():
    assert PlatformSettings().id == "demo-shop"


def test_a_platform_not_running_yet_keeps_its_messages_queued():
    from sync.offline import OfflinePlatform

    class Shop:
        store_id, terminal_id = "demo-store", "T01"

        def post_settlements(self, items):
            return [{"idempotency_key": key, "result": "accepted", "status": 201, "answer": {}} for _, key in items]

        def post_counter_movement(self, payload, key):
            return {}

    router = IssuerRouter("demo-shop", Shop(), {"tea-house": OfflinePlatform("no sandbox running")})
    with pytest.raises(PlatformUnavailable, match="tea-house unreachable: no sandbox running"):
        router.post_settlements([({"platform_id": "tea-house"}, "k1")])
    with pytest.raises(PlatformUnavailable):
        router.post_counter_movement({"platform_id": "tea-house"}, "k2")
