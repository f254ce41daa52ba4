"""Build the package's bundled Entity List history from the project's facts sheet.

    python scripts/build_bundled_data.py [FACTS_DIR]

FACTS_DIR (default ``../shared/facts``) holds ``entity_list_actions.yaml`` and
``original_script_names.yaml``. The output, ``src/entitylist/data/entity_list.yaml``, is the
bundled dataset: one document per rule, sorted by effective date, every action resolved to a
party id with inherited license fields filled in. It is validated against the model before it is
written. Spellings the facts sheet lists under ``names_in_secondary_sources`` are press or news
spellings, not a.k.a. aliases, and are deliberately left out.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import yaml
from rigour.names import remove_org_types
from rigour.text.normalize import Normalize, normalize

from entitylist.bundled import BUNDLE_FORMAT, parse_bundle
from entitylist.ids import party_id, slugify, unique_id
from entitylist.reference import vocabulary

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "src" / "entitylist" / "data" / "entity_list.yaml"
INHERITED = ("license_requirement", "license_review_policy", "license_exceptions")


def fold_text(value: Any) -> str | None:
    if value is None:
        return None
    return " ".join(str(value).split())


def loose_key(name: str) -> str:
    folded = normalize(name, Normalize.CASEFOLD | Normalize.NAME) or name.casefold()
    return remove_org_types(folded).replace(" ", "")


def rule_id(rule: dict[str, Any]) -> str:
    if rule.get("citation"):
        return slugify(rule["citation"])
    if rule.get("fr_doc"):
        return f"fr-doc-{rule['fr_doc']}"
    return f"rule-{rule['publication_date'] or rule['effective_date']}"


def relation_kind(party_type: str, parent: str) -> str:
    if party_type in {"government_agency", "institute"}:
        return "subordinate_of"
    if "huawei" in parent.casefold():
        return "affiliate_of"
    return "subsidiary_of"


def build(facts_dir: Path) -> dict[str, Any]:
    facts = yaml.safe_load((facts_dir / "entity_list_actions.yaml").read_text(encoding="utf-8"))
    scripts = yaml.safe_load((facts_dir / "original_script_names.yaml").read_text(encoding="utf-8"))
    vocab = vocabulary()
    rules = sorted(facts["rules"], key=lambda r: (r["effective_date"], r.get("publication_date") or dt.date.max))

    ids: dict[tuple[str, str], str] = {}  # (country, name) -> party id
    ids_by_name: dict[str, str] = {}
    taken: set[str] = set()
    for rule in rules:
        for action in rule.get("actions", []):
            if action["action"] == "add":
                cc = vocab.country_code(action["country"])
                pid = unique_id(party_id(action["name"], cc), taken)
                taken.add(pid)
                ids[(cc, action["name"])] = pid
                ids_by_name.setdefault(action["name"], pid)

    out_rules: list[dict[str, Any]] = []
    adds: dict[str, dict[str, Any]] = {}
    for rule in rules:
        rid = rule_id(rule)
        notes = [fold_text(rule.get("notes"))]
        if rule.get("alternative_citation"):
            notes.append(f"Alternative citation: {rule['alternative_citation']}.")
        doc: dict[str, Any] = {
            "id": rid,
            "citation": rule.get("citation"),
            "fr_doc": rule.get("fr_doc"),
            "docket": rule.get("docket"),
            "rin": rule.get("rin"),
            "title": rule.get("title"),
            "publication_date": rule.get("publication_date"),
            "effective_date": rule["effective_date"],
            "reason": fold_text(rule.get("reason")),
            "reason_category": vocab.reason_category(rule.get("reason")),
            "source_url": rule.get("source"),
            **{f: fold_text(rule.get(f)) for f in INHERITED},
            "unverified": bool(rule.get("unverified", False)),
            "unverified_fields": list(rule.get("unverified_fields") or []),
            "notes": " ".join(n for n in notes if n) or None,
            "unresolved_actions": [],
            "actions": [],
        }
        for action in rule.get("actions", []):
            kind = action["action"]
            name = action.get("name")
            if name is None:
                countries = action.get("countries") or [action.get("country")]
                where = ", ".join(c for c in countries if c)
                text = fold_text(action.get("change")) or kind
                doc["unresolved_actions"].append(f"{text} (under {where})" if where else text)
                continue
            cc = vocab.country_code(action["country"])
            pid = ids.get((cc, name)) or ids_by_name[name]
            out: dict[str, Any] = {
                "kind": kind,
                "party_id": pid,
                "federal_register": action.get("federal_register"),
                "unverified": bool(action.get("unverified", False)),
                "unverified_fields": list(action.get("unverified_fields") or []),
            }
            notes = [fold_text(action.get("notes"))]
            if action.get("basis"):
                notes.insert(0, f"Basis stated by the rule: {action['basis'].replace('_', ' ')}.")
            if kind == "add":
                party_type = vocab.party_type(action.get("entity_type") or "company")
                relations = []
                if action.get("parent"):
                    relations.append(
                        {
                            "kind": relation_kind(party_type, action["parent"]),
                            "party_id": ids_by_name[action["parent"]],
                            "name": action["parent"],
                            "unverified": "parent" in (action.get("unverified_fields") or []),
                        }
                    )
                party = {
                    "id": pid,
                    "name": name,
                    "type": party_type,
                    "country": cc,
                    "source": "EL",
                    "aliases": [{"name": a, "kind": "aka"} for a in action.get("aliases") or []],
                    "addresses": list(action.get("addresses") or []),
                    "relations": relations,
                    **{f: fold_text(action.get(f) or rule.get(f)) for f in INHERITED},
                    "unverified": out["unverified"],
                    "unverified_fields": out["unverified_fields"],
                }
                out["party"] = party
                adds[pid] = party
            elif kind == "modify":
                change = fold_text(action.get("change"))
                changes: dict[str, Any] = {"description": change}
                if action.get("aliases_added"):
                    changes["aliases_added"] = [{"name": a, "kind": "aka"} for a in action["aliases_added"]]
                if change and "footnote 1 designation" in change:
                    changes["footnotes_added"] = [1]
                out["changes"] = changes
            out["notes"] = " ".join(n for n in notes if n) or None
            doc["actions"].append(out)
        out_rules.append(doc)

    add_revision_targets(out_rules)
    add_original_script_names(adds, scripts)
    return {
        "format": BUNDLE_FORMAT,
        "description": (
            "Real Entity List actions (Huawei and affiliates, the Xinjiang human-rights listings, "
            "later changes), from the project's hand-compiled, source-cited facts sheet."
        ),
        "compiled": facts["meta"]["compiled"],
        "rules": out_rules,
        "regulatory_changes": [
            {k: fold_text(v) if isinstance(v, str) else v for k, v in change.items() if k != "sources"}
            for change in facts.get("regulatory_changes", [])
        ],
    }


def add_revision_targets(rules: list[dict[str, Any]]) -> None:
    """FR Doc 2020-15827 revised the policy of "37 existing entries under China".

    The facts sheet infers (28 + 9 = 37) that these are the 2019 and June 2020 Xinjiang entries and
    flags the inference; the revisions are recorded as modify actions on those entries, flagged
    unverified, so the review policy in force after 2020-07-22 is the revised one.
    """
    by_id = {r["id"]: r for r in rules}
    revising = by_id["85-fr-44159"]
    described = [t for t in revising["unresolved_actions"] if "detect, identify and treat" in t]
    if not described:
        return
    revising["unresolved_actions"].remove(described[0])
    targets = [a["party_id"] for rid in ("84-fr-54002", "85-fr-34503") for a in by_id[rid]["actions"] if a["kind"] == "add"]
    assert len(targets) == 37, len(targets)
    for pid in targets:
        revising["actions"].append(
            {
                "kind": "modify",
                "party_id": pid,
                "federal_register": None,
                "unverified": True,
                "unverified_fields": ["targets"],
                "changes": {
                    "description": described[0].split(" (under")[0],
                    "license_review_policy": revising["license_review_policy"],
                },
                "notes": (
                    "The rule revised 37 existing entries under China; that they are the 28 (Oct 2019) "
                    "and 9 (June 2020) Xinjiang entries is an inference, not confirmed."
                ),
            }
        )


def add_original_script_names(adds: dict[str, dict[str, Any]], scripts: list[dict[str, Any]]) -> None:
    """Attach each Chinese name to the party whose listed name matches it loosely."""
    keys = {pid: loose_key(p["name"]) for pid, p in adds.items()}
    for entry in scripts:
        want = loose_key(entry["listed_name"])
        exact = [pid for pid, key in keys.items() if key == want]
        contained = [pid for pid, key in keys.items() if key and (key in want or want in key)]
        match = exact or contained
        if len(match) != 1:
            raise SystemExit(f"cannot place original-script name for {entry['listed_name']!r}: {match}")
        aliases = adds[match[0]]["aliases"]
        for name in (entry["original"], entry.get("short")):
            if name and name not in {a["name"] for a in aliases}:
                aliases.append({"name": name, "kind": "original_script"})


class _PlainDumper(yaml.SafeDumper):
    """Writes shared lists out in full instead of as YAML anchors, so the file reads plainly."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def main() -> None:
    facts_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "facts"
    bundle = build(facts_dir)
    text = yaml.dump(bundle, Dumper=_PlainDumper, allow_unicode=True, sort_keys=False, width=100)
    parse_bundle(yaml.safe_load(text))  # validate against the model before writing
    header = "# Generated by scripts/build_bundled_data.py from the project's facts sheet. Do not edit by hand.\n"
    OUTPUT.write_text(header + text, encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)}: {len(bundle['rules'])} rules")


if __name__ == "__main__":
    main()
