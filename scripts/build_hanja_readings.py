"""Build the package's table of Han characters read in Korean from Unicode's Unihan database.

    python scripts/build_hanja_readings.py UNIHAN_READINGS

UNIHAN_READINGS is ``Unihan_Readings.txt`` of the Unicode Character Database (plain or
bz2-compressed, as Debian's ``unicode-data`` package installs it under /usr/share/unicode). Its
``kHangul`` field gives each character's Korean reading(s) in Hangul, each with its sources: ``0``
KS X 1001, ``E`` the basic characters taught in school, ``N`` the characters allowed in people's
names. The output, ``src/entitylist/vocab/hanja_readings.yaml``, one line for each character in
a block of text, keeps each character's readings
of those sources, the one taught in school first ("金": 금 김, gold and the family name; "北":
북 배), then in Unihan's order. It keeps the characters of KS X 1001 and those allowed in names,
the ones Korean names are written with (an older or rarer character is read in Mandarin only).
"""

from __future__ import annotations

import bz2
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "src" / "entitylist" / "vocab" / "hanja_readings.yaml"
HEADER = """\
# Han characters read in Korean (Hanja), in Hangul: what a name written in Chinese characters
# reads as in Korean ("金正恩": 김정은, Kim Jong Un). Each character's readings, the one taught in
# school first ("金": 금, gold, then 김, the family name). Made by scripts/build_hanja_readings.py from the
# kHangul field of Unihan_Readings.txt, Unicode {version} (the characters of KS X 1001 and those
# allowed in names).
# {copyright}
# The Unicode Character Database is distributed under the Unicode License v3, whose copyright
# and permission notice is in LICENSES/Unicode-3.0.txt; see https://www.unicode.org/reports/tr38/.
# One line for each character: the character, then its readings, apart by spaces (one block of
# text, which YAML reads at once: a mapping of 8,000 keys took a tenth of a second to parse).
readings: |
"""


def readings(lines: list[str]) -> tuple[str, str, dict[str, list[str]]]:
    """The Unicode version and copyright line the file gives, and each kept character's readings."""
    version, copyright_line = "?", "Unicode Character Database, © Unicode, Inc."
    table: dict[str, list[str]] = {}
    for line in lines:
        if line.startswith("# Unicode version:"):
            version = line.split(":", 1)[1].strip()
        elif line.startswith("# ©"):
            copyright_line = line[2:].strip()
        if not line.startswith("U+") or "\tkHangul\t" not in line:
            continue
        code, _field, value = line.rstrip("\n").split("\t")
        choices = [(reading, sources) for reading, _colon, sources in (item.partition(":") for item in value.split())]
        kept = [(reading, sources) for reading, sources in choices if reading and ("0" in sources or "N" in sources)]
        kept.sort(key=lambda choice: "E" not in choice[1])  # (the reading taught in school first: stable)
        if kept:
            table[chr(int(code[2:], 16))] = list(dict.fromkeys(reading for reading, _sources in kept))
    return version, copyright_line, table


def main() -> None:
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    source = Path(sys.argv[1])
    raw = bz2.decompress(source.read_bytes()) if source.suffix == ".bz2" else source.read_bytes()
    version, copyright_line, table = readings(raw.decode("utf-8").splitlines())
    body = "".join(f"  {character} {' '.join(kept)}\n" for character, kept in sorted(table.items()))
    OUTPUT.write_text(HEADER.format(version=version, copyright=copyright_line) + body, encoding="utf-8")
    print(f"{len(table)} characters written to {OUTPUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
