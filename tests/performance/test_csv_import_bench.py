"""bench/csv_import.py in miniature: files of 10 and 50 lines through the import pages.

Counts only (the times are the benchmark's): every line is imported, the dry run's
statements do not grow with the file, and the import's grow by the same few per line.
"""

import importlib.util
import sys
from pathlib import Path

import pytest

from tests.databases import drop_scratch_database, scratch_database

SCRIPT = Path(__file__).resolve().parents[2] / "bench" / "csv_import.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench_csv_import", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop(spec.name, None)


def _statements(bench, tmp_path, rows: int) -> dict:
    url = scratch_database(f"import{rows}", tmp_path)
    try:
        report = bench.run(url, rows, log=lambda *_: None)  # exits unless all were stored
    finally:
        drop_scratch_database(url)
    assert [r["kind"] for r in report["results"]] == ["organisations", "users"]
    return {(r["kind"], step): r[step]["statements"] for r in report["results"]
            for step in ("check", "import")}


def test_the_dry_run_reads_once_per_file_and_the_import_a_few_per_line(bench, tmp_path):
    small, large = _statements(bench, tmp_path, 10), _statements(bench, tmp_path, 50)
    for kind in ("organisations", "users"):
        assert small[kind, "check"] == large[kind, "check"], kind
        per_line = (large[kind, "import"] - small[kind, "import"]) / 40
        assert per_line == int(per_line) and per_line <= 5, (kind, per_line)


def test_the_files_have_every_term_and_unique_names(bench):
    terms = {"stakeholder_type": ["public_authority", "enterprise"], "country": ["IT", "FI"],
             "governance_level": ["eu"], "sector": ["wood", "building", "ict"]}
    organisations = bench.organisations_csv(20, terms).splitlines()[1:]
    people = bench.people_csv(20).splitlines()[1:]
    assert len({line.split(",")[0] for line in organisations}) == 20
    assert len({line.split(",")[0] for line in people}) == 20
    assert {"Община 00002", "Työväenopisto 00001"} <= {line.split(",")[0] for line in
                                                       organisations}
