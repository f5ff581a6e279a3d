"""A deterministic synthetic news-like corpus with planted near duplicates and copied passages.

Nothing is downloaded: every document is drawn from a seeded ``random.Random`` over a
vocabulary of common English function words and a few thousand made-up content words
(Zipf-distributed, so some words are frequent and most are rare, as in news text).

Each document looks like a news article: a title line, a byline and a dateline (which the
project classifies as boilerplate), then ~500 words in paragraphs separated by blank lines;
about a third of the documents are hard-wrapped at ~78 characters, so paragraphs also span
several lines. Two kinds of truth are planted:

- *near-duplicate pairs*: a copy of a document with 5-10% of its body words edited
  (substituted, deleted or inserted), re-bylined; the exact 3-word-shingle Jaccard of the
  pair (title and body words, lower-cased) is recorded;
- *copied passages*: a ~120-word paragraph of one document inserted into another, otherwise
  unrelated document.

``write_corpus(folder, n_docs)`` writes the files and returns the :class:`Truth`;
``planted_truth(n_docs)`` returns the same truth without writing anything.
"""

from __future__ import annotations

import itertools
import random
import textwrap
from dataclasses import dataclass
from pathlib import Path

SEED = 20240611
WORDS_PER_DOC = 500
PASSAGE_WORDS = 120
SHINGLE = 3

_FUNCTION_WORDS = """
the the the of of and and to to a a in in that is was for on it with as by at from he she
they said his her their an be has have had were are not but or which who after this will would
been also its more than into over about when there up out new one two three could after before
during while all some other last first year years people officials government police city
""".split()
_SYLLABLES = """
ba be bi bo bu da de di do du fa fe fi fo ga ge go ka ke ki ko la le li lo lu ma me mi mo mu
na ne ni no nu pa pe pi po ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo za ze zo
bar ber bor dan den dor fan fer gar gor kan ker kor lan len lor man men mor nan nor par per
por ran ren ron san sen sor tan ten tor van ver vor zan zen
""".split()
_ENDINGS = ["", "", "", "s", "ed", "ing", "er", "ion", "al", "ist"]
_MONTHS = "January February March April May June July August September October November December".split()


def vocabulary(size: int = 3000, seed: int = SEED) -> list[str]:
    """``size`` distinct made-up content words, deterministic for ``seed``."""
    rng = random.Random(f"vocab:{seed}")
    seen: set[str] = set(_FUNCTION_WORDS)
    out: list[str] = []
    while len(out) < size:
        word = "".join(rng.choice(_SYLLABLES) for _ in range(rng.choice((2, 2, 3)))) + rng.choice(_ENDINGS)
        if word not in seen:
            seen.add(word)
            out.append(word)
    return out


@dataclass(frozen=True)
class NearDuplicate:
    """A planted near-duplicate pair: ``b`` is ``a`` with ``edit_rate`` of its words edited."""

    a: str
    b: str
    edit_rate: float
    jaccard: float  # exact Jaccard of the lower-cased 3-word shingles of title and body


@dataclass(frozen=True)
class CopiedPassage:
    """A paragraph of ``source`` inserted verbatim into the unrelated document ``target``."""

    source: str
    target: str
    words: int
    text: str


@dataclass(frozen=True)
class Truth:
    near_duplicates: tuple[NearDuplicate, ...]
    passages: tuple[CopiedPassage, ...]


@dataclass
class _Doc:
    """An article as words: title, byline, date, paragraphs of sentences of words."""

    title: list[str]
    byline: str
    date: str
    paragraphs: list[list[list[str]]]
    wrap: bool

    def words(self) -> list[str]:
        body = [w for p in self.paragraphs for s in p for w in s]
        return [w.lower() for w in self.title + body]

    def render(self) -> str:
        lines = [" ".join(self.title).capitalize(), "", self.byline, self.date, ""]
        for para in self.paragraphs:
            text = " ".join(_sentence(s) for s in para)
            if self.wrap:
                lines += textwrap.wrap(text, width=78, break_long_words=False, break_on_hyphens=False)
            else:
                lines.append(text)
            lines.append("")
        return "\n".join(lines)


def _sentence(words: list[str]) -> str:
    """Render a word list as a sentence: capitalized, a comma or two, a full stop."""
    out = list(words)
    out[0] = out[0][:1].upper() + out[0][1:]
    if len(out) > 12:
        out[len(out) // 2 - 1] += ","
    return " ".join(out) + "."


class _Generator:
    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.content = vocabulary(seed=seed)
        # Zipf-Mandelbrot over the content words (no single word dominates); function words
        # are drawn uniformly from a small list
        self.cum = list(itertools.accumulate(1.0 / (r + 15) for r in range(len(self.content))))
        self.names = [w.capitalize() for w in self.content[-400:]]

    def words(self, rng: random.Random, n: int) -> list[str]:
        picks = rng.choices(self.content, cum_weights=self.cum, k=n)
        out = []
        for w in picks:
            r = rng.random()
            if r < 0.42:
                out.append(rng.choice(_FUNCTION_WORDS))
            elif r < 0.46:
                out.append(rng.choice(self.names))
            elif r < 0.47:
                out.append(str(rng.choice((rng.randint(2, 99), rng.randint(100, 5000)))))
            else:
                out.append(w)
        return out

    def paragraph(self, rng: random.Random, n_words: int) -> list[list[str]]:
        words = self.words(rng, n_words)
        sentences, i = [], 0
        while i < len(words):
            k = rng.randint(8, 24)
            if len(words) - (i + k) < 6:  # no stub sentence at the end
                k = len(words) - i
            sentences.append(words[i : i + k])
            i += k
        return sentences

    def document(self, key: str) -> _Doc:
        rng = random.Random(f"{self.seed}:{key}")
        paragraphs, total = [], 0
        target = rng.randint(WORDS_PER_DOC - 60, WORDS_PER_DOC + 60)
        while total < target:
            n = min(rng.randint(40, 110), max(20, target - total))
            paragraphs.append(self.paragraph(rng, n))
            total += n
        return _Doc(
            title=self.words(rng, rng.randint(6, 11)),
            byline=self._byline(rng),
            date=self._date(rng),
            paragraphs=paragraphs,
            wrap=rng.random() < 0.33,
        )

    def _byline(self, rng: random.Random) -> str:
        return f"By {rng.choice(self.names)} {rng.choice(self.names)}"

    def _date(self, rng: random.Random) -> str:
        return f"Published {rng.randint(1, 28)} {rng.choice(_MONTHS)} {rng.randint(2010, 2024)}"

    def near_copy(self, doc: _Doc, key: str) -> tuple[_Doc, float]:
        """A copy of ``doc`` with 5-10% of its body words substituted, deleted or inserted."""
        rng = random.Random(f"{self.seed}:copy:{key}")
        rate = rng.uniform(0.05, 0.10)
        paragraphs = []
        for para in doc.paragraphs:
            new_para = []
            for sentence in para:
                out: list[str] = []
                for w in sentence:
                    if rng.random() >= rate:
                        out.append(w)
                        continue
                    op = rng.random()
                    if op < 0.6:
                        out.append(self.words(rng, 1)[0])  # substitution
                    elif op < 0.8:
                        out += [w, self.words(rng, 1)[0]]  # insertion
                    # else: deletion
                new_para.append(out or sentence)
            paragraphs.append(new_para)
        copy = _Doc(list(doc.title), self._byline(rng), doc.date, paragraphs, rng.random() < 0.33)
        return copy, rate


def shingle_set(words: list[str], n: int = SHINGLE) -> set[str]:
    """Word n-grams of ``words`` (the whole list if it is shorter than ``n``)."""
    if len(words) < n:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + n]) for i in range(len(words) - n + 1)}


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def generate(n_docs: int, seed: int = SEED, near_dup_share: float = 0.1, passage_share: float = 0.05):
    """``({file name: text}, Truth)`` for ``n_docs`` documents.

    ``near_dup_share`` of the documents are members of near-duplicate pairs and
    ``passage_share`` are the target documents of a copied passage (each with its own
    source document). Files are named ``doc_00000.txt`` ...; the planted roles are spread
    over the names at random, so copies are not adjacent in path order.
    """
    gen = _Generator(seed)
    rng = random.Random(f"layout:{seed}:{n_docs}")
    names = [f"doc_{i:05d}.txt" for i in range(n_docs)]
    slots = list(range(n_docs))
    rng.shuffle(slots)
    n_pairs = int(n_docs * near_dup_share / 2)
    n_passages = int(n_docs * passage_share)
    docs: dict[int, _Doc] = {}
    near: list[NearDuplicate] = []
    taken = 0
    for _ in range(n_pairs):
        a, b = slots[taken], slots[taken + 1]
        taken += 2
        docs[a] = gen.document(str(a))
        docs[b], rate = gen.near_copy(docs[a], str(b))
        j = jaccard(shingle_set(docs[a].words()), shingle_set(docs[b].words()))
        near.append(NearDuplicate(names[a], names[b], round(rate, 4), j))
    for slot in slots[taken:]:
        if slot not in docs:
            docs[slot] = gen.document(str(slot))
    # copied passages: sources and targets among documents that are in no near-duplicate pair
    singles = slots[taken:]
    passages: list[CopiedPassage] = []
    for k in range(min(n_passages, len(singles) // 2)):
        src, dst = singles[2 * k], singles[2 * k + 1]
        prng = random.Random(f"{seed}:passage:{src}:{dst}")
        para = gen.paragraph(prng, PASSAGE_WORDS)
        source_doc, target_doc = docs[src], docs[dst]
        source_doc.paragraphs.insert(prng.randint(0, len(source_doc.paragraphs)), para)
        target_doc.paragraphs.insert(prng.randint(1, len(target_doc.paragraphs)), para)
        text = " ".join(_sentence(s) for s in para)
        passages.append(CopiedPassage(names[src], names[dst], sum(len(s) for s in para), text))
    texts = {names[slot]: docs[slot].render() for slot in range(n_docs)}
    truth = Truth(tuple(sorted(near, key=lambda t: t.a)), tuple(sorted(passages, key=lambda t: t.source)))
    return texts, truth


def write_corpus(folder: str | Path, n_docs: int, seed: int = SEED) -> Truth:
    """Write ``n_docs`` documents as UTF-8 ``.txt`` files into ``folder``; return the planted truth."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    texts, truth = generate(n_docs, seed)
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return truth


def planted_truth(n_docs: int, seed: int = SEED) -> Truth:
    """The truth :func:`write_corpus` plants for the same arguments (nothing is written)."""
    return generate(n_docs, seed)[1]


if __name__ == "__main__":  # a quick look: python benchmarks/corpus.py [N]
    import sys

    texts, truth = generate(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
    print(next(iter(texts.values())))
    print(f"{len(texts)} documents, {sum(len(t.split()) for t in texts.values()):,} words")
    print(f"{len(truth.near_duplicates)} near-duplicate pairs, {len(truth.passages)} copied passages")
    for t in truth.near_duplicates[:5]:
        print(f"  {t.a} ~ {t.b}: edit rate {t.edit_rate:.3f}, Jaccard {t.jaccard:.3f}")
