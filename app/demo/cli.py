"""`flask demo`: load the MASTERY demo instance into an empty database."""

import click
from flask import current_app
from flask.cli import with_appcontext

from ..extensions import db
from .services import is_empty, load_demo, prepare_exports


@click.command("demo")
@click.option("--if-empty", is_flag=True, help="Do nothing (and succeed) if data exists.")
@with_appcontext
def demo_command(if_empty: bool) -> None:
    """Load demo organisations and accounts (password from DEMO_PASSWORD)."""
    if not is_empty():
        message = "The database has accounts already; the demo data was not loaded."
        if if_empty:
            click.echo(message)
            return
        raise click.ClickException(message)
    password = current_app.config["DEMO_PASSWORD"]
    people = load_demo(password)
    db.session.commit()
    made = prepare_exports()
    click.echo(f"{made} exports of the published documents made.")
    click.echo(f"Demo data loaded. Every account's password is: {password}")
    for person in people:
        click.echo(f"  {person.email:<36} {', '.join(person.roles)}")
