"""Scopus references whose journal title holds commas (litkit.refs.parse_scopus_reference / source_pieces)."""

from __future__ import annotations

import re

import pytest

import litkit
from litkit.refs import WORD_ABBREVIATIONS, normalize_source, parse_scopus_reference, source_pieces


@pytest.mark.parametrize(
    "raw, title",
    [
        (
            "Smith J.; Jones K., Soil carbon, Agriculture, Ecosystems and Environment, 139, 1-2, pp. 1-10, (2010)",
            "Agriculture, Ecosystems and Environment",
        ),
        (
            "Smith J., Soil carbon, Agriculture, Ecosystems & Environment, 139, pp. 1-10, (2010)",
            "Agriculture Ecosystems Environment",
        ),
        (
            "Smith J., A title, with a comma, Resources, Conservation and Recycling, 55, pp. 1-10, (2010)",
            "Resources, Conservation and Recycling",
        ),
        (
            "Smith J., Lead in rain, Water, Air, and Soil Pollution, 55, pp. 1-10, (2010)",
            "Water, Air, and Soil Pollution",
        ),
        (
            "Smith J., Fuzzy control, IEEE Transactions on Systems, Man, and Cybernetics, Part B: Cybernetics, 46, "
            "pp. 1-10, (2012)",
            "IEEE Transactions on Systems, Man, and Cybernetics, Part B: Cybernetics",
        ),
        # a Title-Case paper title before a journal with "and" is not taken into it
        (
            "Smith J., Carbon Footprints, Environmental Science and Technology, 46, pp. 1-10, (2012)",
            "Environ Sci Technol",
        ),
        (
            "Smith J., Job Matching and the Theory of Turnover, Journal of Political Economy, 87, (1979)",
            "Journal of Political Economy",
        ),
        # the old layout reads the source up to the volume: commas were never a problem there
        (
            "Smith, J., Soil carbon (2010) Agriculture, Ecosystems and Environment, 139 (1-2), pp. 1-10.",
            "Agriculture, Ecosystems and Environment",
        ),
        # real references (scopus-csv)
        (
            "Ayalu G., Abbay A.G., Azadi H., The role of micro- and small-scale enterprises in enhancing sustainable "
            "community livelihood: Tigray, Ethiopia, Environment, Development and Sustainability, 25, 8, pp. 7561-7584, "
            "(2023)",
            "Environment, Development and Sustainability",
        ),
        (
            "Chapman O., Reflective awareness in mathematics teachers’ learning and teaching, Eurasia Journal of "
            "Mathematics, Science and Technology Education, 11, 2, pp. 313-324, (2015)",
            "Eurasia Journal of Mathematics, Science and Technology Education",
        ),
        (
            "Slavek N., Jovic A., Application of grey system theory to software projects ranking, Automatika: Journal "
            "for Control, Measurement, Electronics, Computing and Communications, 53, 3, pp. 284-293, (2012)",
            "Automatika: Journal for Control, Measurement, Electronics, Computing and Communications",
        ),
        (
            "Lewis P., The quest for invisibility: female entrepreneurs and the masculine norm of entrepreneurship, "
            "Gender, Work and Organization, 13, 5, pp. 453-469, (2006)",
            "Gender, Work and Organization",
        ),
    ],
)
def test_journal_titles_with_commas(raw, title):
    parsed = parse_scopus_reference(raw)
    assert parsed["source"] == normalize_source(title)
    assert parsed["volume"] and parsed["volume"][0].isdigit()


def test_source_pieces_by_hand():
    assert source_pieces(["Soil carbon", "Agriculture", "Ecosystems and Environment"]) == 2
    assert source_pieces(["Agriculture", "Ecosystems and Environment"]) == 2  # no title: the whole is the source
    assert source_pieces(["Tigray", "Ethiopia", "Environment", "Development and Sustainability"]) == 2
    assert source_pieces(["Paris", "Energy and Buildings"]) == 1  # Paris is no subject word
    assert source_pieces(["Title", "Nature"]) == 1
    assert source_pieces(["Nature"]) == 1


# ---- invariants over every real Scopus reference ----------------------------------------------------

_NEW_LAYOUT_END = re.compile(r",?\s*\((?:1[5-9]|20)\d\d[a-z]?\)\.?\s*$")
_NUMBERS_TAIL = re.compile(r"(?:, (?:\d+[A-Za-z]?|[A-Za-z]?\d+(?:-\d+)?|pp?\.\s*\S+))+$")


@pytest.fixture(scope="module")
def scopus_refs(shared_corpora):
    corpus = litkit.read([shared_corpora / "scopus-csv", shared_corpora / "scopus-plaintext"])
    raws = sorted({r for refs in corpus.df["CR"] for r in refs})
    assert len(raws) > 10_000
    return raws


def test_parsed_scopus_references_invariants(scopus_refs):
    cut_lists = []
    for raw in scopus_refs:
        p = parse_scopus_reference(raw)
        assert p["raw"] == raw
        assert p["year"] is None or 1500 <= p["year"] <= 2099
        if p["volume"] is not None:
            assert re.fullmatch(r"[A-Za-z]?\d+[A-Za-z]?(?:-\d+)?", p["volume"]), raw
        if p["source"] is not None:
            assert p["source"] == normalize_source(p["source"]) and len(p["source"]) <= 20
        # 2024+ layout: "..., Word, X and Y, <numbers>, (year)" with Word a subject word of the table is a
        # comma title cut after its first item unless the source starts at Word
        end = _NEW_LAYOUT_END.search(raw)
        if not end:
            continue
        body = _NUMBERS_TAIL.sub("", raw[: end.start()])
        pieces = body.split(", ")
        if len(pieces) >= 3 and re.search(r" (?:and|&) ", pieces[-1]) and not pieces[-1].startswith(("and ", "& ")):
            word = pieces[-2]
            if len(word.split()) == 1 and word[:1].isupper() and word.upper() in WORD_ABBREVIATIONS:
                if p["source"] != normalize_source(word + ", " + pieces[-1]):
                    cut_lists.append(raw)
    assert cut_lists == []


def test_real_comma_titles_are_whole(scopus_refs):
    # journals with commas in their titles cited in the real exports, read whole whenever cited
    titles = [
        "Gender, Work and Organization",
        "Accounting, Auditing & Accountability Journal",
        "Environment, Development and Sustainability",
        "Eurasia Journal of Mathematics, Science and Technology Education",
        "Journal of Open Innovation: Technology, Market, and Complexity",
    ]
    for title in titles:
        cited = [r for r in scopus_refs if f", {title}, " in r and _NEW_LAYOUT_END.search(r)]
        assert cited, title
        assert {parse_scopus_reference(r)["source"] for r in cited} == {normalize_source(title)}, title
