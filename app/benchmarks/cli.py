"""`flask bench seed`: fill the database with benchmark data."""

import time

import click
from flask.cli import AppGroup

from ..extensions import db
from .seed import seed

bench_cli = AppGroup("bench", help="Benchmark data.")


@bench_cli.command("seed")
@click.option("--comments", type=int, default=1_000, show_default=True)
@click.option("--answers", type=int, default=10_000, show_default=True)
@click.option("--seed", "seed_value", type=int, default=1, show_default=True)
def seed_command(comments: int, answers: int, seed_value: int) -> None:
    """Insert a consultation with this many comments and answers (deterministic per seed)."""
    started = time.perf_counter()
    consultation = seed(comments, answers, seed_value)
    db.session.commit()
    click.echo(f"Consultation {consultation.id}: {answers} answers, {comments} comments "
               f"in {time.perf_counter() - started:.1f} s.")
