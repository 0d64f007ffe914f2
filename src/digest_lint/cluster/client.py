"""Connecting to a Dask cluster, and the engine that each worker builds once.

``--dask local`` (or ``local:N``) starts a :class:`distributed.LocalCluster` of N worker
processes (one thread each: the tokenizer serialises its calls, so threads would only
wait on one another); any other value is the address of a running scheduler
(``tcp://host:8786``). A :class:`EnginePlugin` registered for the run builds the engine
on every worker when it joins (a restarted worker too) and warms it up, so the
dictionary and the packs load once per worker, not once per article or partition.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from distributed import Client, LocalCluster, WorkerPlugin

from digest_lint.config import Config
from digest_lint.engine.cache import Cache
from digest_lint.engine.engine import Engine
from digest_lint.io.sources import SourceText

if TYPE_CHECKING:
    from distributed import Worker

LOCAL = "local"

#: A small article with a card, a citation and prose: checking it once on a new worker
#: loads the tokenizer's dictionary and every pack before the first real partition.
WARM_UP = (
    "ウォームアップ\n\n公開日：2024年1月1日\n✅ 日本銀行が会合を開いた。\n"
    "さらに読む ⇒朝日新聞出典: https://www.asahi.com/articles/warm-up\n\n"
    "米国の大統領が声明を出しました。日銀は政策を維持した。\n"
)


class ClusterError(Exception):
    """The cluster cannot be reached or lost the run (not a problem of any article)."""


@dataclass(frozen=True)
class Settings:
    """What a worker needs to build the client's engine: config, paths, result cache."""

    config: Config
    config_path: str | None
    """Absolute, so that a worker elsewhere finds the same per-file-ignores base."""
    cwd: str
    """The client's working directory: relative paths of the run are relative to it."""
    cache: Cache | None = None

    @classmethod
    def of(cls, engine: Engine, cache: Cache | None = None) -> Settings:
        config_path = os.path.abspath(engine.config_path) if engine.config_path else None
        config = engine.config.model_copy(update={"as_of": engine.as_of})
        return cls(config, config_path, os.getcwd(), cache)

    @property
    def token(self) -> str:
        """One name per distinct settings: the worker's engine registry key."""
        h = hashlib.sha256()
        h.update(self.config.model_dump_json().encode())
        h.update(f"\0{self.config_path}\0{self.cwd}\0".encode())
        if self.cache is not None:
            h.update(f"{self.cache.root}".encode())
        return h.hexdigest()[:24]

    def build(self) -> Engine:
        engine = Engine.build(self.config, self.config_path)
        return dataclasses.replace(engine, cwd=self.cwd)


_ENGINES: dict[str, Engine] = {}


def worker_engine(settings: Settings) -> Engine:
    """This process's engine for ``settings``: the plugin's, else built now (once)."""
    engine = _ENGINES.get(settings.token)
    if engine is None:
        engine = _ENGINES[settings.token] = settings.build()
    return engine


def warm_up(engine: Engine) -> None:
    """Load the dictionary and every pack the rules read, by checking a small article."""
    engine.analyse_source(SourceText("<warm-up>.txt", WARM_UP))


class EnginePlugin(WorkerPlugin):
    """Builds the run's engine on each worker when the worker starts (or joins)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.name = f"digest-lint-engine-{settings.token}"

    def setup(self, worker: Worker) -> None:
        warm_up(worker_engine(self.settings))

    def teardown(self, worker: Worker) -> None:
        _ENGINES.pop(self.settings.token, None)


@contextlib.contextmanager
def engines(client: Client, settings: Settings) -> Iterator[None]:
    """The run's engine on every worker (now, and on every worker that joins during the
    run); unregistered after it, so a long-lived cluster does not keep every run's."""
    plugin = EnginePlugin(settings)
    client.register_plugin(plugin, name=plugin.name)
    try:
        yield
    finally:
        with contextlib.suppress(Exception):  # the cluster may be gone: nothing to undo
            client.unregister_worker_plugin(plugin.name)


def parse_spec(spec: str) -> tuple[str | None, int | None]:
    """``local`` → ``(None, None)``; ``local:4`` → ``(None, 4)``; an address →
    ``(address, None)``. Raises :class:`ValueError` with a message for the user."""
    if spec == LOCAL:
        return None, None
    if spec.startswith(LOCAL + ":"):
        count = spec[len(LOCAL) + 1 :]
        if not count.isdigit() or int(count) < 1:
            raise ValueError(f"--dask {spec}: local:N needs a number of workers N ≥ 1")
        return None, int(count)
    if not spec.strip():
        raise ValueError("--dask needs local, local:N or a scheduler address")
    return spec, None


def workers_of(client: Client) -> int:
    """How many tasks the cluster runs at once (its threads)."""
    threads: dict[str, int] = client.nthreads()
    return max(1, sum(threads.values()))


@contextlib.contextmanager
def connect(spec: str, default_workers: int) -> Iterator[Client]:
    """A client of the cluster ``spec`` (``local[:N]`` or an address), closed after."""
    address, count = parse_spec(spec)
    cluster: LocalCluster | None = None
    try:
        if address is None:
            cluster = LocalCluster(
                n_workers=count or default_workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=":0",
                silence_logs=logging.ERROR,
            )
            client = Client(cluster)
        else:
            client = Client(address, timeout="10s")
    except OSError as exc:  # refused, unreachable, timed out
        if cluster is not None:
            cluster.close()
        raise ClusterError(f"cannot connect to the Dask scheduler at {spec}: {exc}") from None
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
