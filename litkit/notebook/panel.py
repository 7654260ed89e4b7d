"""A panel of knobs (ipywidgets) that recomputes and redraws a keyword or co-citation map.

CiteSpace and VOSviewer users tune thresholds by looking at the map.  The panel offers
the same knobs -- minimum occurrence (minimum citations), top N, normalisation,
clustering resolution and the cluster-label method -- and redraws the map and the
cluster table with them.  It computes nothing itself: :func:`update_network` calls
:func:`litkit.cooccurrence` or :func:`litkit.cocitation`, so the map shown is the one
the notebook's own cell computes with the same values; :func:`parameters_cell` writes
the values as the notebook's ``parameters`` cell, which keeps a tuned run replayable
with papermill.

Where no widget can be shown (papermill, nbconvert, a console, ipywidgets not
installed) :func:`network_panel` prints one line and returns None.
"""

from __future__ import annotations

from collections.abc import Mapping

#: The knobs of each kind of map: the keyword argument of the builder, and its choices
#: (min, max, step) or list.  ``label_method`` is a keyword argument of
#: :func:`litkit.cooccurrence`; for co-citation it chooses which label column names the clusters.
KNOBS = {
    "cooccurrence": {
        "min_occurrence": (1, 50, 1),
        "top_n": (10, 1000, 10),
        "normalization": ["association", "association_probabilistic", "cosine", "jaccard", "inclusion", None],
        "resolution": (0.1, 3.0, 0.1),
        "label_method": ["llr", "tfidf", "mi"],
    },
    "cocitation": {
        "min_citations": (1, 50, 1),
        "top_n": (10, 1000, 10),
        "normalization": ["association", "association_probabilistic", "cosine", "jaccard", "inclusion", None],
        "resolution": (0.1, 3.0, 0.1),
        "label_method": ["llr", "tfidf", "mi"],
    },
}


def update_network(corpus, kind: str = "cooccurrence", **values):
    """The network the panel draws for ``values``.

    Parameters
    ----------
    corpus : litkit.Corpus
    kind : {"cooccurrence", "cocitation"}
    **values
        Keyword arguments of :func:`litkit.cooccurrence` or :func:`litkit.cocitation`
        (the knobs and any fixed ones, e.g. ``field``, ``slice_years``).  For
        co-citation, ``label_method`` ("llr", "tfidf" or "mi") is not passed on: the
        clusters' ``label`` becomes the first term of their ``label_<method>`` column
        (CiteSpace's choice of label algorithm) where that column has one.

    Returns
    -------
    Network
        For ``kind="cooccurrence"``, ``litkit.cooccurrence(corpus, **values)``.

    Examples
    --------
    >>> net = update_network(corpus, "cooccurrence", min_occurrence=3, top_n=100)  # doctest: +SKIP
    """
    import litkit

    _check_kind(kind)
    if kind == "cooccurrence":
        return litkit.cooccurrence(corpus, **values)
    values = dict(values)
    method = values.pop("label_method", "llr")
    return label_clusters(litkit.cocitation(corpus, **values), method)


def label_clusters(net, method: str = "llr"):
    """Name each cluster of a co-citation network by the first term of its ``label_<method>`` column.

    CiteSpace lets one choose the algorithm that names the clusters: log-likelihood
    ratio, tf-idf or mutual information.  :func:`litkit.cocitation` computes all three
    (``label_llr``, ``label_tfidf``, ``label_mi``) and names clusters by LLR; this sets
    ``label`` from the chosen column (a cluster whose column is empty keeps its label).

    Parameters
    ----------
    net : Network
        A network whose clusters have ``label_<method>`` columns (co-citation, collaboration).
    method : {"llr", "tfidf", "mi"}

    Returns
    -------
    Network
        ``net`` itself, its ``clusters`` replaced and ``params["label_method"]`` set.

    Examples
    --------
    >>> net = label_clusters(litkit.cocitation(corpus, slice_years=1), "tfidf")  # doctest: +SKIP
    """
    from ..errors import LitkitError

    if method not in ("llr", "tfidf", "mi"):
        raise LitkitError(f"unknown label method {method!r}", expected="'llr', 'tfidf' or 'mi'")
    column = f"label_{method}"
    if column in net.clusters and len(net.clusters):
        first = net.clusters[column].fillna("").astype(str).str.split("; ").str[0]
        net.clusters = net.clusters.assign(label=first.where(first != "", net.clusters["label"]))
    net.params["label_method"] = method
    return net


def parameters_cell(values: Mapping, names: Mapping[str, str] | None = None) -> str:
    """The ``parameters`` cell lines that replay ``values``.

    Parameters
    ----------
    values : mapping
        Knob name → value.
    names : mapping, optional
        Knob name → the notebook's parameter name, where they differ (notebook 06 calls
        ``top_n`` ``top_per_slice``).

    Returns
    -------
    str
        One ``name = value`` line per knob, values as Python literals.

    Examples
    --------
    >>> print(parameters_cell({"min_occurrence": 3, "normalization": "cosine"}))
    min_occurrence = 3
    normalization = 'cosine'
    """
    names = dict(names or {})
    return "\n".join(f"{names.get(k, k)} = {_literal(v)}" for k, v in values.items())


def widgets_available() -> bool:
    """True in a Jupyter front end that can show widgets: ipywidgets importable, an IPython
    kernel, and a front end that accepts input (JupyterLab, Notebook and VS Code do;
    papermill, nbconvert and nbclient do not, and would only print the widget's text)."""
    try:
        import ipywidgets  # noqa: F401
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    kernel = getattr(shell, "kernel", None)
    return bool(kernel is not None and getattr(kernel, "_allow_stdin", False))


def network_panel(
    corpus, kind: str = "cooccurrence", *, names=None, n_labels: int = 30, plot=None, force: bool = False, **values
):
    """Show the knobs panel under the cell, or print why it is skipped.

    Parameters
    ----------
    corpus : litkit.Corpus
    kind : {"cooccurrence", "cocitation"}
    names : mapping, optional
        Knob name → notebook parameter name (see :func:`parameters_cell`).
    n_labels : int
        Nodes labelled on the map.
    plot : callable, optional
        ``plot(network)`` → matplotlib Figure, the map drawn; default ``network.plot(n_labels=n_labels)``.
    force : bool
        Build the panel even where :func:`widgets_available` is False (tests).
    **values
        Starting values of the knobs, and fixed keyword arguments of the builder.

    Returns
    -------
    NetworkPanel or None
        None (after printing one line) where widgets cannot be shown.

    Examples
    --------
    >>> network_panel(corpus, "cooccurrence", min_occurrence=2, top_n=200, field="DE")  # doctest: +SKIP
    """
    if not force and not widgets_available():
        print(
            "The tuning panel needs JupyterLab or Jupyter Notebook with ipywidgets; skipped here "
            "(papermill, nbconvert or no ipywidgets): edit the parameters cell instead."
        )
        return None
    return NetworkPanel(corpus, kind, names=names, n_labels=n_labels, plot=plot, **values)


class NetworkPanel:
    """The widgets of :func:`network_panel` and what they do.

    ``controls`` maps each knob to its widget; :meth:`values` reads them;
    :meth:`redraw` recomputes ``network`` with :func:`update_network` and redraws the
    map and the cluster table; :meth:`show_parameters` fills ``parameters`` (a text
    area) with the ``parameters`` cell to copy.  Jupyter displays ``widget``.
    """

    def __init__(self, corpus, kind: str = "cooccurrence", *, names=None, n_labels: int = 30, plot=None, **values):
        import ipywidgets as w

        _check_kind(kind)
        self.corpus = corpus
        self.kind = kind
        self.names = dict(names or {})
        self.n_labels = n_labels
        self.plot = plot or (lambda net: net.plot(n_labels=n_labels))
        knobs = KNOBS[kind]
        self.fixed = {k: v for k, v in values.items() if k not in knobs}
        self.controls = {}
        defaults = _builder_defaults(kind)
        for name, choice in knobs.items():
            start = values.get(name, defaults.get(name))
            label = self.names.get(name, name)
            style = {"description_width": "initial"}
            if isinstance(choice, list):
                options = [("None" if c is None else c, c) for c in choice]
                self.controls[name] = w.Dropdown(
                    options=options, value=start if start in choice else choice[0], description=label, style=style
                )
            elif isinstance(choice[2], float):
                self.controls[name] = w.FloatSlider(
                    value=float(start if start is not None else 1.0),
                    min=choice[0],
                    max=choice[1],
                    step=choice[2],
                    description=label,
                    style=style,
                )
            else:
                self.controls[name] = w.IntSlider(
                    value=int(start if start is not None else choice[0]),
                    min=choice[0],
                    max=max(choice[1], int(start or 0)),
                    step=choice[2],
                    description=label,
                    style=style,
                )
        self.redraw_button = w.Button(description="Redraw", button_style="primary")
        self.parameters_button = w.Button(description="Parameters cell")
        self.parameters = w.Textarea(layout=w.Layout(width="100%", height="8em"))
        self.map = w.Output()
        self.table = w.Output()
        self.network = None
        self.redraw_button.on_click(lambda _: self.redraw())
        self.parameters_button.on_click(lambda _: self.show_parameters())
        self.widget = w.VBox(
            [
                w.HBox(list(self.controls.values())[:3]),
                w.HBox(list(self.controls.values())[3:] + [self.redraw_button, self.parameters_button]),
                self.parameters,
                w.HBox([self.map, self.table]),
            ]
        )

    def values(self) -> dict:
        """The knobs' current values."""
        return {name: control.value for name, control in self.controls.items()}

    def redraw(self):
        """Recompute the network with the current values, draw its map and cluster table; return it.

        Values no network passes (a minimum occurrence above every term's) print the reason in the
        map's place and return None; ``network`` keeps the last network drawn.
        """
        import matplotlib.pyplot as plt
        from IPython.display import display

        from ..errors import LitkitError
        from .tables import show_table

        self.map.clear_output(wait=True)
        self.table.clear_output(wait=True)
        try:
            network = update_network(self.corpus, self.kind, **self.fixed, **self.values())
        except LitkitError as error:  # e.g. no term that frequent: said under the knobs, not lost in a callback
            with self.map:
                print(f"Not redrawn: {error}")
            return None
        self.network = network
        with self.map:
            if self.network.is_empty():
                print("Nothing to draw:", self.network.message or "no node passes the thresholds")
            else:
                figure = self.plot(self.network)
                plt.close(figure)  # shown once, here, not again by the inline backend
                display(figure)
        with self.table:
            columns = ["cluster", "size", "label", "silhouette", "avg_year", "year"]
            display(show_table(self.network.clusters, max_rows=15, first=columns))
        self.show_parameters()
        return self.network

    def show_parameters(self) -> str:
        """Put the ``parameters`` cell for the current values in the text area; return it."""
        text = "# the panel's values: paste over these lines of the parameters cell\n"
        text += parameters_cell(self.values(), self.names)
        self.parameters.value = text
        return text

    def _ipython_display_(self):
        from IPython.display import display

        if self.network is None:
            self.redraw()
        display(self.widget)


def _check_kind(kind: str) -> None:
    from ..errors import LitkitError

    if kind not in KNOBS:
        raise LitkitError(f"unknown map kind {kind!r}", expected=" or ".join(repr(k) for k in KNOBS))


def _literal(value) -> str:
    return repr(value)


def _builder_defaults(kind: str) -> dict:
    """The builder's own defaults, for the knobs a notebook does not set."""
    import inspect

    import litkit

    builder = litkit.cooccurrence if kind == "cooccurrence" else litkit.cocitation
    found = {n: p.default for n, p in inspect.signature(builder).parameters.items() if p.default is not p.empty}
    found.setdefault("label_method", "llr")
    return found
