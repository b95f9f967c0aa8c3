"""Runs a Rasa model's graph node by node in this thread, as `dask.get` does, without dask.

Rasa 3.6 runs the NLU and the policies of every message through dask's local scheduler, which for
a graph of fifteen small nodes costs more than some of the nodes themselves (about 3 ms per
customer message in `bench.latency`'s profile). `dask.get` evaluates the same task graph in one
thread; this does that directly: a node is called once, after the nodes it needs, with their
`(name, output)` results, and each run's minimal graph is worked out once per set of targets.
Installed by the registry (`patches/registry.py`) in the Rasa server only (training is
untouched); the results are Rasa's own (tests/rasa_server/patches/test_graph_runner.py parses and
predicts with both runners).
"""

from __future__ import annotations

from typing import Any

from rasa.engine.exceptions import GraphRunError
from rasa.engine.graph import GraphSchema
from rasa.engine.runner.dask import DaskGraphRunner


def minimal_order(schema: GraphSchema, targets: tuple[str, ...]) -> list[tuple[str, list[str]]]:
    """The nodes `targets` need, each after the nodes it needs, with the names it needs."""
    minimal = schema.minimal_graph_schema(list(targets))
    ordered: list[tuple[str, list[str]]] = []
    placed: set[str] = set()

    def place(name: str) -> None:
        if name in placed or name not in minimal.nodes:
            return
        placed.add(name)
        needs = list(minimal.nodes[name].needs.values())
        for need in needs:
            place(need)
        ordered.append((name, needs))

    for target in targets:
        place(target)
    return ordered


def run_in_order(
    runner: DaskGraphRunner,
    inputs: dict[str, Any] | None = None,
    targets: list[str] | None = None,
) -> dict[str, Any]:
    """`DaskGraphRunner.run` with the same arguments, results and errors; a name that is neither
    a node nor an input is passed on as the string itself, as dask does."""
    run_targets = tuple(targets if targets else runner._graph_schema.target_names)
    orders: dict[tuple[str, ...], list[tuple[str, list[str]]]] = runner.__dict__.setdefault(
        "_orders", {}
    )
    if run_targets not in orders:
        orders[run_targets] = minimal_order(runner._graph_schema, run_targets)
    order = orders[run_targets]
    values: dict[str, Any] = {}
    for name, value in (inputs or {}).items():
        if isinstance(value, str) and any(value == node for node, _ in order):
            raise GraphRunError(
                f"Input value '{value}' clashes with a node name. Make sure "
                f"that none of the input names passed to the `run` method are the "
                f"same as node names in the graph schema."
            )
        values[name] = (name, value)
    try:
        for name, needs in order:
            if name not in values:  # an input given under a node's name replaces the node
                values[name] = runner._instantiated_nodes[name](*(values.get(n, n) for n in needs))
    except RuntimeError as error:
        raise GraphRunError("Error running runner.") from error
    return dict(values[target] for target in run_targets)
