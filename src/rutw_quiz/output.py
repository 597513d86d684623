"""Writing output files as a shell `>` would, but atomically: a reader sees the old file or the new one.

What sits at the path decides how it is written:
- nothing: a new file with the mode the umask gives (as `>` makes it);
- a regular file: a temporary file beside it, flushed to disk, renamed over it; the old
  file's permission bits (and, as root, its owner) carry over, and a file the user may not
  write is refused, as `>` refuses it;
- a symbolic link: the file it points to, replaced as above (the link stays);
- a device, FIFO or the like (/dev/null): written through, never replaced;
- one of this process's open files by its descriptor (/dev/stdout, /dev/fd/3, /proc/self/fd/3):
  written into that descriptor, as `>&3` would: a pipe stays a pipe, and a file the shell opened
  with `>>` is added to, never replaced or cut short.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from rutw_quiz.errors import OutputError


def write_atomic(path: Path, data: bytes | str | Iterable[bytes | str]) -> None:
    """Write `data` to `path` (see the module's docstring for how).

    `data` may be given in pieces (any iterable of bytes or str, e.g. a generator), which are
    written as they come, so a large file never sits whole in memory. Raises OutputError (with
    the path and the reason) when the folder is missing, the file may not be written, or the
    write fails (a full disk: ENOSPC).
    """
    with open_atomic(path) as handle:
        for piece in _pieces(data):
            handle.write(piece)


def _pieces(data: bytes | str | Iterable[bytes | str]) -> Iterable[bytes]:
    """`data` as pieces of bytes (str as UTF-8)."""
    if isinstance(data, bytes | str):
        data = [data]
    return (piece.encode("utf-8") if isinstance(piece, str) else piece for piece in data)


def _shortened(name: str) -> str:
    """`name` cut to at most 240 bytes of UTF-8 (a temporary name adds a dot, a dot and 8 characters)."""
    encoded = name.encode("utf-8")
    if len(encoded) <= 240:
        return name
    return encoded[:240].decode("utf-8", errors="ignore")


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _reason(path: Path, error: OSError) -> str:
    return f"{path}: cannot write: {error.strerror or error}"


@contextlib.contextmanager
def _written_through(path: Path, target: Path) -> Iterator[BinaryIO]:
    """Write into what is there (a device, a pipe, a file in a locked folder), as `>` does."""
    try:
        with target.open("wb") as through:
            yield through
            through.flush()
    except OSError as error:
        raise OutputError(_reason(path, error)) from None


_DESCRIPTOR_PATH = re.compile(r"/(?:dev/fd|proc/(?P<pid>self|thread-self|\d+)/fd)/(?P<fd>\d+)")
_STANDARD_STREAMS = {"/dev/stdout": 1, "/dev/stderr": 2}


def own_descriptor(path: Path) -> int | None:
    """The open file descriptor of this process that `path` names, if it names one.

    Opening such a path anew would follow its link to the file behind the descriptor and
    replace it (losing what `>>` kept), or fail for a pipe: it is written through the descriptor.
    """
    text = os.path.normpath(Path.cwd() / path)  # not resolved: /dev/stdout is itself a link
    if text in _STANDARD_STREAMS:
        return _STANDARD_STREAMS[text]
    found = _DESCRIPTOR_PATH.fullmatch(text)
    if found is None:
        return None
    pid = found["pid"]
    if pid is not None and pid not in ("self", "thread-self") and int(pid) != os.getpid():
        return None
    return int(found["fd"])


@contextlib.contextmanager
def _written_to_descriptor(path: Path, descriptor: int) -> Iterator[BinaryIO]:
    """Write into an open descriptor of this process (see `own_descriptor`), after what this
    process printed there already."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    try:
        with os.fdopen(os.dup(descriptor), "wb") as through:
            yield through
            through.flush()
    except OSError as error:
        raise OutputError(_reason(path, error)) from None


def shown_path(path: Path) -> str:
    """`path` as a message names what was written: absolute, so it can be opened from anywhere,
    but a descriptor as given ('/dev/stdout', not the file or pipe behind it)."""
    return str(path) if own_descriptor(path) is not None else str(path.resolve())


def replaced_whole(path: Path) -> bool:
    """Whether `write_atomic` would put a new file at `path` in one step, so that a write failing
    half-way leaves what was there: not for a device or a pipe, nor a file in a folder that may
    not be written (both written through, as they come)."""
    if own_descriptor(path) is not None:
        return False
    try:
        target = Path(os.path.realpath(path)) if path.is_symlink() else path
        info = target.stat()
    except OSError:
        return True  # nothing there to lose (or `write_atomic` will say what stands in the way)
    if not stat.S_ISREG(info.st_mode):
        return False
    folder = target.parent if str(target.parent) else Path()
    return os.access(folder, os.W_OK | os.X_OK)


@contextlib.contextmanager
def open_atomic(path: Path) -> Iterator[BinaryIO]:
    """A file to stream output into, put at `path` when the block ends without an exception (then
    nothing is left behind); see the module's docstring for what sits at the path.

    A temporary file is written beside the target, so a reader sees the old file or the new one;
    devices and pipes are written through. Raises OutputError (with the path and the reason) when
    the folder is missing, the file may not be written, or the write fails (a full disk: ENOSPC).
    """
    descriptor = own_descriptor(path)
    if descriptor is not None:
        with _written_to_descriptor(path, descriptor) as through:
            yield through
        return
    try:
        target = Path(os.path.realpath(path)) if path.is_symlink() else path
        info = target.stat()
    except (FileNotFoundError, NotADirectoryError):  # the folder checks below say which
        info = None
    except OSError as error:
        raise OutputError(_reason(path, error)) from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise OutputError(f"{path}: cannot write: it is a directory; give a file name")
    if info is not None and not stat.S_ISREG(info.st_mode):
        with _written_through(path, target) as through:
            yield through
        return
    folder = target.parent if str(target.parent) else Path()
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{path}: cannot write: {folder} is a file, not a folder")
    if not folder.is_dir():
        raise OutputError(f"{path}: cannot write: folder {folder} does not exist")
    if info is not None and not os.access(target, os.W_OK):
        # What `>` says; root may write a read-only file, and os.access answers as the shell does.
        raise OutputError(f"{path}: cannot write: {os.strerror(errno.EACCES)}")
    try:
        # The temporary name starts with a dot and ends with 8 random characters; it is cut
        # so that a valid 250-byte name does not push it over the 255-byte limit.
        fd, temp_name = tempfile.mkstemp(prefix=f".{_shortened(target.name)}.", dir=folder)
    except OSError as error:
        if info is not None and error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            # A writable file in a folder we may not write (`>` works there): write in place.
            with _written_through(path, target) as through:
                yield through
            return
        raise OutputError(_reason(path, error)) from None
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        temp.chmod(0o666 & ~_umask() if info is None else stat.S_IMODE(info.st_mode))
        if info is not None and os.geteuid() == 0:
            with contextlib.suppress(OSError):
                os.chown(temp, info.st_uid, info.st_gid)
        temp.replace(target)
    except OSError as error:
        temp.unlink(missing_ok=True)
        raise OutputError(_reason(path, error)) from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
