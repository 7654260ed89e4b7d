"""Figures of collaboration: the country (or institution) collaboration heatmap and the SCP/MCP bars.

* :func:`plot_collaboration_heatmap`: the ``top`` units of a collaboration network
  (:func:`litkit.collaboration`) as a symmetric matrix, each cell the number of records the two
  share (full counting; fractional with ``counting="fractional"``), the diagonal left blank.
  seaborn draws it; counts are written in the cells when there are few enough to read.
* :func:`plot_country_production`: records per corresponding author's country as stacked
  horizontal bars, single-country (SCP) and multiple-country (MCP) publications, with the MCP
  ratio after each bar (bibliometrix's "corresponding author's countries" figure), from
  :func:`litkit.country_production`.

The network map itself is :meth:`litkit.network.Network.plot`.  Plotting only: every function
takes what :mod:`litkit.network` computed.

Examples
--------
>>> import litkit                                                                        # doctest: +SKIP
>>> from litkit.plot.collaboration import plot_collaboration_heatmap, plot_country_production
>>> net = litkit.collaboration(corpus, unit="country")                                  # doctest: +SKIP
>>> fig = plot_collaboration_heatmap(net, top=20)                                       # doctest: +SKIP
>>> fig = plot_country_production(litkit.country_production(corpus), top=20)            # doctest: +SKIP
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from ..errors import LitkitError
from .style import PALETTE, require_cjk_font, use_style

__all__ = ["plot_collaboration_heatmap", "plot_country_production", "heatmap_matrix"]

#: At most this many units get their counts written in the cells (more would not be legible).
ANNOTATE_MAX = 25


def heatmap_matrix(net, top: int | None = 20, counting: str | None = None) -> pd.DataFrame:
    """The matrix :func:`plot_collaboration_heatmap` draws: the ``top`` nodes × the ``top`` nodes.

    Parameters
    ----------
    net : litkit.network.Network
        A collaboration network (any kind with symmetric counts works).
    top : int or None, default 20
        The first ``top`` nodes in the network's rank order (most documents); None: all.
    counting : {"full", "fractional"}, optional
        Which counts; default the network's own ``counting``.

    Returns
    -------
    pandas.DataFrame
        Index and columns are the node labels; diagonal 0.

    Examples
    --------
    >>> import numpy as np, scipy.sparse as sp
    >>> from litkit.network import network_from_incidence
    >>> x = sp.csr_matrix(np.array([[1, 1, 0], [1, 1, 1], [1, 0, 0]]))
    >>> net = network_from_incidence(x, ["CN", "US", "GB"], kind="collaboration", size="documents",
    ...                              with_layout=False)
    >>> heatmap_matrix(net, top=2)
        CN  US
    CN   0   2
    US   2   0
    """
    counting = counting or net.params.get("counting", "full")
    if counting not in ("full", "fractional"):
        raise LitkitError(f"unknown counting {counting!r}", expected="full or fractional")
    n = len(net) if top is None else min(int(top), len(net))
    m = net.fractional if counting == "fractional" else net.counts
    block = m[:n, :n].toarray() if n else np.zeros((0, 0))
    if net.directed:
        block = block + block.T
    np.fill_diagonal(block, 0)
    labels = net.labels[:n]
    return pd.DataFrame(block, index=labels, columns=labels)


def plot_collaboration_heatmap(
    net,
    top: int | None = 20,
    counting: str | None = None,
    title: str | None = None,
    cmap: str = "Blues",
    annotate: bool | None = None,
):
    """Heatmap of the records shared by the ``top`` units of a collaboration network.

    Parameters
    ----------
    net : litkit.network.Network
        From :func:`litkit.collaboration` (most often ``unit="country"``).
    top : int or None, default 20
        Units shown: the first ``top`` in the network's rank order (most documents).
    counting : {"full", "fractional"}, optional
        Cell values; default the network's own counting.
    title : str, optional
        Default: "Country collaboration" (or the unit's name).
    cmap : str, default "Blues"
        A sequential colour map; cells with no shared record are white.
    annotate : bool, optional
        Write the counts in the cells; default: when at most :data:`ANNOTATE_MAX` units are shown.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = plot_collaboration_heatmap(litkit.collaboration(corpus, unit="country"))   # doctest: +SKIP
    """
    import seaborn as sns

    if net.is_empty():
        raise LitkitError(
            f"the collaboration network is empty: {net.message or 'no units'}",
            expected="a network with at least one unit (check the corpus has addresses)",
        )
    matrix = heatmap_matrix(net, top=top, counting=counting)
    counting = counting or net.params.get("counting", "full")
    unit = net.params.get("unit", "unit")
    if title is None:
        title = f"{str(unit).capitalize()} collaboration"
    labels = [str(v) for v in matrix.index]
    n = len(labels)
    annotate = n <= ANNOTATE_MAX if annotate is None else annotate
    require_cjk_font(labels + [title])
    use_style()
    side = 2.2 + 0.28 * max(n, 1)
    fig, ax = plt.subplots(figsize=(side + 1.2, side))
    values = matrix.to_numpy(dtype=float)
    fmt = "d" if counting == "full" else ".1f"
    shown = values.astype(np.int64) if counting == "full" else values
    sns.heatmap(
        pd.DataFrame(shown, index=labels, columns=labels),
        ax=ax,
        mask=values == 0,  # white where two units share no record (and on the diagonal)
        cmap=cmap,
        vmin=0,
        square=True,
        linewidths=0.5,
        linecolor="#EEEEEE",
        annot=annotate,
        fmt=fmt,
        annot_kws={"fontsize": "x-small"},
        cbar_kws={
            "label": "shared records" if counting == "full" else "shared records (fractional)",
            "shrink": 0.6,
        },
    )
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.tick_params(axis="both", length=0, labelsize="small")
    ax.set_xticks(np.arange(n) + 0.5, labels, rotation=90)
    ax.set_yticks(np.arange(n) + 0.5, labels, rotation=0)
    if title:
        ax.set_title(title)
    return fig


def plot_country_production(
    table: pd.DataFrame,
    top: int | None = 20,
    title: str | None = "Corresponding author's countries",
    label: str = "country_name",
    max_label: int = 40,
):
    """Stacked bars of single- (SCP) and multiple-country publications (MCP) per country.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`litkit.country_production` (columns ``SCP``, ``MCP``, ``MCP_ratio`` and ``label``),
        most articles first.
    top : int or None, default 20
        Countries drawn (the table's first rows).
    title : str, optional
    label : str, default "country_name"
        Column naming the countries (``"country"`` for ISO codes).
    max_label : int, default 40
        Longer names are cut with "…".

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"country_name": ["China", "Japan"], "SCP": [8, 2], "MCP": [2, 1],
    ...                   "MCP_ratio": [0.2, 1 / 3]})
    >>> fig = plot_country_production(t)
    >>> [round(p.get_width()) for p in fig.axes[0].patches]
    [8, 2, 2, 1]
    """
    need = (label, "SCP", "MCP", "MCP_ratio")
    if not isinstance(table, pd.DataFrame) or any(c not in table.columns for c in need):
        raise LitkitError(f"the table lacks the column(s) {list(need)}", expected="the output of country_production")
    rows = table.head(top) if top is not None else table
    names = [v if len(v) <= max_label else v[: max_label - 1].rstrip() + "…" for v in map(str, rows[label])]
    require_cjk_font(names + [title or ""])
    use_style()
    fig, ax = plt.subplots(figsize=(6.5, 1.1 + 0.24 * max(len(rows), 1)))
    y = np.arange(len(rows))
    scp = rows["SCP"].to_numpy(dtype=float)
    mcp = rows["MCP"].to_numpy(dtype=float)
    ax.barh(y, scp, color=PALETTE[0], label="SCP (single-country)")
    ax.barh(y, mcp, left=scp, color=PALETTE[1], label="MCP (multiple-country)")
    right = float((scp + mcp).max()) if len(rows) else 1.0
    for yi, total, ratio in zip(y, scp + mcp, rows["MCP_ratio"].to_numpy(dtype=float)):
        if ratio == ratio:
            ax.text(total + right * 0.01, yi, f"{ratio:.0%}", va="center", fontsize="x-small", color="#555555")
    ax.set_xlim(0, right * 1.12 if right > 0 else 1)
    ax.set_yticks(y, names)
    ax.invert_yaxis()
    ax.set_xlabel("Records (MCP ratio after each bar)")
    ax.spines["left"].set_visible(False)
    ax.tick_params(axis="y", length=0)
    ax.legend(frameon=False, fontsize="small", loc="lower right")
    if title:
        ax.set_title(title)
    return fig
