"""Countries of PubMed affiliations whose last element is not the country itself.

MEDLINE ``AD`` lines end in forms WoS never writes: a dangling "; and." (the affiliation list
was cut at "and"), the authors' initials in brackets after the country, and elements separated
by full stops instead of commas.  Each is read only when the address is otherwise unresolved,
so a WoS or Scopus address keeps the country it had.
"""

from __future__ import annotations

import pytest

from litkit.addresses import country_of


@pytest.mark.parametrize(
    ("address", "code"),
    [
        ("Universitatsklinikum Erlangen, Erlangen, Germany ; and.", "DE"),
        ("Shanxi Medical University, Taiyuan, Shanxi, P.R. China (QJB).", "CN"),
        ("Servico de Infecciologia. Centro Hospitalar do Baixo Vouga. Aveiro. Portugal.", "PT"),
        ("Centro Hospitalar e Universitario de Coimbra. Coimbra. Portugal.. nocaslebre@hotmail.com.", "PT"),
        # still unresolved: no country named, or only inside a name
        ("Dept. of Medical Oncology, Tohoku Rosai Hospital.", ""),
        ("Department of Anesthesiology.", ""),
        ("Section of Neurosurgery and.", ""),
        ("Univ. of New South Wales. Sydney", ""),
        # resolved as before
        ("Georgia Inst Technol, Atlanta, GA 30332 USA", "US"),
        ("Harvard Med Sch, Boston", ""),
    ],
)
def test_pubmed_tails(address, code):
    assert country_of(address).code == code


def test_real_pubmed_export_gains_countries_only(shared_corpora):
    import litkit

    corpus = litkit.read(shared_corpora / "pubmed-medline" / "citations.nbib")
    aff = litkit.affiliations(corpus)
    known = aff[aff["country"] != ""]
    # 158 records had a country before; the forms above add two records (the others they resolve
    # are second addresses of records that already had their country).
    assert known["record"].nunique() == 160
    germany = aff[aff["raw"].str.contains("Erlangen, Germany ; and", regex=False)]
    assert len(germany) and set(germany["country"]) == {"DE"}
