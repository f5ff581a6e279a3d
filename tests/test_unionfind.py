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


def test_statement_ids_and_pair_codes_round_trip() -> None:
    """compare.ids: the one definition of statement ids and pair codes."""
    import numpy as np
    import polars as pl

    from compare import ids

    sid = ids.statement_id(12, 3)
    assert sid == "12:3" and ids.statement_key(sid) == (12, 3) and ids.statement_doc(sid) == 12
    frame = pl.DataFrame({"doc_id": [0, 12], "n": [1, 3]}).with_columns(ids.statement_id_expr().alias("stmt_id"))
    assert frame["stmt_id"].to_list() == ["0:1", "12:3"]
    back = frame.select(ids.statement_doc_expr().alias("d"), ids.statement_n_expr().alias("n"))
    assert back["d"].to_list() == [0, 12] and back["n"].to_list() == [1, 3]
    first, second = np.array([0, 3, 7]), np.array([5, 4, 9])
    codes = ids.pair_code(first, second, 10)
    assert codes.tolist() == [5, 34, 79] and [a.tolist() for a in ids.pair_of(codes, 10)] == [[0, 3, 7], [5, 4, 9]]
    assert ids.pair_of(ids.pair_code(2, 9, 11), 11) == (2, 9)
