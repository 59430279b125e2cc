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
# The layers, lowest first: each is a folder of ntm_tracker (the CLI is the top-level
# cli.py, __main__.py and launch.py, its guarded entry point). A module may import its own
# layer and the layers below it.
ORDER = ("core", "storage", "i18n", "render", "commands", "cli")
# What the core and the storage layer never import: they speak the domain (numbers,
# enums, problems), never words or flags, and never draw on a terminal.
LIBRARIES = ("typer", "rich", "tabulate", "click")
PURE = ("core", "storage")


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def layer(name: str) -> str:
    """A module's layer is the folder it stands in."""
    parts = name.split(".")
    if parts == ["ntm_tracker"]:
        return "base"  # the package's __init__: the version, imported by every layer
    if len(parts) == 2 and parts[1] in ("cli", "__main__", "launch"):
        return "cli"
    if parts[1] in ORDER and parts[1] != "cli":
        return parts[1]
    raise AssertionError(f"{name}: a module stands in one of the layer folders {ORDER}")


def allowed(layer_name: str) -> set[str]:
    return {"base", *ORDER[: ORDER.index(layer_name) + 1]}


def imports(path: Path, name: str, *, typing: bool = True) -> set[str]:
    """Every module ``path`` imports, absolute names, inside functions too; with
    ``typing``, also those for type checking only (``if TYPE_CHECKING:``)."""
    found: set[str] = set()
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped: set[int] = set()
    if not typing:
        for node in ast.walk(tree):
            if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
                skipped.update(id(inner) for stmt in node.body for inner in ast.walk(stmt))
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
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


@pytest.mark.parametrize("name", sorted(n for n in modules() if layer(n) in PURE))
def test_the_core_imports_no_cli_library(name: str) -> None:
    path = modules()[name]
    for imported in imports(path, name):
        assert not imported.startswith(LIBRARIES), f"{name} imports {imported}"


def test_layers_import_downwards_only() -> None:
    known = modules()
    for name, path in known.items():
        permitted = allowed(layer(name)) if layer(name) != "base" else {"base"}
        for imported in internal(imports(path, name), known):
            assert layer(imported) in permitted, f"{name} ({layer(name)}) imports {imported}"


def test_no_import_cycles() -> None:
    """No module needs, to run, a module that needs it. Names used for type checking
    only may refer both ways (an indicator has a kind; a kind judges indicators)."""
    known = modules()
    graph = {n: internal(imports(p, n, typing=False), known) - {n} for n, p in known.items()}
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
