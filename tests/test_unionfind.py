"""The package's one union-find: joining pairs one call at a time or all in one loop gives the
same sets, the same roots (each set's smallest member) and the same member order."""

from __future__ import annotations

import random

import pytest

from compare.unionfind import UnionFind


@pytest.mark.parametrize("seed", range(6))
def test_union_all_equals_union_pair_by_pair(seed: int) -> None:
    rng = random.Random(seed)
    items = rng.sample(range(200), 60)
    pairs = [(rng.choice(items), rng.choice(items + [500, 501])) for _ in range(rng.randrange(1, 80))]
    one, many = UnionFind(items[:30]), UnionFind(items[:30])
    for a, b in pairs:
        one.union(a, b)
    many.union_all(pairs)
    assert many.groups() == one.groups()
    assert list(many.groups().items()) == list(one.groups().items())  # same order of sets and members
    for root, members in one.groups().items():
        assert root == min(members) and all(one.find(x) == root for x in members)


def test_groups_of_chains_and_singletons() -> None:
    sets: UnionFind[int] = UnionFind([5, 4, 3, 9])
    sets.union_all([(5, 4), (4, 3), (7, 5)])
    assert sets.groups() == {3: [5, 4, 3, 7], 9: [9]}
