"""Federal Register final rules that amend Supplement No. 4 to Part 744 (the Entity List).

A rule is read as text (the Federal Register's plain text, or its HTML, which is flattened to
text first). Three parts are used:

* the heading: FR Doc number, docket, RIN, title, volume and first page (the citation),
  publication date, the effective date in DATES, and the SUMMARY as the stated reason;
* the amendatory instructions ("Supplement No. 4 to part 744 is amended by adding under CHINA,
  PEOPLE'S REPUBLIC OF, in alphabetical order, ...", "by revising ... the entry for “X”", "by
  removing ... the entry for “Y”");
* the entries of the amended table, one cell after another: entity (name, "a.k.a., the following
  N aliases:" with one "—alias" per line, addresses separated by "; and"), license requirement,
  license review policy and Federal Register citation. Rows written with ``|`` between cells
  are accepted too.

Each entry becomes an add, a modify (revised entries carry the whole new entry) or a remove.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass, field
from typing import Any
from html.parser import HTMLParser
from pathlib import Path

from pydantic import ValidationError

from entitylist.errors import InvalidInput
from entitylist.ids import party_id, slugify, unique_id
from entitylist.importers.base import BadRow, ImportFailed, check_name, clean_name, require_regular_file, sniff_html
from entitylist.lookup import name_key
from entitylist.model import ActionKind, Address, Alias, AliasKind, ListingAction, Party, Rule
from entitylist.reconcile import ImportSummary, describe_changes
from entitylist.reference import vocabulary
from entitylist.state import FEDERAL_REGISTER, FEDERAL_REGISTER_DATASETS, PartyState, fold
from entitylist.store import Store

DASHES = "—–-"
_QUOTED = re.compile(r"[“\"]([^”\"]+)[”\"]|``(.+?)''")
_VERB = re.compile(r"\b(adding|removing|revising|amending)\b", re.IGNORECASE)
_UNDER = re.compile(r"under\s+(?:the\s+destination\s+of\s+)?([A-Z][A-Z ,.'’()-]+?)(?:,\s+in alphabetical|,\s+the\s|\s+the\s|\s+by\s|\s+to\s|[;:]|,?\s+entr|,?\s+an?\s|$)")
_REQUIREMENT = re.compile(r"^(for all items|all items|for items|items subject)", re.IGNORECASE)
_POLICY = re.compile(r"^(presumption of|case-by-case|policy of denial|see\s+§|approval|license review)", re.IGNORECASE)
_CITATION = re.compile(r"^\d{2,3}\s+FR\s+(\d+|\[)")
_FOOTNOTE = re.compile(r"\\(\d{1,2})\\")
_ADDRESS_START = re.compile(
    r"^(\d|no\.|room|rm\.?\s|building|bldg|floor|suite|unit|block|tower|p\.?\s?o\.?\s+box|level|district\b|\d+/f)",
    re.IGNORECASE,
)
_LEGAL_END = re.compile(
    r"(co\.?|ltd\.?|limited|inc\.?|corp\.?|corporation|company|llc|gmbh|s\.a\.?|group|plc|jsc|ooo)$", re.IGNORECASE
)
_MONTH_DATE = re.compile(r"([A-Z][a-z]+ \d{1,2}, \d{4})")


class _TextFromHtml(HTMLParser):
    """Flatten HTML to text: table cells and paragraphs on lines of their own, <sup>N</sup> as \\N\\."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._sup = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"td", "th", "br", "li", "p", "div", "h1", "h2", "h3", "h4", "pre"}:
            self.parts.append("\n")
        elif tag == "tr":
            self.parts.append("\n\n")
        elif tag == "sup":
            self._sup = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "sup":
            self._sup = False
        elif tag in {"p", "div", "tr", "table"}:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(f"\\{data.strip()}\\" if self._sup and data.strip().isdigit() else data)


def rule_text(raw: bytes) -> str:
    """The rule as plain text, whatever of the two forms the file is."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    if re.search(r"<(html|body|table|pre)\b", text[:5000], re.IGNORECASE):
        parser = _TextFromHtml()
        parser.feed(text)
        text = html.unescape("".join(parser.parts))
    return text.replace("\r\n", "\n").replace("\u00a0", " ")


@dataclass
class TableEntry:
    country: str
    name: str
    aliases: list[str]
    addresses: list[Address]
    license_requirement: str | None
    license_review_policy: str | None
    federal_register: str | None
    footnotes: tuple[int, ...]
    line: int


@dataclass
class Instruction:
    verb: str
    country: str | None
    names: list[str] = field(default_factory=list)


@dataclass
class ParsedRule:
    rule: Rule
    instructions: list[Instruction]
    entries: list[TableEntry]


def _date(text: str) -> dt.date | None:
    try:
        return dt.datetime.strptime(text.replace("  ", " "), "%B %d, %Y").date()
    except ValueError:
        return None


def _country(text: str) -> str | None:
    value = text.strip(" .,:;")
    if not value:
        return None
    if "CHINA" in value.upper() and "PEOPLE" in value.upper():
        return "CN"
    try:
        return vocabulary().country_code(value.title() if value.isupper() else value)
    except InvalidInput:
        return None


def parse_heading(text: str, path: Path) -> Rule:
    head = text[:20000]
    fr_doc = re.search(r"\[FR Doc(?:\.|\s+No:)?\s*(\d{4})\s*[-–]\s*(\d{3,6})", text)
    docket = re.search(r"\[Docket No\.\s*([\d–-]+)\]", head)
    rin = re.search(r"RIN\s+(\d{4}\s*[-–]\s*[A-Z0-9]{4})", head)
    volume = re.search(r"Federal Register\s*(?:Volume|/\s*Vol\.)\s*(\d+)", head)
    page = re.search(r"\[Pages?\s+(\d+)", head)
    published = re.search(r"Federal Register\s*(?:Volume \d+, Number \d+ \(\w+, |/ Vol\. \d+, No\. \d+ / \w+, )([A-Z][a-z]+ \d{1,2}, \d{4})", head)
    effective = re.search(r"DATES?:\s*(?:This (?:final )?rule is effective|Effective(?: date)?:?)\s*(?:on\s+)?([A-Z][a-z]+ \d{1,2}, \d{4})", head)
    summary = re.search(r"SUMMARY:\s*(.+?)\n\s*\n", head, re.DOTALL)
    title = re.search(r"RIN\s+[\d–-]+\s*[A-Z0-9]{4}\s*\n+(.+?)\n\s*(?:\n|AGENCY)", head, re.DOTALL)
    publication_date = _date(published.group(1)) if published else None
    effective_date = (_date(effective.group(1)) if effective else None) or publication_date
    if effective_date is None:
        raise ImportFailed(
            f"{path.name}: no effective date found (expected 'DATES: This rule is effective Month D, YYYY')"
        )
    citation = f"{volume.group(1)} FR {page.group(1)}" if volume and page else None
    fr_number = f"{fr_doc.group(1)}-{fr_doc.group(2)}" if fr_doc else None
    if citation is None and fr_number is None:
        raise ImportFailed(f"{path.name}: neither a Federal Register citation nor an FR Doc number was found")
    rule_id = slugify(citation) if citation else f"fr-doc-{fr_number}"
    reason = clean_name(summary.group(1)) if summary else None
    return Rule(
        id=rule_id,
        citation=citation,
        fr_doc=fr_number,
        docket=docket.group(1).replace("–", "-") if docket else None,
        rin=re.sub(r"\s*[-–]\s*", "-", rin.group(1)) if rin else None,
        title=clean_name(title.group(1)) if title else None,
        publication_date=publication_date,
        effective_date=effective_date,
        reason=reason,
        reason_category=vocabulary().reason_category(reason),
        source_url=None,
    )


def parse_instructions(text: str) -> list[Instruction]:
    """The amendatory instructions for Supplement No. 4 to part 744."""
    start = re.search(r"supplement no\.\s*4 to part 744 is amended", text, re.IGNORECASE)
    if not start:
        return []
    end = re.search(r"supplement no\.\s*4 to part 744\s*[—–-]+\s*entity list", text[start.end():], re.IGNORECASE)
    block = text[start.start(): start.end() + (end.start() if end else 2000)]
    block = " ".join(block.split())
    instructions: list[Instruction] = []
    pieces = _VERB.split(block)
    for verb, clause in zip(pieces[1::2], pieces[2::2], strict=False):
        under = _UNDER.search(clause)
        country = _country(under.group(1)) if under else None
        names = [clean_name(a or b) for a, b in _QUOTED.findall(clause)]
        names = [_trim(n) for n in names if n]
        instructions.append(Instruction(verb.lower(), country, names))
    return instructions


def _is_country_header(line: str) -> bool:
    stripped = line.strip(" .")
    return bool(stripped) and stripped.isupper() and _country(stripped) is not None and len(stripped) < 60


_ABBREVIATION_END = re.compile(r"\b(co|ltd|inc|corp|bhd|s\.a|l\.l\.c|jsc)\.$", re.IGNORECASE)


def _trim(text: str) -> str:
    """A name or alias without list punctuation, keeping the period of 'Co.' or 'Ltd.'."""
    value = re.sub(r";?\s*and$", "", text.strip()).strip().strip(",;").strip()
    if value.lower().startswith("and "):
        value = value[4:].strip()
    if value.endswith(".") and not _ABBREVIATION_END.search(value):
        value = value[:-1].rstrip()
    return value


def _is_dash_item(line: str) -> bool:
    return line.startswith(("—", "–", "--", "- "))


def _split_entity(cell_lines: list[str], default_country: str) -> tuple[str, list[str], list[Address]]:
    """Name, aliases and addresses from the lines of an entity cell.

    Aliases follow "a.k.a., the following N aliases:", one per line after a dash; the address
    lines come after the last alias. Without a.k.a., the name ends where the address starts.
    """
    aliases: list[str] = []
    text = " ".join(cell_lines)
    aka = re.search(r",?\s*a\.k\.a\.,?\s*", text)
    if aka:
        name = _trim(text[: aka.start()])
        dash_lines = [i for i, line in enumerate(cell_lines) if _is_dash_item(line)]
        if dash_lines:
            aliases = [_trim(cell_lines[i].lstrip("—–- ")) for i in dash_lines]
            address_text = " ".join(cell_lines[dash_lines[-1] + 1:])
        else:
            after = text[aka.end():]
            following = re.match(r"the following (?:\w+ )?alias(?:es)?:\s*", after, re.IGNORECASE)
            body = after[following.end():] if following else after
            items = [i for i in re.split(r"\s*[—–]\s*|\s+-{1,2}\s*", " " + body) if i.strip()] if following else [body]
            *head, last = items or [""]
            aliases = [_trim(i) for i in head]
            alias, _dot, address_text = last.partition(". ")
            aliases.append(_trim(alias))
    else:
        chunks = text.split(", ")
        cut = next((i for i, c in enumerate(chunks) if i > 0 and _ADDRESS_START.match(c)), None)
        if cut is None:
            legal = [i for i, c in enumerate(chunks) if _LEGAL_END.search(c.strip(" ."))]
            cut = legal[-1] + 1 if legal else (1 if len(chunks) >= 3 and _country(chunks[-1]) else len(chunks))
        name = _trim(", ".join(chunks[:cut]))
        address_text = ", ".join(chunks[cut:])
    addresses = []
    for piece in re.split(r";\s*(?:and\s+)?", address_text):
        piece = piece.strip(" .")
        if not piece:
            continue
        parts = [p.strip() for p in piece.split(",")]
        country = _country(parts[-1]) if len(parts) > 1 else None
        street = ", ".join(parts[:-1]) if country else piece
        addresses.append(Address(street=street or None, country=country or default_country))
    return name, [a for a in aliases if a], addresses


def parse_table(text: str) -> list[TableEntry]:
    """The entries of the amended table, after the 'Supplement No. 4 to Part 744—Entity List' heading."""
    start = re.search(r"supplement no\.\s*4 to part 744\s*[—–-]+\s*entity list", text, re.IGNORECASE)
    if not start:
        return []
    body = text[start.end():]
    stop = re.search(r"\n\s*(?:Dated:|Thea D\.|\[FR Doc|BILLING CODE|Matthew S\.|Assistant Secretary)", body)
    body = body[: stop.start()] if stop else body
    line_offset = text[: start.end()].count("\n") + 1
    entries: list[TableEntry] = []
    country: str | None = None
    cells: dict[str, list[str]] = {"entity": [], "requirement": [], "policy": []}
    column = "entity"
    entity_line = 0

    def finish(citation: str | None, line: int) -> None:
        nonlocal column
        if cells["entity"] and country:
            name, aliases, addresses = _split_entity(cells["entity"], country)
            requirement = clean_name(" ".join(cells["requirement"])) or None
            policy = clean_name(" ".join(cells["policy"])) or None
            notes = tuple(sorted({int(n) for t in (requirement, policy) if t for n in _FOOTNOTE.findall(t)}))
            entries.append(
                TableEntry(
                    country,
                    name,
                    aliases,
                    addresses,
                    _FOOTNOTE.sub("", requirement).strip() if requirement else None,
                    _FOOTNOTE.sub("", policy).strip() if policy else None,
                    citation,
                    notes,
                    entity_line,
                )
            )
        for key in cells:
            cells[key] = []
        column = "entity"

    lines: list[str] = []
    for raw in body.split("\n"):
        if "|" in raw:
            lines.extend(cell for cell in raw.split("|"))
        else:
            lines.append(raw)
    for number, raw in enumerate(lines, start=line_offset):
        line = clean_name(raw)
        if not line or set(line) <= {"*", " "} or line.lower().startswith(("country", "entity", "license requirement", "license review policy", "federal register citation")):
            continue
        if _is_country_header(line):
            if cells["entity"]:
                finish(None, number)
            country = _country(line)
            continue
        if _CITATION.match(line):
            finish(line, number)
            continue
        if column == "entity" and _REQUIREMENT.match(line):
            column = "requirement"
        elif column in {"entity", "requirement"} and _POLICY.match(line):
            column = "policy"
        if column == "entity" and not cells["entity"]:
            entity_line = number
        cells[column].append(line)
    if cells["entity"]:
        finish(None, len(lines))
    return entries


def parse_rule(path: Path) -> ParsedRule:
    require_regular_file(path)
    raw = path.read_bytes()
    if b"<!doctype html" in raw[:200].lower() and b"federal register" not in raw[:20000].lower():
        sniff_html(path)  # an HTML page that is no Federal Register document: say so plainly
    text = rule_text(raw)
    if "\x00" in text:  # (as a NUL byte in a row of the other formats: dropped, it would rename an entry)
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise ImportFailed(f"{path.name}: line {line}: NUL byte in the text (a corrupt or binary file?)")
    if "part 744" not in text.lower() and "entity list" not in text.lower():
        raise ImportFailed(f"{path.name}: not a Federal Register rule amending the Entity List (no 'part 744')")
    rule = parse_heading(text, path)
    instructions = parse_instructions(text)
    entries = parse_table(text)
    if not instructions:
        raise ImportFailed(f"{path.name}: no amendatory instruction for Supplement No. 4 to part 744 was found")
    _check_complete(path, text, instructions, entries)
    return ParsedRule(rule, instructions, entries)


_DOCUMENT_END = re.compile(r"\[FR Doc\.?\s*[\d-]+\s+Filed|BILLING CODE", re.IGNORECASE)


def _check_complete(path: Path, text: str, instructions: list[Instruction], entries: list[TableEntry]) -> None:
    """A rule cut off before its end (no "[FR Doc. ... Filed" / "BILLING CODE") that lacks entries its
    instructions add or revise would silently record only part of the rule."""
    found = {name_key(entry.name) for entry in entries}
    missing = [n for i in instructions if i.verb in {"adding", "revising"} for n in i.names if name_key(n) not in found]
    if missing and not _DOCUMENT_END.search(text[-3000:]):
        raise ImportFailed(
            f"{path.name}: the rule's instructions name {len(missing)} entries its table lacks (e.g. {missing[0]!r}) "
            "and the document has no end ('[FR Doc. ... Filed'); the file looks cut off"
        )


def _fill_citation(text: str | None, rule: Rule) -> str | None:
    if not text:
        return None
    value = text
    if rule.citation:
        page = rule.citation.split(" FR ")[-1]
        value = re.sub(r"\[INSERT FR PAGE NUMBER\]", page, value, flags=re.IGNORECASE)
    if rule.publication_date:
        short = f"{rule.publication_date.month}/{rule.publication_date.day}/{rule.publication_date.strftime('%y')}"
        value = re.sub(r"\[INSERT DATE OF PUBLICATION[^\]]*\]", short, value, flags=re.IGNORECASE)
    return value.rstrip(".")


def _find(states: dict[str, PartyState], name: str, country: str | None) -> PartyState | None:
    key = name_key(name)
    matches = [
        s
        for s in states.values()
        if s.listed and (country is None or s.party.country == country) and any(name_key(n) == key for n in s.party.all_names())
    ]
    return matches[0] if len(matches) == 1 else None


def import_rule(
    path: Path, store: Store, *, on: dt.date, skip_bad_rows: bool
) -> tuple[Rule | None, list[ListingAction], ImportSummary]:
    """Actions for one rule, against the store's Federal Register history."""
    parsed = parse_rule(path)
    rule = parsed.rule
    summary = ImportSummary()
    if rule.id in store.rules():
        summary.unchanged = len(parsed.entries) or len(parsed.instructions)
        return None, [], summary
    states = fold(store.actions(datasets=FEDERAL_REGISTER_DATASETS))
    taken = set(states) | store.record_ids()  # a new record's id is unique across the store
    bad: list[BadRow] = []
    actions: list[ListingAction] = []
    common: dict[str, Any] = rule.action_fields(FEDERAL_REGISTER)
    revised = {name_key(n) for i in parsed.instructions if i.verb in {"revising", "amending"} for n in i.names}
    removed = [(i.country, n) for i in parsed.instructions if i.verb == "removing" for n in i.names]
    for entry in parsed.entries:
        where = f"{path.name}:{entry.line}"
        if problem := check_name(entry.name):
            bad.append(BadRow(where, problem))
            continue
        try:
            party = Party(
                id="pending",
                name=entry.name,
                country=entry.country,
                source="EL",
                aliases=tuple(Alias(name=a, kind=AliasKind.AKA) for a in dict.fromkeys(entry.aliases)),
                addresses=tuple(dict.fromkeys(entry.addresses)),
                license_requirement=entry.license_requirement,
                license_review_policy=entry.license_review_policy,
                footnotes=entry.footnotes,
            )
        except (ValidationError, InvalidInput) as error:
            bad.append(BadRow(where, str(error).splitlines()[0]))
            continue
        citation = _fill_citation(entry.federal_register, rule)
        target = _find(states, entry.name, entry.country)
        if name_key(entry.name) in revised or target is not None:
            if target is None:
                bad.append(BadRow(where, f"the rule revises {entry.name!r}, which is not on the list"))
                continue
            names = {a.name for a in party.aliases}
            kept = tuple(a for a in target.party.aliases if a.kind is AliasKind.ORIGINAL_SCRIPT and a.name not in names)
            new = party.model_copy(
                update={
                    "id": target.id,
                    "type": target.party.type,
                    "relations": target.party.relations,
                    "aliases": party.aliases + kept,  # original-script names are ours, not the rule's
                }
            )
            changes = describe_changes(target.party, new)
            actions.append(ListingAction(kind=ActionKind.MODIFY, party_id=target.id, party=new, changes=changes, federal_register=citation, **common))
            summary.modified += 1
            continue
        pid = unique_id(party_id(entry.name, entry.country), taken)
        taken.add(pid)
        actions.append(
            ListingAction(
                kind=ActionKind.ADD, party_id=pid, party=party.model_copy(update={"id": pid}), federal_register=citation,
                source_key=f"fr:{rule.id}:{slugify(entry.name)}", **common,
            )
        )
        summary.added += 1
    for country, name in removed:
        target = _find(states, name, country)
        if target is None:
            bad.append(BadRow(f"{path.name}", f"the rule removes {name!r}, which is not on the list"))
            continue
        actions.append(ListingAction(kind=ActionKind.REMOVE, party_id=target.id, changes=None, **common))
        summary.removed += 1
    if not actions and not bad:
        raise ImportFailed(f"{path.name}: the rule's amendatory instructions change no Entity List entry that could be read")
    if bad and not skip_bad_rows:
        more = f" (and {len(bad) - 1} more)" if len(bad) > 1 else ""
        raise ImportFailed(f"{bad[0]}{more}; nothing was imported (use --skip-bad-rows to import the rest)")
    summary.skipped_rows = bad
    return rule, actions, summary

