"""Export jobs: requested in a view, run by a worker pool in the app or by RQ workers.

The same `run_job` serves both. Embedded default: a process pool whose children are
recycled after a few jobs (typst keeps memory per document). With REDIS_URL set, jobs go
to the "exports" RQ queue, served by `flask --app wsgi worker`.
"""

import hashlib
import logging
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _
from redis import Redis
from rq import Queue, Worker
from rq.exceptions import NoSuchJobError
from rq.job import Job, JobStatus
from sqlalchemy import select

from ..audit.services import record
from ..core.errors import DomainError, NotAllowed
from ..core.types import utcnow
from ..drafts import permissions, snapshots
from ..extensions import db
from . import assemble, pipeline
from .models import ExportJob

log = logging.getLogger(__name__)
QUEUE = "exports"
QUEUE_GRACE = 30  # seconds a job may be unknown to RQ (between commit and hand-over)
_pool: ProcessPoolExecutor | None = None


def options_key(version_id: int, fmt: str, style: str, annexes, language: str = "",
                snapshot: str = "", style_files: str = "") -> str:
    """Identifies requests with identical inputs, so a stored file can be served again.

    The version, format, style (and the content of its files), annexes, language and the
    version's frozen annexes (the snapshot's checksum).
    """
    text = (f"{version_id}|{fmt}|{style}|{','.join(sorted(annexes))}|{language}|{snapshot}"
            f"|{style_files}")
    return hashlib.sha256(text.encode()).hexdigest()


def request_export(actor, version, *, fmt: str, style: str, annexes=assemble.ANNEXES,
                   fresh: bool = False) -> tuple[ExportJob, bool]:
    """A job for this export: a finished equal one unless `fresh`; returns (job, is_new)."""
    document = version.document
    if not permissions.can_export(actor, document):
        raise NotAllowed(_("Only the document's editors and working group can export it."))
    if fmt not in pipeline.FORMATS or style not in pipeline.styles():
        raise DomainError(_("Choose one of the offered formats and styles."))
    annexes = tuple(a for a in annexes if a in assemble.ANNEXES)
    language = document.language
    key = options_key(version.id, fmt, style, annexes, language,
                      snapshots.of(version).checksum, pipeline.style_fingerprint(style))
    if not fresh:
        done = db.session.scalar(select(ExportJob).where(
            ExportJob.options_key == key, ExportJob.state == "done")
            .order_by(ExportJob.id.desc()))
        if done is not None:
            return done, False
    job = ExportJob(document_id=document.id, version_id=version.id, format=fmt, style=style,
                    options={"annexes": list(annexes), "language": language},
                    options_key=key,
                    requested_by_id=actor.id)
    db.session.add(job)
    db.session.flush()
    record(actor, "export.request", job, format=fmt, style=style, version=version.number)
    return job, True


class ServiceUnavailable(DomainError):
    """The export queue (Redis) cannot be reached; nothing was queued."""

    status_code = 503


def check_queue() -> None:
    """Refuse an export up front when its queue (Redis) is configured but unreachable."""
    url = current_app.config.get("REDIS_URL")
    if url and not current_app.config.get("EXPORT_INLINE"):
        from ..core.routes import redis_state

        if redis_state(url) != "ok":
            log.error("Export refused: Redis at the configured REDIS_URL is unreachable")
            raise ServiceUnavailable(unavailable_message())


def unavailable_message() -> str:
    """The message shown when exports cannot be started just now."""
    return _("Exports cannot be started just now: the export service is not reachable. "
             "Nothing was lost; try again in a minute.")


def dispatch(job_id: int) -> bool:
    """Start the job after its request was committed: inline, in the pool, or on RQ.

    False if it could not be handed over (Redis down): the job is then marked failed, with
    "Try again", and the caller commits that; it never stays queued for ever.
    """
    config = current_app.config
    if config.get("EXPORT_INLINE"):
        run_job(job_id)
        return True
    try:
        if config.get("REDIS_URL"):
            _enqueue(job_id, config)
        else:
            _submit_to_pool(job_id)
    except Exception:  # whatever refused the hand-over, the job must not stay "queued"
        log.exception("Export %s could not be dispatched", job_id)
        job = db.session.get(ExportJob, job_id)
        if job is not None and job.state == "queued":
            _fail(job, unavailable_message())
        return False
    return True


def _enqueue(job_id: int, config) -> None:
    connection = Redis.from_url(config["REDIS_URL"], socket_connect_timeout=5)
    Queue(QUEUE, connection=connection).enqueue(
        run_job_task, args=(job_id,), job_id=rq_id(job_id),
        job_timeout=int(config["EXPORT_TIMEOUT"]) + 60)


def rq_id(job_id: int) -> str:
    """The RQ job that runs export job `job_id`."""
    return f"export-{job_id}"


def check_on_queue(job: ExportJob, now=None) -> bool:
    """Fail (retryably) a waiting or running job whose RQ worker gave up or died; True if so.

    RQ marks a job failed as soon as its work-horse dies (killed for memory, say). When the
    whole worker process is killed (SIGKILL, a lost host) nothing marks it: the job stays
    "started" and its heartbeats stop, so such a job is failed once its worker is gone or
    silent for EXPORT_HEARTBEAT_TTL seconds. A job RQ does not know (its hand-over or
    Redis's data was lost) is failed once it has waited QUEUE_GRACE seconds. The job page
    and its status (polled every 2 s) call this, so "Try again" shows within seconds
    instead of after the stuck-job timeout.
    """
    url = current_app.config.get("REDIS_URL")
    if not url or job.state not in ("queued", "running"):
        return False
    try:
        with Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2) as connection:
            ended = _ended_on_queue(job, connection, now or utcnow())
    except Exception:  # Redis unreachable: nothing can be known; the page says "waiting"
        log.warning("Cannot check export %s on the queue", job.id, exc_info=True)
        return False
    if ended:
        db.session.refresh(job)  # the worker may have finished it meanwhile
        if job.state in ("queued", "running"):
            _fail(job, _("The export stopped before it finished (the worker ended). "
                         "Try again."))
            return True
    return False


def _ended_on_queue(job: ExportJob, connection: Redis, now) -> bool:
    """Whether RQ gave up on the job, its worker stopped beating, or RQ never received it."""
    try:
        queued = Job.fetch(rq_id(job.id), connection=connection)
    except NoSuchJobError:
        return (now - job.created_at).total_seconds() > QUEUE_GRACE
    status = queued.get_status()
    if status == JobStatus.STARTED:
        return not worker_alive(queued, connection, now)
    return status in (JobStatus.FAILED, JobStatus.STOPPED, JobStatus.CANCELED)


def worker_alive(queued: Job, connection: Redis, now) -> bool:
    """Whether the RQ worker running `queued` is still there and beat in the last TTL seconds.

    While a job runs, its worker (the work-horse's parent) beats every
    EXPORT_HEARTBEAT_INTERVAL seconds (RQ's job_monitoring_interval, set by `flask worker`),
    stamping the job's and its own last_heartbeat; its key expires a minute after the last
    beat. A job without any beat yet counts as alive: the stuck-job sweep is its last resort.
    """
    worker = None
    if queued.worker_name:
        worker = Worker.find_by_key(Worker.redis_worker_namespace_prefix + queued.worker_name,
                                    connection=connection)
        if worker is None:
            return False
    beats = [beat for beat in (queued.last_heartbeat, worker and worker.last_heartbeat) if beat]
    return not beats or (now - max(beats)).total_seconds() <= current_app.config[
        "EXPORT_HEARTBEAT_TTL"]


def _submit_to_pool(job_id: int) -> None:
    """Submit to the pool, rebuilding it first if a child died and broke it."""
    app = current_app._get_current_object()
    try:
        future = _executor().submit(_run_in_child, job_id, _child_config())
    except BrokenProcessPool:
        log.warning("Export pool was broken (a child died); starting a new one")
        _discard_pool()
        future = _executor().submit(_run_in_child, job_id, _child_config())
    future.add_done_callback(lambda done: after_child(app, job_id, done))


def run_job(job_id: int) -> ExportJob | None:
    """Convert one queued job and store the result (call inside an app context)."""
    job = db.session.get(ExportJob, job_id)
    if job is None or job.state != "queued":
        return job
    job.state, job.started_at, job.attempts = "running", utcnow(), job.attempts + 1
    db.session.commit()
    try:
        version, fmt, style = job.document_version, job.format, job.style
        markdown, assets, metadata = assemble.in_language(
            version, tuple(job.options["annexes"]), job.options.get("language"))
        # No transaction may stay open while pandoc or typst runs: on SQLite every one holds
        # the write lock, which would stop every other request from saving for a minute.
        db.session.commit()
        content = pipeline.convert(markdown, metadata, fmt, style, assets=assets,
                                   timeout=current_app.config["EXPORT_TIMEOUT"])
    except pipeline.ConversionError as exc:
        _fail(job, str(exc))
    except Exception:  # the job must end "failed", whatever went wrong
        log.exception("Export %s failed", job_id)
        _fail(job, _("The export failed unexpectedly. Try again; if it fails again, tell "
                     "the administrators."))
    else:
        _finish(job, content)
    db.session.commit()
    return job


def recover_stuck(now=None) -> int:
    """Mark jobs whose worker died while running as failed and retryable."""
    limit = (now or utcnow()) - timedelta(seconds=current_app.config["EXPORT_TIMEOUT"] + 120)
    stuck = db.session.scalars(select(ExportJob).where(
        ExportJob.state == "running", ExportJob.started_at < limit)).all()
    for job in stuck:
        _fail(job, _("The export stopped before it finished (the worker ended). Try again."))
    return len(stuck)


def retry(actor, job: ExportJob) -> ExportJob:
    """A new attempt at a failed export, with the same options."""
    new, _created = request_export(actor, job.document_version, fmt=job.format,
                                   style=job.style, annexes=job.options["annexes"], fresh=True)
    return new


def run_job_task(job_id: int) -> None:
    """Entry point for RQ workers: build the app from the environment and run the job."""
    from .. import create_app  # why: the factory imports this module (via exports.routes)

    with create_app().app_context():
        run_job(job_id)


def _finish(job: ExportJob, content: bytes) -> None:
    extension, content_type = pipeline.FORMATS[job.format]
    job.content, job.size = content, len(content)
    job.checksum = hashlib.sha256(content).hexdigest()
    job.filename = assemble.file_stem(job.document_version) + extension
    job.content_type, job.state, job.finished_at = content_type, "done", utcnow()


def _fail(job: ExportJob, message: str) -> None:
    job.state, job.error, job.finished_at = "failed", message, utcnow()


def _executor() -> ProcessPoolExecutor:
    global _pool
    if _pool is None:
        _pool = ProcessPoolExecutor(max_workers=2, max_tasks_per_child=4,
                                    mp_context=multiprocessing.get_context("spawn"))
    return _pool


def _discard_pool() -> None:
    global _pool
    broken, _pool = _pool, None
    if broken is not None:
        broken.shutdown(wait=False, cancel_futures=True)


def after_child(app, job_id: int, future) -> None:
    """When a child ended abnormally: a new pool for later jobs, and this job failed."""
    error = future.exception()
    if error is None:
        return
    log.error("Export worker failed on job %s: %r", job_id, error)
    if isinstance(error, BrokenProcessPool):
        _discard_pool()
    with app.app_context():
        job = db.session.get(ExportJob, job_id)
        if job is not None and job.state in ("queued", "running"):
            _fail(job, _("The export stopped before it finished (the worker ended). "
                         "Try again."))
            db.session.commit()
        db.session.remove()


def _child_config() -> dict:
    keys = ("SQLALCHEMY_DATABASE_URI", "SECRET_KEY", "EXPORT_TIMEOUT", "TESTING")
    return {key: current_app.config.get(key) for key in keys}


def _run_in_child(job_id: int, config: dict) -> None:
    from .. import create_app  # why: the factory imports this module (via exports.routes)

    app = create_app(dict(config) | {"EXPORT_INLINE": True})
    with app.app_context():
        run_job(job_id)
