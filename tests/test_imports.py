"""The import structure of app/: no imports hidden in functions, no cycles between modules.

An ``from app.… import`` inside a function is how a cycle gets hidden: the modules still need
each other, only later. Both checks read the source (ast), so they see every module, imported
by a test or not. The layers and the order of features are import-linter contracts
(pyproject.toml ``[tool.importlinter]``, run by ``lint-imports`` in scripts/check).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app"


def _modules() -> dict[str, Path]:
    found = {}
    for path in APP.rglob("*.py"):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _is_app(name: str) -> bool:
    return name == "app" or name.startswith("app.")


def imports_in_functions(source: str) -> list[str]:
    """Each import of an app module (or relative import) inside a function, as ``line: text``."""
    hidden = []
    for scope in ast.walk(ast.parse(source)):
        if not isinstance(scope, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            continue
        for node in ast.walk(scope):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names if _is_app(alias.name)]
            elif isinstance(node, ast.ImportFrom):
                module = node.module or ""
                names = [module or "."] if node.level or _is_app(module) else []
            else:
                continue
            if names:
                hidden.append(f"{node.lineno}: {ast.unparse(node)}")
    return sorted(set(hidden))


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _module_level(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """Statements run when the module is imported (not under ``if TYPE_CHECKING:``)."""
    for node in body:
        yield node
        if isinstance(node, ast.If):
            if not _type_checking(node):
                yield from _module_level(node.body)
            yield from _module_level(node.orelse)
        elif isinstance(node, ast.Try):
            for block in (node.body, node.orelse, node.finalbody):
                yield from _module_level(block)
            for handler in node.handlers:
                yield from _module_level(handler.body)
        elif isinstance(node, ast.With):
            yield from _module_level(node.body)


def _loaded_by_name(tree: ast.Module) -> Iterator[str]:
    """``importlib.import_module("app.…")`` anywhere: a lazy import is still an import."""
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute | ast.Name)
            and (node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id)
            == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            yield node.args[0].value


def import_graph(modules: dict[str, Path]) -> nx.DiGraph:
    """Module -> module it imports when loaded (``from pkg import mod`` points at ``pkg.mod``)."""
    graph = nx.DiGraph()
    for name, path in modules.items():
        graph.add_node(name)
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        tree = ast.parse(path.read_text())
        targets = list(_loaded_by_name(tree))
        for node in _module_level(tree.body):
            if isinstance(node, ast.Import):
                targets += [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*parts, base] if base else parts)
                for alias in node.names:
                    sub = f"{base}.{alias.name}"
                    targets.append(sub if sub in modules else base)
        graph.add_edges_from((name, t) for t in targets if t in modules and t != name)
    return graph


def cycles(graph: nx.DiGraph) -> list[list[str]]:
    """One cycle per group of modules that import each other, shortest found first."""
    found = []
    for group in nx.strongly_connected_components(graph):
        if len(group) > 1:
            found.append([a for a, _ in nx.find_cycle(graph.subgraph(group))])
    return sorted(found, key=len)


def test_no_app_import_is_hidden_inside_a_function() -> None:
    offenders = [
        f"{path.relative_to(ROOT)}:{hit}"
        for path in sorted(APP.rglob("*.py"))
        for hit in imports_in_functions(path.read_text())
    ]
    assert offenders == [], "move these to the top of the module:\n" + "\n".join(offenders)


def test_the_hidden_import_check_finds_one() -> None:
    source = (
        "import json\n"
        "from app.domain import errors\n"
        "def f():\n"
        "    import os\n"
        "    from app.services import series\n"
        "    return series\n"
        "class C:\n"
        "    async def g(self):\n"
        "        import app.store.repo\n"
        "        from . import sibling\n"
    )
    assert imports_in_functions(source) == [
        "10: from . import sibling",
        "5: from app.services import series",
        "9: import app.store.repo",
    ]


def test_app_modules_import_each_other_without_a_cycle() -> None:
    found = cycles(import_graph(_modules()))
    assert found == [], "import cycles:\n" + "\n".join(
        " -> ".join([*cycle, cycle[0]]) for cycle in found
    )


def test_the_cycle_check_finds_a_cycle_through_a_lazy_import(tmp_path: Path) -> None:
    files = {
        "app.a": "from app import b\n",
        "app.b": "from typing import TYPE_CHECKING\nfrom app.c import thing\n"
        "if TYPE_CHECKING:\n    from app import a\n",
        "app.c": "import importlib\ndef f():\n    return importlib.import_module('app.b')\n",
    }
    modules = {}
    for name, text in files.items():
        path = tmp_path / f"{name}.py"
        path.write_text(text)
        modules[name] = path
    modules["app"] = tmp_path / "__init__.py"
    modules["app"].write_text("")
    graph = import_graph(modules)
    assert ("app.b", "app.a") not in graph.edges  # a TYPE_CHECKING import runs no code
    assert cycles(graph) == [["app.b", "app.c"]] or cycles(graph) == [["app.c", "app.b"]]


def test_no_two_classes_in_app_share_a_name() -> None:
    """Issue #16: two ``Plan``s or two ``LiveEvent``s sent readers to the wrong one. Every
    top-level class in app/ has a name of its own (private helpers included)."""
    where: dict[str, list[str]] = {}
    for module, path in _modules().items():
        for node in ast.parse(path.read_text("utf-8")).body:
            if isinstance(node, ast.ClassDef):
                where.setdefault(node.name, []).append(module)
    assert {name: mods for name, mods in where.items() if len(mods) > 1} == {}
