"""The one union-find: sets equal the connected components, roots are the smallest members."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from compare.unionfind import UnionFind


def _components(edges: list[tuple[int, int]], nodes: set[int]) -> set[frozenset[int]]:
    """Connected components by repeated merging (slow, obviously right)."""
    comps = [{n} for n in nodes]
    for a, b in edges:
        ca = next(c for c in comps if a in c)
        cb = next(c for c in comps if b in c)
        if ca is not cb:
            ca |= cb
            comps.remove(cb)
    return {frozenset(c) for c in comps}


@given(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30)), max_size=60))
def test_sets_are_the_connected_components_rooted_at_their_smallest(edges: list[tuple[int, int]]) -> None:
    sets: UnionFind[int] = UnionFind()
    for a, b in edges:
        sets.union(a, b)
    nodes = {x for e in edges for x in e}
    groups = sets.groups()
    assert {frozenset(g) for g in groups.values()} == _components(edges, nodes)
    assert all(root == min(g) for root, g in groups.items())
    reversed_sets: UnionFind[int] = UnionFind()
    for a, b in reversed(edges):
        reversed_sets.union(b, a)
    assert {x: reversed_sets.find(x) for x in nodes} == {x: sets.find(x) for x in nodes}


def test_strings_and_singletons() -> None:
    sets: UnionFind[str] = UnionFind(["solo"])
    sets.union("fire", "blaze")
    sets.union("inferno", "blaze")
    assert sets.find("inferno") == "blaze" and sets.find("solo") == "solo"
    assert sorted(map(sorted, sets.groups().values())) == [["blaze", "fire", "inferno"], ["solo"]]
