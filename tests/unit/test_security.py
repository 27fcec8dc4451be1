import pytest

from pos_terminal.security import ScryptPinHasher, WeakPin


def test_hash_is_salted_and_verifies():
    h = ScryptPinHasher(n=2**10)
    a, b = h.hash("1357"), h.hash("1357")
    assert a != b and a.startswith("scrypt$1024$8$1$")
    assert h.verify("1357", a) and h.verify("1357", b)
    assert not h.verify("1358", a)


def test_parameters_travel_with_the_hash():
    old = ScryptPinHasher(n=2**10).hash("2468")
    assert ScryptPinHasher(n=2**14).verify("2468", old)


@pytest.mark.parametrize("encoded", ["", "plain", "scrypt$x$8$1$AA==$AA==", "bcrypt$1$2$3$4$5"])
def test_malformed_hashes_never_verify(encoded):
    assert not ScryptPinHasher(n=2**10).verify("1357", encoded)


def test_default_cost_is_slow_kdf():
    h = ScryptPinHasher()
    assert h.n >= 2**15 and h.r >= 8


@pytest.mark.parametrize("pin", ["123", "abcd", "0000", "12 34"])
def test_pin_policy(pin):
    with pytest.raises(WeakPin):
        ScryptPinHasher().check_policy(pin)
