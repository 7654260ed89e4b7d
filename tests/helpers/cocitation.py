"""Brute-force co-citation counts of real exports, shared by the pruning and centrality tests."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp


def real_cocitation(path, top: int) -> sp.csr_matrix:
    """Co-citation counts of the `top` most cited reference keys, counted by brute force over records."""
    import litkit

    refs = litkit.read(path).references
    cited = {}
    for record, key in zip(refs["record"], refs["key"]):
        if isinstance(key, str) and key:
            cited.setdefault(record, set()).add(key)
    counts = {}
    for keys in cited.values():
        for key in keys:
            counts[key] = counts.get(key, 0) + 1
    chosen = sorted(counts, key=lambda k: (-counts[k], k))[:top]
    index = {k: v for v, k in enumerate(chosen)}
    M = np.zeros((len(chosen), len(chosen)))
    for keys in cited.values():
        mine = sorted(index[k] for k in keys if k in index)
        for a_pos, a in enumerate(mine):
            for b in mine[a_pos + 1 :]:
                M[a, b] += 1
                M[b, a] += 1
    return sp.csr_matrix(M)
