"""`flask rounds remind`: e-mail invited people who have not submitted to open rounds."""

import click
from flask.cli import AppGroup
from sqlalchemy import select

from ..core.mail import undelivered
from ..core.types import utcnow
from ..extensions import db
from . import audience
from .models import Round

rounds_cli = AppGroup("rounds", help="Run consultation rounds.")


@rounds_cli.command("remind")
@click.option("--round", "round_id", type=int, help="Only this round (default: every open one).")
def remind_command(round_id: int | None) -> None:
    """Remind invited people who have not submitted yet."""
    now = utcnow()
    query = select(Round).where(Round.published_at.is_not(None))
    if round_id is not None:
        query = query.where(Round.id == round_id)
    selected = [r for r in db.session.scalars(query) if r.is_open(now)]
    if round_id is not None and not selected:
        raise click.ClickException(f"Round {round_id} is not open.")
    for round_ in selected:
        count = audience.send_reminders(None, round_, now)
        click.echo(f"{round_.consultation.title} – {round_.title}: {count} reminders sent.")
    db.session.commit()
    for address in undelivered():
        click.echo(f"Not sent (the mail server refused or did not answer): {address}", err=True)
