"""Lotka's law of author productivity, fitted as bibliometrix's ``lotka`` fits it.

Lotka (1926): the share of authors with *x* papers falls as ``C / x**beta``, with beta
near 2.  bibliometrix (``lotka``, version 5) tabulates how many authors wrote 1, 2, 3 ...
papers, fits ordinary least squares of ``log10(share)`` on ``log10(x)`` (R's ``lm``), and
reports ``beta = |slope|``, ``C = 10 ** intercept`` and R².  It then compares the observed
shares with two distributions over the same values of x, each normalised to sum to 1:
Lotka's law at beta = 2 (``x**-2 / sum(x**-2)``) and the fitted law
(``x**-beta / sum(x**-beta)``), each by a two-sample Kolmogorov–Smirnov test with R's
asymptotic p-value (``ks.test(..., exact = FALSE)``).  :func:`lotka` does the same.
(bibliometrix before version 5 compared with ``C / x**2`` unnormalised and had no second test.)
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats

from ..errors import LitkitError
from .productivity import top_authors


@dataclass(frozen=True)
class LotkaResult:
    """Lotka's law fitted to an author-productivity table.

    Attributes
    ----------
    beta : float
        Fitted exponent, ``|slope|`` of the log10-log10 least-squares line.
    C : float
        Fitted constant, ``10 ** intercept``.
    r2 : float
        R² of that fit.
    ks_statistic : float
        Kolmogorov–Smirnov D between the observed shares and Lotka's shares at beta = 2
        (bibliometrix's ``ks.theo.stat``).  Shares equal to 12 significant digits count as
        ties, where R compares the floating-point values exactly.
    p_value : float
        Its asymptotic two-sample p-value, as R's ``ks.test(exact = FALSE)``
        (bibliometrix's ``p.value`` / ``ks.theo.pvalue``).
    ks_fit_statistic, ks_fit_p_value : float
        The same test against the fitted law (``ks.fit.stat``, ``ks.fit.pvalue``).
    table : pandas.DataFrame
        ``articles`` (x), ``authors`` (authors with x papers), ``freq`` (their share),
        ``fitted`` (the fitted law's share, ``x**-beta`` normalised) and ``theoretical``
        (Lotka's share, ``x**-2`` normalised).
    """

    beta: float
    C: float
    r2: float
    ks_statistic: float
    p_value: float
    ks_fit_statistic: float
    ks_fit_p_value: float
    table: pd.DataFrame = field(repr=False)

    def parameters(self) -> pd.DataFrame:
        """The fitted numbers as a two-column table (``parameter``, ``value``), for export."""
        names = ("beta", "C", "r2", "ks_statistic", "p_value", "ks_fit_statistic", "ks_fit_p_value")
        return pd.DataFrame({"parameter": names, "value": [float(getattr(self, n)) for n in names]})


def lotka(corpus) -> LotkaResult:
    """Fit Lotka's law to the authors of a corpus.

    Parameters
    ----------
    corpus : Corpus or pandas.DataFrame
        Uses ``AU``; an author's papers are the records they are on (see :func:`top_authors`).

    Returns
    -------
    LotkaResult

    Examples
    --------
    >>> from litkit import Corpus
    >>> c = Corpus.from_records([{"UT": "1", "AU": ["A", "B", "C"]}, {"UT": "2", "AU": ["A", "D"]},
    ...                          {"UT": "3", "AU": ["A", "B"]}])
    >>> lotka(c).table[["articles", "authors"]].values.tolist()
    [[1, 2], [2, 1], [3, 1]]
    """
    articles = top_authors(corpus)["articles"]
    if articles.empty:
        raise LitkitError("Lotka's law needs authors, and no record has any", expected="records with AU")
    return lotka_fit(articles.value_counts().to_dict())


def lotka_fit(productivity: Mapping[int, int]) -> LotkaResult:
    """Fit Lotka's law to a productivity table ``{papers x: number of authors with x papers}``.

    Parameters
    ----------
    productivity : mapping of int to int
        Every x ≥ 1 and every count ≥ 1.

    Returns
    -------
    LotkaResult
        Every number is NaN when the table has fewer than two values of x (no line fits).

    Examples
    --------
    Authors following the inverse square exactly (16, 4 and 1 authors with 1, 2 and 4 papers):
    the shares are 16/21, 4/21, 1/21, so beta = 2 and C = 16/21.

    >>> fit = lotka_fit({1: 16, 2: 4, 4: 1})
    >>> round(fit.beta, 9), round(fit.C, 4), round(fit.r2, 9)
    (2.0, 0.7619, 1.0)
    """
    pairs = sorted((int(x), int(n)) for x, n in dict(productivity).items())
    if not pairs or any(x < 1 or n < 1 for x, n in pairs):
        raise LitkitError(
            "a productivity table needs positive numbers of papers and of authors",
            expected="{papers: authors} with both at least 1",
        )
    x = np.array([p[0] for p in pairs], dtype=float)
    n = np.array([p[1] for p in pairs], dtype=float)
    freq = n / n.sum()
    lx, ly = np.log10(x), np.log10(freq)
    nan = float("nan")
    beta = constant = r2 = nan
    fitted = theoretical = np.full(len(x), nan)
    (statistic, p_value), (fit_statistic, fit_p_value) = (nan, nan), (nan, nan)
    if len(x) >= 2:  # with one value of x no line fits (R's lm gives slope NA), and nothing is tested
        slope, intercept = np.polyfit(lx, ly, 1)
        residual = ly - (intercept + slope * lx)
        total = ly - ly.mean()
        ss_tot = float(total @ total)
        r2 = 1.0 - float(residual @ residual) / ss_tot if ss_tot > 0 else nan
        beta, constant = abs(float(slope)), float(10.0**intercept)
        theoretical = x**-2.0 / np.sum(x**-2.0)
        fitted = x**-beta / np.sum(x**-beta)
        statistic, p_value = _ks_two_sample(freq, theoretical)
        fit_statistic, fit_p_value = _ks_two_sample(freq, fitted)
    table = pd.DataFrame(
        {
            "articles": x.astype(int),
            "authors": n.astype(int),
            "freq": freq,
            "fitted": fitted,
            "theoretical": theoretical,
        }
    )
    return LotkaResult(beta, constant, r2, statistic, p_value, fit_statistic, fit_p_value, table)


def _ks_two_sample(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """Two-sample KS statistic and R's asymptotic p-value (Kolmogorov's limit at sqrt(mn/(m+n)) D)."""
    if not (np.all(np.isfinite(a)) and np.all(np.isfinite(b))) or len(a) == 0 or len(b) == 0:
        return float("nan"), float("nan")
    # Shares equal to 12 significant digits are ties: the law's C / x**2 recomputed in floating
    # point must not differ from an observed share that equals it (R's ks.test compares exactly).
    a = np.sort([float(f"{v:.12g}") for v in a])
    b = np.sort([float(f"{v:.12g}") for v in b])
    grid = np.concatenate([a, b])
    d = float(np.max(np.abs(np.searchsorted(a, grid, "right") / len(a) - np.searchsorted(b, grid, "right") / len(b))))
    m, k = len(a), len(b)
    return d, float(stats.kstwobign.sf(math.sqrt(m * k / (m + k)) * d))
