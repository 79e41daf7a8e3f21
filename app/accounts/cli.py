"""`flask users create-admin`: the first administrator of a fresh instance."""

import click
from flask.cli import AppGroup

from ..extensions import db
from . import services

users_cli = AppGroup("users", help="Manage accounts.")


@users_cli.command("create-admin")
@click.option("--email", prompt=True)
@click.option("--name", prompt=True)
@click.password_option()
def create_admin(email: str, name: str, password: str) -> None:
    """Create an administrator account with a password."""
    try:
        user = services.create_user(None, email, name, is_administrator=True, password=password)
    except services.DomainError as exc:
        raise click.ClickException(exc.message) from exc
    db.session.commit()
    click.echo(f"Administrator {user.email} created.")
