"""findings.json against its JSON Schema (Draft 2020-12)."""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from jsonschema import Draft202012Validator

import compare
from compare.findings.model import _encoded, _record_encoder, schema

HARBOR = Path(__file__).parent / "fixtures" / "harbor-fire"


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    return Draft202012Validator(schema())


@pytest.fixture(scope="module")
def harbor_json(harbor_findings, harbor_out) -> dict:
    return json.loads((harbor_out / "findings.json").read_text(encoding="utf-8"))


def test_schema_is_valid_draft_2020_12():
    s = schema()
    assert s["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(s)


def test_schema_is_the_shipped_file():
    shipped = Path(compare.__file__).parent / "findings" / "findings.schema.json"
    assert schema() == json.loads(shipped.read_text(encoding="utf-8"))


def test_harbor_findings_validate(validator, harbor_json):
    errors = sorted(validator.iter_errors(harbor_json), key=lambda e: list(e.absolute_path))
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]
    assert harbor_json["documents"] and harbor_json["statements"] and harbor_json["conflicts"]


def test_findings_with_skipped_files_validate(validator, tmp_path, monkeypatch):
    """The skipped list, empty for harbor, also fits the schema when filled."""
    monkeypatch.chdir(tmp_path)
    src = tmp_path / "in"
    shutil.copytree(HARBOR, src)
    (src / "empty.txt").write_bytes(b"")
    data = compare.run(src).to_dict()
    assert data["skipped"] == [{"path": "empty.txt", "reason": "empty file"}]
    validator.validate(data)


@pytest.mark.parametrize(
    "breakage",
    [
        lambda d: d.pop("conflicts"),
        lambda d: d["documents"][0].update(sha256="not-a-hash"),
        lambda d: d["statements"][0].update(id="seven"),
        lambda d: d["pairs"][0].update(jaccard=1.5),
        lambda d: d.update(unexpected=True),
    ],
    ids=["missing-key", "bad-sha", "bad-stmt-id", "jaccard-over-1", "extra-key"],
)
def test_schema_rejects_broken_findings(validator, harbor_json, breakage):
    """The schema is not vacuous: damaged findings fail validation."""
    broken = copy.deepcopy(harbor_json)
    breakage(broken)
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(broken)


def test_ids_in_findings_refer_to_existing_items(harbor_json):
    """Statement and document ids used anywhere exist in the documents/statements lists."""
    docs = {d["id"] for d in harbor_json["documents"]}
    stmts = {s["id"] for s in harbor_json["statements"]}
    assert {s["doc"] for s in harbor_json["statements"]} <= docs
    assert {v["stmt_id"] for v in harbor_json["values"]} <= stmts
    assert set(harbor_json["unique"]) <= stmts
    for g in harbor_json["repeated"]:
        assert set(g["statements"]) <= stmts and set(g["docs"]) <= docs
    for c in harbor_json["conflicts"]:
        assert c["a"] in stmts and c["b"] in stmts
        assert c["a_doc"] == int(c["a"].split(":")[0]) and c["b_doc"] == int(c["b"].split(":")[0])
    for p in harbor_json["pairs"] + harbor_json["passages"]:
        assert p["a"] in docs and p["b"] in docs and p["a"] < p["b"]


def test_committed_seeds_findings_validate():
    """The report committed for seeds/ (countries, nationalities and all) follows the schema."""
    import json
    from pathlib import Path

    import jsonschema

    from compare.findings.model import schema

    path = Path(__file__).resolve().parents[1] / "reports" / "findings.json"
    jsonschema.validate(json.loads(path.read_text(encoding="utf-8")), schema())


def test_every_value_kind_the_code_emits_is_in_the_schema():
    import polars as pl

    from compare import frames
    from compare.findings.model import schema
    from compare.statements.values import values

    sentences = [
        "Twelve people were treated at 9:40 p.m. on Tuesday, March 4, 2024 in France.",
        "A Japanese woman was the third runner; nobody was hurt.",
        "Investigators have not yet determined the cause, police said.",
    ]
    rows = [
        {"stmt_id": f"0:{i}", "doc_id": 0, "line": 1, "end_line": 1, "start": 0, "end": 1, "text": t, "section": "",
         "kind": "claim", "words": 0}
        for i, t in enumerate(sentences, start=1)
    ]  # fmt: skip
    got = set(values(pl.DataFrame(rows, schema=frames.STATEMENTS))["kind"].to_list())
    allowed = set(schema()["properties"]["values"]["items"]["properties"]["kind"]["enum"])
    assert {"number", "time", "date", "place", "nationality", "ordinal", "polarity", "certainty"} <= got
    assert got <= allowed


def test_records_are_compact_json_of_the_json_module(harbor_findings) -> None:
    """findings.json's records come from orjson: on the job's records, exactly what the json
    module writes with compact separators; any record reads back as the same values."""
    from compare.findings.model import _record_encoder

    encode = _record_encoder()
    data = harbor_findings.to_dict()
    records = [r for v in data.values() if isinstance(v, list) for r in v]
    assert len(records) > 100
    for record in records:
        assert encode(record) == json.dumps(record, ensure_ascii=False, separators=(",", ":"))
    odd = {"é": 1.5, "n": None, "x": [0.1, 1e-05, 2.5e16, True], 3: "int key"}
    assert json.loads(encode(odd)) == {**{k: v for k, v in odd.items() if k != 3}, "3": "int key"}


def test_tables_written_by_polars_equal_the_records_encoder(harbor_findings) -> None:
    """The statements and values sections are written by polars (no dict per row); the bytes
    are those of the record encoder on the rows as dicts, odd strings and floats included."""
    import polars as pl

    from compare.findings.model import Encoded, _record_encoder, records

    encode = _record_encoder()
    odd = pl.DataFrame(
        {
            "s": ["é “q” — x", "tab\there", 'quote " \\', "\u2028 sep", "\x7f \x01 \x1f", "🔥", "nul \x00", "", None],
            "f": [0.1, 1e-05, 2.5e16, 1.0, -0.0, 1e300, 5e-324, 0.30000000000000004, None],
            "l": [[1.5, 2.0]] * 9,
        }
    )
    frames = [harbor_findings.statements.drop("words"), harbor_findings.values, odd]
    for frame in frames:
        assert frame.height
        assert Encoded(frame).lines == [encode(r) for r in records(frame)]
    assert Encoded(odd.head(0)).lines == []
    plain, encoded = harbor_findings.to_dict(), harbor_findings.to_dict(encoded=True)
    assert [encode(r) for r in plain["statements"]] == encoded["statements"].lines
    assert json.loads(harbor_findings.to_json())["values"] == plain["values"]


def test_sections_encoded_beside_the_claim_stages_equal_those_encoded_at_write_time(harbor_findings) -> None:
    """The pipeline starts writing the statements and values sections as JSON while the claim
    stages run (:attr:`Findings.encoded`); they are the ones the writer would encode itself."""
    import dataclasses

    from compare.findings.model import encoded_tables

    assert harbor_findings.encoded is not None
    early = harbor_findings.encoded.result()
    late = encoded_tables(dataclasses.replace(harbor_findings, encoded=None))
    assert early.statements.lines == late.statements.lines and early.values.lines == late.values.lines
    assert len(early.statements) == harbor_findings.statements.height
    assert len(early.values) == harbor_findings.values.height > 0


@pytest.mark.parametrize(
    "items",
    [["0:1", "12:34"], ['say "no"'], ["back\\slash"], ["tab\there", "new\nline"], ["é ü 中 \u2028"], [1, 2.5],
     ["a", 1]],
)
def test_plain_strings_are_quoted_as_the_encoder_writes_them(items):
    """A section of plain strings (the unique claims' ids) is written in quotes without a call
    of the encoder per item: the same text as the encoder's, and the encoder for anything else."""
    encode = _record_encoder()
    assert _encoded(items, encode) == ",\n".join("  " + encode(item) for item in items)


@pytest.mark.parametrize("size", [1, 7, 64, 1 << 20])
def test_encoded_sections_are_written_whole_in_pieces_of_any_size(harbor_findings, size) -> None:
    """An encoded section goes to findings.json as bytes in pieces that end at a record's end:
    joined, they are its records each after the indent, separated as the other sections are,
    whatever the piece size (one record per piece, or all in one)."""
    from compare.findings.model import Encoded

    section = Encoded(harbor_findings.statements.drop("words"))
    pieces = list(section.pieces(b"  ", size))
    assert all(p.endswith(b"\n") for p in pieces)
    assert b"".join(pieces).decode() == ",\n".join("  " + line for line in section.lines) + "\n"
    assert len(pieces) == (len(section) if size == 1 else len(pieces))
    assert list(Encoded(harbor_findings.values.head(0)).pieces(b"  ", size)) == []
