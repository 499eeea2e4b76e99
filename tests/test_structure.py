"""The package's shape: its modules import one another only downward (no cycle, lazy imports
included: a function-level import is a dependency too, only a later one)."""
from __future__ import annotations

import ast
import re

from paths import ROOT


def _modules() -> dict[str, ast.Module]:
    out = {}
    for path in (ROOT / "extract").rglob("*.py"):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = ast.parse(path.read_text(encoding="utf-8"))
    return out


def _imports(tree: ast.Module, known: set[str]) -> set[str]:
    """The package's modules `tree` imports anywhere in it (`from extract.x import y` names the
    module extract.x.y when that is one)."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found |= {f"{node.module}.{a.name}" for a in node.names} & known or {node.module} & known
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names} & known
    return found - {"extract"}   # the package's own __init__ only re-exports lazily


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle of `graph`, or None (depth-first search, three colours)."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_the_package_imports_only_downward():
    modules = _modules()
    graph = {name: _imports(tree, set(modules)) - {name} for name, tree in modules.items()}
    assert _cycle(graph) is None, " -> ".join(_cycle(graph) or [])


def test_the_cycle_finder_finds_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_the_forkserver_preloads_modules_that_exist():
    import importlib.util

    from extract.run.pools import FORKSERVER_PRELOAD

    for name in FORKSERVER_PRELOAD:
        assert importlib.util.find_spec(name) is not None, name


_HAN = re.compile(r"[\u3400-\u9fff\U00020000-\U0002ffff]")


def _docstrings(tree: ast.Module) -> set[int]:
    kinds = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    return {id(node.body[0].value) for node in ast.walk(tree)
            if isinstance(node, kinds) and node.body and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)}


def _han_literals(tree: ast.Module) -> list[tuple[int, str]]:
    """Chinese text in the string literals of `tree` (f-string pieces too), docstrings aside."""
    docs = _docstrings(tree)
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs
            and _HAN.search(node.value)]


def test_the_han_finder_finds_literals_and_passes_docstrings():
    tree = ast.parse('"""模块"""\ndef f():\n    """函数"""\n    return f"第{1}页" + "x"\n')
    assert _han_literals(tree) == [(4, "第"), (4, "页")]


def test_the_vocabulary_is_data_not_code():
    """Every Chinese word the tool reads or writes is in rules/ (a county can change it there)."""
    found = [f"{name}:{line}: {text!r}" for name, tree in sorted(_modules().items())
             for line, text in _han_literals(tree)]
    assert not found, "\n".join(found)


def test_the_run_reads_no_rules_files():
    """The driver, the pools and the workers get the `Rules` their caller loaded (issue 22): none of
    extract.run reads the rules itself, so the cache key and the workers describe the same rules."""
    readers = {name for name, tree in _modules().items() if name.startswith("extract.run")
               for node in ast.walk(tree)
               if isinstance(node, ast.ImportFrom) and any(a.name == "load_rules" for a in node.names)}
    assert readers == set()
