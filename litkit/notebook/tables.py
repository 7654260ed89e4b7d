"""Long and wide tables shown readably in a notebook."""

from __future__ import annotations

import html
from collections.abc import Sequence

import pandas as pd


class TableView:
    """The first rows of a table, important columns first, with a note saying what was left out.

    Made by :func:`show_table`; Jupyter shows it as an HTML table followed by the note,
    a console as text.  ``frame`` is the part shown; ``total_rows`` the length of the
    whole table.
    """

    def __init__(self, frame: pd.DataFrame, total_rows: int, note: str = ""):
        self.frame = frame
        self.total_rows = total_rows
        self.note = note

    def _repr_html_(self) -> str:
        table = self.frame.to_html(index=False, escape=True, na_rep="")
        note = f"<p><i>{html.escape(self.note)}</i></p>" if self.note else ""
        return f"<div class='litkit-table'>{table}{note}</div>"

    def __repr__(self) -> str:
        text = self.frame.to_string(index=False, na_rep="")
        return text + (f"\n[{self.note}]" if self.note else "")


def show_table(
    df: pd.DataFrame, max_rows: int = 20, first: Sequence[str] | None = None, name: str | None = None
) -> TableView:
    """The table as a notebook shows it: at most ``max_rows`` rows, ``first`` columns first.

    Parameters
    ----------
    df : pandas.DataFrame
    max_rows : int, default 20
        Rows shown; a longer table is cut with a note giving its length.
    first : list of str, optional
        Columns put first, in this order (the others follow in their order); names
        missing from ``df`` are ignored.
    name : str, optional
        Where the whole table is (e.g. ``"keywords.csv"``), named in the note.

    Returns
    -------
    TableView
        Displayed as HTML in Jupyter; ``.frame`` is the part shown.

    Examples
    --------
    >>> import pandas as pd
    >>> view = show_table(pd.DataFrame({"a": range(30), "b": range(30)}), max_rows=3, first=["b"])
    >>> list(view.frame.columns), len(view.frame), view.note
    (['b', 'a'], 3, 'first 3 of 30 rows')
    """
    first = [c for c in (first or []) if c in df.columns]
    columns = first + [c for c in df.columns if c not in first]
    shown = df[columns].head(max_rows)
    note = ""
    if len(df) > max_rows:
        note = f"first {max_rows} of {len(df)} rows"
        if name:
            note += f"; the whole table is in {name}"
    return TableView(shown, len(df), note)
