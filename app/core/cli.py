"""Register the command-line groups of every feature."""

from flask import Flask


def register(app: Flask) -> None:
    """Attach `flask vocab`, `flask demo`, `flask users`, `flask rounds` to the app."""
    from ..accounts.cli import users_cli
    from ..benchmarks.cli import bench_cli
    from ..consultations.cli import rounds_cli
    from ..demo.cli import demo_command
    from ..exports.cli import drafts_cli, worker_command
    from ..privacy.cli import privacy_cli
    from ..vocab.cli import vocab_cli

    app.cli.add_command(vocab_cli)
    app.cli.add_command(users_cli)
    app.cli.add_command(demo_command)
    app.cli.add_command(rounds_cli)
    app.cli.add_command(bench_cli)
    app.cli.add_command(drafts_cli)
    app.cli.add_command(worker_command)
    app.cli.add_command(privacy_cli)

