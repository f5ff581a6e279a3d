"""The package's one union-find: the sets, roots (each set's smallest member) and member order
it gives equal those of a plain graph search, whether pairs are joined one call at a time or all
in one loop."""

from __future__ import annotations

import random

import pytest

from compare.unionfind import UnionFind


def _expected(items: list[int], pairs: list[tuple[int, int]]) -> dict[int, list[int]]:
    """The connected components of ``pairs`` over ``items`` (and the items pairs add, in order of
    first appearance), by their smallest member, members in that order, sets in order of their
    first member: what :meth:`UnionFind.groups` promises, found by a graph search."""
    order = list(dict.fromkeys([*items, *(x for pair in pairs for x in pair)]))
    links: dict[int, set[int]] = {x: set() for x in order}
    for a, b in pairs:
        links[a].add(b)
        links[b].add(a)
    component: dict[int, int] = {}
    for x in order:
        if x in component:
            continue
        seen, todo = {x}, [x]
        while todo:
            for y in links[todo.pop()] - seen:
                seen.add(y)
                todo.append(y)
        for y in seen:
            component[y] = min(seen)
    out: dict[int, list[int]] = {}
    for x in order:
        out.setdefault(component[x], []).append(x)
    return out


@pytest.mark.parametrize("seed", range(8))
def test_sets_roots_and_order_equal_a_graph_search(seed: int) -> None:
    rng = random.Random(seed)
    items = rng.sample(range(200), 60)
    pairs = [(rng.choice(items), rng.choice(items + [500, 501])) for _ in range(rng.randrange(1, 80))]
    one, many = UnionFind(items[:30]), UnionFind(items[:30])
    for a, b in pairs:
        one.union(a, b)
    many.union_all(pairs)
    expected = _expected(items[:30], pairs)
    for sets in (one, many):
        assert list(sets.groups().items()) == list(expected.items())
        assert all(sets.find(x) == root for root, members in expected.items() for x in members)


def test_groups_of_chains_and_singletons() -> None:
    sets: UnionFind[int] = UnionFind([5, 4, 3, 9])
    sets.union_all([(5, 4), (4, 3), (7, 5)])
    assert sets.groups() == {3: [5, 4, 3, 7], 9: [9]}
