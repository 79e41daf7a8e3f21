"""What the benchmark scripts share: creating their PostgreSQL databases, describing the machine."""

import os
import platform
import socket
import sqlite3
import subprocess
from datetime import UTC, datetime


def ensure_database(url: str) -> None:
    """Create the PostgreSQL database of `url` if it does not exist (SQLite needs nothing)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql":
        return
    engine = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            found = connection.scalar(text("SELECT 1 FROM pg_database WHERE datname = :name"),
                                      {"name": parsed.database})
            if not found:
                connection.execute(text(f'CREATE DATABASE "{parsed.database}"'))
    finally:
        engine.dispose()


def free_port() -> int:
    """A TCP port on the loopback interface that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_name(url: str | None) -> str:
    """"postgresql" or "sqlite" for a SQLAlchemy URL (None: the SQLite default)."""
    from sqlalchemy.engine import make_url

    return make_url(url).get_backend_name() if url else "sqlite"


def machine(postgresql_url: str | None = None) -> dict:
    """The machine and the software versions the figures were measured with."""
    cpu = next((line.split(":", 1)[1].strip() for line in _lines("/proc/cpuinfo")
                if line.startswith("model name")), platform.processor())
    memory_kb = next((int(line.split()[1]) for line in _lines("/proc/meminfo")
                      if line.startswith("MemTotal")), 0)
    info = {"measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "cpu": cpu, "cores": os.cpu_count(), "memory_gib": round(memory_kb / 2**20, 1),
            "system": platform.platform(), "python": platform.python_version(),
            "sqlite": sqlite3.sqlite_version}
    if postgresql_url:
        try:
            from sqlalchemy import create_engine, text

            ensure_database(postgresql_url)
            engine = create_engine(postgresql_url)
            with engine.connect() as connection:
                info["postgresql"] = connection.scalar(text("SHOW server_version"))
            engine.dispose()
        except Exception as exc:  # noqa: BLE001 - describe, do not fail the report
            info["postgresql"] = f"unavailable ({type(exc).__name__})"
    try:
        import pypandoc

        info["pandoc"] = pypandoc.get_pandoc_version()
    except (ImportError, OSError):
        pass
    info["git"] = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                                 text=True, check=False).stdout.strip()
    return info


def _lines(path: str) -> list[str]:
    try:
        with open(path) as handle:
            return handle.read().splitlines()
    except OSError:
        return []
