"""Build the package's table of Han characters read in Korean from Unicode's Unihan database.

    python scripts/build_hanja_readings.py UNIHAN_READINGS

UNIHAN_READINGS is ``Unihan_Readings.txt`` of the Unicode Character Database (plain or
bz2-compressed, as Debian's ``unicode-data`` package installs it under /usr/share/unicode). Its
``kHangul`` field gives each character's Korean reading(s) in Hangul, each with its sources: ``0``
KS X 1001, ``E`` the basic characters taught in school, ``N`` the characters allowed in people's
names. The output, ``src/entitylist/vocab/hanja_readings.yaml``, keeps one reading a character:
the one marked for names where there is one ("金": 김, the family name, not 금, gold), else the
first. It keeps the characters of KS X 1001 and those allowed in names, the ones Korean names are
written with (an older or rarer character is read in Mandarin only).
"""

from __future__ import annotations

import bz2
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "src" / "entitylist" / "vocab" / "hanja_readings.yaml"
HEADER = """\
# Han characters read in Korean (Hanja), one reading each, in Hangul: what a name written in
# Chinese characters reads as in Korean ("金正恩": 김정은, Kim Jong Un). Made by
# scripts/build_hanja_readings.py from the kHangul field of Unihan_Readings.txt, Unicode {version}
# (the reading marked for people's names where there is one, else the first; the characters of
# KS X 1001 and those allowed in names).
# Unicode Character Database: © Unicode, Inc., distributed under the Unicode License
# (https://www.unicode.org/license.txt); see https://www.unicode.org/reports/tr38/.
"""


def readings(lines: list[str]) -> tuple[str, dict[str, str]]:
    """The Unicode version the file names and each kept character's reading."""
    version = "?"
    table: dict[str, str] = {}
    for line in lines:
        if line.startswith("# Unicode version:"):
            version = line.split(":", 1)[1].strip()
        if not line.startswith("U+") or "\tkHangul\t" not in line:
            continue
        code, _field, value = line.rstrip("\n").split("\t")
        choices = [item.split(":") for item in value.split()]
        kept = [(reading, sources) for reading, sources in choices if "0" in sources or "N" in sources]
        if not kept:
            continue
        named = [reading for reading, sources in kept if "N" in sources]
        table[chr(int(code[2:], 16))] = named[0] if named else kept[0][0]
    return version, table


def main() -> None:
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    source = Path(sys.argv[1])
    raw = bz2.decompress(source.read_bytes()) if source.suffix == ".bz2" else source.read_bytes()
    version, table = readings(raw.decode("utf-8").splitlines())
    body = "".join(f"{character}: {reading}\n" for character, reading in sorted(table.items()))
    OUTPUT.write_text(HEADER.format(version=version) + body, encoding="utf-8")
    print(f"{len(table)} characters written to {OUTPUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
