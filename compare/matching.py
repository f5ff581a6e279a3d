"""Stage 6, statements: which claims two or more sources make, and which only one does.

Baseline method, in three steps:

1. *Candidates*: an inverted index over canonical content stems (Snowball stems, with
   a small curated list of news paraphrases mapped to one stem) proposes pairs of
   claims from different documents that share at least two stems. Stems found in a
   large share of all claims are not used for blocking.
2. *Score*: IDF-weighted overlap of the two stem sets, the mean of the overlap
   coefficient (shared weight over the lighter statement) and the weighted Jaccard,
   so a short statement inside a longer one still scores, while sharing one rare name
   does not; each shared anchor (the same count of the same thing, the same day)
   adds ``ANCHOR_BONUS``. Long sentences are also compared clause by clause, so a
   claim made inside a longer sentence is still found (``CLAUSE_WEIGHT``), and two
   statements that say the same predicate of the same named object ("spoke highly of
   Putin" / "expressed admiration for Vladimir Putin") score ``FRAME_SCORE``.
3. *Groups*: pairs at or above ``match_threshold`` are merged strongest first, and two
   groups merge only if every cross-document pair in them still scores at least
   ``LINK_FLOOR`` and no two members conflict: no snowballing through weak links.
"""

from __future__ import annotations

from .candidates import *  # noqa: F403 - the matching stage as it was imported before the split
from .candidates import _alike as _alike
from .candidates import _pairs_in_buckets as _pairs_in_buckets
from .features import canonical as canonical
from .features import clauses as clauses
from .features import predicate_frames as predicate_frames
from .grouping import *  # noqa: F403
from .scoring import *  # noqa: F403
from .scoring import _same_frame as _same_frame
