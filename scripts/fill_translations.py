"""Fills unfinished entries of ui/translations/*.ts from a Python file defining TRANSLATIONS =
{context: {source: chinese}} (plural sources get the same text for every form; English plural
forms are made from the source by "(s)" -> singular/plural). Run `make translations` after.
    .venv/bin/python scripts/fill_translations.py NEW_STRINGS.py [MORE.py ...] [--ts-dir DIR]"""

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


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tables", nargs="+", help="Python files defining TRANSLATIONS (merged in order)")
    parser.add_argument("--ts-dir", type=Path, default=TS, help="the folder of the .ts files (default ui/translations)")
    args = parser.parse_args(argv)
    table: dict = {}
    for path in args.tables:
        for context, texts in runpy.run_path(path)["TRANSLATIONS"].items():
            table.setdefault(context, {}).update(texts)
    left = fill(args.ts_dir / "pos_terminal_zh_CN.ts", table, chinese=True)
    fill(args.ts_dir / "pos_terminal_en.ts", table, chinese=False)
    for name, source in left:
        print(f"untranslated: {name}: {source}")
    return 1 if left else 0


if __name__ == "__main__":
    raise SystemExit(main())
