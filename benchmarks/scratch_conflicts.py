import collections
import re
import sys

sys.path.insert(0, "benchmarks")
import eval_conflicts as ec

from compare.values import ORDINALS, _tokens, extract

d = ec.load_breaking_nli()
v = ec.score(d.pairs)


def diff(a, b):
    ta, tb = _tokens(a), _tokens(b)
    i = 0
    while i < min(len(ta), len(tb)) and ta[i] == tb[i]:
        i += 1
    j = 0
    while j < min(len(ta), len(tb)) - i and ta[-1 - j] == tb[-1 - j]:
        j += 1
    return ta, tb, i, ta[i : len(ta) - j], tb[i : len(tb) - j]


def cause_ord(a, b):
    ta, tb, i, da, db = diff(a, b)
    words = [w.lower() for w in da + db if w[0].isalnum()]
    if any("-" in w or w == "-" for w in da + db) or (i + 1 < len(ta) and ta[i + 1] == "-"):
        return "hyphen compound (second-story)"
    if any(re.fullmatch(r"[a-z]+", w) and w not in ORDINALS for w in words):
        return "ordinal word not in vocabulary (eleventh..hundredth)"
    prev = ta[i - 1].lower() if i else ""
    if prev in ("at", "for"):
        return "after at/for: skipped"
    if i and ta[i - 1] in {"July", "June", "May", "March", "April", "August", "October", "November", "December", "January", "February", "September"}:
        return "date 'July 4th' not read"
    ea = [x for x in extract(a) if x.kind == "ordinal"]
    eb = [x for x in extract(b) if x.kind == "ordinal"]
    if not ea or not eb:
        return "no head noun after the ordinal"
    return "extracted, not flagged"


def cause_card(a, b):
    ta, tb, i, da, db = diff(a, b)
    nxt = ta[i + len(da)] if i + len(da) < len(ta) else ""
    nxtb = tb[i + len(db)] if i + len(db) < len(tb) else ""
    if "-" in "".join(da + db) or nxt == "-" or nxtb == "-":
        return "hyphen compound (four-wheeled)"
    if nxt.lower() in ("others", "other"):
        return "'N others': unit 'other' excluded"
    ea = [x for x in extract(a) if x.kind == "number"]
    eb = [x for x in extract(b) if x.kind == "number"]
    sa = {x.span.lower() for x in ea}
    changed_a = [x for x in ea if any(w in x.span.split() for w in da)]
    changed_b = [x for x in eb if any(w in x.span.split() for w in db)]
    if not changed_a or not changed_b:
        return "bare number, no noun (number five, around five)"
    if changed_a[0].high >= changed_b[0].low and changed_b[0].high >= changed_a[0].low:
        return "hedged intervals overlap (about eight / about ten)"
    if len(ea) > 1 or len(eb) > 1:
        return "another equal count of the same unit in both"
    return "extracted, not flagged"


cat = sys.argv[1]
fn = cause_ord if cat == "ordinals" else cause_card
c = collections.Counter()
ex = {}
for i, (y, k) in enumerate(zip(d.labels, d.categories)):
    if y == "contradiction" and k == cat and not v.any(i):
        r = fn(*d.pairs[i])
        c[r] += 1
        ex.setdefault(r, []).append(i)
for r, n in c.most_common():
    print(n, r, ex[r][:6])
    if len(sys.argv) > 2:
        for i in ex[r][:3]:
            print("    ", d.pairs[i])
