"""The command line: parse options, show progress on stderr, map outcomes to exit codes.

Thin by design: it calls :func:`compare.api.run` with the same names the API uses.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import gc
import logging
import os
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from . import __version__
from ._runtime import ends_without_freeing, retain
from .api import run
from .console import Console, console
from .documents.tables import FORMATS as INPUT_FORMATS
from .errors import EXIT_FAIL_ON, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, CompareError, UsageError
from .findings.baseline import (
    DEFAULT_BASELINE,
    accepted_summary,
    baseline_entries,
    dumps_baseline,
    github_annotations,
    load_baseline,
)
from .findings.fail_on import failed_conditions
from .findings.model import Findings
from .incremental.cache import DEFAULT_FOLDER as DEFAULT_CACHE
from .incremental.cache import WAIT_SECONDS
from .report.export import FORMATS
from .report.output import atomic_write
from .settings import DEFAULTS, FAIL_ON_HELP, Settings, parse_fail_on

log = logging.getLogger(__name__)

EPILOG = """\
exit codes:
  0    done; report.md and findings.json written
  1    done and written, but a --fail-on condition is met (or --strict and a
       file was skipped)
  2    usage or input error (missing or empty folder, bad option or setting);
       nothing is written
  130  interrupted; the previous report, if any, is left intact

baseline: --write-baseline records the conflicts and near-duplicate pairs found as
accepted (compare-baseline.json); later runs read it, and --fail-on conflict,
possible-conflict and near-duplicate then fail only on findings not in it.
In GitHub Actions (GITHUB_ACTIONS=true) every certain conflict not in the baseline
is printed on stdout as a ::warning annotation on its file and line.

settings can also be given in a [tool.compare] table of ./pyproject.toml or in
./compare.toml (same names, with underscores), or in a file named by --config.
Command-line options win over files; files win over defaults.

examples:
  python -m compare run seeds --out reports
  compare-sources run news --out out --export csv --fail-on conflict
  compare-sources cache info          (or: cache clear)
"""


def _fail_on(value: str) -> str:
    try:
        return parse_fail_on(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _parser() -> argparse.ArgumentParser:
    """The argument parser: one option per setting, in groups as the README lists them.

    Over 60 lines on purpose: it is a flat list of option declarations, each read on its own;
    split into helpers it would only scatter the list a reader scans from top to bottom."""
    parser = argparse.ArgumentParser(
        prog="compare-sources",
        description="Compare texts from different sources about one subject: what they share, "
        "what only one says, and where they disagree, with citations.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=EPILOG,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    r = sub.add_parser(
        "run",
        help="compare the texts in a folder and write report.md and findings.json",
        description="Read every .txt and .md file under INPUT_DIR (recursively), compare them, and write "
        "report.md and findings.json into --out.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=EPILOG,
    )
    r.add_argument(
        "input_dir",
        metavar="INPUT",
        type=Path,
        help="folder of texts to compare, or a JSON Lines or Parquet table with id and text columns",
    )
    r.add_argument(
        "--input-format",
        choices=INPUT_FORMATS,
        default="auto",
        help="how to read INPUT: auto (default: a folder, or a table by its extension), folder, jsonl, parquet",
    )
    r.add_argument(
        "--engine",
        choices=("local", "spark"),
        default="local",
        help="where the stages run: local (default; this machine's cores) or spark (the spark extra and "
        "Java); the findings are the same",
    )
    r.add_argument(
        "--master",
        default=None,
        help="Spark master URL for --engine spark (default: spark-submit's master, else local[*])",
    )
    r.add_argument(
        "--out",
        "-o",
        type=Path,
        default=Path("reports"),
        help="folder for report.md and findings.json (default: %(default)s)",
    )
    r.add_argument("--config", type=Path, help="TOML file with settings (a [tool.compare] table or top-level keys)")
    _talk_options(r)
    r.add_argument(
        "--format",
        choices=("md", "html"),
        default="md",
        help="md: report.md (default); html: also report.html, one self-contained page to browse the findings "
        "with the source texts embedded (citations open the cited line; filters by source and kind)",
    )
    r.add_argument(
        "--export",
        action="append",
        choices=FORMATS,
        default=[],
        help="also write conflicts, repeated, unique and pairs tables (.csv or .parquet) into --out; repeatable",
    )
    r.add_argument(
        "--fail-on",
        action="append",
        default=None,
        metavar="CONDITION",
        type=_fail_on,
        help="exit with code 1 (after writing the outputs) when CONDITION holds; repeatable; replaces the "
        "list of the setting fail_on (default none). " + FAIL_ON_HELP,
    )
    r.add_argument("--strict", action="store_true", help="same as --fail-on skipped: unreadable files fail the run")
    _baseline_options(r)
    c = r.add_mutually_exclusive_group()
    c.add_argument(
        "--cache",
        type=Path,
        default=Path(DEFAULT_CACHE),
        metavar="DIR",
        help="folder for the per-document cache: a rerun only reads the files that changed, with the same "
        "findings as a cold run (default: %(default)s in the working directory)",
    )
    c.add_argument("--no-cache", action="store_true", help="neither read nor write a cache")
    r.add_argument(
        "--cache-wait",
        type=float,
        default=WAIT_SECONDS,
        metavar="SECONDS",
        help="how long to wait for another run using the same cache folder before giving up with "
        "exit code 2 (default: %(default)g)",
    )
    r.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=0,
        metavar="N",
        help="processes for the per-document stages: 0 one per core (default), 1 this process only; "
        "the findings are the same for any N",
    )
    d = DEFAULTS
    g = r.add_argument_group("similarity (documents)")
    g.add_argument("--shingle-size", type=int, help=f"word n-gram order of shingles (default {d.shingle_size})")
    g.add_argument("--num-perm", type=int, help=f"MinHash permutations (default {d.num_perm})")
    g.add_argument("--seed", type=int, help=f"MinHash seed, fixed for reproducible runs (default {d.seed})")
    g.add_argument(
        "--lsh-threshold",
        type=float,
        help=f"Jaccard the LSH bands are tuned for, candidates only (default {d.lsh_threshold})",
    )
    g.add_argument(
        "--near-duplicate-jaccard",
        type=float,
        help=f"exact Jaccard at which two documents are near duplicates (default {d.near_duplicate_jaccard})",
    )
    g.add_argument(
        "--near-duplicate-containment",
        type=float,
        help="share of the smaller document found in the other at which it is a near duplicate "
        f"(default {d.near_duplicate_containment})",
    )
    g.add_argument(
        "--all-pairs-max-docs",
        type=int,
        help=f"up to this many documents every pair is verified (default {d.all_pairs_max_docs})",
    )
    g = r.add_argument_group("passages")
    g.add_argument(
        "--passage-min-words", type=int, help=f"shortest shared passage reported (default {d.passage_min_words})"
    )
    g.add_argument(
        "--passage-seed-words", type=int, help=f"word n-gram order of passage seeds (default {d.passage_seed_words})"
    )
    g.add_argument(
        "--passage-max-df",
        type=float,
        help=f"ignore seeds found in more than this share of documents (default {d.passage_max_df})",
    )
    g = r.add_argument_group("statements and conflicts")
    g.add_argument(
        "--match-threshold",
        type=float,
        help=f"score at which two statements say the same thing (default {d.match_threshold})",
    )
    g.add_argument(
        "--conflict-min-confidence",
        type=float,
        help=f"below this, conflicts are listed as possible only (default {d.conflict_min_confidence})",
    )
    g.add_argument(
        "--semantic",
        action="store_true",
        default=None,
        help="also match statements by sentence embeddings (needs pip install 'compare-sources[semantic]'; slower; "
        "default False)",
    )
    g = r.add_argument_group("input and report")
    g.add_argument(
        "--extensions",
        type=lambda v: tuple(e if e.startswith(".") else "." + e for e in v.split(",") if e),
        help=f"comma-separated file endings read as documents (default {','.join(d.extensions)})",
    )
    g.add_argument("--max-bytes", type=int, help=f"skip files larger than this (default {d.max_bytes})")
    g.add_argument("--top-n", type=int, help=f"items per report section (default {d.top_n}); all are in findings.json")
    g.add_argument(
        "--title",
        help="the report's title, naming the subject (default: from INPUT_DIR's name, harbor-fire -> Harbor fire)",
    )
    _cache_parser(sub)
    return parser


def _talk_options(p: argparse.ArgumentParser) -> None:
    """``--quiet`` and ``--verbose``: how much the command says on stderr."""
    t = p.add_mutually_exclusive_group()
    t.add_argument(
        "--quiet", "-q", action="store_true", help="no progress nor summary on stderr: warnings and errors only"
    )
    t.add_argument("--verbose", "-v", action="store_true", help="also say what each step found and reused (debug)")


def _cache_parser(sub: Any) -> None:
    """``cache info`` and ``cache clear``: the per-document cache folder, described or emptied."""
    c = sub.add_parser("cache", help="describe (info) or empty (clear) the per-document cache folder")
    actions = c.add_subparsers(dest="action", metavar="ACTION", required=True)
    for name, text in (
        ("info", "where the cache is, its size, its keys with their documents, and their age"),
        ("clear", "remove every cached table (the folder stays, marked and empty); waits for a run using it"),
    ):
        a = actions.add_parser(name, help=text, description=text)
        a.add_argument(
            "--cache", type=Path, default=Path(DEFAULT_CACHE), metavar="DIR", help="cache folder (default: %(default)s)"
        )
        if name == "clear":
            a.add_argument("--cache-wait", type=float, default=WAIT_SECONDS, metavar="SECONDS",
                           help="how long to wait for a run using the cache (default: %(default)g)")  # fmt: skip
        _talk_options(a)


def _baseline_options(r: argparse.ArgumentParser) -> None:
    """The options of the baseline of accepted findings (kept apart from :func:`_parser`'s list)."""
    b = r.add_mutually_exclusive_group()
    b.add_argument(
        "--baseline",
        type=Path,
        metavar="FILE",
        help="baseline of accepted findings: conflicts and near-duplicate pairs listed in FILE do not count for "
        f"--fail-on conflict, possible-conflict and near-duplicate (default: {DEFAULT_BASELINE} in the working "
        "directory if it exists); a missing or invalid FILE is an error (exit code 2)",
    )
    b.add_argument("--no-baseline", action="store_true", help=f"ignore {DEFAULT_BASELINE}: every finding counts")
    r.add_argument(
        "--write-baseline",
        nargs="?",
        type=Path,
        const=Path(DEFAULT_BASELINE),
        metavar="FILE",
        help="after the run, write every conflict and near-duplicate pair found to FILE as accepted (default: "
        f"{DEFAULT_BASELINE} in the working directory); the --fail-on gates of this run then use it; "
        "give it after INPUT_DIR",
    )


_SETTING_OPTIONS = tuple(f.name for f in dataclasses.fields(Settings))
"""Every setting has an option of the same name (``--shingle-size`` for ``shingle_size``);
``--fail-on`` is repeated, and given on the command line replaces the config file's list."""


def _terminate(signum: int, frame: object) -> None:
    """SIGTERM (CI cancelling a job) unwinds like Ctrl-C, so temporary files are removed."""
    raise KeyboardInterrupt


def _main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


def program() -> NoReturn:
    """The program ``python -m compare`` and ``compare-sources`` run: :func:`main` with the
    cyclic garbage collector off, then exit at once.

    The job builds millions of small objects that stay alive until it ends and form no
    reference cycles worth collecting (peak memory of a 1,000-article run is the same with
    and without the collector); each collection would only rescan them (about a tenth of a
    rerun after adding one article to 1,000; the API keeps it off over its cross-document
    stages anyway). Every output is already written, flushed to disk and renamed into place
    when :func:`main` returns, so the interpreter's own shutdown (freeing those objects one
    by one, about 0.15 s at 1,000 articles) is skipped; stdout and stderr are flushed first."""
    gc.disable()
    ends_without_freeing()
    code = main()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``python -m compare`` and ``compare-sources``; returns the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    with console(args.quiet, args.verbose) as shown:
        try:
            return _cache(args) if args.command == "cache" else _run(args, shown)
        except CompareError as exc:
            shown.finish()
            log.error("%s", exc)
            return exc.exit_code


def _cache(args: argparse.Namespace) -> int:
    """``cache info`` (printed on stdout) or ``cache clear``."""
    from .incremental.cache_admin import cache_info, clear, info_lines, size_text  # a run never needs them

    if args.action == "info":
        print("\n".join(info_lines(cache_info(args.cache))))
        return EXIT_OK
    files, size = clear(args.cache, args.cache_wait)
    log.info("cleared %s: %d file%s removed (%s)", args.cache, files, "s" * (files != 1), size_text(size))
    return EXIT_OK


def _run(args: argparse.Namespace, shown: Console) -> int:
    """``run``: the comparison, the summary line, the baseline and the gates' exit code."""
    overrides = {name: getattr(args, name) for name in _SETTING_OPTIONS}
    baseline = _read_baseline(args)
    previous = signal.signal(signal.SIGTERM, _terminate) if _main_thread() else None
    try:
        findings = run(
            args.input_dir,
            args.out,
            config=args.config,
            format=args.format,
            export=args.export,
            cache=None if args.no_cache else args.cache,
            cache_wait=args.cache_wait,
            jobs=args.jobs,
            engine=args.engine,
            master=args.master,
            input_format=args.input_format,
            **overrides,
        )
    except KeyboardInterrupt:
        shown.finish()
        log.warning("interrupted; previous outputs left as they were")
        return EXIT_INTERRUPTED
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    shown.finish()
    retain(findings.statements.height, findings)
    return _finish(args, findings, *baseline)


def _read_baseline(args: argparse.Namespace) -> tuple[Path | None, dict[str, Any] | None]:
    """The baseline the gates use, read and checked before the run so a bad one writes nothing:
    ``--baseline FILE``, else ``compare-baseline.json`` in the working directory if it exists
    (not when ``--write-baseline`` replaces it anyway), none with ``--no-baseline``."""
    if args.write_baseline is not None and not args.write_baseline.resolve().parent.is_dir():
        raise UsageError(f"cannot write the baseline {args.write_baseline}: its folder does not exist")
    if args.no_baseline:
        return None, None
    if args.baseline is not None:
        return args.baseline, load_baseline(args.baseline)
    default = Path(DEFAULT_BASELINE)
    if args.write_baseline is None and default.is_file():
        return default, load_baseline(default)
    return None, None


def _finish(
    args: argparse.Namespace, findings: Findings, baseline_path: Path | None, baseline: dict[str, Any] | None
) -> int:
    """After a run: the summary line, the baseline written, annotations, and the gates' exit code."""
    certain = sum(c["certain"] for c in findings.conflict_list)
    log.info(
        "%s",
        f"{findings.documents.height} documents"
        + (f" ({findings.from_cache} from the cache)" if findings.from_cache else "")
        + f", {len(findings.repeated)} repeated claims, "
        f"{certain} conflict{'' if certain == 1 else 's'}; "
        f"wrote {args.out / 'report.md'} and {args.out / 'findings.json'}"
    )
    if args.write_baseline is not None:
        baseline = baseline_entries(findings)
        try:
            atomic_write(args.write_baseline, dumps_baseline(baseline))
        except OSError as exc:
            log.error("cannot write the baseline %s: %s", args.write_baseline, exc.strerror or exc)
            return EXIT_USAGE
        baseline_path = args.write_baseline
        n, pairs = len(baseline["conflicts"]), len(baseline["near_duplicates"])
        log.info(
            "wrote %s: %d conflict%s and %d near-duplicate pair%s accepted",
            args.write_baseline, n, "s" * (n != 1), pairs, "s" * (pairs != 1),
        )  # fmt: skip
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for line in github_annotations(findings, baseline, args.input_dir.as_posix()):
            print(line)
    conditions = list(dict.fromkeys([*findings.settings.fail_on, *(["skipped"] if args.strict else [])]))
    if baseline is not None and (summary := accepted_summary(findings, baseline, conditions)):
        log.warning("accepted by the baseline %s: %s", baseline_path, summary)
    met = failed_conditions(findings, conditions, baseline)
    for m in met:
        log.warning("fail-on condition met: %s", m)
    return EXIT_FAIL_ON if met else EXIT_OK
