"""Make figures/real_exports/*.png, the README's real-export maps.

Run from the repository root, with ../shared (the real exports, not part of the repository):
    .venv/bin/python docs/gallery_real_exports.py
Six real exports (three WoS plain-text files, the CNKI RefWorks and EndNote files and the old Scopus
CSV) merged: 1,597 records; litkit.cooccurrence with its defaults (VOS layout, Leiden clusters) and the
opt-in Chinese variant thesaurus (zh_variants=True: VR / 虚拟现实 / 虚拟现实技术 are one term), in
VOSviewer's three views (network, overlay by average publication year, density); and the co-authorship map
of the three WoS environment files (many small components, packed beside the largest).
"""

from pathlib import Path

import litkit
from litkit.plot.style import save_figure

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "corpora"
FILES = [
    "wos-plaintext-environment/globe2060_savedrecs.txt",
    "wos-plaintext-environment/globe2060_savedrecs_5.txt",
    "wos-plaintext-environment/r-tos_savedrecs.txt",
    "cnki-refworks/CNKI.txt",
    "cnki-endnote/demo.txt",
    "scopus-csv/scopus_testing.csv.scopus",
]

OUT = Path(__file__).resolve().parents[1] / "figures" / "real_exports"


def save(fig, stem: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    print(save_figure(fig, OUT / stem, formats=("png",), overwrite=True, close=True)[0])


if __name__ == "__main__":
    corpus = litkit.merge(litkit.read([str(SHARED / f) for f in FILES]))
    net = litkit.cooccurrence(corpus, zh_variants=True)
    what = f"six real exports (WoS x3, CNKI RefWorks + EndNote, Scopus CSV): {len(corpus):,} records"
    save(net.plot(figsize=(9.0, 6.5), title=f"Keyword map of {what}"), "keyword_map_real")
    save(
        net.plot(figsize=(9.0, 6.5), view="overlay", title="Overlay view: average publication year"),
        "keyword_map_real_overlay",
    )
    save(net.plot(figsize=(9.0, 6.5), view="density", title="Density view"), "keyword_map_real_density")
    wos = litkit.read([str(SHARED / f) for f in FILES[:3]])
    authors = litkit.collaboration(wos, unit="author")
    save(
        authors.plot(title=f"Co-authorship of the WoS environment exports: {len(wos):,} records, top 200 authors"),
        "coauthorship_real",
    )
