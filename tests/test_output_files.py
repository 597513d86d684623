"""Output files respect what they replace (issue 12): devices, FIFOs, links, modes, names, closed stdout.

`worksheet -o` stands for every command that writes a file (they share `write_atomic`
and the `-o` type); the closed-stdout cases run each command that prints.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest

from conftest import COMMAND, RunCli

WORKSHEET = ("worksheet", "-n", "3", "--seed", "1")


def test_dev_null_is_written_through_not_replaced(run_cli: RunCli) -> None:
    result = run_cli(*WORKSHEET, "-o", "/dev/null")
    assert result.returncode == 0, result.stderr
    assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)


def test_a_full_disk_is_a_clear_error_and_the_device_stays(run_cli: RunCli) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    result = run_cli(*WORKSHEET, "-o", "/dev/full")
    assert result.returncode == 1
    assert result.stderr.strip().endswith("/dev/full: cannot write: No space left on device")
    assert "wrote" not in result.stderr
    assert stat.S_ISCHR(Path("/dev/full").stat().st_mode)


def test_a_fifo_is_written_through_to_its_reader(run_cli: RunCli, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.html"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = run_cli(*WORKSHEET, "-o", fifo)
    reader.join(timeout=30)
    assert result.returncode == 0, result.stderr
    assert received and received[0].startswith(b"<!DOCTYPE html>")
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_dev_stdout_into_a_pipe_is_written_into_the_pipe(tmp_path: Path) -> None:
    """`-o /dev/stdout | wc -l`: the pipe behind the link is no file to open by its name."""
    done = subprocess.run(
        [COMMAND, "export", "quizlet", "-n", "2", "--seed", "1", "-o", "/dev/stdout"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == 2  # the two cards, one per line
    assert "wrote /dev/stdout: 2 questions" in done.stderr


@pytest.mark.parametrize("name", ["/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"])
def test_an_output_the_shell_opened_with_append_keeps_what_it_held(tmp_path: Path, name: str) -> None:
    """`-o /dev/stdout >> log.txt` adds to the log, as `>>` says; it does not replace the file."""
    log = tmp_path / "log.txt"
    log.write_text("EARLIER\n", encoding="utf-8")
    with log.open("a", encoding="utf-8") as appended:
        done = subprocess.run(
            [COMMAND, *WORKSHEET, "-o", name],
            stdout=appended,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
            timeout=60,
            cwd=tmp_path,
        )
    assert done.returncode == 0, done.stderr
    text = log.read_text(encoding="utf-8")
    assert text.startswith("EARLIER\n<!DOCTYPE html>")
    assert f"wrote {name}:" in done.stderr


def test_another_descriptor_is_written_as_the_shell_gave_it(tmp_path: Path) -> None:
    """`-o /dev/fd/3 3>>log.txt`: the log keeps its lines, and the message names /dev/fd/3."""
    log = tmp_path / "log.txt"
    log.write_text("EARLIER\n", encoding="utf-8")
    done = subprocess.run(
        ["sh", "-c", 'exec "$@" 3>>log.txt', "sh", COMMAND, *WORKSHEET, "-o", "/dev/fd/3"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert log.read_text(encoding="utf-8").startswith("EARLIER\n<!DOCTYPE html>")
    assert "wrote /dev/fd/3:" in done.stderr and "(deleted)" not in done.stderr


def test_a_symlink_is_followed_and_its_target_replaced(run_cli: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "real" / "sheet.html"
    target.parent.mkdir()
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.html"
    link.symlink_to(target)
    result = run_cli(*WORKSHEET, "-o", link)
    assert result.returncode == 0, result.stderr
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in target.parent.iterdir()) == ["sheet.html"]  # no temporary file left


def test_an_existing_file_keeps_its_permission_bits(run_cli: RunCli, tmp_path: Path) -> None:
    key = tmp_path / "key.html"
    key.write_text("old", encoding="utf-8")
    key.chmod(0o600)
    assert run_cli(*WORKSHEET, "-o", key).returncode == 0
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert key.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize(("umask", "mode"), [("077", 0o600), ("022", 0o644), ("002", 0o664)])
def test_a_new_file_gets_the_mode_the_umask_gives(tmp_path: Path, umask: str, mode: int) -> None:
    out = tmp_path / "new.html"
    done = subprocess.run(
        ["sh", "-c", f'umask {umask} && exec "$@"', "sh", COMMAND, *WORKSHEET, "-o", out],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(out.stat().st_mode) == mode


WRITE = """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from rutw_quiz.errors import OutputError
from rutw_quiz.output import write_atomic
try:
    write_atomic(Path(sys.argv[2]), "new")
except OutputError as error:
    sys.exit(str(error))
"""


def test_a_file_the_shell_could_not_write_is_refused_with_the_shells_reason(
    repo_root: Path, request: pytest.FixtureRequest
) -> None:
    """As a user, `>` refuses a read-only file even in a folder the user may write; so does write_atomic.

    As root the test acts as `nobody` with a system Python (write_atomic needs only the
    standard library): root itself may write a read-only file, with `>` as here.
    """
    prefix: list[str] = []
    python = sys.executable
    if os.geteuid() == 0:
        python = shutil.which("python3", path="/usr/bin:/bin") or ""
        if not (python and shutil.which("setpriv")):
            pytest.skip("running as root without setpriv or a system python3: cannot act as a user")
        prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    # pytest's own folders are private to root; /tmp is open to every user.
    folder = Path(tempfile.mkdtemp(prefix="rutw-output-test-", dir="/tmp"))
    request.addfinalizer(lambda: shutil.rmtree(folder, ignore_errors=True))
    folder.chmod(0o777)
    locked = folder / "locked.html"
    locked.write_text("keep me", encoding="utf-8")
    locked.chmod(0o444)
    shell = subprocess.run(
        [*prefix, "sh", "-c", f"echo x > {locked}"], capture_output=True, text=True, check=False
    )
    assert shell.returncode != 0 and "Permission denied" in shell.stderr
    done = subprocess.run(
        [*prefix, python, "-c", WRITE, str(repo_root / "src"), str(locked)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.stderr == f"{locked}: cannot write: Permission denied\n"
    assert locked.read_text(encoding="utf-8") == "keep me"


def test_root_may_replace_a_read_only_file_as_the_shell_does(run_cli: RunCli, tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("only root may write a read-only file")
    locked = tmp_path / "locked.html"
    locked.write_text("old", encoding="utf-8")
    locked.chmod(0o444)
    assert run_cli(*WORKSHEET, "-o", locked).returncode == 0
    assert stat.S_IMODE(locked.stat().st_mode) == 0o444


@pytest.mark.parametrize(
    "command", [WORKSHEET, ("anki",), ("export", "gift"), ("practice",)], ids=lambda c: c[0]
)
def test_an_empty_file_name_is_refused_as_empty(
    run_cli: RunCli, tmp_path: Path, command: tuple[str, ...]
) -> None:
    """`-o ''` (an unset shell variable) said '.: cannot write: it is a directory'."""
    result = run_cli(*command, "-o", "", cwd=tmp_path)
    assert result.returncode == 2
    assert "the file name is empty; give a file name" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_trailing_slash_names_a_folder_that_does_not_exist(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli(*WORKSHEET, "-o", "newdir/", cwd=tmp_path)
    assert result.returncode == 2
    assert (
        "'newdir/' ends in a slash, so it names a folder, and there is no such folder: newdir"
        in result.stderr
    )
    assert list(tmp_path.iterdir()) == []


def test_a_valid_250_byte_file_name_works(run_cli: RunCli, tmp_path: Path) -> None:
    name = "k" * 245 + ".html"
    assert len(name.encode()) == 250
    result = run_cli(*WORKSHEET, "-o", name, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert [p.name for p in tmp_path.iterdir()] == [name]


@pytest.mark.parametrize(
    "args",
    [
        ("facts",),
        ("validate",),
        ("schema",),
        ("questions", "-n", "2", "--seed", "1"),
        ("worksheet", "-n", "2", "--seed", "1", "-o", "-"),
        ("anki", "-o", "out.apkg"),
        ("stats",),
    ],
    ids=lambda args: args[0],
)
def test_a_closed_stdout_is_an_error_with_a_message(tmp_path: Path, args: tuple[str, ...]) -> None:
    done = subprocess.run(
        ["sh", "-c", 'exec "$@" >&-', "sh", COMMAND, *args],
        stderr=subprocess.PIPE,
        text=True,
        check=False,
        timeout=60,
        cwd=tmp_path,
        env={**os.environ, "RUTW_QUIZ_HOME": str(tmp_path / "home")},
    )
    assert done.returncode == 1
    assert done.stderr.endswith("error: standard output is closed; nothing can be printed\n")
    assert "Traceback" not in done.stderr


def test_a_full_disk_behind_stdout_is_an_error(tmp_path: Path) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    with Path("/dev/full").open("w") as full:
        done = subprocess.run(
            [COMMAND, "facts"], stdout=full, stderr=subprocess.PIPE, text=True, check=False, timeout=60
        )
    assert done.returncode == 1
    assert "No space left on device" in done.stderr
    assert "Traceback" not in done.stderr
