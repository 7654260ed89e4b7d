"""Make figures/real_exports/*.png, the README's real-export maps: a whole review drawn from real exports.

Run from the repository root, with ../shared (the real exports, not part of the repository):
    .venv/bin/python docs/gallery_real_exports.py [stem ...]
(with stems, only those figures; ``keyword``, ``coauthorship``, ``cocitation``, ``cocitation_cssci``,
``coupling``, ``historiograph``, ``countries``).

Every figure uses litkit's public API with its defaults, except where a scholar would set a parameter:

* Keyword maps: six real exports (three WoS plain-text files, the CNKI RefWorks and EndNote files and the old
  Scopus CSV) merged, 1,597 records; :func:`litkit.cooccurrence` with its defaults (VOS layout, Leiden
  clusters) and the opt-in Chinese variant thesaurus (``zh_variants=True``: VR / 虚拟现实 / 虚拟现实技术 are one
  term, which a scholar merging CNKI with WoS would ask for), in VOSviewer's three views (network, overlay by
  average publication year, density).
* Co-authorship of the three WoS environment files (many small components, packed beside the largest).
* Document co-citation (CiteSpace's DCA) of the three WoS environment files (1,039 records with cited
  references): the map and CiteSpace's timeline view, :func:`litkit.cocitation` with its defaults.
* The same for both CSSCI exports (Chinese, 196 records): cluster labels from the citing records' keywords
  (``label_fields=("DE",)``, as ``litkit cocite --label-fields DE``).  The default (title, keyword and
  keyword-plus terms) labels clusters with single jieba words of the Chinese titles -- 风格, 层次, 企业 --
  where the keywords give 创新绩效, 内部人身份感知, 企业绩效 (README, Known limits).
* Bibliographic coupling of documents of the WoS environment files, :func:`litkit.coupling` with its defaults.
* The historiograph (:func:`litkit.citation_network`, HistCite's LCS top 60) of the WoS environment files, the
  review's own corpus: 448 records cite or are cited by another (565 citations; the largest connected part 268
  records), the top 60 drawn with the 60 citations among them over 1995-2016.  metaknowledge's ManyAuthors.isi
  (500 records, 380 in citations, 794 citations) draws 87 citations among its top 60, but one record of 1981
  leaves the left third of its year axis empty, and it is not an export of this review's topic.
* Country collaboration of the WoS environment files: :func:`litkit.collaboration` by country with its defaults,
  drawn as the heatmap of the 20 countries with most records (the demo's ``country_collaboration`` figure).

PNG only, re-encoded with a 256-colour palette, dithered (the figures are flat colours and anti-aliased text,
and one smooth heat image: dithered, it keeps them indistinguishable by eye at full size and each file
under 600 KB, where litkit's 300-dpi full-colour PNGs of these maps are 0.6-1.0 MB).
"""

from __future__ import annotations

import sys
from pathlib import Path

import litkit
from litkit.plot.citation import plot_cocitation_map, plot_historiograph, plot_timeline_view
from litkit.plot.collaboration import plot_collaboration_heatmap
from litkit.plot.style import save_figure

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "corpora"
WOS = [
    "wos-plaintext-environment/globe2060_savedrecs.txt",
    "wos-plaintext-environment/globe2060_savedrecs_5.txt",
    "wos-plaintext-environment/r-tos_savedrecs.txt",
]
FILES = WOS + ["cnki-refworks/CNKI.txt", "cnki-endnote/demo.txt", "scopus-csv/scopus_testing.csv.scopus"]
CSSCI = ["cssci/DataSet_CSSCI.txt", "cssci/cssci_1-100b.txt"]

OUT = Path(__file__).resolve().parents[1] / "figures" / "real_exports"


def save(fig, stem: str) -> None:
    """Save ``fig`` as ``OUT/stem.png`` (litkit's save_figure: 300 dpi, glyph check), then palette-encode it."""
    from PIL import Image

    OUT.mkdir(parents=True, exist_ok=True)
    path = save_figure(fig, OUT / stem, formats=("png",), overwrite=True, close=True)[0]
    with Image.open(path) as image:
        rgb = image.convert("RGB")
    # a median-cut palette, then dithered to it: without dithering the density view's smooth heat image
    # shows bands (Pillow dithers only when it is given the palette).  Median cut averages white with the
    # lightest anti-aliased pixels (252, 252, 252 for the background): near-white entries are made white.
    small = rgb.quantize(
        palette=rgb.quantize(colors=256, method=Image.Quantize.MEDIANCUT), dither=Image.Dither.FLOYDSTEINBERG
    )
    colours = small.getpalette()
    for k in range(0, len(colours), 3):
        if min(colours[k : k + 3]) >= 250:
            colours[k : k + 3] = [255, 255, 255]
    small.putpalette(colours)
    small.save(path, optimize=True)
    print(path, f"{path.stat().st_size / 1024:.0f} KB")


def read(files: list[str]):
    return litkit.read([str(SHARED / f) for f in files])


def keyword_maps() -> None:
    corpus = litkit.merge(read(FILES))
    net = litkit.cooccurrence(corpus, zh_variants=True)
    what = f"six real exports (WoS x3, CNKI RefWorks + EndNote, Scopus CSV): {len(corpus):,} records"
    save(net.plot(figsize=(9.0, 6.5), title=f"Keyword map of {what}"), "keyword_map_real")
    save(
        net.plot(figsize=(9.0, 6.5), view="overlay", title="Overlay view: average publication year"),
        "keyword_map_real_overlay",
    )
    save(net.plot(figsize=(9.0, 6.5), view="density", title="Density view"), "keyword_map_real_density")


def coauthorship() -> None:
    wos = read(WOS)
    authors = litkit.collaboration(wos, unit="author")
    save(
        authors.plot(title=f"Co-authorship of the WoS environment exports: {len(wos):,} records, top 200 authors"),
        "coauthorship_real",
    )


def _citation_maps(net, stem: str, what: str, timeline: bool = True) -> None:
    """A co-citation or coupling network's map (and timeline view), as ``litkit cocite`` draws them."""
    nodes, links = net.nodes, net.links()
    kind = "Document co-citation" if net.kind == "cocitation" else "Bibliographic coupling of documents"
    title = f"{kind}, {what}: {len(net):,} nodes, {net.n_links:,} links"
    save(plot_cocitation_map(nodes, links, net.clusters, size=net.size, title=title), f"{stem}_map")
    if timeline:
        fig = plot_timeline_view(
            nodes, links, net.clusters, size=net.size, title=f"Timeline view of the {kind.lower()}, {what}"
        )
        save(fig, f"{stem}_timeline")


def cocitation() -> None:
    wos = read(WOS)
    what = f"WoS environment exports ({len(wos):,} records)"
    _citation_maps(litkit.cocitation(wos), "cocitation_real", what)


def cocitation_cssci() -> None:
    cssci = read(CSSCI)
    net = litkit.cocitation(cssci, label_fields=("DE",))
    _citation_maps(net, "cocitation_cssci", f"CSSCI exports ({len(cssci):,} records; labels from keywords)")


def coupling() -> None:
    wos = read(WOS)
    what = f"WoS environment exports ({len(wos):,} records)"
    _citation_maps(litkit.coupling(wos), "coupling_real", what, timeline=False)


def historiograph() -> None:
    wos = read(WOS)
    net = litkit.citation_network(wos)
    fig = plot_historiograph(net.nodes, net.links())
    ax = fig.axes[0]
    drawn = ax.get_title(loc="left").removeprefix("Historiograph: ")  # "60 records, 60 citations (size = LCS)"
    title = f"Historiograph of the WoS environment exports ({len(wos):,} records): {drawn}"
    ax.set_title(title, loc="left", fontsize=8, pad=10)  # as plot_historiograph sets its own
    save(fig, "historiograph_real")


def countries() -> None:
    wos = read(WOS)
    net = litkit.collaboration(wos, unit="country")
    title = f"Country collaboration in the WoS environment exports ({len(wos):,} records): records shared"
    save(plot_collaboration_heatmap(net, title=title), "country_collaboration_real")


def policy_list() -> None:
    """The State Council document list (5,781 documents): more than one timeline can label, so per year."""
    import litkit.policy as lp
    from litkit.plot.policy import plot_documents_per_year

    docs = lp.from_metadata(SHARED.parent / "policy" / "cn-state-council-docnumbers" / "state_council_docs_merged.csv")
    table = lp.timeline_table(docs)
    title = f"State Council document list (gov.cn): {len(table):,} dated documents per year, by issuer"
    save(plot_documents_per_year(table, title=title), "policy_per_year_real")


FIGURES = {
    "keyword": keyword_maps,
    "coauthorship": coauthorship,
    "cocitation": cocitation,
    "cocitation_cssci": cocitation_cssci,
    "coupling": coupling,
    "historiograph": historiograph,
    "countries": countries,
    "policy": policy_list,
}

if __name__ == "__main__":
    for name in sys.argv[1:] or FIGURES:
        FIGURES[name]()
