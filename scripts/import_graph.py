"""The project's import graph: package-level arrows, module cycles and arrows back up the layers.

Run `python scripts/import_graph.py` from the project folder. Every import statement counts,
including those inside functions; `from pkg import name` is an arrow to the submodule pkg.name
when that is a module, else to pkg itself (its __init__).
"""
from __future__ import annotations

import ast
import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[1]
PACKAGES = ["settings", "i18n", "etl", "indicators", "viewmodels", "exports", "ui", "views", "app", "serve"]
# Lower layers never import higher ones; names on one line share a layer.
LAYERS = [["settings", "i18n"], ["etl"], ["indicators"], ["viewmodels"], ["exports"], ["ui"],
          ["views", "app", "serve"]]
RANK = {package: rank for rank, names in enumerate(LAYERS) for package in names}


def project_modules(root: Path = PROJECT_DIR) -> dict[str, Path]:
    """Dotted module name -> file, for every module of the project's packages and top-level files."""
    modules: dict[str, Path] = {}
    for package in PACKAGES:
        single = root / f"{package}.py"
        if single.is_file():
            modules[package] = single
            continue
        for path in sorted((root / package).rglob("*.py")):
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            modules[".".join(parts)] = path
        modules.setdefault(package, root / package)      # a namespace package (no __init__.py)
    return modules


def _absolute(module: str, path: Path, node: ast.ImportFrom) -> str:
    """The absolute name an ImportFrom names (relative imports resolved against `module`)."""
    if not node.level:
        return node.module or ""
    base = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _known(name: str, modules: dict[str, Path]) -> str | None:
    """The longest project module that `name` is or lies inside, or None for a library."""
    parts = name.split(".")
    while parts:
        candidate = ".".join(parts)
        if candidate in modules:
            return candidate
        parts.pop()
    return None


def imports_of(module: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The project modules that `module` imports anywhere in its file."""
    if not path.is_file():
        return set()
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            source = _absolute(module, path, node)
            names = [f"{source}.{alias.name}" if f"{source}.{alias.name}" in modules else source
                     for alias in node.names]
        else:
            continue
        found |= {target for target in (_known(name, modules) for name in names) if target}
    found.discard(module)
    return found


def module_graph(root: Path = PROJECT_DIR) -> dict[str, set[str]]:
    """Module -> the project modules it imports."""
    modules = project_modules(root)
    return {module: imports_of(module, path, modules) for module, path in modules.items()}


def package_of(module: str) -> str:
    return module.split(".", 1)[0]


def package_graph(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """Top-level package -> the other top-level packages it imports."""
    packages: dict[str, set[str]] = {}
    for module, targets in graph.items():
        here = package_of(module)
        packages.setdefault(here, set()).update(package_of(t) for t in targets if package_of(t) != here)
    return packages


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def visit(start: str) -> None:
        work = [(start, iter(sorted(graph.get(start, ()))))]
        index[start] = low[start] = counter[0]
        counter[0] += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter[0]
                    counter[0] += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return sorted(found)


def cycle_arrows(graph: dict[str, set[str]], component: list[str]) -> list[tuple[str, str]]:
    """The arrows between the modules of one cycle."""
    members = set(component)
    return sorted((a, b) for a in component for b in graph.get(a, ()) if b in members)


def upward_arrows(graph: dict[str, set[str]]) -> list[tuple[str, str]]:
    """(importer, imported) where a lower layer imports a higher one."""
    return sorted((module, target) for module, targets in graph.items() for target in targets
                  if RANK[package_of(module)] < RANK[package_of(target)])


def main() -> int:
    graph = module_graph()
    print("package-level imports (layers from bottom: "
          + " < ".join(", ".join(names) for names in LAYERS) + "):")
    for package, targets in sorted(package_graph(graph).items(), key=lambda item: RANK[item[0]]):
        print(f"  {package} -> {', '.join(sorted(targets, key=RANK.get)) or '(nothing)'}")
    found = cycles(graph)
    print(f"module cycles: {len(found)}")
    for component in found:
        print("  " + "; ".join(f"{a} -> {b}" for a, b in cycle_arrows(graph, component)))
    upward = upward_arrows(graph)
    print(f"arrows back up the layers: {len(upward)}")
    for module, target in upward:
        print(f"  {module} -> {target}")
    return 1 if found or upward else 0


if __name__ == "__main__":
    sys.exit(main())
