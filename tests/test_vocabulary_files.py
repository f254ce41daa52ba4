"""The package's vocabularies read as written: YAML 1.1 reads "on", "off", "yes" and "no" as
booleans, which in a word list are words (the Wade-Giles syllable "no" and the license-policy
filler word "on" were read as True and False). ``load_package_yaml`` reads
only "true" and "false" so, and no word list holds a boolean."""

from __future__ import annotations

from importlib import resources
from typing import Any

import pytest

from entitylist.reference import load_package_yaml

# the fields that are booleans: whether the CSL carries a source's entries
BOOLEAN_FIELDS = {"in_csl"}


def _booleans(value: Any, path: str) -> list[str]:
    if isinstance(value, bool):
        return [path]
    if isinstance(value, dict):
        return [found for key, item in value.items() if key not in BOOLEAN_FIELDS for found in _booleans(item, f"{path}/{key}")]
    if isinstance(value, list):
        return [found for at, item in enumerate(value) for found in _booleans(item, f"{path}[{at}]")]
    return []


VOCABULARIES = sorted(entry.name for entry in resources.files("entitylist.vocab").iterdir() if entry.name.endswith(".yaml"))


@pytest.mark.parametrize("name", VOCABULARIES)
def test_no_vocabulary_reads_a_word_as_a_boolean(name: str) -> None:
    assert _booleans(load_package_yaml("entitylist.vocab", name), name) == []


def test_yaml_1_1_booleans_are_words() -> None:
    from entitylist.matching.normalize import stopwords
    from entitylist.matching.polivanov import hepburn_of

    assert "of" in stopwords() and all(isinstance(word, str) and word != "True" for word in stopwords())
    assert "on" in load_package_yaml("entitylist.vocab", "license_policies.yaml")["filler_words"]
    assert hepburn_of("но") == ["no"]
    assert load_package_yaml("entitylist.vocab", "wade_giles.yaml")["syllables"]["nuo"] == ["no"]
    assert load_package_yaml("entitylist.vocab", "sources.yaml")["FTM"]["in_csl"] is False
