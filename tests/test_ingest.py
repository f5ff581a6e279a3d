"""Stage 1, ingest: which files are read, in what order, decoded how, and what is skipped."""

from __future__ import annotations

import hashlib
from pathlib import Path

import polars as pl
import pytest

import compare
from compare import frames
from compare.documents.ingest import _plausible_western, _read, decode, ingest
from compare.settings import Settings
from compare.statements.segment import segment
from compare.text.normalize import normalize

SENTENCE = "The harbor warehouse burned on Tuesday night after a long dry summer.\n"


def _ingest(root: Path, exclude: tuple[Path, ...] = ()) -> tuple[pl.DataFrame, pl.DataFrame]:
    return ingest(root, Settings(), exclude)


def test_files_are_read_recursively_in_stable_path_order(write_tree):
    """Every .txt/.md file, in subfolders too, sorted by relative path; doc ids follow that order."""
    root = write_tree(
        {
            "zeta.txt": SENTENCE,
            "alpha.md": SENTENCE,
            "sub/beta.txt": SENTENCE,
            "sub/deeper/gamma.md": SENTENCE,
            "a-first.txt": SENTENCE,
        }
    )
    docs, skipped = _ingest(root)
    expected = sorted(["zeta.txt", "alpha.md", "sub/beta.txt", "sub/deeper/gamma.md", "a-first.txt"])
    assert docs["path"].to_list() == expected
    assert docs["doc_id"].to_list() == list(range(len(expected)))
    assert skipped.height == 0
    assert docs.schema == pl.Schema(frames.DOCUMENTS)
    again, _ = _ingest(root)
    assert again.equals(docs)


def test_only_txt_and_md_files_are_documents(write_tree):
    """Other extensions are neither read nor listed as skipped."""
    root = write_tree(
        {
            "keep.txt": SENTENCE,
            "keep.md": SENTENCE,
            "notes.rst": SENTENCE,
            "page.html": "<p>" + SENTENCE + "</p>",
            "data.json": '{"a": 1}',
            "readme": SENTENCE,
            "archive.txt.bak": SENTENCE,
        }
    )
    docs, skipped = _ingest(root)
    assert docs["path"].to_list() == ["keep.md", "keep.txt"]
    assert skipped.height == 0


def test_hidden_files_and_folders_are_skipped(write_tree):
    """Dot files and everything under dot folders are left out."""
    root = write_tree(
        {
            "visible.txt": SENTENCE,
            ".hidden.txt": SENTENCE,
            ".git/notes.md": SENTENCE,
            "sub/.cache/x.txt": SENTENCE,
            "sub/shown.md": SENTENCE,
        }
    )
    docs, skipped = _ingest(root)
    assert docs["path"].to_list() == ["sub/shown.md", "visible.txt"]
    assert skipped.height == 0


def test_utf8_bom_is_decoded_and_crlf_kept(write_tree):
    """A UTF-8 BOM is consumed (encoding utf-8-sig); CRLF stays in the text so offsets are exact."""
    body = "First line of the story is here.\r\nSecond line says “more” things.\r\n"
    root = write_tree({"bom.txt": b"\xef\xbb\xbf" + body.encode("utf-8")})
    docs, _ = _ingest(root)
    row = docs.row(0, named=True)
    assert row["encoding"] == "utf-8-sig"
    assert row["text"] == body
    assert not row["text"].startswith("\ufeff")
    lines = normalize(docs)
    second = lines.filter(pl.col("line") == 2).row(0, named=True)
    assert second["start"] == body.index("Second")
    assert body[second["start"] : second["end"]] == "Second line says “more” things."
    for st in segment(lines).iter_rows(named=True):
        assert "\r" not in st["text"]
        assert body[st["start"] : st["end"]].replace("“", '"').replace("”", '"') == st["text"]


def test_plain_utf8_is_utf8(write_tree):
    """UTF-8 without a BOM is read as utf-8, accents and curly quotes intact."""
    text = "Café “Alden” reopened – after the fire.\n"
    root = write_tree({"u.txt": text})
    docs, _ = _ingest(root)
    assert docs["encoding"].to_list() == ["utf-8"]
    assert docs["text"].to_list() == [text]


CP1252_SAMPLES = [
    b"caf\xe9 \x93quoted\x94",
    b"Se\xf1or Mu\xf1oz visited the caf\xe9 and ordered cr\xe8me br\xfbl\xe9e.\n",
    b"The na\xefve ex-employee said \x93no comment\x94 to reporters on Monday.\n",
    b"\x93We are fine,\x94 said the caf\xe9 owner, Jos\xe9 Mu\xf1oz \x96 who has run the place since 1987.\n",
]


@pytest.mark.parametrize("data", CP1252_SAMPLES, ids=["brief", "spanish", "naive", "paragraph"])
def test_cp1252_bytes_are_decoded_correctly(write_tree, data):
    """Windows-1252 bytes (accents, curly quotes, dashes) come out as the characters they stand for."""
    root = write_tree({"win.txt": data})
    docs, _ = _ingest(root)
    assert docs["text"].to_list() == [data.decode("cp1252")]


WESTERN = [
    "Jos\u00e9 M\u00fcller paid \u20ac5 for 2\u00bd kg of \u201cfresh\u201d fish \u2013 the vendor\u2019s price.\n",
    "Recipe: 1\u00bd cups of flour, \u00bc teaspoon of salt; oven at 180\u00b0. \u00a9 2024 Caf\u00e9 Zo\u00eb\n",
    "\u00bd\n",
    "Fran\u00e7ois Hollande said \u00abnon\u00bb; Se\u00f1ora N\u00fa\u00f1ez paid \u00a312.50 \u2026 and left.\n",
]


@pytest.mark.parametrize("text", WESTERN, ids=["euro-half-quotes", "recipe", "half-alone", "names-guillemets"])
def test_cp1252_signs_and_names_are_kept(write_tree, text):
    """cp1252 comes right after UTF-8: "\u00bd", "\u20ac", curly quotes and accented names
    come out as written (a detector read "\u00bd" as cp1250's "\u02dd")."""
    root = write_tree({"win.txt": text.encode("cp1252")})
    docs, _ = _ingest(root)
    assert docs["encoding"].to_list() == ["cp1252"]
    assert docs["text"].to_list() == [text]


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Wczoraj w \u0141odzi prezydent powiedzia\u0142, \u017ce po\u017car gasi\u0142o dwunastu stra\u017cak\u00f3w. "
         "Media podaj\u0105, \u017ce ogie\u0144 si\u0119 rozprzestrzenia\u0142.\n", "cp1250"),
        ("\u0412\u0447\u0435\u0440\u0430 \u0432 \u041c\u043e\u0441\u043a\u0432\u0435 "
         "\u043f\u0440\u043e\u0438\u0437\u043e\u0448\u0451\u043b \u043f\u043e\u0436\u0430\u0440, "
         "\u0441\u043e\u043e\u0431\u0449\u0438\u043b\u0438 \u0432 \u043f\u0440\u0435\u0441\u0441-"
         "\u0441\u043b\u0443\u0436\u0431\u0435.\n", "cp1251"),
    ],
    ids=["polish-cp1250", "russian-cp1251"],
)
def test_other_code_pages_are_not_taken_for_cp1252(write_tree, text, encoding):
    """Bytes of another code page that decode as cp1252 ("wi\u00b3a", "\u00cf\u00f0\u00e8") are
    left to detection (whose guess on a short text may still be off, so only the step is checked)."""
    data = text.encode(encoding)
    assert not _plausible_western(data.decode("cp1252"))
    root = write_tree({"other.txt": data})
    docs, _ = _ingest(root)
    assert docs["encoding"].to_list() != ["cp1252"]


def test_decode_rejects_nul_bytes():
    """decode() refuses binary data."""
    with pytest.raises(ValueError, match="binary"):
        decode(b"abc\x00def")


def test_empty_and_binary_files_are_skipped_with_a_reason(write_tree):
    """Zero-byte, blank, NUL-byte and PNG files land in the skipped frame, each with its reason."""
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"
    root = write_tree(
        {
            "good.txt": SENTENCE,
            "empty.txt": b"",
            "blank.md": b"  \n\n\t\n",
            "nul.txt": b"text\x00with\x00nuls",
            "image.txt": png,
        }
    )
    docs, skipped = _ingest(root)
    assert docs["path"].to_list() == ["good.txt"]
    assert skipped.schema == pl.Schema(frames.SKIPPED)
    reasons = dict(skipped.iter_rows())
    assert sorted(reasons) == ["blank.md", "empty.txt", "image.txt", "nul.txt"]
    assert "empty" in reasons["empty.txt"]
    assert "empty" in reasons["blank.md"]
    assert "binary" in reasons["nul.txt"]
    assert "binary" in reasons["image.txt"]


def test_files_over_max_bytes_are_skipped(write_tree):
    """max_bytes turns a big file into a skipped entry that says why."""
    root = write_tree({"small.txt": SENTENCE, "big.txt": SENTENCE * 50})
    docs, skipped = ingest(root, Settings(max_bytes=200))
    assert docs["path"].to_list() == ["small.txt"]
    assert skipped["path"].to_list() == ["big.txt"]
    assert "max_bytes" in skipped["reason"][0]


def test_sha256_and_size_are_of_the_file_bytes(write_tree):
    """sha256 and bytes describe the bytes on disk (BOM included), not the decoded text."""
    files = {"a.txt": SENTENCE.encode(), "b.txt": b"\xef\xbb\xbf" + "Ünïcode “text” here.\r\n".encode()}
    root = write_tree(files)
    docs, _ = _ingest(root)
    for row in docs.iter_rows(named=True):
        data = files[row["path"]]
        assert row["sha256"] == hashlib.sha256(data).hexdigest()
        assert row["bytes"] == len(data)


def test_missing_folder_raises_input_error(tmp_path):
    with pytest.raises(compare.InputError, match="not found"):
        _ingest(tmp_path / "does-not-exist")


def test_file_instead_of_folder_raises_input_error(tmp_path):
    path = tmp_path / "one.txt"
    path.write_text(SENTENCE)
    with pytest.raises(compare.InputError):
        _ingest(path)


def test_empty_folder_raises_input_error(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(compare.InputError):
        _ingest(tmp_path / "empty")


def test_folder_without_text_files_raises_input_error(write_tree):
    """Only other extensions and hidden text files: nothing to read."""
    root = write_tree({"a.rst": SENTENCE, "b.html": SENTENCE, ".hidden.txt": SENTENCE})
    with pytest.raises(compare.InputError):
        _ingest(root)


def test_folder_with_only_unreadable_files_raises_input_error(write_tree):
    """Every file skipped (empty or binary): an input error naming the reasons."""
    root = write_tree({"a.txt": b"", "b.md": b"\x00\x01\x02"})
    with pytest.raises(compare.InputError, match="empty"):
        _ingest(root)


def test_input_errors_are_compare_errors_with_exit_code_2(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(compare.CompareError) as info:
        compare.run(tmp_path / "nope")
    assert info.value.exit_code == 2


def test_excluded_output_folder_is_not_read(write_tree):
    """ingest(exclude=...) leaves a nested output folder out."""
    root = write_tree({"a.txt": SENTENCE, "out/report.md": "# Report\n\n" + SENTENCE, "out/x.txt": SENTENCE})
    docs, _ = _ingest(root, exclude=(root / "out",))
    assert docs["path"].to_list() == ["a.txt"]
    docs_all, _ = _ingest(root)
    assert "out/report.md" in docs_all["path"].to_list()


def test_nested_output_folder_is_not_read_back_by_run(write_tree, tmp_path, monkeypatch):
    """Running twice with --out inside the input folder never reads the previous report."""
    monkeypatch.chdir(tmp_path)
    root = write_tree({"a.txt": SENTENCE, "b.txt": "A different story about a harbor and its boats.\n"})
    out = root / "reports"
    first = compare.run(root, out=out)
    assert (out / "report.md").is_file()
    second = compare.run(root, out=out)
    assert second.documents["path"].to_list() == ["a.txt", "b.txt"]
    assert second.documents["path"].to_list() == first.documents["path"].to_list()
    relative = compare.run("input", out="input/reports")
    assert relative.documents["path"].to_list() == ["a.txt", "b.txt"]


def test_output_folder_equal_to_input_is_not_read_back(write_tree, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    root = write_tree({"a.txt": SENTENCE, "b.txt": "A different story about a harbor and its boats.\n"})
    compare.run(root, out=root)
    assert (root / "report.md").is_file()
    again = compare.run(root, out=root)
    assert again.documents["path"].to_list() == ["a.txt", "b.txt"]


def test_a_files_relative_path_is_pathlibs(tmp_path, monkeypatch) -> None:
    """The relative path cut from a file's text is the one pathlib gives, however the folder is
    named (relative, absolute, "." or through ".."), nested folders included."""
    from compare.documents.ingest import list_files, relative

    (tmp_path / "in" / "sub" / "deeper").mkdir(parents=True)
    for name in ("a.txt", "sub/b.txt", "sub/deeper/c.txt"):
        (tmp_path / "in" / name).write_text("x", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for root in (Path("in"), tmp_path / "in", Path("./in"), Path("in/sub/..")):
        for path in list_files(root, [".txt"]):
            assert relative(path, root) == path.relative_to(root).as_posix()
    monkeypatch.chdir(tmp_path / "in")
    found = list_files(Path("."), [".txt"])
    assert [relative(p, Path(".")) for p in found] == ["a.txt", "sub/b.txt", "sub/deeper/c.txt"]


def test_a_file_is_read_whole_and_as_bytes_or_not_at_all(tmp_path):
    """A file's size and its exact bytes (line ends and a BOM untouched, a file larger than one
    read too); over the limit, its size and nothing read; an empty file, no bytes."""
    data = b"\xef\xbb\xbfline one\r\nline two\rthree\n" * 50_000  # about 1.6 MB
    (tmp_path / "a.txt").write_bytes(data)
    (tmp_path / "e.txt").write_bytes(b"")
    assert _read(tmp_path / "a.txt", len(data)) == (len(data), data)
    assert _read(tmp_path / "a.txt", len(data) - 1) == (len(data), None)
    assert _read(tmp_path / "e.txt", 10) == (0, b"")


def test_a_fraction_in_a_cp1252_file_reaches_the_report_as_written(write_tree, tmp_path):
    """Issue 13: "½" in a cp1252 article stays "½" in the report and in ``findings.json`` (neither
    cp1250's "˝" nor NFKC's "1⁄2", which made "2½" read "21⁄2"), and "2½", "2 1/2" and "2.5"
    hectares agree: the one source saying 21 conflicts with each, no other pair does."""
    line = "Firefighters said the blaze burned {} hectares of forest near the village on Monday.\n"
    root = write_tree(
        {
            "a.txt": line.format("2\u00bd").encode("cp1252"),
            "b.txt": line.format("2 1/2"),
            "c.txt": line.format("2.5"),
            "d.txt": line.format("21"),
        }
    )
    out = tmp_path / "out"
    findings = compare.run(root, out=out)
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "2\u00bd hectares" in report and "\u2044" not in report
    assert "2\u00bd hectares" in (out / "findings.json").read_text(encoding="utf-8")
    paths = {d: p for d, p in zip(findings.documents["doc_id"], findings.documents["path"], strict=True)}
    pairs = sorted(tuple(sorted((paths[c["a_doc"]], paths[c["b_doc"]]))) for c in findings.conflict_list)
    assert pairs == [("a.txt", "d.txt"), ("b.txt", "d.txt"), ("c.txt", "d.txt")]
