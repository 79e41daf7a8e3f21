"""`flask drafts export` for scripted publications, and `flask worker` for RQ."""

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup
from redis import Redis
from rq import Queue, Worker
from sqlalchemy import select

from ..drafts.models import DocumentVersion, PolicyDocument
from ..extensions import db
from . import assemble, jobs, pipeline

drafts_cli = AppGroup("drafts", help="Policy documents.")


@drafts_cli.command("export")
@click.argument("document")
@click.option("--version", "number", required=True, help="Version number, e.g. 0.2.")
@click.option("--format", "fmt", type=click.Choice(list(pipeline.FORMATS)), default="pdf")
@click.option("--style", default="report")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default=".")
def export_command(document: str, number: str, fmt: str, style: str, out_dir: str) -> None:
    """Export DOCUMENT (id or exact title) to a file in --out."""
    query = select(PolicyDocument)
    query = query.where(PolicyDocument.id == int(document)) if document.isdigit() else \
        query.where(PolicyDocument.title == document)
    found = db.session.scalar(query)
    version = found and db.session.scalar(select(DocumentVersion).where(
        DocumentVersion.document_id == found.id, DocumentVersion.number == number))
    if version is None:
        raise click.ClickException(f"No version {number} of document {document}.")
    if style not in pipeline.styles():
        raise click.ClickException(f"Unknown style {style}: {', '.join(pipeline.styles())}.")
    markdown, assets, metadata = assemble.in_language(version)
    stem = assemble.file_stem(version)
    # a version saved before snapshots existed is frozen now, once; and no transaction (on
    # SQLite: the write lock) stays open while converting
    db.session.commit()
    try:
        content = pipeline.convert(markdown, metadata, fmt, style,
                                   assets=assets, timeout=current_app.config["EXPORT_TIMEOUT"])
    except pipeline.ConversionError as exc:
        raise click.ClickException(str(exc)) from exc
    path = Path(out_dir) / (stem + pipeline.FORMATS[fmt][0])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    click.echo(f"{path} ({len(content)} bytes)")


@click.command("worker")
@click.option("--burst", is_flag=True, help="Stop when the queue is empty.")
def worker_command(burst: bool) -> None:
    """Run an RQ worker for export jobs (needs REDIS_URL)."""
    url = current_app.config.get("REDIS_URL")
    if not url:
        raise click.ClickException("Set REDIS_URL to run a worker.")
    interval = current_app.config["EXPORT_HEARTBEAT_INTERVAL"]
    if not 1 <= interval < current_app.config["EXPORT_HEARTBEAT_TTL"] / 2:
        # a TTL within two beats would fail jobs whose worker is merely busy
        raise click.ClickException("EXPORT_HEARTBEAT_INTERVAL must be at least 1 and under "
                                   "half of EXPORT_HEARTBEAT_TTL.")
    jobs.recover_stuck()
    db.session.commit()
    db.session.remove()  # hold no database transaction while waiting for jobs
    connection = Redis.from_url(url)
    Worker([Queue(jobs.QUEUE, connection=connection)], connection=connection,
           job_monitoring_interval=interval).work(burst=burst)
