"""Writing output files atomically: a reader sees the old file or the complete new one, never half."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from rutw_quiz.errors import OutputError


def write_atomic(path: Path, data: bytes | str) -> None:
    """Write `data` to a temporary file beside `path`, flush it to disk, then rename it over `path`.

    Raises OutputError (with the path and the reason) when the folder is missing or unwritable.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    folder = path.parent if str(path.parent) else Path()
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{path}: cannot write: {folder} is a file, not a folder")
    if not folder.is_dir():
        raise OutputError(f"{path}: cannot write: folder {folder} does not exist")
    if path.is_dir():
        raise OutputError(f"{path}: cannot write: it is a directory; give a file name")
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise OutputError(f"{path}: cannot write: {error.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        temp = Path(temp_name)
        temp.chmod(0o644)  # mkstemp makes 0600; outputs are meant to be shared
        temp.replace(path)
    except OSError as error:
        Path(temp_name).unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot write: {error.strerror}") from None
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
