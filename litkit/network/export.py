"""Writing a :class:`~litkit.network.KeywordNetwork` for other tools.

Files (all written atomically through :mod:`litkit._atomic`; existing files are
kept unless ``overwrite=True``):

======================== ==============================================================
``keywords.csv``         one row per term (``keyword, occurrences, total_link_strength, cluster, avg_year`` …)
``clusters.csv``         one row per cluster (size, label, Q contribution, silhouette …)
``links.csv``            one row per linked pair (full and fractional count, normalised strength)
``vosviewer_map.txt``    VOSviewer map file: ``id label x y cluster weight<Links>
                         weight<Total link strength> weight<Occurrences> score<Avg. pub. year>``
``vosviewer_network.txt`` VOSviewer network file: ``id1 id2 strength`` (the counting's link weight), no header
``vosviewer.json``       VOSviewer (Online) JSON: ``{"network": {"items", "links", "clusters"}}``
``network.gexf``         Gephi; node positions and cluster colours in ``viz`` attributes
``network.graphml``      GraphML for Gephi, Cytoscape, igraph
``params.json``          every parameter of the run (:func:`litkit.runinfo.write_params`)
======================== ==============================================================

The VOSviewer formats follow "VOSviewer map and network files" and "VOSviewer
JSON files" in VOSviewer's documentation: tab-separated, a label containing a
comma or semicolon is enclosed in double quotes, clusters are integers from 1.
Load them in VOSviewer with *Create map → Create a map based on network data →
VOSviewer map and network files* (or open the JSON in VOSviewer Online).
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from .._atomic import check_writable, write_csv, write_text

__all__ = [
    "vosviewer_map_text",
    "vosviewer_network_text",
    "vosviewer_json_text",
    "to_networkx",
    "gexf_text",
    "graphml_text",
    "export_all",
]

MAP_COLUMNS = (
    "id",
    "label",
    "x",
    "y",
    "cluster",
    "weight<Links>",
    "weight<Total link strength>",
    "weight<Occurrences>",
    "score<Avg. pub. year>",
)


def _vos_label(label: str) -> str:
    label = re.sub(r"[\t\r\n]+", " ", str(label))
    if any(ch in label for ch in ',;"'):
        return '"' + label.replace('"', '""') + '"'
    return label


def _num(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    value = float(value)
    return str(int(value)) if value.is_integer() else f"{value:.6f}".rstrip("0").rstrip(".")


def vosviewer_map_text(net) -> str:
    """VOSviewer map file content."""
    lines = ["\t".join(MAP_COLUMNS)]
    for row in net.keywords.itertuples(index=False):
        lines.append(
            "\t".join(
                [
                    str(row.id),
                    _vos_label(row.keyword),
                    _num(row.x),
                    _num(row.y),
                    str(row.cluster),
                    str(row.links),
                    _num(row.total_link_strength),
                    str(row.occurrences),
                    _num(row.avg_year),
                ]
            )
        )
    return "\n".join(lines) + "\n"


def _pairs(net):
    upper = sp.triu(net.counting_weights, k=1).tocoo()
    order = np.lexsort((upper.col, upper.row))
    return upper.row[order], upper.col[order], upper.data[order]


def vosviewer_network_text(net) -> str:
    """VOSviewer network file content: ``id1<TAB>id2<TAB>strength``, each link once."""
    rows, cols, data = _pairs(net)
    return "".join(f"{i + 1}\t{j + 1}\t{_num(w)}\n" for i, j, w in zip(rows, cols, data))


def _json_number(value):
    value = float(value)
    return int(value) if value.is_integer() else value


def vosviewer_json_text(net) -> str:
    """VOSviewer JSON content (items with weights and scores, links, cluster labels)."""
    items = []
    for row in net.keywords.itertuples(index=False):
        item = {
            "id": int(row.id),
            "label": str(row.keyword),
            "x": float(row.x),
            "y": float(row.y),
            "cluster": int(row.cluster),
            "weights": {
                "Links": int(row.links),
                "Total link strength": _json_number(row.total_link_strength),
                "Occurrences": int(row.occurrences),
            },
        }
        if not (isinstance(row.avg_year, float) and math.isnan(row.avg_year)):
            item["scores"] = {"Avg. pub. year": float(row.avg_year)}
        items.append(item)
    rows, cols, data = _pairs(net)
    links = [
        {"source_id": int(i + 1), "target_id": int(j + 1), "strength": _json_number(w)}
        for i, j, w in zip(rows, cols, data)
    ]
    clusters = [{"cluster": int(r.cluster), "label": str(r.label)} for r in net.clusters.itertuples(index=False)]
    doc = {"network": {"items": items, "links": links, "clusters": clusters}}
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def _hex_to_rgb(color: str) -> dict:
    color = color.lstrip("#")
    return {"r": int(color[0:2], 16), "g": int(color[2:4], 16), "b": int(color[4:6], 16), "a": 1.0}


def to_networkx(net, viz: bool = False):
    """networkx Graph: nodes ``1..n`` with label/occurrences/cluster/…; edges with weights."""
    import networkx as nx

    from ..plot.style import PALETTE

    g = nx.Graph()
    max_occ = float(net.occurrences.max()) if len(net) else 1.0
    for row in net.keywords.itertuples(index=False):
        attrs = {
            "label": str(row.keyword),
            "term": str(row.term),
            "occurrences": int(row.occurrences),
            "links": int(row.links),
            "total_link_strength": float(row.total_link_strength),
            "cluster": int(row.cluster),
            "x": float(row.x),
            "y": float(row.y),
        }
        if not (isinstance(row.avg_year, float) and math.isnan(row.avg_year)):
            attrs["avg_year"] = float(row.avg_year)
        if viz:
            attrs["viz"] = {
                "position": {"x": float(row.x) * 500, "y": float(row.y) * 500, "z": 0.0},
                "size": 5.0 + 25.0 * math.sqrt(row.occurrences / max_occ),
                "color": _hex_to_rgb(PALETTE[(int(row.cluster) - 1) % len(PALETTE)]),
            }
        g.add_node(int(row.id), **attrs)
    upper = sp.triu(net.cooccurrence, k=1).tocoo()
    order = np.lexsort((upper.col, upper.row))
    for i, j, c in zip(upper.row[order], upper.col[order], upper.data[order]):
        g.add_edge(
            int(i + 1),
            int(j + 1),
            weight=float(net.counting_weights[i, j]),
            cooccurrence=int(c),
            strength=float(net.weights[i, j]),
        )
    return g


def gexf_text(net) -> str:
    """GEXF 1.2 content, without the writer's date stamp (so reruns are byte-identical)."""
    import networkx as nx

    text = "\n".join(nx.generate_gexf(to_networkx(net, viz=True), version="1.2draft"))
    return re.sub(r' lastmodifieddate="[^"]*"', "", text) + "\n"


def graphml_text(net) -> str:
    """GraphML content."""
    import networkx as nx

    return "\n".join(nx.generate_graphml(to_networkx(net))) + "\n"


def export_all(
    net,
    folder: str | Path,
    overwrite: bool = False,
    figure: bool = True,
    html: bool = True,
    formats=("png", "svg", "pdf"),
) -> dict[str, Path]:
    """Write every output listed in the module docstring; return ``{name: path}``."""
    from ..runinfo import write_params

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    names = [
        "keywords.csv",
        "clusters.csv",
        "links.csv",
        "vosviewer_map.txt",
        "vosviewer_network.txt",
        "vosviewer.json",
        "network.gexf",
        "network.graphml",
        "params.json",
    ]
    for name in names:  # refuse before writing anything, so a refused run leaves no partial set
        check_writable(folder / name, overwrite)
    out = {
        "keywords.csv": write_csv(net.keywords, folder / "keywords.csv", overwrite),
        "clusters.csv": write_csv(net.clusters, folder / "clusters.csv", overwrite),
        "links.csv": write_csv(net.links(), folder / "links.csv", overwrite),
        "vosviewer_map.txt": write_text(folder / "vosviewer_map.txt", vosviewer_map_text(net), overwrite),
        "vosviewer_network.txt": write_text(folder / "vosviewer_network.txt", vosviewer_network_text(net), overwrite),
        "vosviewer.json": write_text(folder / "vosviewer.json", vosviewer_json_text(net), overwrite),
        "network.gexf": write_text(folder / "network.gexf", gexf_text(net), overwrite),
        "network.graphml": write_text(folder / "network.graphml", graphml_text(net), overwrite),
        "params.json": write_params(folder, net.params),
    }
    if figure:
        from ..plot.network import plot_network
        from ..plot.style import close, save_figure

        fig = plot_network(net)
        for path in save_figure(fig, folder / "keyword_map", formats=formats, overwrite=overwrite):
            out[path.name] = path
        close(fig)
    if html:
        from ..plot.network import write_network_html

        out["keyword_network.html"] = write_network_html(net, folder / "keyword_network.html", overwrite=overwrite)
    return out
