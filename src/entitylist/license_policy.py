"""License requirements and review policies, from the list's free text to structured rules.

The Entity List's two license columns are prose: "For all items subject to the EAR", "Case-by-case
review for ECCNs 1A004.c, ... and 2E983, and for EAR99 items described in the Note to ECCN 1A995;
presumption of denial for all other items", "Policy of denial for all items subject to the EAR
apart from food and medicine designated as EAR99, which will be reviewed on a case-by-case basis.
See §§ 746.8(b) and 744.21(e)". :func:`parse_requirement` and :func:`parse_policy` read them into
scopes (ECCN lists, described items, "all other items") with the phrases of
``vocab/license_policies.yaml``; :func:`determine` answers for one item. Items an ECCN alone
cannot place ("food and medicine", "items necessary to treat infectious disease") are never
guessed: the answer takes the general rule and warns what would change it.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from entitylist.eccn import Eccn, eccns_in
from entitylist.reference import load_package_yaml

REVIEW_POLICIES = ("presumption_of_denial", "case_by_case", "presumption_of_approval", "other")
_PARENTHESES = re.compile(r"\([^()]*\)")
_SECTION = re.compile(r"\b([0-9]{3}\.[0-9]{1,3}(?:\([a-z0-9]{1,4}\))*)(,\s*?([0-9]))?(?=[\s,.;)]|$)")
_REFERENCE = re.compile(r"(?i)\bsee\s*§")
_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class Phrases:
    """The phrases of ``vocab/license_policies.yaml``, lower-cased."""

    policies: tuple[tuple[str, str], ...]
    rest: tuple[str, ...]
    all_items: tuple[str, ...]
    eccn_intro: tuple[str, ...]
    exceptions: tuple[str, ...]
    filler: frozenset[str]


@functools.cache
def phrases() -> Phrases:
    raw = load_package_yaml("entitylist.vocab", "license_policies.yaml")
    policies = sorted(((str(k).casefold(), str(v)) for k, v in raw["review_policies"].items()), key=lambda p: -len(p[0]))
    for _phrase, value in policies:
        if value not in REVIEW_POLICIES:
            raise ValueError(f"license_policies.yaml: unknown review policy {value!r}")

    def words(key: str) -> tuple[str, ...]:
        return tuple(sorted((str(p).casefold() for p in raw[key]), key=len, reverse=True))

    return Phrases(
        policies=tuple(policies),
        rest=words("rest_of_items"),
        all_items=words("all_items"),
        eccn_intro=words("eccn_list_intro"),
        exceptions=words("exceptions"),
        filler=frozenset(str(w).casefold() for w in raw["filler_words"]),
    )


@dataclass(frozen=True)
class Scope:
    """Which items a clause speaks of: ECCNs (each with its sub-paragraphs), items it describes
    in words (``ear99_only``: only among EAR99 items), everything, or what the other clauses leave."""

    eccns: tuple[Eccn, ...] = ()
    described: tuple[tuple[str, bool], ...] = ()
    everything: bool = False
    rest: bool = False

    def covers(self, item: Eccn) -> bool:
        """True when the scope surely takes in the item (a description never surely does)."""
        return self.everything or any(e.covers(item) for e in self.eccns)

    def may_cover(self, item: Eccn) -> list[str]:
        """The descriptions that could take in the item, which its ECCN alone cannot tell."""
        return [text for text, ear99_only in self.described if item.is_ear99 or not ear99_only]


@dataclass(frozen=True)
class PolicyClause:
    policy: str
    scope: Scope
    text: str


@dataclass(frozen=True)
class ReviewPolicy:
    """A review policy as clauses; ``default`` applies to items no clause takes in."""

    clauses: tuple[PolicyClause, ...]
    default: str | None
    references: tuple[str, ...]
    footnotes: tuple[int, ...]


@dataclass(frozen=True)
class Requirement:
    """A license requirement: the items it reaches, those it leaves out, and what it cites."""

    scope: Scope
    excluded: Scope
    readable: bool
    references: tuple[str, ...]
    footnotes: tuple[int, ...]


@dataclass
class Determination:
    """Whether one item needs a license for a party, and how an application would be reviewed."""

    license_required: bool
    review_policy: str | None
    references: list[str] = field(default_factory=list)
    footnotes: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    exceptions: int = 0  # the item's possible exceptions: kinds of it left out, or under another policy


def references_in(text: str) -> tuple[list[str], list[int]]:
    """The CFR sections a text cites ("See §§ 746.8(b) and 744.21(e)") and the footnote numbers
    glued after them in CSL text ("734.9(g),3 746.8(a)(3)")."""
    if "§" not in text:
        return [], []
    sections: list[str] = []
    notes: list[int] = []
    for match in _SECTION.finditer(text[text.index("§"):]):
        cite = f"§ {match.group(1)}"
        if cite not in sections:
            sections.append(cite)
        if match.group(3) and int(match.group(3)) not in notes:
            notes.append(int(match.group(3)))
    return sections, notes


def _find(text: str, candidates: tuple[str, ...]) -> tuple[int, str] | None:
    """The earliest of the phrases in the text (lower-cased), with where it starts."""
    found = [(text.find(p), p) for p in candidates if p in text]
    return min(found, key=lambda f: (f[0], -len(f[1]))) if found else None


def _scope(text: str) -> Scope:
    """The scope of a clause's text (its policy phrase already removed), read segment by segment:
    each "for ..." is an ECCN list, a described kind of item, all items, or all other items."""
    p = phrases()
    plain = _REFERENCE.split(_PARENTHESES.sub(" ", text))[0]
    eccns: list[Eccn] = []
    described: list[tuple[str, bool]] = []
    everything = rest = False
    for segment in re.split(r"\bfor\b", plain, flags=re.IGNORECASE):
        lowered = " ".join(segment.casefold().replace("§", " ").split()).strip(" ,.;")
        lowered = re.sub(r"^(?:and|or)\s+|\s*,?\s*(?:and|or)$", "", lowered).strip(" ,.")
        if not lowered:
            continue
        if any(lowered.startswith(r) for r in p.rest):
            rest = True
            continue
        if any(lowered == a or lowered.startswith(a) and not _leftover(lowered[len(a):]) for a in p.all_items):
            everything = True
            continue
        numbers = [e for e in eccns_in(segment) if not e.is_ear99]
        mentions_ear99 = "ear99" in lowered
        if any(lowered.startswith(i) for i in p.eccn_intro) and numbers:
            eccns += [e for e in numbers if e not in eccns]
        elif _leftover(lowered):
            described.append((_tidy(segment), mentions_ear99))
        elif mentions_ear99 and not numbers:
            eccns.append(Eccn(("EAR99",)))
        else:
            eccns += [e for e in numbers if e not in eccns]
    return Scope(tuple(eccns), tuple(described), everything, rest)


def _tidy(segment: str) -> str:
    """A described scope as shown in warnings: one line, without the joining "and" or comma."""
    return re.sub(r"(?i)[\s,;.]*\b(?:and|or)$", "", " ".join(segment.split())).strip(" ,.;")


def _leftover(text: str) -> bool:
    """Whether a scope's text holds words beyond ECCNs and filler: a description of items."""
    words = [w for w in _WORD.findall(text.casefold()) if not re.fullmatch(r"ear99|[0-9][a-e][0-9]{3}(\.[a-z0-9]+)*|[0-9]+|[a-z]", w)]
    return any(w not in phrases().filler for w in words)


def _policy_of(clause: str) -> tuple[str, int, int] | None:
    found = _find(clause.casefold(), tuple(p for p, _ in phrases().policies))
    if found is None:
        return None
    start, phrase = found
    return dict(phrases().policies)[phrase], start, start + len(phrase)


def parse_policy(text: str | None) -> ReviewPolicy:
    """Clauses of a review policy: split on ";" (and at an exception, "apart from X, which will be
    reviewed case-by-case"), each with its policy and scope."""
    if not text or not text.strip():
        return ReviewPolicy((), None, (), ())
    references, footnotes = references_in(text)
    clauses: list[PolicyClause] = []
    default: str | None = None
    previous: str | None = None
    for raw in re.split(r";|\.\s+(?=[A-Z])", text):
        clause = raw.strip(" .")
        if not clause:
            continue
        found = _policy_of(clause)
        policy = found[0] if found else previous
        if policy is None:
            continue
        previous = policy
        main, exception = _split_exception(_REFERENCE.split(clause)[0])
        scope = _scope(_without_policy(main))
        if exception is not None:
            excepted = _policy_of(exception)
            exception_scope = _scope(_without_policy(exception))
            if excepted is not None:
                clauses.append(PolicyClause(excepted[0], exception_scope, exception))
        if scope == Scope() and default is not None:
            continue  # a trailing "See § ..." adds references, not a policy
        if scope.rest or (scope.everything and not scope.eccns and not scope.described) or scope == Scope():
            default = policy
        else:
            clauses.append(PolicyClause(policy, scope, clause))
    return ReviewPolicy(tuple(clauses), default, tuple(references), tuple(footnotes))


def _split_exception(clause: str) -> tuple[str, str | None]:
    found = _find(clause.casefold(), phrases().exceptions)
    if found is None:
        return clause, None
    start, phrase = found
    return clause[:start], clause[start + len(phrase):]


def _without_policy(text: str) -> str:
    found = _policy_of(text)
    if found is None:
        return re.split(r"(?i),?\s*which\b", text)[0]
    _, start, end = found
    kept = text[:start] + " " + text[end:]
    return re.split(r"(?i),?\s*which\b", kept)[0]


def parse_requirement(text: str | None) -> Requirement:
    """A license requirement: "For all items subject to the EAR", optionally with an exception
    ("except food and medicine classified as EAR99", "having a classification other than EAR99"),
    an ECCN list, or only a reference ("See §744.3(d) of this part", which cannot be read here)."""
    if not text or not text.strip():
        return Requirement(Scope(), Scope(), False, (), ())
    references, footnotes = references_in(text)
    footnotes = footnotes + [n for n in _footnote_marks(text) if n not in footnotes]
    plain = _REFERENCE.split(text)[0]
    main, exception = _split_exception(_PARENTHESES.sub(" ", plain))
    scope = _scope(main)
    excluded = _scope(exception) if exception else Scope()
    readable = scope.everything or bool(scope.eccns)
    return Requirement(scope, excluded, readable, tuple(references), tuple(footnotes))


def _footnote_marks(text: str) -> list[int]:
    """Footnote numbers a requirement names in words ("footnote 1 entities")."""
    return [int(n) for n in re.findall(r"(?i)\bfootnote\s+([0-9])\b", text)]


def determine(requirement_text: str | None, policy_text: str | None, item: Eccn) -> Determination:
    """Whether ``item`` needs a license under the requirement, and the review policy an
    application would meet; what the text leaves open is said in ``warnings``."""
    requirement = parse_requirement(requirement_text)
    policy = parse_policy(policy_text)
    references = list(dict.fromkeys([*requirement.references, *policy.references]))
    footnotes = list(dict.fromkeys([*requirement.footnotes, *policy.footnotes]))
    warnings: list[str] = []
    if not requirement.readable:
        warnings.append(
            "the license requirement could not be read as a scope of items"
            + (f" ({requirement_text!r})" if requirement_text else " (none recorded)")
            + "; a license is taken as required: read the requirement itself"
        )
    elif requirement.excluded.covers(item):
        return Determination(False, None, references, footnotes, [f"{item} is outside the requirement ({requirement_text})"])
    elif not requirement.scope.covers(item):
        return Determination(False, None, references, footnotes, [f"{item} is not among the items the requirement names ({requirement_text})"])
    exceptions = 0
    for description in requirement.excluded.may_cover(item):
        warnings.append(f"no license is required if the item is {description} (the requirement leaves these out)")
        exceptions += 1
    review: str | None = None
    for clause in policy.clauses:
        if clause.scope.covers(item):
            review = clause.policy
            break
    if review is None:
        review = policy.default
        for clause in policy.clauses:
            if clause.policy != review:
                for description in clause.scope.may_cover(item):
                    warnings.append(f"review policy {clause.policy} applies instead if the item is {description}")
                    exceptions += 1
    if review is None:
        review = "other"
        warnings.append("the review policy could not be read" + (f" ({policy_text!r})" if policy_text else " (none recorded)"))
    return Determination(True, review, references, footnotes, warnings, exceptions)
