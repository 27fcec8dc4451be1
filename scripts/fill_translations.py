"""Fills unfinished entries of ui/translations/*.ts from a Python file defining TRANSLATIONS =
{context: {source: chinese}} (plural sources get the same text for every form; English plural
forms are made from the source by "(s)" -> singular/plural). Run `make translations` after.
    .venv/bin/python scripts/fill_translations.py NEW_STRINGS.py"""

from __future__ import annotations

import re
import runpy
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

TS = Path(__file__).resolve().parents[1] / "ui" / "translations"


def english_forms(source: str) -> list[str]:
    one = re.sub(r"(\w+)\(s\)", r"\1", source)
    many = re.sub(r"(\w+)\(s\)", r"\1s", source)
    return [one, many]


def fill(path: Path, table: dict, chinese: bool) -> list[tuple[str, str]]:
    tree = ET.parse(path)
    left = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation.get("type") != "unfinished":
                continue
            source = message.findtext("source")
            numerus = message.get("numerus") == "yes"
            if chinese:
                text = table.get(name, {}).get(source)
                if text is None:
                    left.append((name, source))
                    continue
                forms = [text]
            elif numerus:
                forms = english_forms(source)
            else:
                continue  # English falls back to the source text
            for child in list(translation):
                translation.remove(child)
            if numerus:
                translation.text = None
                for form in forms:
                    ET.SubElement(translation, "numerusform").text = form
            else:
                translation.text = forms[0]
            del translation.attrib["type"]
    tree.write(path, encoding="utf-8", xml_declaration=True)
    return left


def main() -> int:
    table = runpy.run_path(sys.argv[1])["TRANSLATIONS"]
    left = fill(TS / "pos_terminal_zh_CN.ts", table, chinese=True)
    fill(TS / "pos_terminal_en.ts", table, chinese=False)
    for name, source in left:
        print(f"untranslated: {name}: {source}")
    return 1 if left else 0


if __name__ == "__main__":
    raise SystemExit(main())
