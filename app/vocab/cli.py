"""`flask vocab load`: insert the shipped vocabulary terms that are missing."""

import click
from flask.cli import AppGroup

from ..extensions import db
from .services import load_vocabularies

vocab_cli = AppGroup("vocab", help="Manage controlled vocabularies.")


@vocab_cli.command("load")
def load_command() -> None:
    """Insert missing shipped terms (credential phases, sectors, countries, ...)."""
    added = load_vocabularies()
    db.session.commit()
    click.echo(f"Vocabularies loaded: {added} terms added.")
