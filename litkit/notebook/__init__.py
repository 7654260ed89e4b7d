"""Helpers for running litkit in Jupyter: readable tables, a safe output folder, inline maps and
a panel of knobs (ipywidgets) that redraws a keyword or co-citation map.

Nothing here computes an analysis: the panel calls :func:`litkit.cooccurrence` or
:func:`litkit.cocitation` with the values chosen, and the chosen values can be copied
as the notebook's ``parameters`` cell so that the tuned run is replayable with papermill.
"""

from .folders import check_output_folder
from .images import figure_data_uri, network_map_html
from .panel import (
    KNOBS,
    NetworkPanel,
    label_clusters,
    network_panel,
    parameters_cell,
    update_network,
    widgets_available,
)
from .tables import TableView, show_table

__all__ = [
    "KNOBS",
    "NetworkPanel",
    "TableView",
    "check_output_folder",
    "figure_data_uri",
    "label_clusters",
    "network_map_html",
    "network_panel",
    "parameters_cell",
    "show_table",
    "update_network",
    "widgets_available",
]
