"""Writing a :class:`~litkit.network.Network` for other tools.

Files (all written atomically through :mod:`litkit._atomic`; existing files are
kept unless ``overwrite=True``):

======================== ==============================================================
``keywords.csv``         one row per term (``keyword, occurrences, total_link_strength, cluster, avg_year`` …);
                         ``nodes.csv`` for every other kind of network (``net.nodes``)
``clusters.csv``         one row per cluster (size, label, Q contribution, silhouette …)
``links.csv``            one row per linked pair (full and fractional count, normalised strength)
``vosviewer_map.txt``    VOSviewer map file: ``id label x y cluster weight<Links>
                         weight<Total link strength> weight<Occurrences> score<Avg. pub. year>``
``vosviewer_network.txt`` VOSviewer network file: ``id1 id2 strength`` (the counting's link weight), no header
``vosviewer.json``       VOSviewer (Online) JSON: ``{"network": {"items", "links", "clusters"}}``
``network.gexf``         Gephi; node positions and cluster colours in ``viz`` attributes
``network.graphml``      GraphML for Gephi, Cytoscape, igraph
``params.json``          every parameter of the run (:func:`litkit.runinfo.write_params`)
``keyword_map.*``        the figure (``cocitation_map.*``, ``coupling_map.*`` … for other kinds)
``keyword_network.html`` the offline HTML map (``cocitation_network.html`` …)
======================== ==============================================================

The map file's weight and score columns follow the network: ``weight<Occurrences>``
and ``score<Avg. pub. year>`` for keywords, ``weight<Citations>`` and
``score<Pub. year>`` for cited works, ``weight<Documents>`` for coupled units, and so
on (``net.size`` and ``net.score``).  Citation networks number clusters from 0
(CiteSpace); the VOSviewer files number them from 1 (cluster ``#0`` is ``1``).  A
directed network is written to VOSviewer as undirected links (VOSviewer has no
direction); GEXF and GraphML keep the direction.  An empty network writes its
(empty) tables and ``params.json`` with the reason, and no figure or HTML.

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
import pandas as pd
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


def _vos_label(label: str) -> str:
    label = re.sub(r"[\t\r\n]+", " ", str(label))
    if any(ch in label for ch in ',;"'):
        return '"' + label.replace('"', '""') + '"'
    return label


def _num(value) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    value = float(value)
    return str(int(value)) if value.is_integer() else f"{value:.6f}".rstrip("0").rstrip(".")


def _map_columns(net) -> list[str]:
    columns = ["id", "label", "x", "y", "cluster", "weight<Links>", "weight<Total link strength>"]
    columns.append(f"weight<{net.size_title}>")
    if net.score is not None:
        columns.append(f"score<{net.score_title}>")
    return columns


def _vos_cluster(net, cluster) -> int:
    """VOSviewer numbers clusters from 1."""
    return int(cluster) - int(net.cluster_base) + 1


def vosviewer_map_text(net) -> str:
    """VOSviewer map file content."""
    lines = ["\t".join(_map_columns(net))]
    nodes = net.nodes
    score = nodes[net.score].tolist() if net.score is not None else None
    for k, row in enumerate(nodes[["id", "label", "x", "y", "cluster", "links", "total_link_strength"]].itertuples()):
        fields = [
            str(row.id),
            _vos_label(row.label),
            _num(row.x),
            _num(row.y),
            str(_vos_cluster(net, row.cluster)),
            str(row.links),
            _num(row.total_link_strength),
            _num(nodes[net.size].iat[k]),
        ]
        if score is not None:
            fields.append(_num(score[k]))
        lines.append("\t".join(fields))
    return "\n".join(lines) + "\n"


def _pairs(net):
    """Each undirected link once (a directed network's links symmetrised), in id order."""
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
    nodes = net.nodes
    sizes = nodes[net.size].tolist()
    score = nodes[net.score].tolist() if net.score is not None else [float("nan")] * len(nodes)
    for k, row in enumerate(nodes[["id", "label", "x", "y", "cluster", "links", "total_link_strength"]].itertuples()):
        item = {
            "id": int(row.id),
            "label": str(row.label),
            "x": float(row.x),
            "y": float(row.y),
            "cluster": _vos_cluster(net, row.cluster),
            "weights": {
                "Links": int(row.links),
                "Total link strength": _json_number(row.total_link_strength),
                net.size_title: _json_number(sizes[k]),
            },
        }
        if _present(score[k]):
            item["scores"] = {net.score_title: float(score[k])}
        items.append(item)
    rows, cols, data = _pairs(net)
    links = [
        {"source_id": int(i + 1), "target_id": int(j + 1), "strength": _json_number(w)}
        for i, j, w in zip(rows, cols, data)
    ]
    clusters = [
        {"cluster": _vos_cluster(net, r.cluster), "label": str(r.label)} for r in net.clusters.itertuples(index=False)
    ]
    doc = {"network": {"items": items, "links": links, "clusters": clusters}}
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def _present(value) -> bool:
    """False for None, NaN and pandas' NA."""
    if value is None or value is pd.NA:
        return False
    return not (isinstance(value, (float, np.floating)) and math.isnan(value))


def _attribute(value):
    """A node attribute value GEXF and GraphML can write (numpy scalars as Python ones)."""
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return float(value)
    return str(value)


def _hex_to_rgb(color: str) -> dict:
    color = color.lstrip("#")
    return {"r": int(color[0:2], 16), "g": int(color[2:4], 16), "b": int(color[4:6], 16), "a": 1.0}


_FIXED = ("id", "key", "label", "links", "total_link_strength", "cluster", "x", "y")


def to_networkx(net, viz: bool = False):
    """networkx Graph (DiGraph when ``net.directed``): nodes ``1..n`` with their table's columns; links with weights.

    Node attributes: ``label``, the key (``term`` for keyword maps, ``key`` otherwise), the size,
    ``links``, ``total_link_strength``, ``cluster``, ``x``, ``y``, then the kind's other columns
    (missing values left out).  Link attributes: ``weight`` (the counting's weight), the count
    (``cooccurrence`` for keyword maps, ``count`` otherwise) and ``strength`` (normalised).
    """
    import networkx as nx

    from ..plot.style import PALETTE

    g = nx.DiGraph() if net.directed else nx.Graph()
    nodes = net.nodes
    sizes = np.asarray(net.sizes, dtype=float)
    max_size = float(sizes.max()) if len(net) and sizes.max() > 0 else 1.0
    key_name = "term" if net.kind == "keyword" else "key"
    extra = [c for c in nodes.columns if c not in _FIXED and c != net.size]
    records = nodes.to_dict("records")
    for k, row in enumerate(records):
        attrs = {
            "label": str(row["label"]),
            key_name: str(row["key"]),
            net.size: _attribute(row[net.size]),
            "links": int(row["links"]),
            "total_link_strength": float(row["total_link_strength"]),
            "cluster": int(row["cluster"]),
            "x": float(row["x"]),
            "y": float(row["y"]),
        }
        for c in extra:
            if _present(row[c]):
                attrs[c] = _attribute(row[c])
        if viz:
            attrs["viz"] = {
                "position": {"x": float(row["x"]) * 500, "y": float(row["y"]) * 500, "z": 0.0},
                "size": 5.0 + 25.0 * math.sqrt(max(sizes[k], 0.0) / max_size),
                "color": _hex_to_rgb(PALETTE[(int(row["cluster"]) - int(net.cluster_base)) % len(PALETTE)]),
            }
        g.add_node(int(row["id"]), **attrs)
    m = net.counts.tocoo() if net.directed else sp.triu(net.counts, k=1).tocoo()
    order = np.lexsort((m.col, m.row))
    counting = net.fractional if net.params.get("counting") == "fractional" else net.counts
    rows, cols = m.row[order], m.col[order]
    # all links' values at once: one sparse element look-up per link cost ~0.1 ms (0.4 s at 3,000 links)
    weight, strength = _values_at(counting, rows, cols), _values_at(net.weights, rows, cols)
    for i, j, c, w, s in zip(rows.tolist(), cols.tolist(), m.data[order].tolist(), weight, strength):
        g.add_edge(i + 1, j + 1, **{"weight": float(w), net.count_name: int(c), "strength": float(s)})
    return g


def _values_at(matrix, rows: np.ndarray, cols: np.ndarray) -> list:
    """``[matrix[i, j] for i, j in zip(rows, cols)]`` of a sparse or dense matrix, as Python numbers."""
    if sp.issparse(matrix):
        return np.asarray(matrix.tocsr()[rows, cols]).ravel().tolist()
    return np.asarray(matrix)[rows, cols].tolist()


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
    table = f"{net.node_file}.csv"
    names = [
        table,
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
        table: write_csv(net.node_table, folder / table, overwrite),
        "clusters.csv": write_csv(net.clusters, folder / "clusters.csv", overwrite),
        "links.csv": write_csv(net.links(), folder / "links.csv", overwrite),
        "vosviewer_map.txt": write_text(folder / "vosviewer_map.txt", vosviewer_map_text(net), overwrite),
        "vosviewer_network.txt": write_text(folder / "vosviewer_network.txt", vosviewer_network_text(net), overwrite),
        "vosviewer.json": write_text(folder / "vosviewer.json", vosviewer_json_text(net), overwrite),
        "network.gexf": write_text(folder / "network.gexf", gexf_text(net), overwrite),
        "network.graphml": write_text(folder / "network.graphml", graphml_text(net), overwrite),
        "params.json": write_params(folder, net.params),
    }
    if len(net) == 0:  # nothing to draw; params.json says why
        return out
    if figure:
        from ..plot.network import plot_network
        from ..plot.style import close, save_figure

        fig = plot_network(net)
        for path in save_figure(fig, folder / f"{net.file_stem}_map", formats=formats, overwrite=overwrite):
            out[path.name] = path
        close(fig)
    if html:
        from ..plot.network import write_network_html

        name = f"{net.file_stem}_network.html"
        out[name] = write_network_html(net, folder / name, overwrite=overwrite)
    return out
