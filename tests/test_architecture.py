"""The shape of the code: imports point down, no cycles, small folders.

Read from the source files with :mod:`ast`, so a deferred (function-level)
import counts like one at the top of a module. Imports inside
``if TYPE_CHECKING:`` are left out: they never run.
"""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

SOURCE = Path(__file__).resolve().parent.parent / "plugins" / "journey"
PACKAGE = "journey"
# Lower layers first: a module may import its own layer and the ones before.
LAYERS = ("model", "site", "rules", "render", "report", "", "cli")
MAX_MODULES_PER_FOLDER = 15
# Modules at the edge to Pelican: they import nothing of the plugin, so any
# layer may use them.
LEAVES = (f"{PACKAGE}.pelican_compat",)


def _modules(root: Path) -> dict[str, Path]:
    modules = {}
    for path in sorted(root.rglob("*.py")):
        parts = [PACKAGE, *path.relative_to(root).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = path
    return modules


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(id(inner) for inner in ast.walk(node))
    return skipped


def import_graph(root: Path) -> dict[str, set[str]]:
    """Module -> the modules of the package it imports (at any depth)."""
    modules = _modules(root)
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skipped = _type_checking_nodes(tree)
        here = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        targets: set[str] = set()
        for node in ast.walk(tree):
            if id(node) in skipped:
                continue
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = here[: len(here) - node.level + 1]
                    module = ".".join([*base, *([node.module] if node.module else [])])
                else:
                    module = (node.module or "").replace(
                        "pelican.plugins.journey", PACKAGE, 1
                    )
                for alias in node.names:
                    candidate = f"{module}.{alias.name}"
                    targets.add(candidate if candidate in modules else module)
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    targets.add(
                        alias.name.replace("pelican.plugins.journey", PACKAGE, 1)
                    )
        graph[name] = {t for t in targets if t in modules and t != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def _layer(module: str) -> int:
    if module in LEAVES:
        return 0
    parts = module.split(".")
    if parts[-1] == "__main__":  # ``python -m``: the command line
        return LAYERS.index("cli")
    folder = parts[1] if len(parts) > 1 and parts[1] in LAYERS else ""
    return LAYERS.index(folder)


def test_the_import_reader_sees_deferred_imports(tmp_path):
    (tmp_path / "__init__.py").write_text("")
    (tmp_path / "a.py").write_text("def f():\n    from . import b\n")
    (tmp_path / "b.py").write_text("from .a import f\n")
    (tmp_path / "c.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from . import a\n"
    )
    graph = import_graph(tmp_path)
    assert graph[f"{PACKAGE}.a"] == {f"{PACKAGE}.b"}
    assert graph[f"{PACKAGE}.c"] == set()
    assert cycles(graph) == [[f"{PACKAGE}.a", f"{PACKAGE}.b"]]


def test_no_import_cycle():
    graph = import_graph(SOURCE)
    assert len(graph) > 30
    assert cycles(graph) == []


def test_imports_point_down_the_layers():
    graph = import_graph(SOURCE)
    upward = [
        f"{source} -> {target}"
        for source, targets in graph.items()
        for target in targets
        if _layer(target) > _layer(source)
    ]
    assert upward == []


def test_the_rule_registry_depends_on_the_model_only():
    graph = import_graph(SOURCE)
    registry = graph[f"{PACKAGE}.rules.registry"]
    assert registry
    assert all(t.startswith(f"{PACKAGE}.model") for t in registry), registry
    assert all(t.startswith(f"{PACKAGE}.model") for t in graph[f"{PACKAGE}.model"])


def test_the_pelican_hooks_import_nothing_of_the_plugin():
    graph = import_graph(SOURCE)
    for leaf in LEAVES:
        assert graph[leaf] == set(), leaf


def test_no_folder_has_more_than_15_modules():
    per_folder = Counter(p.parent for p in SOURCE.rglob("*.py"))
    crowded = {
        str(folder.relative_to(SOURCE)): count
        for folder, count in per_folder.items()
        if count > MAX_MODULES_PER_FOLDER
    }
    assert crowded == {}
