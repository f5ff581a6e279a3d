"""Imports go one way: each module imports only modules of lower layers or of its own
subpackage, lazy imports (inside functions) included, and there is no import cycle."""

from __future__ import annotations

import ast
from pathlib import Path

import compare

ROOT = Path(compare.__file__).parent

LAYERS: dict[str, int] = {
    # shared definitions: errors, settings, the frame contract, ids, small process helpers
    "_runtime": 0, "errors": 0, "settings": 0, "frames": 0, "ids": 0, "unionfind": 0,
    "text": 1,  # words, normalization, lexicon, places: what every stage knows of raw text
    "documents": 2,  # ingest, sketches and near duplicates, copied passages
    "statements": 3,  # segment, values, features, scoring, candidates, grouping, conflicts
    "incremental": 4, "engines": 4, "findings": 4,  # the cache; where stages run; the result
    "report": 5,  # report.md, report.html, pictures, writing the outputs
    "pipeline": 6, "pairs": 6,  # the driver; sentence-pair decisions for evaluations
    "api": 7, "console": 7,  # the Python API; what the CLI shows on stderr
    "cli": 8, "__init__": 8,
    "__main__": 9,
}  # fmt: skip
"""Layer of each top-level module or subpackage of compare/."""


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(ROOT.rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        out[".".join(["compare", *parts])] = path
    return out


def _unit(module: str) -> str:
    """The top-level module or subpackage a dotted module name belongs to."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _nodes(tree: ast.AST, typing_only: bool) -> list[ast.AST]:
    """Every node of ``tree``; without ``typing_only``, not those under ``if TYPE_CHECKING:``
    (imports for annotations, never run)."""
    out, todo = [], [tree]
    while todo:
        node = todo.pop()
        out.append(node)
        if not typing_only and isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
            todo.extend(node.orelse)
            continue
        todo.extend(ast.iter_child_nodes(node))
    return out


def _imports(module: str, path: Path, typing_only: bool = True) -> set[str]:
    """Every compare module ``module`` imports, at the top or inside a function (and, with
    ``typing_only``, for annotations only)."""
    package = module.split(".")[:-1]  # "compare.a.b" and "compare.a.__init__" are both in compare.a
    found: set[str] = set()
    for node in _nodes(ast.parse(path.read_text(encoding="utf-8")), typing_only):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if not target.startswith("compare"):
                continue
            found.add(target)
            for alias in node.names:
                found.add(f"{target}.{alias.name}")
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("compare"))
    return found


def _graph(typing_only: bool = True) -> dict[str, set[str]]:
    """Module -> the compare modules it imports (packages as their ``__init__``)."""
    modules = _modules()
    names = set(modules)
    graph = {}
    for module, path in modules.items():
        targets = set()
        for t in _imports(module, path, typing_only):
            while t and t not in names and t + ".__init__" not in names:
                t = t.rpartition(".")[0]
            if t and t != "compare":
                targets.add(t if t in names else t + ".__init__")
        graph[module] = targets - {module}
    return graph


def test_every_module_has_a_layer() -> None:
    assert {_unit(m) for m in _modules()} <= set(LAYERS)


def test_imports_go_down_the_layers() -> None:
    wrong = []
    for module, targets in _graph().items():
        here = _unit(module)
        for target in targets:
            there = _unit(target)
            if there != here and LAYERS[there] >= LAYERS[here] and not (LAYERS[here] == LAYERS[there] == 0):
                wrong.append(f"{module} -> {target}")
    assert not wrong, "upward or sideways imports:\n" + "\n".join(sorted(wrong))


def test_no_import_cycle() -> None:
    """No cycle among the imports that run (those for annotations only are not run)."""
    graph = _graph(typing_only=False)
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycles.append([*stack[stack.index(nxt) :], nxt] if nxt in stack else [node, nxt])
            elif nxt not in state:
                visit(nxt, [*stack, nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    package_inits = {m for m in graph if m.endswith("__init__")}
    real = [c for c in cycles if not set(c) & package_inits]
    assert not real, "import cycles:\n" + "\n".join(" -> ".join(c) for c in real)


def test_at_least_four_stage_subpackages() -> None:
    stages = {"text", "documents", "statements", "incremental", "findings", "report", "engines", "pairs"}
    present = {p.name for p in ROOT.iterdir() if (p / "__init__.py").exists()}
    assert len(stages & present) >= 4


LONG_FUNCTION, MOST_LONG_FUNCTIONS, LONGEST_MODULE = 60, 3, 500
"""Issue 14's limits: at most three functions over 60 lines, each saying why in its
docstring ("Over 60 lines on purpose: ..."), and no module over 500 lines."""


def test_few_long_functions_each_saying_why_and_no_long_module() -> None:
    long_functions, long_modules = [], []
    for name, path in _modules().items():
        text = path.read_text(encoding="utf-8")
        if len(text.splitlines()) > LONGEST_MODULE:
            long_modules.append(name)
        for node in ast.walk(ast.parse(text)):
            if (
                isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
                and node.end_lineno is not None
                and node.end_lineno - node.lineno + 1 > LONG_FUNCTION
            ):
                long_functions.append((f"{name}.{node.name}", ast.get_docstring(node) or ""))
    assert not long_modules
    assert len(long_functions) <= MOST_LONG_FUNCTIONS, [n for n, _ in long_functions]
    assert all("Over 60 lines on purpose" in doc for _, doc in long_functions), [n for n, _ in long_functions]
