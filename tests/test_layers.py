"""The imports go one way: cli -> commands -> render (and i18n) -> the core; no cycles.

The core never imports typer, rich, tabulate, click, the renderers, the commands, the CLI
or the word catalogs: it speaks the domain (numbers, enums, problems), never words or
flags. Checked by walking every module's imports with ``ast`` (module-level and inside
functions alike).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "ntm_tracker"
CORE = {
    "ntm_tracker", "ntm_tracker.domain", "ntm_tracker.problems", "ntm_tracker.numbers",
    "ntm_tracker.status", "ntm_tracker.forecast", "ntm_tracker.report", "ntm_tracker.summary",
    "ntm_tracker.explain", "ntm_tracker.history", "ntm_tracker.chart", "ntm_tracker.export",
    "ntm_tracker.audit", "ntm_tracker.check", "ntm_tracker.yamlio", "ntm_tracker.lines",
    "ntm_tracker.planfile", "ntm_tracker.schema", "ntm_tracker.yearfile", "ntm_tracker.csvfile",
    "ntm_tracker.cache", "ntm_tracker.fsio", "ntm_tracker.store",
}  # fmt: skip
FORBIDDEN_IN_CORE = ("typer", "rich", "tabulate", "click", "ntm_tracker.render",
                     "ntm_tracker.commands", "ntm_tracker.cli", "ntm_tracker.i18n")  # fmt: skip
# Which layers each layer may import (besides itself and the standard library).
LAYERS = {
    "core": {"core"},
    "i18n": {"core", "i18n"},
    "render": {"core", "i18n", "render"},
    "commands": {"core", "i18n", "render", "commands"},
    "cli": {"core", "i18n", "render", "commands", "cli"},
}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def layer(name: str) -> str:
    if name in CORE:
        return "core"
    for prefix in ("i18n", "render", "commands", "cli"):
        if name == f"ntm_tracker.{prefix}" or name.startswith(f"ntm_tracker.{prefix}."):
            return prefix
    if name == "ntm_tracker.__main__":
        return "cli"
    raise AssertionError(f"{name}: which layer is it in? add it to CORE or a layer package")


def imports(path: Path, name: str) -> set[str]:
    """Every module ``path`` imports, absolute names, TYPE_CHECKING blocks included."""
    found: set[str] = set()
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def internal(found: set[str], known: dict[str, Path]) -> set[str]:
    return {m for m in found if m in known}


def test_every_module_has_a_layer() -> None:
    for name in modules():
        layer(name)


@pytest.mark.parametrize("name", sorted(CORE))
def test_the_core_imports_no_cli_library_and_no_words(name: str) -> None:
    path = modules()[name]
    for imported in imports(path, name):
        assert not imported.startswith(FORBIDDEN_IN_CORE), f"{name} imports {imported}"


def test_layers_import_downwards_only() -> None:
    known = modules()
    for name, path in known.items():
        allowed = LAYERS[layer(name)]
        for imported in internal(imports(path, name), known):
            assert layer(imported) in allowed, f"{name} ({layer(name)}) imports {imported}"


def test_no_import_cycles() -> None:
    known = modules()
    graph = {n: internal(imports(p, n), known) - {n} for n, p in known.items()}
    # the package's __init__ is imported by every submodule; it imports none of them
    assert graph["ntm_tracker"] == set()
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if nxt == "ntm_tracker":
                continue
            if state.get(nxt) == 1:
                cycle = [*path[path.index(nxt) :], nxt]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for start in sorted(graph):
        if start not in state:
            visit(start, [start])


def test_the_check_can_fail() -> None:
    """The walker sees an import hidden inside a function (as the commands do)."""
    source = "def f():\n    from ntm_tracker.render import dispatch\n"
    tree = ast.parse(source)
    found = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert found == {"ntm_tracker.render"}
