"""Precision and recall of ``entitylist scan`` on a labelled corpus of documents.

    python bench/scan_accuracy.py [--sdn] [--threshold T] [--misses]

The corpus (``bench/eval/scan_corpus``): news items about Entity List actions (and one in Arabic,
Hebrew and Hindi naming SDN parties, counted with ``--sdn``), invoices, bills of lading,
contracts, e-mails and one long report, written for this purpose, with every mention
marked in place: ``[[text|party id|phenomenon]]`` for a mention that must be found (phenomena:
full, short, alias, garbled, spun, runon, body, typeset, acronym), ``{{text|category}}`` for a
passage that must not be reported (unlisted organisations, people, places, generic phrases).
Documents are scanned as the command scans them (an ``.eml`` file through the e-mail reader),
against the bundled list of 2024-06-01, and with ``--sdn`` also the OFAC SDN list from
``../shared/data/watchman`` (skipped when absent).

A found mention counts when it names the gold party and overlaps the gold passage; every other
mention is a false positive, counted under the category of the passage it overlaps. The corpus
was written by the same hands as the scanner: read the figures as evidence that each phenomenon
is handled, not as an unbiased estimate.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from entitylist import bundled
from entitylist.scanning.extract import documents_of_bytes, joined
from entitylist.scanning.mentions import Mention, MentionFinder
from entitylist.screening import ListIndex
from entitylist.state import PartyState, listed_on

CORPUS = Path(__file__).resolve().parent / "eval" / "scan_corpus"
AS_OF = dt.date(2024, 6, 1)
_GOLD = re.compile(r"\[\[(.+?)\|([^|\]]+)\|([^|\]]+)\]\]", re.S)
_DECOY = re.compile(r"\{\{(.+?)\|([^|}]+)\}\}", re.S)
_MARK = re.compile(r"\[\[(.+?)\|[^|\]]+\|[^|\]]+\]\]|\{\{(.+?)\|[^|}]+\}\}", re.S)


@dataclass
class Span:
    text: str
    label: str  # party id (gold) or category (decoy)
    tag: str  # phenomenon (gold); the category again (decoy)
    start: int = -1
    end: int = -1


@dataclass
class LabelledDocument:
    name: str
    data: bytes  # the document as a file, marks removed
    gold: list[Span] = field(default_factory=list)
    decoys: list[Span] = field(default_factory=list)


def load_corpus(folder: Path = CORPUS) -> list[LabelledDocument]:
    documents = []
    for path in sorted(folder.iterdir()):
        raw = path.read_text(encoding="utf-8")
        gold = [Span(m.group(1), m.group(2), m.group(3)) for m in _GOLD.finditer(raw)]
        decoys = [Span(m.group(1), m.group(2), m.group(2)) for m in _DECOY.finditer(raw)]
        plain = _MARK.sub(lambda m: m.group(1) if m.group(1) is not None else m.group(2), raw)
        documents.append(LabelledDocument(path.name, plain.encode("utf-8"), gold, decoys))
    return documents


def _locate(text: str, spans: list[Span]) -> None:
    """Offsets of each marked passage in the extracted text, found in order."""
    at = 0
    for span in spans:
        found = text.find(span.text, at)
        if found == -1:
            found = text.find(span.text)
        span.start, span.end = found, found + len(span.text) if found != -1 else -1
        if found != -1:
            at = found + 1


def document_text(document: LabelledDocument) -> str:
    extracted = list(documents_of_bytes(document.name, document.data))
    return joined(extracted[0].pieces())


@dataclass
class Outcome:
    found: list[tuple[str, Span, Mention]] = field(default_factory=list)  # (document, gold, mention)
    missed: list[tuple[str, Span]] = field(default_factory=list)
    false: list[tuple[str, str, Mention]] = field(default_factory=list)  # (document, category, mention)

    @property
    def precision(self) -> float:
        reported = len(self.found) + len(self.false)
        return len(self.found) / reported if reported else 1.0

    @property
    def recall(self) -> float:
        total = len(self.found) + len(self.missed)
        return len(self.found) / total if total else 1.0

    def recall_by_tag(self) -> dict[str, tuple[int, int]]:
        hits = Counter(g.tag for _d, g, _m in self.found)
        totals = hits + Counter(g.tag for _d, g in self.missed)
        return {tag: (hits[tag], totals[tag]) for tag in sorted(totals)}

    def false_by_category(self) -> dict[str, int]:
        return dict(Counter(category for _d, category, _m in self.false))

    def exact_boundaries(self) -> float:
        exact = sum(1 for _d, g, m in self.found if (m.start, m.end) == (g.start, g.end))
        return exact / len(self.found) if self.found else 1.0


def _overlaps(span: Span, mention: Mention) -> bool:
    return span.start < mention.end and mention.start < span.end


def evaluate(finder: MentionFinder, documents: list[LabelledDocument]) -> Outcome:
    """A gold mention of a party the list screened against does not hold is left out (the
    corpus's SDN parties, without ``--sdn``); a mention of it found would count as false."""
    outcome = Outcome()
    listed = {state.party.id for state in finder.index.parties}
    for document in documents:
        text = document_text(document)
        _locate(text, document.gold)
        _locate(text, document.decoys)
        mentions = list(finder.find_in_stream(iter((text,))))
        unmatched = [gold for gold in document.gold if gold.label in listed]
        for mention in mentions:
            gold = next((g for g in unmatched if g.label == mention.party_id and _overlaps(g, mention)), None)
            if gold is not None:
                unmatched.remove(gold)
                outcome.found.append((document.name, gold, mention))
                continue
            category = next((d.label for d in document.decoys if _overlaps(d, mention)), None)
            if category is None:
                wrong = next((g for g in document.gold if _overlaps(g, mention)), None)
                category = "wrong party" if wrong is not None else "elsewhere"
            outcome.false.append((document.name, category, mention))
        outcome.missed.extend((document.name, g) for g in unmatched)
    return outcome


def bundled_parties(as_of: dt.date = AS_OF) -> list[PartyState]:
    _rules, actions = bundled.load()
    return listed_on(actions, as_of)


def sdn_parties() -> list[PartyState] | None:
    from common import WATCHMAN

    from entitylist.importers import sdn

    if not (WATCHMAN / "sdn.csv").exists():
        return None
    return [PartyState(e.party, listed=True, listed_since=None) for e in sdn.read(WATCHMAN).entries]


def report(outcome: Outcome, title: str, misses: bool) -> None:
    print(f"{title}: precision {outcome.precision:.3f}, recall {outcome.recall:.3f} "
          f"({len(outcome.found)} found, {len(outcome.missed)} missed, {len(outcome.false)} false); "
          f"exact boundaries {outcome.exact_boundaries():.2f}")
    print("  recall by phenomenon: " + ", ".join(f"{t} {h}/{n}" for t, (h, n) in outcome.recall_by_tag().items()))
    print("  false positives by passage: " + (", ".join(f"{c} {n}" for c, n in outcome.false_by_category().items()) or "none"))
    if misses:
        for name, gold in outcome.missed:
            print(f"  missed  {name}: {gold.text!r} ({gold.label}, {gold.tag})")
        for name, category, mention in outcome.false:
            print(f"  false   {name}: {mention.text!r} -> {mention.party_id} ({category}, {mention.match.score:.3f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sdn", action="store_true", help="add the OFAC SDN list (../shared/data/watchman)")
    parser.add_argument("--threshold", type=float, default=None)
    parser.add_argument("--misses", action="store_true", help="list every miss and false positive")
    args = parser.parse_args()
    documents = load_corpus()
    gold = sum(len(d.gold) for d in documents)
    decoys = sum(len(d.decoys) for d in documents)
    print(f"corpus: {len(documents)} documents, {gold} marked mentions, {decoys} marked passages that are not mentions")
    parties = bundled_parties()
    report(evaluate(MentionFinder(ListIndex(parties), args.threshold), documents), f"bundled list of {AS_OF}", args.misses)
    if args.sdn:
        extra = sdn_parties()
        if extra is None:
            print("OFAC SDN files not found: skipped", file=sys.stderr)
            return
        index = ListIndex(parties + extra)
        report(evaluate(MentionFinder(index, args.threshold), documents), f"bundled list + OFAC SDN ({len(index.parties)} parties)", args.misses)


if __name__ == "__main__":
    main()
