"""One union-find (disjoint sets) for the whole package: near-duplicate clusters of documents,
groups of synonym stems. The root of a set is its smallest member, so results do not depend
on the order unions are made in."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Generic, TypeVar

T = TypeVar("T", bound=Hashable)


class UnionFind(Generic[T]):
    """Disjoint sets over any sortable items, with path halving."""

    def __init__(self, items: Iterable[T] = ()) -> None:
        self.parent: dict[T, T] = {x: x for x in items}

    def find(self, x: T) -> T:
        """The root (smallest member) of ``x``'s set; ``x`` joins as a set of its own if new."""
        parent = self.parent
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: T, b: T) -> None:
        """Join the sets of ``a`` and ``b`` under the smaller root."""
        self.union_all(((a, b),))

    def union_all(self, pairs: Iterable[tuple[T, T]]) -> None:
        """Join the sets of each pair in turn, under the smaller root, in one loop: :meth:`find`
        is written out in it, not called twice a pair (thousands of small groups join their
        documents this way)."""
        parent = self.parent
        for a, b in pairs:
            while parent.setdefault(a, a) != a:  # find(a), then find(b)
                parent[a] = parent[parent[a]]
                a = parent[a]
            while parent.setdefault(b, b) != b:
                parent[b] = parent[parent[b]]
                b = parent[b]
            if a != b:
                low, high = (a, b) if a < b else (b, a)  # type: ignore[operator]
                parent[high] = low

    def groups(self) -> dict[T, list[T]]:
        """Every set by its root, members in the order they joined the structure."""
        out: dict[T, list[T]] = {}
        parent = self.parent
        for x in list(parent):
            root = x
            while parent[root] != root:  # find(root), inline: every member is known here
                parent[root] = parent[parent[root]]
                root = parent[root]
            out.setdefault(root, []).append(x)
        return out
