import pytest

from drivers import keymap
from drivers.keymap import RemapError, char_for, keys_for, remap

KEY_A, KEY_Q, KEY_Y, KEY_Z, KEY_1, KEY_2, KEY_MINUS, KEY_RIGHTBRACE = 30, 16, 21, 44, 2, 3, 12, 27


def test_letters_and_digits_per_layout():
    assert char_for("us", KEY_Y) == "y" and char_for("us", KEY_Z) == "z"
    assert char_for("de", KEY_Y) == "z" and char_for("de", KEY_Z) == "y"
    assert char_for("fr", KEY_A) == "q" and char_for("fr", KEY_Q) == "a"
    assert char_for("fr", KEY_1) == "&" and char_for("fr", KEY_1, shift=True) == "1"
    assert char_for("uk", KEY_2, shift=True) == '"' and char_for("us", KEY_2, shift=True) == "@"


def test_shift_altgr_caps_lock_and_ctrl():
    assert char_for("us", KEY_A, shift=True) == "A"
    assert char_for("us", KEY_A, caps_lock=True) == "A"
    assert char_for("us", KEY_A, caps_lock=True, shift=True) == "a"
    assert char_for("us", KEY_1, caps_lock=True) == "1"  # Caps Lock leaves digits alone
    assert char_for("de", KEY_Q, altgr=True) == "@"
    assert char_for("de", KEY_MINUS) == "ß" and char_for("de", KEY_MINUS, altgr=True) == "\\"
    assert char_for("us", KEY_RIGHTBRACE, ctrl=True) == "\x1d"  # GS, the GS1 separator
    assert char_for("us", KEY_A, ctrl=True) == "\x01"


def test_enter_tab_keypad_and_silent_keys():
    assert char_for("us", keymap.KEY_ENTER) == "\n" and char_for("de", keymap.KEY_KPENTER) == "\n"
    assert char_for("fr", keymap.KEY_TAB) == "\t"
    assert char_for("us", 79) == "1" and char_for("fr", 79) == "1"  # keypad 1, whatever the layout
    assert char_for("de", 83) == "," and char_for("us", 83) == "."
    assert char_for("us", 59) == ""  # F1 types nothing
    assert char_for("us", keymap.KEY_LEFTSHIFT) == ""


def test_every_printable_ascii_is_typeable_on_us_and_uk():
    for layout in ("us", "uk"):
        table = keys_for(layout)
        missing = [chr(c) for c in range(0x20, 0x7F) if chr(c) not in table]
        assert missing == [], layout


@pytest.mark.parametrize("layout", keymap.LAYOUTS)
def test_inverse_table_round_trips(layout):
    for ch, (code, shift, altgr) in keys_for(layout).items():
        assert char_for(layout, code, shift=shift, altgr=altgr) == ch


def test_unknown_layout_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="us, de, fr, uk"):
        char_for("dvorak", KEY_A)


def test_remap_us_scanner_on_german_host():
    # A US-programmed scanner typing "Yz-2024/0042" on a German host shows this:
    us_keys = keys_for("us")
    typed_on_de = "".join(char_for("de", us_keys[ch][0], shift=us_keys[ch][1]) for ch in "Yz-2024/0042")
    assert typed_on_de == "Zyß2024-0042"
    assert remap(typed_on_de, "us", "de") == "Yz-2024/0042"


def test_remap_german_scanner_on_us_host():
    assert remap("Qwerty", "de", "us") == "Qwertz"
    assert remap("ABC\n", "fr", "fr") == "ABC\n"


def test_remap_refuses_dead_keys_and_unknown_characters():
    with pytest.raises(RemapError, match="dead key"):
        remap("^1", "us", "de")  # a German host makes ^ only with a dead key: not one key press
    with pytest.raises(RemapError, match="one key press"):
        remap("漢", "us", "de")
