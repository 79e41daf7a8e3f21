"""Markdown rendering time of hostile and of ordinary texts: the guard against stalls.

One participant's text is rendered on pages other people open (the explorer, the document
editor, feedback). Hostile texts (600 levels of nested lists, 5,000 `[`, unclosed tags)
are shown as plain text once they exceed the bounds in app/core/markdown.py; ordinary
texts up to the size limits are rendered as Markdown. This times `render_markdown` for each,
best of several runs: every hostile text must come back as plain text, and no text may
cost more than GOAL_MS_PER_1K milliseconds per 1,000 characters (rendering stays linear:
a blow-up like 35 s for a 10,000-character comment shows as thousands of ms per 1,000).

    python bench/markdown_render.py [--runs 5] [--output bench/markdown_render.json]
"""

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GOAL_MS_PER_1K = 100
ORDINARY = ("Employers **co-design** learning outcomes with [providers](https://example.org)"
            " and `units` of 25 hours.\n\n- design\n- delivery\n    - assessment\n\n")


HOSTILE = 6  # the first texts are hostile, the others ordinary


def texts() -> dict[str, str]:
    """The texts timed: hostile ones (from the faults found) first, then ordinary ones."""
    from app.core.markdown import MAX_BRACKET_DEPTH, MAX_NESTING

    return {
        "600 levels of '- '": "- " * 600 + "x",
        "400 indented list levels": "".join("  " * d + "- x\n" for d in range(400)),
        "5,000 '['": "[" * 5_000,
        "10,000-character nested brackets": "[" * 5_000 + "]" * 5_000,
        "2,000 unclosed links": "[a](b " * 2_000,
        "5,000 unclosed tags": "<a " * 5_000,
        "nesting at the bound": "".join("    " * d + "- x\n" for d in range(MAX_NESTING)),
        "brackets at the bound, 10k characters": ("[" * MAX_BRACKET_DEPTH
                                                  + "]" * MAX_BRACKET_DEPTH) * 150,
        "comment of 10k characters": (ORDINARY * 100)[:10_000],
        "block of 50k characters": (ORDINARY * 500)[:50_000],
    }


def measure(runs: int) -> list[dict]:
    """Best-of-`runs` milliseconds per text, uncached, with whether it was bounded."""
    from app.core import markdown

    results = []
    for index, (name, text) in enumerate(texts().items()):
        times = []
        for _run in range(runs):
            markdown._render_cached.cache_clear()
            started = time.perf_counter()
            html = markdown.render_markdown(text)
            times.append(1000 * (time.perf_counter() - started))
        best = min(times)
        per_1k = 1000 * best / max(len(text), 1000)  # short texts: a fixed cost
        plain = 'class="plain-text"' in html
        results.append({"text": name, "characters": len(text), "ms": round(best, 1),
                        "ms_per_1k": round(per_1k, 1), "plain": plain,
                        "met": per_1k <= GOAL_MS_PER_1K and (plain or index >= HOSTILE)})
    return results


def main() -> None:
    """Time every text, print a table and write the JSON report."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--output", default=str(ROOT / "bench" / "markdown_render.json"))
    args = parser.parse_args()
    from bench.common import machine

    results = measure(args.runs)
    for row in results:
        shown = "plain text" if row["plain"] else "Markdown"
        print(f"{row['text']:40} {row['characters']:>7} chars {row['ms']:>8.1f} ms "
              f"{row['ms_per_1k']:>6.1f} ms/1k ({shown}) {'ok' if row['met'] else 'NOT MET'}")
    report = {"machine": machine(), "goal_ms_per_1k": GOAL_MS_PER_1K, "results": results}
    Path(args.output).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    if not all(row["met"] for row in results):
        sys.exit(1)


if __name__ == "__main__":
    main()
