"""Awkward input the job meets in the wild: each case has a defined behaviour (README table)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import compare
from compare.cli import main as cli_main

SENTENCES = (
    "A fire destroyed a three-storey warehouse at the Harbor Point docks on Tuesday night. "
    "Twelve people were treated for smoke inhalation. Investigators have not yet determined the cause.\n"
)


def _run(src: Path, out: Path) -> compare.Findings:
    return compare.run(src, out=out)


def test_utf16_with_bom_is_read(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_bytes(SENTENCES.encode("utf-16"))
    f = _run(src, tmp_path / "out")
    assert f.documents["encoding"].to_list() == ["utf-16"]
    assert any("Twelve people were treated" in t for t in f.statements["text"].to_list())


def test_invalid_utf8_is_decoded_not_dropped(tmp_path):
    """Bytes that are not UTF-8 are decoded by detection (here Latin text), never skipped."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_bytes("Le caf\xe9 a br\xfbl\xe9 mardi soir \xe0 Port Alden.\n".encode("latin-1"))
    f = _run(src, tmp_path / "out")
    assert f.skipped.height == 0
    assert "café" in f.documents["text"][0]


def test_mixed_line_endings_keep_lines_and_offsets(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    text = "First line here.\r\nSecond line is this one.\nThird line ends the file.\rFourth one.\n"
    (src / "a.txt").write_bytes(text.encode())
    f = _run(src, tmp_path / "out")
    rows = f.statements.select("line", "start", "end", "text").rows()
    assert [r[0] for r in rows] == [1, 2, 3, 4]
    decoded = f.documents["text"][0]
    for _, start, end, sentence in rows:
        assert decoded[start:end] == sentence


def test_a_long_line_without_newline_is_split_into_sentences(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    line = (SENTENCES.strip() + " ") * 2000  # ~400 KB on one line
    (src / "a.txt").write_text(line, encoding="utf-8")
    f = _run(src, tmp_path / "out")
    assert f.statements.height >= 3 * 2000 - 5
    assert set(f.statements["line"].to_list()) == {1}


def test_same_content_under_two_names_is_a_near_duplicate(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(SENTENCES, encoding="utf-8")
    (src / "b.txt").write_text(SENTENCES, encoding="utf-8")
    f = _run(src, tmp_path / "out")
    pair = f.pairs.row(0, named=True)
    assert pair["jaccard"] == 1.0 and pair["near_duplicate"]
    assert f.clusters == [[0, 1]]
    assert f.documents["sha256"][0] == f.documents["sha256"][1]


def test_symlink_loop_is_not_followed(tmp_path):
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "a.txt").write_text(SENTENCES, encoding="utf-8")
    os.symlink(src, src / "sub" / "loop")
    f = _run(src, tmp_path / "out")
    assert f.documents["path"].to_list() == ["a.txt"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_file_is_skipped_with_its_reason(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(SENTENCES, encoding="utf-8")
    locked = src / "b.txt"
    locked.write_text(SENTENCES, encoding="utf-8")
    locked.chmod(0)
    try:
        f = _run(src, tmp_path / "out")
    finally:
        locked.chmod(0o644)
    assert f.skipped.rows() == [("b.txt", "cannot read: Permission denied")]


def test_unreadable_file_is_skipped_even_as_root(tmp_path, monkeypatch):
    """The same path through ingest, with the read failing as it does for other users."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(SENTENCES, encoding="utf-8")
    (src / "b.txt").write_text(SENTENCES, encoding="utf-8")
    from compare.documents import ingest

    real = os.open

    def opened(path, *args, **kwargs):
        if Path(path).name == "b.txt":
            raise PermissionError(13, "Permission denied")
        return real(path, *args, **kwargs)

    monkeypatch.setattr(ingest.os, "open", opened)
    f = _run(src, tmp_path / "out")
    assert f.skipped.rows() == [("b.txt", "cannot read: Permission denied")]
    report = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert "## Skipped" in report and "Permission denied" in report


def test_non_english_text_is_compared_for_copies(tmp_path):
    """Near duplicates work on any words; statements are still split and listed."""
    src = tmp_path / "in"
    src.mkdir()
    de = (
        "Ein Feuer hat am Dienstagabend ein dreistöckiges Lagerhaus im Hafen zerstört. "
        "Zwölf Menschen wurden behandelt.\n"
    )
    (src / "a.txt").write_text(de, encoding="utf-8")
    (src / "b.txt").write_text(de.replace("Zwölf", "Fünfzehn"), encoding="utf-8")
    f = _run(src, tmp_path / "out")
    assert f.pairs.row(0, named=True)["near_duplicate"]
    assert f.statements.height == 4


def test_output_folder_that_is_a_file_is_exit_2(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(SENTENCES, encoding="utf-8")
    (tmp_path / "out").write_text("not a folder", encoding="utf-8")
    assert cli_main(["run", str(src), "--out", str(tmp_path / "out"), "-q"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("compare: error:")


def test_a_spec_line_ending_in_a_decimal_does_not_stop_the_job(tmp_path, monkeypatch):
    """"Weight: 5.57" on a line of its own (no full stop after the number) stopped the whole run
    with an IndexError; now it is a spec line like any other and the run exits 0."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text("The phone is new.\nWeight: 5.57\nIt ships soon with a big screen inside.\n")
    (folder / "b.txt").write_text("The phone is here.\nWeight: 5.1\nIt ships today with a big screen inside.\n")
    assert cli_main(["run", str(folder), "--out", str(tmp_path / "out"), "--no-cache", "-q"]) == 0
    assert (tmp_path / "out" / "findings.json").exists()
