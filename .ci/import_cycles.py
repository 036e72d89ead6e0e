"""No import cycle between any two of the project's modules, counting imports made inside
functions too (a local import that dodges a cycle at start-up is still a cycle).

import-linter has no whole-project "no cycles" contract, so this reads grimp's import graph
(the one import-linter checks) and looks for strongly connected groups of modules.
Usage: python .ci/import_cycles.py [PACKAGE ...]   (exit 1 and the cycles when there are any)
"""

from __future__ import annotations

import sys
from pathlib import Path

import grimp

# Run as a script from anywhere: the project's packages are beside this folder.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PACKAGES = ("accounts", "site_content", "engagement", "events", "guide", "config")


def _ignored(module: str) -> bool:
    return ".migrations" in module


def find_cycles(packages=PACKAGES) -> list[list[str]]:
    """Each group of modules that import one another, directly or in a ring."""
    graph = grimp.build_graph(*packages, include_external_packages=False, cache_dir=None)
    modules = sorted(m for m in graph.modules if not _ignored(m))
    edges = {
        m: sorted(
            d for d in graph.find_modules_directly_imported_by(m) if d != m and not _ignored(d)
        )
        for m in modules
    }
    # Tarjan's strongly connected components, iteratively (no recursion limit to hit).
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    counter = 0
    for root in modules:
        if root in index:
            continue
        work = [(root, iter(edges[root]))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(edges.get(child, []))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    groups.append(sorted(group))
    return groups


def main(argv: list[str]) -> int:
    packages = tuple(argv) or PACKAGES
    cycles = find_cycles(packages)
    for group in cycles:
        print("Import cycle: " + " <-> ".join(group))
    print(f"{len(cycles)} import cycles in {', '.join(packages)}")
    return 1 if cycles else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
