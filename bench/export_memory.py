"""Peak memory of the raw-data exports: 250,000 answers as CSV and XLSX, streamed.

Seeds a scratch database (SQLite by default, or BENCH_DATABASE_URL), then measures each
export in a fresh process: resident memory is sampled every 5 ms while the response is
read, and the peak is compared with the idle app's memory just before the request.

    python bench/export_memory.py [--answers 250000] [--runs 3]
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PAGE = os.sysconf("SC_PAGE_SIZE")
ADMIN = "bench.admin@example.org"

from bench.common import ensure_database  # noqa: E402


def rss_bytes() -> int:
    """Resident memory of the current process."""
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * PAGE


def prepare(url: str, answers: int) -> int:
    """Create the schema, seed the data and an administrator; returns the consultation id."""
    from app import create_app
    from app.accounts import services as accounts
    from app.benchmarks.seed import seed
    from app.extensions import db

    ensure_database(url)
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        db.drop_all()
        db.create_all()
        consultation = seed(comments=answers // 10, answers=answers)
        accounts.create_user(None, ADMIN, "Bench admin", is_administrator=True,
                             password="benchmark password")
        db.session.commit()
        return consultation.id


def measure(url: str, consultation_id: int, what: str, fmt: str) -> dict:
    """Stream one export through the app and report bytes, seconds and memory growth."""
    from app import create_app

    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url})
    client = app.test_client()
    client.post("/login", data={"email": ADMIN, "password": "benchmark password"})
    client.get(f"/manage/{consultation_id}/explore")  # warm up: imports, templates, pool
    baseline = rss_bytes()
    peak = [baseline]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], rss_bytes())
            time.sleep(0.005)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    started = time.perf_counter()
    response = client.get(f"/manage/{consultation_id}/export/{what}.{fmt}", buffered=False)
    size = sum(len(chunk) for chunk in response.response)
    response.close()
    elapsed = time.perf_counter() - started
    done.set()
    sampler.join()
    return {"what": what, "format": fmt, "bytes": size, "seconds": round(elapsed, 2),
            "baseline_mb": round(baseline / 2**20, 1),
            "growth_mb": round((peak[0] - baseline) / 2**20, 1)}


def main() -> None:
    """Seed once, then measure each export several times in fresh processes."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--answers", type=int, default=250_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--measure", nargs=4, metavar=("URL", "ID", "WHAT", "FMT"))
    parser.add_argument("--output", default=str(ROOT / "bench" / "export_memory.json"))
    args = parser.parse_args()
    if args.measure:
        url, consultation_id, what, fmt = args.measure
        print(json.dumps(measure(url, int(consultation_id), what, fmt)))
        return
    folder = tempfile.mkdtemp(prefix="bench-")
    url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{folder}/bench.sqlite"
    started = time.perf_counter()
    consultation_id = prepare(url, args.answers)
    print(f"seeded {args.answers} answers in {time.perf_counter() - started:.1f} s ({url})")
    results = []
    for what, fmt in (("answers", "csv"), ("answers", "xlsx"), ("comments", "csv")):
        runs = [json.loads(subprocess.check_output(
            [sys.executable, __file__, "--measure", url, str(consultation_id), what, fmt]))
            for _ in range(args.runs)]
        result = runs[0] | {"seconds": statistics.median(r["seconds"] for r in runs),
                            "growth_mb": statistics.median(r["growth_mb"] for r in runs),
                            "runs": args.runs}
        results.append(result)
        print(f"{what:>8} {fmt:<4} {result['bytes'] / 2**20:8.1f} MB out "
              f"{result['seconds']:7.2f} s  memory +{result['growth_mb']:.1f} MB "
              f"(idle {result['baseline_mb']} MB, median of {args.runs})")
    Path(args.output).write_text(json.dumps({"answers": args.answers, "database": url.split(
        ":")[0], "results": results}, indent=2) + "\n")


if __name__ == "__main__":
    main()
