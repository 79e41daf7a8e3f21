"""An RQ export worker whose conversions wait for the test that started it.

Run as `python -m tests.exports.blocking_worker` with the worker's environment and BLOCK_DIR:
each conversion writes its process id (the work-horse's) to BLOCK_DIR/converting and waits
until BLOCK_DIR/release exists, so a test can kill the worker in the middle of a conversion,
or keep a healthy one converting for as long as it likes, without depending on how fast
pandoc is on this machine.
"""

import os
import sys
import time
from pathlib import Path

from flask.cli import main

from app.exports import pipeline

SAFETY = 300  # seconds: a horse nobody releases gives up, so no test leaves one behind


def blocked_convert(markdown, metadata, fmt, style="report", **options) -> bytes:
    """Say "converting" with this process's id, then wait for the release."""
    folder = Path(os.environ["BLOCK_DIR"])
    (folder / "converting.tmp").write_text(str(os.getpid()))
    (folder / "converting.tmp").rename(folder / "converting")  # seen whole or not at all
    deadline = time.monotonic() + SAFETY
    while not (folder / "release").exists():
        if time.monotonic() > deadline:
            raise pipeline.ConversionError("Nobody released the conversion.")
        time.sleep(0.1)
    return b"<html>converted</html>"


if __name__ == "__main__":
    pipeline.convert = blocked_convert  # the forked work-horse inherits it
    sys.argv = ["flask", "--app", "wsgi", "worker"]
    main()
