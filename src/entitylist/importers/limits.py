"""The tunable limits of the import guards, read once from ``vocab/import_limits.yaml``."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from entitylist.reference import load_package_yaml


@dataclass(frozen=True)
class ImportLimits:
    max_removal_share: float
    ofac_companion_orphans: int
    dataset_name_pattern: re.Pattern[str]
    dataset_name_max_length: int


@functools.cache
def import_limits() -> ImportLimits:
    raw = load_package_yaml("entitylist.vocab", "import_limits.yaml")
    return ImportLimits(
        max_removal_share=float(raw["max_removal_share"]),
        ofac_companion_orphans=int(raw["ofac_companion_orphans"]),
        dataset_name_pattern=re.compile(str(raw["dataset_name_pattern"])),
        dataset_name_max_length=int(raw["dataset_name_max_length"]),
    )
