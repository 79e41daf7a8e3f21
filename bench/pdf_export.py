"""The app's PDF export against pandoc + typst run directly on the same Markdown.

Seeds a consultation with 500 comments and a 60-recommendation document that decides all
of them (so annex C has 500 rows), then times, median of several runs:
  app: an export job run the way the worker runs it (assembly from the database, the
       safe conversion pipeline, typst in a child process, storing the file);
  raw: the pandoc binary to typst, then typst.compile in a fresh Python process (as a
       person would run the two tools), on the Markdown the app assembled.
It also prints typst.compile repeated in one long-lived process ("warm"): faster, because
typst caches per process, but that cache grows with every document, which is why the app
compiles in a child process.

    python bench/pdf_export.py [--runs 5]
"""

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def raw_pdf(markdown: str, workdir: Path) -> float:
    """Seconds for pandoc (markdown → typst) plus typst.compile, without the app."""
    from app.exports.pipeline import _pandoc_binary

    source, typ, pdf = workdir / "raw.md", workdir / "raw.typ", workdir / "raw.pdf"
    source.write_text(markdown, encoding="utf-8")
    header = ROOT / "policy_drafts" / "report" / "header.typ"
    started = time.perf_counter()
    subprocess.run([str(_pandoc_binary()), str(source), "-f", "markdown", "-t", "typst",
                    "--standalone", "--toc", "-H", str(header), "-o", str(typ)],
                   check=True, cwd=workdir)
    subprocess.run([sys.executable, "-c", "import sys, typst; typst.compile(sys.argv[1], "
                    "output=sys.argv[2], root=sys.argv[3])", str(typ), str(pdf), str(workdir)],
                   check=True)
    return time.perf_counter() - started


def warm_typst(workdir: Path) -> float:
    """Seconds for typst.compile of the same source in this (already warm) process."""
    import typst

    started = time.perf_counter()
    typst.compile(str(workdir / "raw.typ"), output=str(workdir / "warm.pdf"),
                  root=str(workdir))
    return time.perf_counter() - started


def main() -> None:
    """Seed, then time both routes and print the ratio."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--output", default=str(ROOT / "bench" / "pdf_export.json"))
    args = parser.parse_args()
    from app import create_app
    from app.accounts import services as accounts
    from app.benchmarks.seed import seed, seed_document
    from app.exports import assemble, jobs
    from app.extensions import db

    folder = Path(tempfile.mkdtemp(prefix="bench-pdf-"))
    app = create_app({"TESTING": True, "EXPORT_INLINE": True,
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.sqlite"})
    with app.app_context():
        db.create_all()
        editor = accounts.create_user(None, "editor@example.org", "Editor",
                                      is_administrator=True)
        version = seed_document(editor, seed(comments=500, answers=240), 60)
        db.session.commit()
        markdown, _assets = assemble.assemble(version)
        app_times, raw_times, warm_times = [], [], []
        for _run in range(args.runs):
            started = time.perf_counter()
            job, _created = jobs.request_export(editor, version, fmt="pdf", style="report",
                                                fresh=True)
            db.session.commit()
            jobs.dispatch(job.id)
            app_times.append(time.perf_counter() - started)
            assert job.state == "done", job.error
            raw_times.append(raw_pdf(markdown, folder))
            warm_times.append(warm_typst(folder))
        result = {"recommendations": 60, "annex_rows": 500, "runs": args.runs,
                  "app_seconds": round(statistics.median(app_times), 3),
                  "raw_seconds": round(statistics.median(raw_times), 3),
                  "warm_typst_seconds": round(statistics.median(warm_times), 3),
                  "pdf_bytes": job.size}
        result["ratio"] = round(result["app_seconds"] / result["raw_seconds"], 2)
    print(f"app {result['app_seconds']:.3f} s   pandoc+typst {result['raw_seconds']:.3f} s   "
          f"ratio {result['ratio']:.2f}   ({result['pdf_bytes'] / 1024:.0f} KB PDF, median "
          f"of {args.runs}; typst alone in a warm process {result['warm_typst_seconds']:.3f} s)")
    Path(args.output).write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
