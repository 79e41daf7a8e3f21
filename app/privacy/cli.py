"""`flask privacy export|erase|purge`: requests received by mail, and the retention purge."""

from pathlib import Path

import click
from flask.cli import AppGroup
from sqlalchemy import select

from ..accounts.models import User
from ..core.types import utcnow
from ..extensions import db
from . import download, erasure, retention

privacy_cli = AppGroup("privacy", help="Personal data: access, erasure, retention.")


def _user(email: str) -> User:
    user = db.session.scalar(select(User).where(User.email == email.strip().lower()))
    if user is None:
        raise click.ClickException(f"No account with the e-mail address {email}.")
    return user


@privacy_cli.command("export")
@click.argument("email")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default=".")
def export_command(email: str, out_dir: str) -> None:
    """Write a ZIP of everything stored about EMAIL into --out."""
    user = _user(email)
    content = download.build_zip(user)
    path = Path(out_dir) / f"personal-data-{user.id}-{utcnow():%Y%m%d}.zip"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    click.echo(f"{path} ({len(content)} bytes)")


@privacy_cli.command("erase")
@click.argument("email")
@click.option("--yes", is_flag=True, help="Confirm: erasure cannot be undone.")
@click.option("--remove-texts", is_flag=True,
              help="Also replace the person's texts by \"removed at the author's request\".")
def erase_command(email: str, yes: bool, remove_texts: bool) -> None:
    """Close the account of EMAIL and remove the person's identity everywhere."""
    user = _user(email)
    if not yes:
        raise click.ClickException("Erasure cannot be undone: add --yes to confirm.")
    result = erasure.erase(user, remove_texts=remove_texts)
    db.session.commit()
    click.echo(f"Erased; the account is now \"{result.pseudonym}\".")
    for name, count in result.counts.items():
        click.echo(f"  {name}: {count}")


@privacy_cli.command("purge")
@click.option("--dry-run", is_flag=True, help="Show what would be done, change nothing.")
def purge_command(dry_run: bool) -> None:
    """Delete or anonymise what is past its retention period (run daily from cron)."""
    result = retention.purge(utcnow())
    if dry_run:
        db.session.rollback()
    else:
        db.session.commit()
    verb = "Would purge" if dry_run else "Purged"
    if not result.consultations:
        click.echo("No consultation is past its retention period with data left to purge.")
    for title, counts in result.consultations.items():
        click.echo(f"{verb} \"{title}\": " + ", ".join(f"{name} {count}"
                                                       for name, count in counts.items()))
    click.echo(f"{verb} expired data downloads: {result.downloads}")
