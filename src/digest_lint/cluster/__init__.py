"""Runs on a Dask cluster: ``check --dask`` and ``index build --dask``.

The layer above the engine, the gate and the formatters (and below the command line):
it reuses the runner's per-file check (:func:`digest_lint.engine.runner.check_file`),
its ``collect``/``conclude`` steps and the corpus rules' per-key ``finish_group``, so a
cluster run means what a local run means. Dask and fsspec are the optional extra
``digest-lint[dask]``; nothing imports this package unless ``--dask`` is given.

- :mod:`~digest_lint.cluster.client`: connecting (``local[:N]`` or a scheduler address)
  and the engine each worker builds once (a worker plugin).
- :mod:`~digest_lint.cluster.plan`: how a run is cut (partitions, groups, buckets): no
  Dask, the same on every machine.
- :mod:`~digest_lint.cluster.check`: articles in partitions, results streamed back in
  order, the corpus rules' records grouped by key on the cluster, partitioned JSONL.
- :mod:`~digest_lint.cluster.index`: the citation index's entries read on the cluster.
"""
