"""Where the Dask work runs: an existing scheduler, or a cluster on this machine."""

from __future__ import annotations

import os

#: Environment variable naming the scheduler, e.g. ``tcp://10.0.0.5:8786``.
SCHEDULER_ENV = "LITKIT_DASK_SCHEDULER"


def client(
    address: str | None = None,
    *,
    n_workers: int | None = None,
    threads_per_worker: int = 1,
    memory_limit: str | None = "auto",
    **cluster_options,
):
    """A ``dask.distributed.Client``: connect to a scheduler, or start a local cluster.

    Parameters
    ----------
    address : str, optional
        Scheduler address (``tcp://host:8786``, or a scheduler file path ending in
        ``.json``), or ``"local"`` for a ``LocalCluster`` of worker processes on
        this machine (closed with the client).  Default: the
        ``LITKIT_DASK_SCHEDULER`` environment variable, else ``"local"``.
    n_workers : int, optional
        Local cluster only: worker processes (default: Dask's choice, one per core).
    threads_per_worker : int
        Local cluster only.  litkit's per-partition work is pure Python (parsing,
        term cleaning), which holds the GIL: processes, one thread each, use the
        cores; more threads do not.
    memory_limit : str
        Local cluster only: per worker (``"4GiB"``; ``"auto"`` shares the machine's memory).
    cluster_options
        Passed to ``LocalCluster``.

    Returns
    -------
    dask.distributed.Client
        Use it as a context manager (``with litkit.scale.client() as c:``) or call
        ``c.close()``; pass it as ``client=`` to the :mod:`litkit.scale` functions.

    Examples
    --------
    >>> import litkit.scale
    >>> with litkit.scale.client("tcp://10.0.0.5:8786") as c:          # doctest: +SKIP
    ...     pc = litkit.scale.ingest("exports/", "/shared/corpus", client=c)
    """
    from dask.distributed import Client

    address = address or os.environ.get(SCHEDULER_ENV) or None
    if address and address != "local":
        if address.endswith(".json"):
            return Client(scheduler_file=address)
        return Client(address)
    return Client(
        n_workers=n_workers,
        threads_per_worker=threads_per_worker,
        processes=True,
        memory_limit=memory_limit,
        **cluster_options,
    )
