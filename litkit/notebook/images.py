"""Figures as inline images (base64 PNG), for the ``_repr_html_`` of networks."""

from __future__ import annotations

import base64
import html


def figure_data_uri(fig, dpi: int = 72) -> str:
    """``data:image/png;base64,…`` of a matplotlib figure (the figure is not closed).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> figure_data_uri(fig).startswith("data:image/png;base64,")
    True
    >>> plt.close(fig)
    """
    from ..plot.style import figure_bytes

    return "data:image/png;base64," + base64.b64encode(figure_bytes(fig, "png", dpi=dpi)).decode("ascii")


def network_map_html(net, n_labels: int = 12, figsize: tuple[float, float] = (4.8, 4.0), dpi: int = 72) -> str:
    """A small static map of ``net`` as an ``<img>`` tag, or a one-line note when none can be drawn.

    The map is :meth:`Network.plot` with few labels, rendered at screen resolution and
    closed at once (so that Jupyter's inline backend does not show it a second time).

    Parameters
    ----------
    net : litkit.network.Network
    n_labels : int
        Nodes labelled.
    figsize : (float, float)
        Inches.
    dpi : int

    Returns
    -------
    str
        HTML.

    Examples
    --------
    >>> network_map_html(net)[:9]   # doctest: +SKIP
    '<img alt='
    """
    import matplotlib.pyplot as plt

    if net.is_empty():
        return ""
    nodes = net.nodes
    if "x" not in nodes or "y" not in nodes or nodes["x"].isna().all():
        return "<p><i>No map: the network was built without a layout (with_layout=False).</i></p>"
    from ..errors import LitkitError

    try:
        fig = net.plot(n_labels=n_labels, figsize=figsize)
    except LitkitError as error:  # e.g. no CJK font: the summary and tables are still shown
        return f"<p><i>No map: {html.escape(str(error))}</i></p>"
    try:
        uri = figure_data_uri(fig, dpi=dpi)
    finally:
        plt.close(fig)
    alt = html.escape(f"map of the {net.kind} network")
    return f"<img alt='{alt}' src='{uri}' style='max-width:100%'>"
