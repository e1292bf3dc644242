"""The package's modules import each other without a cycle (issue 11): a newcomer can read them
bottom up, and each can be loaded and tested alone.  Imports inside functions count too: a
cycle hidden in a function is still two modules that need each other."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "scripts" / "casebook"


def package_imports(folder: Path) -> dict[str, set[str]]:
    """Module → the modules of the same package it imports (``from . import x``, ``from .x import y``)."""
    modules = {p.stem for p in folder.glob("*.py")}
    graph: dict[str, set[str]] = {}
    for path in folder.glob("*.py"):
        deps: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                deps |= {node.module.split(".")[0]} if node.module else {a.name for a in node.names}
        graph[path.stem] = (deps & modules) - {path.stem}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every import cycle, each as the modules on it in import order (depth-first search)."""
    found, done = [], set()

    def visit(node: str, path: list[str]) -> None:
        for dep in sorted(graph.get(node, ())):
            if dep in path:
                found.append(path[path.index(dep):] + [dep])
            elif dep not in done:
                visit(dep, path + [dep])
        done.add(node)

    for module in sorted(graph):
        if module not in done:
            visit(module, [module])
    return found


def test_the_cycle_finder_finds_a_cycle_through_three_modules():
    graph = {"read": {"read_docx"}, "read_docx": {"errors", "split"}, "split": {"read"}, "errors": set()}
    assert cycles(graph) == [["read", "read_docx", "split", "read"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_the_package_has_no_import_cycle():
    graph = package_imports(PACKAGE)
    assert {"read", "read_docx", "read_html", "errors"} <= graph.keys()  # the walk sees the package
    assert cycles(graph) == []


def test_readers_are_registered_by_the_extensions_they_declare():
    from casebook import read, read_docx, read_html, read_text

    for module in (read_text, read_docx, read_html):
        for ext in module.FILE_EXTENSIONS:
            assert read.READERS[ext] is module.read
            assert read.is_supported(Path(f"x{ext.upper()}"))
    assert not read.is_supported(Path("x.pdf"))
