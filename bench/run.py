"""Every benchmark, one after the other, with a summary against the goals: `make bench`.

Each benchmark runs as its own process (so memory and caches start clean) and writes its
JSON file in bench/; this script then gathers them, with the machine they ran on, into
bench/results.json and prints one line per figure with its goal. PostgreSQL benchmarks use
BENCH_DATABASE_URL's server (default postgresql+psycopg://postgres@127.0.0.1:5432), each in
a database of its own that is created when missing and emptied.

    python bench/run.py                        # everything (about 35 minutes on 2 cores)
    python bench/run.py --only explorer,load   # some of them
    python bench/run.py --quick                # smaller and shorter, into bench/quick/
    python bench/run.py --gather               # only rebuild results.json and the summary

Benchmarks: explorer, statements, export_memory, csv_import, pdf_export, load,
deadline_rush, markdown_render.
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import machine  # noqa: E402

BENCH = ROOT / "bench"
SERVER = os.environ.get("BENCH_DATABASE_URL",
                        "postgresql+psycopg://postgres@127.0.0.1:5432/bench").rsplit("/", 1)[0]
NAMES = ("explorer", "statements", "export_memory", "csv_import", "pdf_export", "load",
         "deadline_rush", "markdown_render")


def plan(quick: bool) -> list[tuple[str, str, list[str], dict]]:
    """(benchmark, database, arguments, environment) of every run, in order."""
    explorer = ["--sizes", "1000", "10000", "--repeat", "3"] if quick else []
    statements = ["--sizes", "1000", "10000"] if quick else []
    answers = ["--answers", "25000", "--runs", "1"] if quick else []
    rows = ["--rows", "1000"] if quick else []
    load = ["--clients", "20", "--seconds", "10", "--runs", "1"] if quick else []
    rush = ["--clients", "50", "--runs", "1"] if quick else []
    runs = []
    for database in ("sqlite", "postgresql"):
        env = {"BENCH_DATABASE_URL": f"{SERVER}/bench"} if database == "postgresql" else {}
        runs += [
            ("explorer", database, explorer + ["--output", f"explorer_{database}.json"], env),
            ("statements", database, statements + ["--output", f"statements_{database}.json"],
             env),
            ("export_memory", database,
             answers + ["--output", "export_memory.json" if database == "sqlite"
                        else "export_memory_postgresql.json"], env),
            ("csv_import", database, rows + ["--output", f"csv_import_{database}.json"], env),
        ]
    runs.append(("pdf_export", "sqlite", ["--output", "pdf_export.json"], {}))
    runs.append(("load", "postgresql", load + ["--database-url", f"{SERVER}/bench_load",
                                               "--output", "load.json"], {}))
    for database in ("postgresql", "sqlite"):
        where = ["--sqlite"] if database == "sqlite" else ["--database-url",
                                                           f"{SERVER}/bench_rush"]
        runs.append(("deadline_rush", database,
                     rush + where + ["--output", f"deadline_rush_{database}.json"], {}))
    runs.append(("markdown_render", "none", (["--runs", "2"] if quick else [])
                 + ["--output", "markdown_render.json"], {}))
    return runs


def summary(results: dict) -> list[dict]:
    """One line per figure: what, value, goal and whether it is met."""
    lines = []

    def add(figure: str, value, goal: str, met: bool | None) -> None:
        lines.append({"figure": figure, "value": value, "goal": goal, "met": met})

    for database in ("sqlite", "postgresql"):
        found = results.get(f"explorer_{database}")
        if found and len(found["results"]) > 1:
            small, large = found["results"][0], found["results"][-1]
            size = f"{large['comments'] // 1000}k/{small['comments'] // 1000}k"
            for page in small["pages"]:
                ratio = large["pages"][page]["ms"] / small["pages"][page]["ms"]
                add(f"explorer {database}, {page}: time {size}", round(ratio, 2), "<= 2",
                    ratio <= 2)
                ratio = large["pages"][page]["after_change_ms"] \
                    / small["pages"][page]["after_change_ms"]
                add(f"explorer {database}, {page}, first after a change: time {size}",
                    round(ratio, 2), "(reported)", None)
                if "after_submission_ms" in small["pages"][page]:
                    ratio = large["pages"][page]["after_submission_ms"] \
                        / small["pages"][page]["after_submission_ms"]
                    add(f"explorer {database}, {page}, first after a submission: time {size}",
                        round(ratio, 2), "<= 2", ratio <= 2)
                if "new_search_ms" in small["pages"][page]:
                    ratio = large["pages"][page]["new_search_ms"] \
                        / small["pages"][page]["new_search_ms"]
                    add(f"explorer {database}, {page}, a new search: time {size}",
                        round(ratio, 2), "(reported)", None)
        found = results.get(f"statements_{database}")
        if found:
            add(f"SQL statements per page {database}, {' vs '.join(found['counts'])} comments",
                "equal" if found["equal"] else "differ", "equal", found["equal"])
    for name in ("export_memory", "export_memory_postgresql"):
        for row in results.get(name, {}).get("results", []):
            add(f"{name.replace('_postgresql', ' postgresql')}: {row['what']} "
                f"{row['format'].upper()}, memory growth MB ({row['seconds']} s)",
                row["growth_mb"], "< 100", row["growth_mb"] < 100)
    for database in ("sqlite", "postgresql"):
        found = results.get(f"csv_import_{database}", {})
        for row in found.get("results", []):
            for step in ("check", "import"):
                figure = f"CSV import {database}, {row['rows']} {row['kind']}, {step}"
                least = -(-row["rows"] // found["goal_seconds"])  # rounded up
                add(f"{figure}: rows/s", row[step]["rows_per_s"], f">= {least}",
                    row[step]["met"])
                add(f"{figure}: statements per row", row[step]["statements_per_row"],
                    "(reported)", None)
    if "pdf_export" in results:
        ratio = results["pdf_export"]["ratio"]
        add("PDF export: app / pandoc + typst", ratio, "<= 1.15", ratio <= 1.15)
    if "load" in results:
        load = results["load"]
        for phase, found in load["phases"].items():
            add(f"load {phase}: errors", found["errors"], "0", found["errors"] == 0)
            lost = sum(found["lost"].values())
            add(f"load {phase}: lost (accepted - stored)", lost, "0", lost == 0)
        for name, ratio in load.get("ratios", {}).items():
            goal = name in ("submit_phase_submits_to_bare", "mixed_requests_to_bare")
            add(f"load: {name.replace('_', ' ')}", ratio, ">= 0.6" if goal else "(reported)",
                ratio >= 0.6 if goal else None)
    for database in ("postgresql", "sqlite"):
        found = results.get(f"deadline_rush_{database}")
        if found:
            counts = found["counts"]
            runs = len(found.get("runs", [found]))
            clients = found.get("clients_per_run", found["clients"])
            add(f"deadline rush {database} ({runs} x {clients} clients): accepted / stored",
                f"{counts['1_accepted']} / {counts['1_accepted_and_stored']}", "equal",
                counts["1_accepted"] == counts["1_accepted_and_stored"])
            add(f"deadline rush {database}: accepted after the close",
                counts["2_accepted_after_close"], "0", counts["2_accepted_after_close"] == 0)
            add(f"deadline rush {database}: refused / kept as the author's text",
                f"{counts['3_refused']} / {counts['3_refused_and_kept']}", "equal",
                counts["3_refused"] == counts["3_refused_and_kept"])
    for row in results.get("markdown_render", {}).get("results", []):
        shown = "plain text" if row["plain"] else "Markdown"
        add(f"Markdown: {row['text']} ({shown}), ms per 1,000 characters", row["ms_per_1k"],
            f"<= {results['markdown_render']['goal_ms_per_1k']}", row["met"])
    return lines


def main() -> None:
    """Run the chosen benchmarks, gather results.json, print the summary."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", default=",".join(NAMES))
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--gather", action="store_true",
                        help="run nothing; rebuild results.json from the JSON files there")
    args = parser.parse_args()
    chosen = set() if args.gather else {n.strip() for n in args.only.split(",") if n.strip()}
    if unknown := chosen - set(NAMES):
        parser.error(f"unknown benchmarks: {', '.join(sorted(unknown))}")
    failed = []
    folder = BENCH / "quick" if args.quick else BENCH
    folder.mkdir(exist_ok=True)
    for name, database, arguments, env in plan(args.quick):
        if name not in chosen:
            continue
        output = arguments[arguments.index("--output") + 1]
        arguments[arguments.index("--output") + 1] = str(folder / output)
        print(f"\n=== {name} ({database}) ===", flush=True)
        started = time.perf_counter()
        done = subprocess.run([sys.executable, str(BENCH / f"{name}.py"), *arguments],
                              env=os.environ | env, cwd=ROOT, check=False)
        print(f"--- {name} ({database}): {time.perf_counter() - started:.0f} s", flush=True)
        if done.returncode:
            failed.append(f"{name} ({database})")
    results = {path.stem: json.loads(path.read_text())
               for path in sorted(folder.glob("*.json")) if path.name != "results.json"}
    report = {"machine": machine(f"{SERVER}/bench"), "quick": args.quick,
              "summary": summary(results), "benchmarks": results}
    (folder / "results.json").write_text(json.dumps(report, indent=2) + "\n")
    print(f"\n{'figure':<78}{'value':>14}  goal")
    for line in report["summary"]:
        mark = {True: "met", False: "MISSED", None: ""}[line["met"]]
        print(f"{line['figure']:<78}{line['value']!s:>14}  {line['goal']} {mark}")
    if failed:
        print("\nfailed: " + ", ".join(failed))
        sys.exit(1)


if __name__ == "__main__":
    main()
