"""The import graph of seatcast: layers that point one way, and no cycle.

Every ``import`` of a seatcast module counts, those inside functions too, so
a lazy import cannot hide a dependency that points up.  Imports under
``if TYPE_CHECKING:`` are left out: they name types for annotations and never
run.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

#: Lowest first.  A module imports from its own group and from lower layers;
#: groups that share a layer do not import each other.
LAYERS = (
    ("engine.errors",),
    ("engine.parsing", "engine.hints"),
    ("engine.input_files",),
    ("engine.kernels",),
    ("engine.rules", "models"),
    ("engine.config", "engine.results"),
    ("engine.run", "engine.report"),
    ("engine.cli",),
)


def _modules():
    """Module name (``engine.rules.methods``) to file, for every module of seatcast."""
    modules = {}
    for folder in ("engine", "models"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            modules[".".join(part for part in parts if part != "__init__")] = path
    return modules


MODULES = _modules()


def _runtime_nodes(tree):
    """Every node of a module but those under ``if TYPE_CHECKING:``, which only annotations read."""
    skipped = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test) in (
            "TYPE_CHECKING",
            "typing.TYPE_CHECKING",
        ):
            skipped.update(id(child) for stmt in node.body for child in ast.walk(stmt))
    return [node for node in ast.walk(tree) if id(node) not in skipped]


def _imports(path):
    """The seatcast modules a file imports, anywhere in it but for type checkers only."""
    found = set()
    for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        for name in names:
            if name.startswith("seatcast.") and name[len("seatcast.") :] in MODULES:
                found.add(name[len("seatcast.") :])
    return found


GRAPH = {name: _imports(path) - {name} for name, path in MODULES.items()}


def _group(module):
    """The layer number and group of a module (``engine`` itself, the version, is at the bottom)."""
    for number, layer in enumerate(LAYERS):
        for group in layer:
            if module == group or module.startswith(group + "."):
                return number, group
    assert module == "engine", f"{module} is in no layer: add it to LAYERS"
    return -1, "engine"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_point_down(module):
    layer, group = _group(module)
    for imported in sorted(GRAPH[module]):
        imported_layer, imported_group = _group(imported)
        assert imported_layer < layer or imported_group == group, (
            f"{module} ({group}) imports {imported} ({imported_group})"
        )


def test_no_cycles():
    state = {}

    def visit(module, path):
        state[module] = "open"
        for imported in sorted(GRAPH[module]):
            assert state.get(imported) != "open", " -> ".join([*path, imported])
            if imported not in state:
                visit(imported, [*path, imported])
        state[module] = "done"

    for module in sorted(MODULES):
        if module not in state:
            visit(module, [module])


def test_engine_holds_only_packages_and_the_shared_base():
    top = sorted(path.stem for path in (ROOT / "engine").glob("*.py"))
    assert top == ["__init__", "errors", "hints", "input_files", "parsing"]
