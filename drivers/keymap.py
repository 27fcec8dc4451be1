"""Keyboard layouts a keyboard-wedge scanner can be set to ("us", "de", "fr", "uk").

A wedge scanner pretends to be a keyboard: it turns each character of a code into key presses for
the layout it is configured for. Two users here:

- the evdev reader (drivers/evdev_scanner.py) sees raw Linux key codes from a grabbed device and
  turns them back into characters with `char_for(layout, code, shift=, altgr=)`; for it,
  `[scanner.wedge] layout` must be the layout the scanner is programmed for.
- the in-app filter (ui/wedge.py) sees text that Qt already mapped through the *host's* layout.
  It trusts `QKeyEvent.text()`: a scanner must be programmed for the layout the host uses. The
  host's layout is not part of the settings and Qt does not report it reliably, so the filter does
  not guess. `remap()` repairs text after the fact where that is sound (see its contract); a
  technician tool can use it to tell "scanner set to US on a German host" from a bad code.

Only the base layouts are modelled (xkb "us", "de", "fr", "gb"), no variants. Dead keys (de ^ and
´ `, fr ^ ¨) are taken as their spacing characters: a scanner never composes accents with them.
"""

from __future__ import annotations

LAYOUTS = ("us", "de", "fr", "uk")

# Linux input key codes (linux/input-event-codes.h); a stable kernel ABI.
KEY_ESC = 1
KEY_BACKSPACE = 14
KEY_TAB = 15
KEY_ENTER = 28
KEY_LEFTCTRL = 29
KEY_LEFTSHIFT = 42
KEY_RIGHTSHIFT = 54
KEY_LEFTALT = 56
KEY_SPACE = 57
KEY_CAPSLOCK = 58
KEY_NUMLOCK = 69
KEY_KPENTER = 96
KEY_RIGHTCTRL = 97
KEY_RIGHTALT = 100  # AltGr on the European layouts
KEY_LEFTMETA = 125
KEY_RIGHTMETA = 126

SHIFT_KEYS = frozenset({KEY_LEFTSHIFT, KEY_RIGHTSHIFT})
CTRL_KEYS = frozenset({KEY_LEFTCTRL, KEY_RIGHTCTRL})
ALTGR_KEYS = frozenset({KEY_RIGHTALT})
MODIFIER_KEYS = SHIFT_KEYS | CTRL_KEYS | ALTGR_KEYS | {KEY_LEFTALT, KEY_LEFTMETA, KEY_RIGHTMETA}
ENTER_KEYS = frozenset({KEY_ENTER, KEY_KPENTER})

# Physical key positions, by Linux key code, in the order the rows of a pc105 keyboard run.
_ROW_NUMBERS = (41, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13)  # ` 1 2 ... 0 - =
_ROW_TOP = (16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27)  # q w e r t y u i o p [ ]
_ROW_HOME = (30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 43)  # a s d f g h j k l ; ' and \ (#)
_ROW_BOTTOM = (86, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53)  # 102nd (<>) z x c v b n m , . /
_KEYPAD = {71: "7", 72: "8", 73: "9", 74: "-", 75: "4", 76: "5", 77: "6", 78: "+", 79: "1", 80: "2",
           81: "3", 82: "0", 55: "*", 98: "/"}
_KP_DOT = 83


def _rows(numbers: tuple[str, str], top: tuple[str, str], home: tuple[str, str], bottom: tuple[str, str]):
    """Each argument: (unshifted, shifted) strings, one character per key of the row ("\0": none)."""
    table: dict[int, tuple[str, str]] = {}
    for codes, (plain, shifted) in ((_ROW_NUMBERS, numbers), (_ROW_TOP, top), (_ROW_HOME, home), (_ROW_BOTTOM, bottom)):
        assert len(codes) == len(plain) == len(shifted), (codes, plain, shifted)
        for code, p, s in zip(codes, plain, shifted):
            table[code] = (p, s)
    return table


def _build(rows: dict[int, tuple[str, str]], altgr: dict[int, str], kp_decimal: str) -> dict[int, tuple[str, str, str]]:
    table = {}
    for code, (plain, shifted) in rows.items():
        table[code] = (plain, shifted, altgr.get(code, "\0"))
    table[KEY_SPACE] = (" ", " ", " ")
    for code, ch in _KEYPAD.items():
        table[code] = (ch, ch, "\0")
    table[_KP_DOT] = (kp_decimal, kp_decimal, "\0")
    return {code: tuple(c if c != "\0" else "" for c in chars) for code, chars in table.items()}


_TABLES: dict[str, dict[int, tuple[str, str, str]]] = {
    "us": _build(
        _rows(("`1234567890-=", "~!@#$%^&*()_+"), ("qwertyuiop[]", "QWERTYUIOP{}"),
              ("asdfghjkl;'\\", "ASDFGHJKL:\"|"), ("<zxcvbnm,./", ">ZXCVBNM<>?")),
        {}, ".",
    ),
    "uk": _build(
        _rows(("`1234567890-=", "¬!\"£$%^&*()_+"), ("qwertyuiop[]", "QWERTYUIOP{}"),
              ("asdfghjkl;'#", "ASDFGHJKL:@~"), ("\\zxcvbnm,./", "|ZXCVBNM<>?")),
        {41: "¦", 5: "€"}, ".",
    ),
    "de": _build(
        _rows(("^1234567890ß´", "°!\"§$%&/()=?`"), ("qwertzuiopü+", "QWERTZUIOPÜ*"),
              ("asdfghjklöä#", "ASDFGHJKLÖÄ'"), ("<yxcvbnm,.-", ">YXCVBNM;:_")),
        {3: "²", 4: "³", 8: "{", 9: "[", 10: "]", 11: "}", 12: "\\", 16: "@", 18: "€", 27: "~", 86: "|", 50: "µ"},
        ",",
    ),
    "fr": _build(
        _rows(("²&é\"'(-è_çà)=", "~1234567890°+"), ("azertyuiop^$", "AZERTYUIOP¨£"),
              ("qsdfghjklmù*", "QSDFGHJKLM%µ"), ("<wxcvbn,;:!", ">WXCVBN?./§")),
        {3: "~", 4: "#", 5: "{", 6: "[", 7: "|", 8: "`", 9: "\\", 10: "^", 11: "@", 12: "]", 13: "}",
         18: "€", 27: "¤"},
        ".",
    ),
}


def _check_layout(layout: str) -> dict[int, tuple[str, str, str]]:
    try:
        return _TABLES[layout]
    except KeyError:
        raise ValueError(f"unknown keyboard layout {layout!r}; use one of {', '.join(LAYOUTS)}") from None


def char_for(layout: str, code: int, *, shift: bool = False, altgr: bool = False, caps_lock: bool = False,
             ctrl: bool = False) -> str:
    """The text one key press produces on `layout`: a character, "\\n" for Enter, "\\t" for Tab,
    a C0 control character for Ctrl+letter (Ctrl+] is GS, the GS1 separator), or "" for keys that
    type nothing (F-keys, arrows, modifiers). Caps Lock inverts Shift for letters only."""
    table = _check_layout(layout)
    if code in ENTER_KEYS:
        return "\n"
    if code == KEY_TAB:
        return "\t"
    chars = table.get(code)
    if chars is None:
        return ""
    plain, shifted, alt = chars
    if ctrl:
        return _control(plain)
    if altgr:
        return alt
    if caps_lock and plain.isalpha() and plain.lower() != plain.upper():
        shift = not shift
    return shifted if shift else plain


def _control(base: str) -> str:
    if len(base) == 1 and (base.isascii() and base.isalpha() or base in "@[\\]^_"):
        return chr(ord(base.upper()) & 0x1F)
    return ""


def keys_for(layout: str) -> dict[str, tuple[int, bool, bool]]:
    """Inverse table of `layout`: character -> (key code, shift, altgr), for characters that one
    key press without dead keys produces. Where two keys produce the same character (the keypad
    digits), the main block wins."""
    table = _check_layout(layout)
    inverse: dict[str, tuple[int, bool, bool]] = {}
    keypad = set(_KEYPAD) | {_KP_DOT}
    for code in sorted(table, key=lambda c: (c in keypad, c)):
        plain, shifted, alt = table[code]
        for ch, shift, altgr in ((plain, False, False), (shifted, True, False), (alt, False, True)):
            if ch and ch not in inverse:
                inverse[ch] = (code, shift, altgr)
    return inverse


# Keys that are dead keys on the real xkb layout: the host composes them with the next key, so
# text typed through them on that host is not one character per key press.
_DEAD = {
    "us": frozenset(),
    "uk": frozenset(),
    "de": frozenset({(41, False, False), (13, False, False), (13, True, False)}),
    "fr": frozenset({(26, False, False), (26, True, False), (3, False, True), (8, False, True), (10, False, True)}),
}


class RemapError(ValueError):
    """The text cannot be mapped back without guessing; the message names the character."""


def remap(text: str, scanner_layout: str, host_layout: str) -> str:
    """The text a scanner programmed for `scanner_layout` meant, given the text that a host with
    `host_layout` made of its key presses (what QKeyEvent.text() shows).

    Sound only where every key press became exactly one character: each character of `text` is
    looked up as the (key, shift, altgr) that produced it on the host and re-read on the scanner's
    layout. Raises RemapError for a character the host produces through a dead key or not at all,
    and for a key the scanner's layout leaves empty, rather than guessing. Enter, Tab and control
    characters pass unchanged. Host Caps Lock is assumed off."""
    if scanner_layout == host_layout:
        _check_layout(scanner_layout)
        return text
    scanner = _check_layout(scanner_layout)
    host_keys = keys_for(host_layout)
    dead = _DEAD[host_layout]
    out = []
    for pos, ch in enumerate(text):
        if ch in "\n\r\t" or ord(ch) < 0x20:
            out.append(ch)
            continue
        key = host_keys.get(ch)
        if key is None:
            raise RemapError(f"character {pos + 1} cannot come from one key press on a {host_layout!r} host")
        if key in dead:
            raise RemapError(f"character {pos + 1} comes from a dead key on a {host_layout!r} host")
        code, shift, altgr = key
        plain, shifted, alt = scanner[code]
        mapped = alt if altgr else shifted if shift else plain
        if not mapped:
            raise RemapError(f"character {pos + 1}: that key types nothing on a {scanner_layout!r} scanner")
        out.append(mapped)
    return "".join(out)
