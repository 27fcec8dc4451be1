"""The committed .ts files cover every string in ui/, the Chinese one is complete, and the .qm
files are compiled from the committed .ts files."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "ui" / "translations"
BIN = Path(sys.executable).parent


def _messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    found = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            found[(name, message.findtext("source"))] = message
    return found


def _live(message: ET.Element) -> bool:
    return message.find("translation").get("type") not in ("obsolete", "vanished")


def _ui_sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ui").rglob("*.py"))


def test_every_chinese_string_is_translated():
    messages = _messages(TRANSLATIONS / "pos_terminal_zh_CN.ts")
    assert messages
    untranslated = []
    for key, message in messages.items():
        if not _live(message):
            continue
        translation = message.find("translation")
        forms = [f.text for f in translation.findall("numerusform")] if message.get("numerus") == "yes" else [translation.text]
        if translation.get("type") == "unfinished" or not all(f and f.strip() for f in forms):
            untranslated.append(key)
    assert untranslated == []


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_lupdate_finds_no_string_missing_from_the_committed_ts(tmp_path, language):
    fresh = tmp_path / f"pos_terminal_{language}.ts"
    subprocess.run([str(BIN / "pyside6-lupdate"), *_ui_sources(), "-ts", str(fresh)], cwd=ROOT, check=True, capture_output=True)
    committed = {k for k, m in _messages(TRANSLATIONS / fresh.name).items() if _live(m)}
    missing = set(_messages(fresh)) - committed
    assert missing == set(), "run `make translations` and translate the new strings"


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_qm_is_compiled_from_the_committed_ts(tmp_path, language):
    qm = tmp_path / "out.qm"
    subprocess.run(
        [str(BIN / "pyside6-lrelease"), str(TRANSLATIONS / f"pos_terminal_{language}.ts"), "-qm", str(qm)],
        check=True, capture_output=True,
    )
    assert qm.read_bytes() == (TRANSLATIONS / f"pos_terminal_{language}.qm").read_bytes()
