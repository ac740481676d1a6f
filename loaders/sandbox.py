"""Parse a workbook (or an HTML table) in a child process with memory and time limits.

A file that makes the parser abort (python-calamine's Rust allocator aborts instead of raising),
loop or swell costs the child, never the server: the child sets ``RLIMIT_AS`` and ``RLIMIT_CPU``
on itself before it reads a byte, the parent waits at most ``SECONDS`` and kills it after that.
Whatever the child dies of becomes one message (``read_too_costly``). The child answers with a
pickle of plain values (str, numbers, dates) on its standard output; it reads nothing but the
file's bytes on its standard input.

Run as ``python -m actions.sandbox KIND MEMORY_BYTES CPU_SECONDS`` (the parent does this).
"""
from __future__ import annotations

import os
import pickle
import resource
import subprocess
import sys
from pathlib import Path

from .messages import LoaderError

MEMORY = 1536 * 2**20      # address space of the child (Python + calamine + the cells)
SECONDS = 60               # wall time the parent waits; CPU time is limited to the same
KINDS = ("workbook", "html")
_ROOT = str(Path(__file__).resolve().parents[1])


def parse_in_child(kind: str, data: bytes, *, memory: int = MEMORY, seconds: int = SECONDS) -> list:
    """The sheets ``kind`` of ``data`` reads to, parsed by a child process under the limits."""
    if kind not in KINDS:
        raise ValueError(kind)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [_ROOT, os.environ.get("PYTHONPATH")]))}
    try:
        proc = subprocess.Popen(_command(kind, memory, seconds), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, cwd=_ROOT, env=env)
    except OSError as exc:      # cannot start a process at all (no memory, process limit)
        raise LoaderError("read_too_costly", memory_mb=memory // 2**20, seconds=seconds) from exc
    try:
        out, _ = proc.communicate(data, timeout=seconds)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise LoaderError("read_too_costly", memory_mb=memory // 2**20, seconds=seconds) from None
    if proc.returncode != 0 or not out:
        raise LoaderError("read_too_costly", memory_mb=memory // 2**20, seconds=seconds)
    status, payload = pickle.loads(out)   # our own child's answer  # noqa: S301
    if status == "error":
        code, params = payload
        raise LoaderError(code, **params)
    return payload


def _command(kind: str, memory: int, seconds: int) -> list[str]:
    return [sys.executable, "-m", "loaders.sandbox", kind, str(memory), str(seconds)]


def _limit(memory: int, seconds: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))


def _main(argv: list[str]) -> int:
    kind, memory, seconds = argv[0], int(argv[1]), int(argv[2])
    _limit(memory, seconds)
    data = sys.stdin.buffer.read()
    from . import read  # after the limits: the import is part of what they bound
    try:
        sheets = read.parse_workbook(data) if kind == "workbook" else read.parse_html(data)
        answer = ("ok", sheets)
    except LoaderError as exc:
        answer = ("error", (exc.message.code, exc.message.params))
    except MemoryError:
        return 3
    sys.stdout.buffer.write(pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL))
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
