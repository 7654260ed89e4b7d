r"""Normalised link strengths of a co-occurrence network.

Notation (as in ``../shared/reference/README.md``): ``o_i`` occurrences of term
``i``; ``c_ij`` full co-occurrence count; ``w_ij`` the link weight of the chosen
counting (``c_ij`` for full, ``f_ij`` for fractional counting); ``s_i = sum_j w_ij``
total link strength; ``m = sum_{i<j} w_ij`` total link weight (``sum_i s_i = 2m``).
Every measure is 0 where ``c_ij = 0`` and every matrix has a zero diagonal.

============================== ==================================== =========================================
``normalization=``             formula                              reference
============================== ==================================== =========================================
``"association"``              ``2m · w_ij / (s_i · s_j)``          VOSviewer's association strength (van Eck &
                                                                    Waltman 2009; Waltman, van Eck & Noyons
                                                                    2010); 1 = as expected under independence
``"association_probabilistic"`` ``c_ij / (o_i · o_j)``              probabilistic affinity index; bibliometrix
                                                                    ``normalizeSimilarity(type="association")``
``"cosine"``                   ``c_ij / sqrt(o_i · o_j)``           Salton's cosine
``"jaccard"``                  ``c_ij / (o_i + o_j - c_ij)``        Jaccard index
``"inclusion"``                ``c_ij / min(o_i, o_j)``             Simpson / overlap coefficient
``"equivalence"``              ``c_ij² / (o_i · o_j)``              equivalence index (cosine squared)
``None``                       ``w_ij``                             raw counts (full or fractional)
============================== ==================================== =========================================

Only ``"association"`` depends on the counting method; the occurrence-based
measures are defined on full counts ``c`` and occurrences ``o`` (a fractional
Jaccard index has no accepted definition).

Examples
--------
>>> import numpy as np, scipy.sparse as sp
>>> c = sp.csr_matrix(np.array([[0, 2], [2, 0]]))
>>> normalize(c, np.array([3, 4]), "cosine").toarray().round(4)
array([[0.    , 0.5774],
       [0.5774, 0.    ]])
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

__all__ = ["NORMALIZATIONS", "normalize", "link_strengths"]

NORMALIZATIONS = ("association", "association_probabilistic", "cosine", "jaccard", "inclusion", "equivalence", None)


def link_strengths(weights: sp.spmatrix) -> tuple[np.ndarray, float]:
    """Total link strength ``s_i = sum_j w_ij`` of every term and total link weight ``m``."""
    s = np.asarray(weights.sum(axis=1)).ravel()
    return s, float(s.sum()) / 2.0


def normalize(
    cooccurrence: sp.spmatrix,
    occurrences: np.ndarray,
    method: str | None = "association",
    weights: sp.spmatrix | None = None,
) -> sp.csr_matrix:
    """Normalise a symmetric co-occurrence matrix.

    Parameters
    ----------
    cooccurrence : scipy.sparse matrix
        Full counts ``c`` (zero diagonal).
    occurrences : array of int
        ``o_i`` per term, same order.
    method : str or None
        One of :data:`NORMALIZATIONS` (see the module table).
    weights : scipy.sparse matrix, optional
        The counting's link weights ``w`` (fractional counts for fractional
        counting); used by ``"association"`` and ``None``.  Default ``c``.

    Returns
    -------
    scipy.sparse.csr_matrix of float64, symmetric, zero diagonal, non-zero exactly where ``c_ij > 0``.
    """
    if method not in NORMALIZATIONS:
        raise ValueError(f"normalization must be one of {NORMALIZATIONS}, not {method!r}")
    c = sp.coo_matrix(cooccurrence)
    w = sp.csr_matrix(cooccurrence if weights is None else weights, dtype=np.float64)
    mask = (c.data != 0) & (c.row != c.col)
    rows, cols = c.row[mask], c.col[mask]
    cij = c.data[mask].astype(np.float64)
    o = np.asarray(occurrences, dtype=np.float64)
    oi, oj = o[rows], o[cols]
    if method is None:
        values = np.asarray(w[rows, cols]).ravel()
    elif method == "association":
        s, m = link_strengths(w)
        values = 2.0 * m * np.asarray(w[rows, cols]).ravel() / (s[rows] * s[cols])
    elif method == "association_probabilistic":
        values = cij / (oi * oj)
    elif method == "cosine":
        values = cij / np.sqrt(oi * oj)
    elif method == "jaccard":
        values = cij / (oi + oj - cij)
    elif method == "inclusion":
        values = cij / np.minimum(oi, oj)
    else:  # equivalence
        values = cij * cij / (oi * oj)
    n = c.shape[0]
    out = sp.csr_matrix((values, (rows, cols)), shape=(n, n), dtype=np.float64)
    out.sort_indices()
    return out
