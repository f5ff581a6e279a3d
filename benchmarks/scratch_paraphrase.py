"""Scratch: alternative statement scores on MRPC / STS-B / Twitter (deleted before finishing)."""
import math, re, sys
from collections import defaultdict
sys.path.insert(0, "benchmarks")
import numpy as np
import eval_paraphrase as e
from compare import matching
from compare.normalize import collapse, normalize_text
from compare.pairwise import _statements
from compare.text import content_stems, words, STOP_WORDS, stem
from compare.values import values as values_stage

DATA = e.load_all()

def prep(pairs, fix=False):
    flat = [s for p in pairs for s in p]
    st = _statements(flat)
    vals = values_stage(st)
    anch = matching.anchors(vals)
    texts = st["text"].to_list()
    ids = st["stmt_id"].to_list()
    toks = st["tokens"].to_list()
    if fix:
        toks = [fix_tokens(t, x) for t, x in zip(toks, texts)]
    stems = [content_stems(t) for t in toks]
    sets = [matching.canonical(s) for s in stems]
    cls = [matching.clauses(t) for t in texts]
    an = [anch.get(i, frozenset()) for i in ids]
    return dict(texts=texts, toks=toks, sets=sets, clauses=cls, anchors=an, n=len(pairs))

_NUM = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
def fix_tokens(toks, text):
    # -ise -> -ize, join thousands separators
    out = []
    for t in words(_NUM.sub(lambda m: m.group(0).replace(",", ""), text)):
        t = re.sub(r"is(e|ed|es|ing|ation|ations)$", r"iz\1", t) if len(t) > 5 else t
        out.append(t)
    return out

def idf_table(set_lists):
    df = defaultdict(int); n = 0
    for sets in set_lists:
        for s in sets:
            n += 1
            for x in s: df[x] += 1
    return defaultdict(lambda: math.log((n + 1) / 0.5) + 1.0, {s: math.log((n + 1) / (c + .5)) + 1.0 for s, c in df.items()})

def w(idf, s): return sum(idf[x] for x in s)

def base(idf, a, b, alpha, short_rule=True):
    if not a or not b: return 0.0
    sh = w(idf, a & b)
    if sh == 0: return 0.0
    wa, wb = w(idf, a), w(idf, b)
    ov = sh / min(wa, wb); jac = sh / (wa + wb - sh)
    if short_rule and min(len(a), len(b)) < 3: ov = jac
    return alpha * ov + (1 - alpha) * jac

def score_split(P, idf, alpha=0.6, clause=0.85, bonus=0.15, drop=frozenset(), dice=False, numpen=0.0, negpen=0.0):
    out = []
    for i in range(P["n"]):
        a, b = P["sets"][2*i] - drop, P["sets"][2*i+1] - drop
        if dice:
            sh = w(idf, a & b); s = 2*sh/(w(idf,a)+w(idf,b)) if a and b else 0.0
        else:
            s = base(idf, a, b, alpha)
        if s > 0 and clause:
            for ca in P["clauses"][2*i]:
                for cb in P["clauses"][2*i+1]:
                    if len(ca & cb) >= 3: s = max(s, clause * base(idf, ca, cb, alpha))
        an, bn = P["anchors"][2*i], P["anchors"][2*i+1]
        if s > 0: s = min(1.0, s + bonus * min(len(an & bn), 2))
        if numpen:
            na = {x for x in a if any(c.isdigit() for c in x)}; nb = {x for x in b if any(c.isdigit() for c in x)}
            s -= numpen * len(na ^ nb)
        if negpen:
            nga = bool(set(P["toks"][2*i]) & NEG); ngb = bool(set(P["toks"][2*i+1]) & NEG)
            s -= negpen * (nga != ngb)
        out.append(s)
    return out

NEG = {"no", "not", "never", "n't", "cannot", "without", "nobody", "nothing", "none"}

def report(name, fn, fixed_t=None):
    sc = {k: fn(k) for k in DATA}
    t = e.best_threshold(DATA["mrpc_train"][1], sc["mrpc_train"])
    vy = DATA["mrpc_val"][1]; ty = DATA["twitter"][1]
    row = (f"{name:<44} t={t:.3f} acc={e.accuracy(vy, sc['mrpc_val'], t):.3f} F1={e.f1(vy, sc['mrpc_val'], t):.3f} "
           f"rho={e.spearman(sc['stsb_dev'], DATA['stsb_dev'][1]):.3f} tw={e.f1(ty, sc['twitter'], t):.3f}")
    if fixed_t is not None:
        row += f" | @{fixed_t}: acc={e.accuracy(vy, sc['mrpc_val'], fixed_t):.3f} F1={e.f1(vy, sc['mrpc_val'], fixed_t):.3f}"
    print(row, flush=True)
    return sc

if __name__ == "__main__":
    PP = {k: prep(v[0]) for k, v in DATA.items()}
    IDF = {k: idf_table([P["sets"]]) for k, P in PP.items()}
    big = idf_table([P["sets"] for P in PP.values()])
    report("project (reproduced)", lambda k: score_split(PP[k], IDF[k]), 0.5)
    report("no clause", lambda k: score_split(PP[k], IDF[k], clause=0))
    report("no anchor bonus", lambda k: score_split(PP[k], IDF[k], bonus=0))
    report("no clause, no anchor", lambda k: score_split(PP[k], IDF[k], clause=0, bonus=0))
    for alpha in (0.4, 0.2, 0.0):
        report(f"alpha={alpha}", lambda k, a=alpha: score_split(PP[k], IDF[k], alpha=a))
        report(f"alpha={alpha} no clause no anchor", lambda k, a=alpha: score_split(PP[k], IDF[k], alpha=a, clause=0, bonus=0))
    report("weighted Jaccard only, no clause, anchors", lambda k: score_split(PP[k], IDF[k], alpha=0, clause=0))
    report("IDF over all 27,844 sentences (project rule)", lambda k: score_split(PP[k], big))
    report("IDF all, alpha=0 no clause no anchor", lambda k: score_split(PP[k], big, alpha=0, clause=0, bonus=0))
    say = matching.canonical(["said"])
    report("drop say/accord/tell", lambda k: score_split(PP[k], IDF[k], drop=say | matching.canonical(["told"])))
    report("unweighted (idf=1)", lambda k: score_split(PP[k], defaultdict(lambda: 1.0)))
    report("number mismatch penalty .05", lambda k: score_split(PP[k], IDF[k], numpen=0.05))
    report("negation mismatch penalty .1", lambda k: score_split(PP[k], IDF[k], negpen=0.1))
    PF = {k: prep(v[0], fix=True) for k, v in DATA.items()}
    IDFF = {k: idf_table([P["sets"]]) for k, P in PF.items()}
    report("ise/ize + thousands fixed", lambda k: score_split(PF[k], IDFF[k]))
