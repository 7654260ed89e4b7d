"""Thesauri: merge synonyms and variants into one term, or drop a term.

Two file formats are read:

VOSviewer thesaurus file
    Tab-separated, header line ``label<TAB>replace by``.  Each row maps a label
    to its replacement; an empty replacement removes the term (VOSviewer manual,
    section "Thesaurus files").  A file made for VOSviewer works here unchanged.
Simple synonym table
    One group per line, entries separated by ``;``, the **last** entry is the
    canonical term: ``citation analyses;citation analysis``.  ``#`` starts a
    comment.  A line ``term;`` (empty canonical) removes ``term``.

The zh↔en alias table (``litkit/data/aliases_zh_en.txt``) is a simple table
whose groups join a Chinese keyword and its English equivalents, so that a merged
CNKI + WoS corpus has one node for 生态产品 / "ecological products".

Matching is on :func:`~litkit.text.normalize.normalize_term` keys, so case,
full-width forms and dash variants need no extra rows.  Replacements are applied
once (no chains), as in VOSviewer.

Examples
--------
>>> t = Thesaurus.from_text("label\\treplace by\\nmapping of science\\tscience mapping\\nelsevier\\t\\n")
>>> t.lookup("Mapping of Science"), t.lookup("Elsevier"), t.lookup("bibliometrics")
('science mapping', '', None)
>>> Thesaurus.from_text("citation analyses;citation analysis").lookup("CITATION ANALYSES")
'citation analysis'
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from ..errors import LitkitError
from .normalize import normalize_term, surface_form

__all__ = [
    "Thesaurus",
    "read_thesaurus",
    "default_aliases",
    "default_thesaurus",
    "resolve_thesaurus",
    "zh_variants",
    "ZhVariants",
    "ZH_VARIANT_SUFFIXES",
]

VOSVIEWER_HEADER = "label\treplace by"
_COMMENT = re.compile(r"(?:^|\s)#")  # a '#' at the start of a line or after white space starts a comment


@dataclass
class Thesaurus:
    """A mapping from normalised term keys to a replacement (``""`` = remove).

    Attributes
    ----------
    mapping : dict
        ``normalize_term(label) -> surface form of the replacement``.
    sources : list of str
        Where the rows came from (files or ``"<text>"``), for ``params.json``.
    """

    mapping: dict[str, str] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)

    def lookup(self, term: str) -> str | None:
        """Replacement of ``term``: a string, ``""`` to remove it, ``None`` if unlisted."""
        return self.mapping.get(normalize_term(term))

    def __len__(self) -> int:
        return len(self.mapping)

    def __or__(self, other: Thesaurus) -> Thesaurus:
        """Combine two thesauri; rows of ``other`` win."""
        return Thesaurus({**self.mapping, **other.mapping}, self.sources + other.sources)

    @classmethod
    def from_text(cls, text: str, source: str = "<text>") -> Thesaurus:
        """Parse either format; the VOSviewer header decides which."""
        lines = text.lstrip("\ufeff").splitlines()
        first = next((ln for ln in lines if ln.strip()), "")
        if first.strip().lower().replace(" ", "") == VOSVIEWER_HEADER.replace(" ", ""):
            return cls._from_vosviewer(lines, source)
        return cls._from_table(lines, source)

    @classmethod
    def from_file(cls, path: str | Path) -> Thesaurus:
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise LitkitError(
                f"cannot read thesaurus: {exc}",
                path=path,
                expected="a UTF-8 text file (VOSviewer thesaurus or 'a;b;canonical' table)",
            ) from exc
        return cls.from_text(text, source=str(path))

    @classmethod
    def _from_vosviewer(cls, lines: list[str], source: str) -> Thesaurus:
        mapping = {}
        header_seen = False
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            if not header_seen:
                header_seen = True
                continue
            if "\t" not in line:
                raise LitkitError(
                    "thesaurus row has no TAB",
                    path=source,
                    line=number,
                    expected="label<TAB>replace by (replacement may be empty)",
                )
            label, replace = line.split("\t", 1)
            key = normalize_term(label)
            if key:
                mapping[key] = surface_form(replace.split("\t", 1)[0])
        return cls(mapping, [source])

    @classmethod
    def _from_table(cls, lines: list[str], source: str) -> Thesaurus:
        mapping = {}
        for number, line in enumerate(lines, 1):
            # A comment starts a line or follows a space: "C#" and "F#" are terms, not comments.
            line = _COMMENT.split(line, 1)[0].strip()
            if not line:
                continue
            if ";" not in line:  # (a VOSviewer thesaurus without its header reads as 0 rows otherwise)
                raise LitkitError(
                    "thesaurus row has no ';'",
                    path=source,
                    line=number,
                    expected="synonym;...;canonical, or a VOSviewer thesaurus whose first line is 'label<TAB>replace by'",
                )
            *synonyms, canonical = [p.strip() for p in line.split(";")]
            canonical = surface_form(canonical)
            for syn in synonyms:
                key = normalize_term(syn)
                if key:
                    mapping[key] = canonical
            # The canonical form maps to itself so that its case/spelling is the displayed one.
            if canonical:
                mapping.setdefault(normalize_term(canonical), canonical)
        return cls(mapping, [source])


def read_thesaurus(path: str | Path) -> Thesaurus:
    """Read a VOSviewer thesaurus file or a ``synonym;synonym;canonical`` table."""
    return Thesaurus.from_file(path)


def default_aliases() -> Thesaurus:
    """litkit's zh↔en alias table for ecological-product / carbon-neutrality research."""
    text = resources.files("litkit.data").joinpath("aliases_zh_en.txt").read_text(encoding="utf-8")
    return Thesaurus.from_text(text, source="litkit/data/aliases_zh_en.txt")


def default_thesaurus() -> Thesaurus:
    """litkit's small table of safe merges (``litkit/data/thesaurus_default.txt``).

    Examples
    --------
    >>> default_thesaurus().lookup("Coword analysis")
    'co-word analysis'
    """
    text = resources.files("litkit.data").joinpath("thesaurus_default.txt").read_text(encoding="utf-8")
    return Thesaurus.from_text(text, source="litkit/data/thesaurus_default.txt")


def resolve_thesaurus(thesaurus) -> Thesaurus:
    """Turn the ``thesaurus`` argument into a :class:`Thesaurus`.

    Accepts ``None``, ``"default"`` (:func:`default_thesaurus`), a :class:`Thesaurus`,
    a path, a dict ``{variant: canonical}``, or a list of any of these (combined in
    order, later rows win).
    """
    if thesaurus is None:
        return Thesaurus()
    if isinstance(thesaurus, str) and thesaurus == "default":
        return default_thesaurus()
    if isinstance(thesaurus, Thesaurus):
        return thesaurus
    if isinstance(thesaurus, (str, Path)):
        return read_thesaurus(thesaurus)
    if isinstance(thesaurus, dict):
        return Thesaurus({normalize_term(k): surface_form(v) for k, v in thesaurus.items()}, ["<dict>"])
    combined = Thesaurus()
    for part in thesaurus:
        combined = combined | resolve_thesaurus(part)
    return combined


#: Suffixes that Chinese keywords add to a term without changing what it names (虚拟现实技术).
ZH_VARIANT_SUFFIXES = ("技术", "方法", "模式")
_BRACKETED_RE = re.compile(r"^(.+?)\s*\(\s*([A-Za-z][A-Za-z0-9&+\- ]*)\s*\)\s*(.*)$")
ZH_VARIANTS_SOURCE = "litkit/data/zh_variants.csv"


def zh_variants() -> Thesaurus:
    """The abbreviation rows of litkit's Chinese variant table (``litkit/data/zh_variants.csv``).

    Examples
    --------
    >>> zh_variants().lookup("VR"), zh_variants().lookup("ar")
    ('虚拟现实', '增强现实')
    """
    text = resources.files("litkit.data").joinpath("zh_variants.csv").read_text(encoding="utf-8")
    rows = csv.reader(io.StringIO("\n".join(ln for ln in text.splitlines() if not ln.startswith("#"))))
    next(rows)  # header: variant,canonical
    mapping = {}
    for row in rows:
        if len(row) >= 2 and row[0].strip() and row[1].strip():
            mapping[normalize_term(row[0])] = surface_form(row[1])
    return Thesaurus(mapping, [ZH_VARIANTS_SOURCE])


class ZhVariants:
    """Chinese variant merging (``zh_variants=True`` of :class:`~litkit.text.TermCleaner`).

    Three rules, on case-folded keys:

    1. an abbreviation of ``litkit/data/zh_variants.csv`` becomes its term (VR → 虚拟现实);
       an abbreviation written next to its term is dropped (VR虚拟现实, 虚拟现实VR);
    2. a bracketed Latin abbreviation is dropped (虚拟现实(VR) → 虚拟现实; 虚拟现实(VR)技术 → 虚拟现实技术);
    3. a term + 技术/方法/模式 becomes the term when the term itself occurs in the corpus
       (learnt by :meth:`fit`): 虚拟现实技术 → 虚拟现实, VR技术 → 虚拟现实, while 设计方法 stays
       when 设计 is not a keyword of the corpus.

    Examples
    --------
    >>> z = ZhVariants().fit(["虚拟现实", "增强现实技术", "设计方法"])
    >>> [z.canonical(k) for k in ["vr技术", "虚拟现实(vr)", "增强现实技术", "设计方法", "ar"]]
    ['虚拟现实', '虚拟现实', '增强现实技术', '设计方法', '增强现实']
    """

    def __init__(self):
        self.table = zh_variants()
        self._by_canonical = {normalize_term(v): v for v in self.table.mapping.values()}
        self.vocabulary: frozenset[str] = frozenset()

    def _mapped(self, key: str) -> str:
        key = key.strip()
        match = _BRACKETED_RE.match(key)
        if match and not match.group(3).strip("技术方法模式"):
            key = (match.group(1) + match.group(3)).strip()
        replacement = self.table.mapping.get(key)
        if replacement is not None:
            return normalize_term(replacement)
        for abbr, term in self.table.mapping.items():
            t = normalize_term(term)
            if key in (abbr + t, t + abbr, abbr + " " + t, t + " " + abbr):
                return t
        return key

    def fit(self, keys) -> ZhVariants:
        """Learn which terms occur (case-folded keys of the corpus's raw terms)."""
        self.vocabulary = frozenset(self._mapped(k) for k in keys)
        return self

    def canonical(self, key: str) -> str:
        """The case-folded canonical key of ``key`` (``key`` itself when no rule applies)."""
        mapped = self._mapped(key)
        for suffix in ZH_VARIANT_SUFFIXES:
            if mapped.endswith(suffix) and len(mapped) > len(suffix):
                base = self._mapped(mapped[: -len(suffix)])
                if base in self.vocabulary:
                    return base
        return mapped

    def params(self) -> dict:
        """What the rules are, for ``params.json`` (listed in every run that uses them)."""
        return {
            "table": ZH_VARIANTS_SOURCE,
            "rows": {k: v for k, v in sorted(self.table.mapping.items())},
            "suffixes": list(ZH_VARIANT_SUFFIXES),
            "bracketed_abbreviations": True,
        }
