"""bench/load.py in miniature: gunicorn, a few clients, nothing lost and nothing refused.

Each phase runs until GOAL submissions (bare inserts) were accepted, not for a time: on a
busy machine it just takes longer. BOUND seconds per phase only stops a hung run.
"""

import importlib.util
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.databases import drop_scratch_database, scratch_database

GOAL = 3
BOUND = 600
SCRIPT = Path(__file__).resolve().parents[2] / "bench" / "load.py"


@pytest.fixture(scope="module")
def load():
    spec = importlib.util.spec_from_file_location("bench_load", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop(spec.name, None)


def test_a_short_load_loses_nothing(load, tmp_path):
    url = scratch_database("load", tmp_path)
    try:
        # in a thread of its own: the browser tests' event loop may be running in this one
        with ThreadPoolExecutor(1) as pool:
            report = pool.submit(load.run, url, clients=4, seconds=BOUND, workers=2,
                                 until=GOAL, log=lambda *_: None).result()
    finally:
        drop_scratch_database(url)
    phases = report["phases"]
    assert set(phases) == {"mixed", "submit", "bare"}
    for phase, result in phases.items():
        assert result["errors"] == 0, (phase, result["error_samples"],
                                       report.get("server_log_tail"))
        assert all(lost == 0 for lost in result["lost"].values()), (phase, result)
    mixed = phases["mixed"]
    assert mixed["accepted"]["submit"] >= GOAL and mixed["accepted"]["comment"] >= GOAL
    assert mixed["final_text_mismatches"] == 0 and mixed["refused_revisions"] == 0
    assert {"login", "save_draft", "review", "submit", "form"} <= set(mixed["operations"])
    assert phases["submit"]["accepted"]["submit"] >= GOAL
    assert phases["bare"]["accepted"]["bare"] >= GOAL
    assert set(report["ratios"]) >= {"mixed_submits_to_bare", "mixed_requests_to_bare"}
