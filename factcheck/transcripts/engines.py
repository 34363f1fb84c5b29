"""Where chunks are checked: in this process, in local worker processes, or on a Dask cluster.

Every engine offers `submit(fn, *args) -> future` (futures with `.result()`) and
`window`, how many chunks to keep in flight. Workers load the checker once each
(work.checker_for caches it per process) and get an equal share of the cores.
"""

from __future__ import annotations

import logging
import os
from collections import Counter
from concurrent.futures import Future

from ..errors import FactcheckError
from .work import CheckerSettings, warm, warm_quietly

ENGINES = ("local", "dask")


class InlineEngine:
    """One process: the chunk is checked when its result is asked for."""

    window = 1
    name = "local, 1 process"

    def __init__(self, settings: CheckerSettings):
        warm(settings)

    def submit(self, fn, *args):
        future: Future = Future()
        try:
            future.set_result(fn(*args))
        except BaseException as exc:  # noqa: BLE001 - handed to the caller through the future
            if isinstance(exc, KeyboardInterrupt):
                raise
            future.set_exception(exc)
        return future

    def close(self) -> None:
        pass


class ProcessEngine:
    """Local worker processes (spawned: torch and fork do not mix)."""

    def __init__(self, workers: int, settings: CheckerSettings):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        self.pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                                        initializer=warm_quietly, initargs=(settings, os.getpid()))
        for future in [self.pool.submit(warm, settings) for _ in range(workers)]:
            future.result()  # a bad index or model fails here, with its message
        self.window = workers * 2
        self.name = f"local, {workers} processes"

    def submit(self, fn, *args):
        return self.pool.submit(fn, *args)

    def close(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)


def _on_worker(fn, *args):
    """Run a chunk and say which worker process ran it."""
    return os.getpid(), fn(*args)


class _Counted:
    """A future whose result also counts the chunk for the worker that ran it."""

    def __init__(self, future, counts: Counter):
        self.future, self.counts = future, counts

    def result(self):
        pid, value = self.future.result()
        self.counts[pid] += 1
        return value


class DaskEngine:
    """A Dask cluster: a LocalCluster of `workers` processes, or an existing scheduler's workers."""

    def __init__(self, workers: int, settings: CheckerSettings, scheduler: str | None = None):
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:  # pragma: no cover - a dependency of the package
            raise FactcheckError(f"--engine dask needs dask[distributed] ({exc})") from exc
        self.cluster = None
        if scheduler:
            try:
                self.client = Client(scheduler, timeout="30s")
            except (OSError, TimeoutError) as exc:
                raise FactcheckError(f"cannot reach the Dask scheduler at {scheduler} ({exc})") from exc
            workers = max(1, len(self.client.scheduler_info(n_workers=-1).get("workers", {})))
            self.label = f"dask, {workers} workers at {scheduler}"
        else:
            self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                        dashboard_address=None, silence_logs=logging.ERROR)
            self.client = Client(self.cluster)
            self.label = f"dask, LocalCluster of {workers} workers"
        self.client.run(warm, settings)  # every worker loads the model once, now
        self.window = workers * 2
        self.chunks_per_worker: Counter = Counter()

    @property
    def name(self) -> str:
        """The cluster, and once chunks are done, how many each worker process checked."""
        if not self.chunks_per_worker:
            return self.label
        shares = " + ".join(str(n) for _, n in sorted(self.chunks_per_worker.items()))
        return f"{self.label}; chunks per worker: {shares}"

    def submit(self, fn, *args):
        return _Counted(self.client.submit(_on_worker, fn, *args, pure=False), self.chunks_per_worker)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def make_engine(kind: str, workers: int, settings: CheckerSettings, scheduler: str | None = None):
    """Start an engine whose workers have the checker loaded."""
    if kind not in ENGINES:
        raise FactcheckError(f"unknown engine {kind!r}; choose one of {', '.join(ENGINES)}")
    if kind == "dask":
        return DaskEngine(workers, settings, scheduler)
    return InlineEngine(settings) if workers <= 1 else ProcessEngine(workers, settings)
