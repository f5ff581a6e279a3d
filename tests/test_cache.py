"""The per-document cache: reruns equal cold runs, only new files are computed, and a
damaged, foreign or busy cache is handled without losing anything."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest
from filelock import FileLock

import compare
from compare.cli import main
from compare.engines import local as engine
from compare.errors import UsageError
from compare.incremental import blocking, cache, passage_state

HARBOR = Path(__file__).parent / "fixtures" / "harbor-fire"
SEEDS = Path(__file__).parents[1] / "seeds"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A copy of harbor-fire plus the seeds: two subjects, seven files."""
    folder = tmp_path / "in"
    shutil.copytree(HARBOR, folder, ignore=shutil.ignore_patterns("*.json"))
    for path in sorted(SEEDS.glob("*.txt")):
        shutil.copy(path, folder / path.name)
    return folder


def _findings(folder: Path, out: Path, cache_dir: Path | None) -> str:
    compare.run(folder, out, cache=cache_dir)
    return (out / "findings.json").read_text(encoding="utf-8")


class _Counter:
    """Wraps a stage function and records how many documents it was given."""

    def __init__(self, fn):
        self.fn = fn
        self.sizes: list[int] = []

    def __call__(self, documents, *args):
        self.sizes.append(documents.height)
        return self.fn(documents, *args)


def test_warm_and_incremental_runs_equal_cold_runs(corpus: Path, tmp_path: Path, monkeypatch) -> None:
    cold = _findings(corpus, tmp_path / "cold", None)
    store = tmp_path / "cache"
    assert _findings(corpus, tmp_path / "first", store) == cold  # writing the cache changes nothing
    counter = _Counter(engine.normalize)
    monkeypatch.setattr(engine, "normalize", counter)
    assert _findings(corpus, tmp_path / "warm", store) == cold
    assert counter.sizes == [0]  # nothing read again
    # a new file (between two others in path order, so doc ids shift) and a changed one
    (corpus / "b_extra.txt").write_text(
        "Fire crews said the harbor warehouse fire started at 3 a.m. on Tuesday.\n\n"
        "Nobody was hurt, the port authority said.\n",
        encoding="utf-8",
    )
    with open(corpus / "c_blog.txt", "a", encoding="utf-8") as fh:
        fh.write("\nUpdate: the harbor reopened on Thursday.\n")
    incremental = _findings(corpus, tmp_path / "incremental", store)
    assert counter.sizes == [0, 2]  # only the new and the changed file
    monkeypatch.undo()
    assert incremental == _findings(corpus, tmp_path / "cold2", None)
    assert incremental != cold


def test_same_content_under_two_names_is_cached_once_and_found_twice(corpus: Path, tmp_path: Path) -> None:
    shutil.copy(corpus / "a_wire.txt", corpus / "z_copy.txt")
    store = tmp_path / "cache"
    cold = _findings(corpus, tmp_path / "cold", None)
    assert _findings(corpus, tmp_path / "first", store) == cold
    assert _findings(corpus, tmp_path / "warm", store) == cold
    documents = pl.read_parquet(next((store).glob("*/documents.*.parquet")))
    assert documents.height == 7  # seven distinct contents among eight files


def _table_files(store: Path) -> list[Path]:
    return sorted(store.glob("*/*.parquet"))


@pytest.mark.parametrize(
    "damage", ["flip-bytes", "truncate", "empty", "bad-manifest", "other-format", "missing-file", "edited-parameters"]
)
def test_damaged_cache_is_reported_and_rebuilt(corpus: Path, tmp_path: Path, damage: str, caplog) -> None:
    store = tmp_path / "cache"
    cold = _findings(corpus, tmp_path / "cold", store)
    files = _table_files(store)
    manifest = next(store.glob("*/manifest.json"))
    statements = next(p for p in files if p.name.startswith("statements."))
    if damage == "flip-bytes":
        data = bytearray(statements.read_bytes())
        data[len(data) // 2] ^= 0xFF
        statements.write_bytes(bytes(data))
    elif damage == "truncate":
        statements.write_bytes(statements.read_bytes()[:100])
    elif damage == "empty":  # nothing to map: damaged like any other file
        statements.write_bytes(b"")
    elif damage == "bad-manifest":
        manifest.write_text("{not json", encoding="utf-8")
    elif damage == "other-format":
        manifest.write_text(json.dumps({**json.loads(manifest.read_text()), "format": 999}), encoding="utf-8")
    elif damage == "edited-parameters":  # one MinHash permutation changed, the checksum not
        data = json.loads(manifest.read_text())
        data["derived"]["values"]["perm:128:1"][0][0] += 1
        manifest.write_text(json.dumps(data), encoding="utf-8")
    else:
        statements.unlink()
    caplog.clear()
    assert _findings(corpus, tmp_path / "again", store) == cold
    assert "damaged" in caplog.text and caplog.records[-1].levelname == "WARNING"
    # rebuilt: the next run trusts it again, silently
    opened = cache.Cache.open(store, manifest.parent.name)
    try:
        assert opened.load(compare.api.ingest(corpus, compare.Settings())[0])[1]
    finally:
        opened.close()
    caplog.clear()
    assert _findings(corpus, tmp_path / "third", store) == cold
    assert "damaged" not in caplog.text


def test_interrupted_cache_write_keeps_the_previous_cache(corpus: Path, tmp_path: Path, monkeypatch) -> None:
    store = tmp_path / "cache"
    cold = _findings(corpus, tmp_path / "cold", store)
    before = {p.name: p.read_bytes() for p in store.glob("*/*")}
    (corpus / "new.txt").write_text("A new article about the harbor fire.\n", encoding="utf-8")
    calls = []

    def interrupted(path: Path, data: bytes) -> None:
        calls.append(path)
        if len(calls) == 2:
            raise KeyboardInterrupt
        cache._write_file.__wrapped__(path, data)  # type: ignore[attr-defined]

    interrupted.__wrapped__ = cache._write_file  # type: ignore[attr-defined]
    monkeypatch.setattr(cache, "_write_file", interrupted)
    with pytest.raises(KeyboardInterrupt):
        compare.run(corpus, tmp_path / "out", cache=store)
    monkeypatch.undo()
    after = {p.name: p.read_bytes() for p in store.glob("*/*")}
    assert after == before  # no new table file left behind, the old manifest and tables intact
    (corpus / "new.txt").unlink()
    assert _findings(corpus, tmp_path / "again", store) == cold


def test_foreign_folder_is_refused_and_left_alone(corpus: Path, tmp_path: Path, capsys) -> None:
    mine = tmp_path / "documents"
    mine.mkdir()
    (mine / "thesis.docx").write_bytes(b"precious")
    with pytest.raises(UsageError, match="not a compare cache"):
        compare.run(corpus, tmp_path / "out", cache=mine)
    assert main(["run", str(corpus), "--out", str(tmp_path / "out"), "--cache", str(mine), "-q"]) == 2
    assert "not a compare cache" in capsys.readouterr().err
    assert [p.name for p in mine.iterdir()] == ["thesis.docx"]
    assert not (tmp_path / "out").exists()


def test_settings_that_shape_the_sketches_make_a_new_key(corpus: Path, tmp_path: Path) -> None:
    store = tmp_path / "cache"
    _findings(corpus, tmp_path / "a", store)
    compare.run(corpus, tmp_path / "b", cache=store, num_perm=64)
    assert len(list(store.glob("*/manifest.json"))) == 2
    compare.run(corpus, tmp_path / "c", cache=store, top_n=3)  # a report setting: same key
    assert len(list(store.glob("*/manifest.json"))) == 2
    compare.run(corpus, tmp_path / "d", num_perm=64)
    assert (tmp_path / "b" / "findings.json").read_bytes() == (tmp_path / "d" / "findings.json").read_bytes()
    # the tokens keep their passage seed hashes: another seed length is another key
    compare.run(corpus, tmp_path / "e", cache=store, passage_seed_words=7, passage_min_words=8)
    assert len(list(store.glob("*/manifest.json"))) == 3
    compare.run(corpus, tmp_path / "f", passage_seed_words=7, passage_min_words=8)
    assert (tmp_path / "e" / "findings.json").read_bytes() == (tmp_path / "f" / "findings.json").read_bytes()


def test_a_second_run_on_a_busy_cache_waits_then_refuses(corpus: Path, tmp_path: Path) -> None:
    store = tmp_path / "cache"
    _findings(corpus, tmp_path / "first", store)
    with FileLock(store / "lock", timeout=0):  # held as another run holds it, on any platform
        proc = subprocess.run(
            [sys.executable, "-m", "compare", "run", str(corpus), "--out", str(tmp_path / "out"),
             "--cache", str(store), "--cache-wait", "0.3", "-q"],
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
    assert proc.returncode == 2
    assert "in use by another compare run" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "out").exists()


def _run_copy(package_parent: Path, corpus: Path, out: Path, store: Path) -> str:
    """The CLI of the package copy under ``package_parent`` in a child process; its last stderr line."""
    env = dict(os.environ, PYTHONPATH=str(package_parent))
    proc = subprocess.run(
        [sys.executable, "-m", "compare", "run", str(corpus), "--out", str(out), "--cache", str(store)],
        capture_output=True, text=True, timeout=300, env=env, cwd=package_parent,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    return proc.stderr.strip().splitlines()[-1]


@pytest.mark.parametrize("module", ["statements/conflicts.py", "report/markdown.py", "findings/fail_on.py"])
def test_any_change_to_the_package_starts_a_cold_cache(corpus: Path, tmp_path: Path, module: str) -> None:
    """The cache key and the stored candidate state are keyed by every file of the package:
    a comment appended to any module (here one of a stage the cached frames do not come from,
    one of the report, one of the CLI's gates) makes the next run reuse nothing."""
    parent = tmp_path / "code"
    shutil.copytree(Path(compare.__file__).parent, parent / "compare", ignore=shutil.ignore_patterns("__pycache__"))
    store = tmp_path / "cache"
    _run_copy(parent, corpus, tmp_path / "first", store)
    assert "from the cache" in _run_copy(parent, corpus, tmp_path / "second", store)
    keys_before = {p.name for p in store.iterdir() if p.is_dir()}
    with (parent / "compare" / module).open("a", encoding="utf-8") as fh:
        fh.write("\n# an edit\n")
    last = _run_copy(parent, corpus, tmp_path / "third", store)
    assert "from the cache" not in last and "documents" in last
    new_keys = {p.name for p in store.iterdir() if p.is_dir()} - keys_before
    assert len(new_keys) == 1  # its own key: nothing stored by the earlier code is read
    assert (tmp_path / "third" / "findings.json").read_bytes() == (tmp_path / "first" / "findings.json").read_bytes()


def test_the_package_digest_covers_every_module_and_data_file() -> None:
    """Every .py and data file of the package is hashed; bytecode is not."""
    from compare.incremental.keys import package_files

    root = Path(compare.__file__).parent
    files = {p.relative_to(root).as_posix() for p in package_files()}
    assert {"incremental/cache.py", "statements/conflict_rules.py", "report/markdown.py", "__init__.py"} <= files
    assert "findings/findings.schema.json" in files
    expected = {p.relative_to(root).as_posix() for p in root.rglob("*.py") if "__pycache__" not in p.parts}
    assert expected <= files
    assert not any(name.endswith(".pyc") or "__pycache__" in name for name in files)


def test_library_versions_in_the_key_are_those_installed() -> None:
    """The versions read off the metadata files' headers (part of the cache key) equal
    ``importlib.metadata.version`` for every library the key names; one not installed is said so."""
    from importlib import metadata

    from compare import pipeline

    got = pipeline._versions()
    for name in pipeline._PACKAGES:
        try:
            want = metadata.version(name)
        except metadata.PackageNotFoundError:
            want = "not installed"
        assert got[name] == want, name
    assert sum(v != "not installed" for v in got.values()) >= 8
    with pytest.raises(metadata.PackageNotFoundError):
        pipeline._installed_version("no-such-package-of-compare")


def test_a_document_cached_alone_gets_its_word_index_when_others_join(tmp_path: Path) -> None:
    """A run on one document stores no passage tokens (memory); when more documents come,
    the cached one is tokenized from its cached lines and the passages equal a cold run's."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(HARBOR / "a_wire.txt", folder)
    store = tmp_path / "cache"
    _findings(folder, tmp_path / "one", store)
    assert not pl.read_parquet(next(store.glob("*/documents.*.parquet")))["tokens"].any()
    shutil.copy(HARBOR / "d_repost.txt", folder)  # shares passages with a_wire
    warm = json.loads(_findings(folder, tmp_path / "two", store))
    assert warm["passages"] and warm == json.loads(_findings(folder, tmp_path / "cold", None))
    assert pl.read_parquet(next(store.glob("*/documents.*.parquet")))["tokens"].all()


def _manifest(store: Path) -> dict:
    return json.loads(next(store.glob("*/manifest.json")).read_text(encoding="utf-8"))


def _files(store: Path) -> dict[str, tuple[int, int, bytes]]:
    """Every cache table file by name: inode, modification time and bytes."""
    return {p.name: (p.stat().st_ino, p.stat().st_mtime_ns, p.read_bytes()) for p in _table_files(store)}


def _article(folder: Path, name: str, n: int) -> None:
    (folder / name).write_text(
        f"Harbor officials said {n + 2} boats were moved after the warehouse fire on Tuesday.\n\n"
        f"Update {n}: the port reopened, a spokesperson said.\n",
        encoding="utf-8",
    )


def test_a_rerun_writes_only_the_new_documents_segment(corpus: Path, tmp_path: Path) -> None:
    store = tmp_path / "cache"
    _findings(corpus, tmp_path / "first", store)
    before = _files(store)
    (first,) = _manifest(store)["segments"]
    _article(corpus, "b_extra.txt", 1)
    warm = _findings(corpus, tmp_path / "plus-one", store)
    assert warm == _findings(corpus, tmp_path / "cold", None)
    after = _files(store)
    # the document index, the candidate pairs (compare.blocking) and the passages (compare.passage_state)
    rewritten = ("documents.", "blocking-", "passages-")
    segment_files = {name: v for name, v in before.items() if not name.startswith(rewritten)}
    assert all(after[name] == v for name, v in segment_files.items())  # not rewritten, not even touched
    segments = _manifest(store)["segments"]
    assert [s["id"] for s in segments[:1]] == [first["id"]] and len(segments) == 2
    new = segments[1]["id"]
    assert sorted(name.split(".")[0] for name in after if name.startswith("blocking-")) == [
        "blocking-gates",
        "blocking-lists",
        "blocking-pairs",
    ]  # this run's pairs replace the previous run's
    assert sorted(name.split(".")[0] for name in after if name.startswith("passages-")) == [
        "passages-lists",
        "passages-passages",
    ]  # and its passages too
    added = sorted(name for name in set(after) - set(before) if not name.startswith(rewritten[1:]))
    assert added == sorted([f"{name}.{new}.parquet" for name in cache.TABLES] + [f"documents.{new}.parquet"])
    assert segments[1]["documents"] == 1
    for name in cache.TABLES:  # the new segment holds the new document's rows only
        rows = pl.read_parquet(next(store.glob(f"*/{name}.{new}.parquet")))
        assert rows.height and set(rows["doc"]) == {0}
    assert pl.read_parquet(next(store.glob(f"*/sketches.{new}.parquet"))).height == 1
    index = pl.read_parquet(next(store.glob("*/documents.*.parquet")))
    assert index.height == 8 and index["last_run"].to_list() == [2] * 8


def test_a_damaged_later_segment_is_detected_and_rebuilt(corpus: Path, tmp_path: Path, caplog) -> None:
    store = tmp_path / "cache"
    _findings(corpus, tmp_path / "first", store)
    _article(corpus, "b_extra.txt", 1)
    expected = _findings(corpus, tmp_path / "plus-one", store)
    new = _manifest(store)["segments"][1]["id"]
    values = next(store.glob(f"*/values.{new}.parquet"))
    data = bytearray(values.read_bytes())
    data[len(data) // 2] ^= 0xFF
    values.write_bytes(bytes(data))
    caplog.clear()
    assert _findings(corpus, tmp_path / "again", store) == expected
    assert "damaged" in caplog.text
    assert len(_manifest(store)["segments"]) == 1  # rebuilt whole, the damaged file removed
    assert not values.exists()
    caplog.clear()
    assert _findings(corpus, tmp_path / "third", store) == expected
    assert "damaged" not in caplog.text


def test_small_segments_are_merged_beyond_max_segments(corpus: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(cache, "MAX_SEGMENTS", 3)
    store = tmp_path / "cache"
    _findings(corpus, tmp_path / "first", store)
    first = _manifest(store)["segments"][0]["id"]
    kept = {name: v for name, v in _files(store).items() if f".{first}." in name and not name.startswith("doc")}
    counts = []
    for n in range(5):
        _article(corpus, f"x{n}.txt", n)
        _findings(corpus, tmp_path / f"run{n}", store)
        counts.append([s["documents"] for s in _manifest(store)["segments"]])
    assert counts == [[7, 1], [7, 1, 1], [7, 3], [7, 3, 1], [7, 5]]  # the large first segment is kept
    assert all(_files(store)[name] == v for name, v in kept.items())
    # the merged segments' files are gone: two segments, the document index, the candidate pairs
    assert len(_table_files(store)) == 2 * len(cache.TABLES) + 1 + len(blocking.TABLES) + len(passage_state.TABLES)
    assert _findings(corpus, tmp_path / "warm", store) == _findings(corpus, tmp_path / "cold", None)


def test_documents_unseen_for_keep_runs_are_dropped_and_compacted(corpus: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(cache, "KEEP_RUNS", 2)
    store = tmp_path / "cache"
    _findings(corpus, tmp_path / "first", store)  # run 1: seven documents
    first = _manifest(store)["segments"][0]["id"]
    gone = sorted(corpus.glob("*.txt"))[:4]
    for path in gone:
        path.unlink()
    _article(corpus, "x0.txt", 0)
    _findings(corpus, tmp_path / "second", store)  # run 2: the four removed ones are still kept
    assert pl.read_parquet(next(store.glob("*/documents.*.parquet"))).height == 8
    assert _manifest(store)["segments"][0]["id"] == first  # not compacted yet
    _article(corpus, "x1.txt", 1)
    warm = _findings(corpus, tmp_path / "third", store)  # run 3: unseen since run 1, dropped
    index = pl.read_parquet(next(store.glob("*/documents.*.parquet")))
    assert index.height == 5
    # three of the first segment's seven documents are left: its rows moved, its files removed
    assert first not in [s["id"] for s in _manifest(store)["segments"]]
    assert not list(store.glob(f"*/*.{first}.parquet"))
    assert warm == _findings(corpus, tmp_path / "cold", None)
    assert _findings(corpus, tmp_path / "warm", store) == warm


def test_a_rerun_takes_datasketch_parameters_from_the_cache(corpus: Path, tmp_path: Path) -> None:
    """The cache stores the MinHash permutations and LSH bands datasketch computed, so a rerun
    that adds a document never imports datasketch (and scipy, ~0.8 s), with the outputs of a
    run without the cache."""
    store = tmp_path / "cache"
    compare.run(corpus, tmp_path / "first", cache=store)
    stored = set(_manifest(store)["derived"]["values"])
    assert stored == {"perm:128:1", "perm:64:1", "lsh:0.4:128:0.1:0.9", "lsh:0.6:64:0.1:0.9"}
    _article(corpus, "zz_new.txt", 1)
    code = (
        "import sys, compare\n"
        f"compare.run({str(corpus)!r}, {str(tmp_path / 'rerun')!r}, cache={str(store)!r})\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('datasketch', 'scipy')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]", done.stdout
    compare.run(corpus, tmp_path / "cold")
    for name in ("findings.json", "report.md"):
        assert (tmp_path / "rerun" / name).read_bytes() == (tmp_path / "cold" / name).read_bytes(), name


def test_old_keys_are_pruned(corpus: Path, tmp_path: Path) -> None:
    """Each code change or sketch setting makes a new key folder; a cache keeps the
    KEEP_KEYS most recently written and removes older ones (and nothing else)."""
    store = tmp_path / "cache"
    for seed in range(1, cache.KEEP_KEYS + 3):
        compare.run(corpus, tmp_path / f"out{seed}", cache=store, seed=seed)
    keys = sorted(p for p in store.iterdir() if p.is_dir())
    assert len(keys) == cache.KEEP_KEYS
    assert all((k / "manifest.json").exists() for k in keys)
    assert (store / "CACHEDIR.TAG").exists()
    last = compare.run(corpus, tmp_path / "again", cache=store, seed=cache.KEEP_KEYS + 2)
    assert last.from_cache == 7  # the newest key is among those kept


def test_runs_claiming_one_new_cache_folder_at_once_never_read_a_half_written_tag(tmp_path: Path) -> None:
    """Two runs started together on a new cache folder both claim it: the tag is written whole
    or not at all (a draft renamed into place), and a draft of the other run is no foreign file.
    Before, the second run could read the first one's tag while it was still empty and refuse
    the folder as another program's cache."""
    import threading

    from compare.incremental.cache_files import TAG, claim_folder

    drafted = tmp_path / "drafted"
    drafted.mkdir()
    (drafted / "CACHEDIR.TAG.0a1b2c3d.draft").write_text(TAG[:10], encoding="utf-8")  # another run, mid-write
    claim_folder(drafted)
    assert (drafted / "CACHEDIR.TAG").read_text(encoding="utf-8") == TAG
    errors: list[BaseException] = []
    for attempt in range(20):
        folder = tmp_path / f"new{attempt}"
        start = threading.Barrier(6)

        def claim(target: Path = folder, gate: threading.Barrier = start) -> None:
            gate.wait()
            try:
                claim_folder(target)
            except BaseException as exc:  # collected and asserted below
                errors.append(exc)

        threads = [threading.Thread(target=claim) for _ in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert (folder / "CACHEDIR.TAG").read_text(encoding="utf-8") == TAG
        assert not [p.name for p in folder.iterdir() if p.name.endswith(".draft")]
    assert errors == []
