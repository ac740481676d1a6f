"""Parse a workbook (or an HTML table) in a child process with memory and time limits.

A file that makes the parser abort (python-calamine's Rust allocator aborts instead of raising),
loop or swell costs the child, never the server: the child sets ``RLIMIT_AS`` and ``RLIMIT_CPU``
on itself before it reads a byte, the parent waits at most ``SECONDS`` and kills it after that.
Whatever the child dies of becomes one message (``read_too_costly``). The child answers with
pickles of plain values on its standard output (``write_answer``/``read_answer``); it reads nothing
but the file's bytes on its standard input. A sheet travels as columns (``encode_rows``): a column
of texts as one string joined by a separator, split again in the parent (a 50,000-row sheet's
500,000 cells cost one ``str.split`` a column instead of unpickling 500,000 objects); numbers,
dates and blanks travel as values. ``decode_rows(encode_rows(rows)) == rows``, types included
(tests/test_sandbox_codec.py). Each column is sent as soon as it is encoded and decoded as it
arrives, so the parent's decoding overlaps the child's encoding; an answer cut short (the child
killed part-way) is ``read_too_costly`` like a child that said nothing (tests/test_sandbox_stream.py).

One child reads one file and exits (not waited for once its answer is whole: a thread reaps it).
After a read that got an answer, the next file's child is
started at once (``_spare``): it sets its limits, imports calamine and waits for bytes on its
standard input, so the next read does not pay for starting Python (the wall-time limit counts from
when the file is sent). A file refused before reading (too large, its extent) starts no child.

Run as ``python -m actions.sandbox KIND MEMORY_BYTES CPU_SECONDS`` (the parent does this).
"""
from __future__ import annotations

import atexit
import os
import pickle
import resource
import subprocess
import sys
import threading
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
    command = _command(kind, memory, seconds)
    try:
        proc = _take(command)
    except OSError as exc:      # cannot start a process at all (no memory, process limit)
        raise LoaderError("read_too_costly", memory_mb=memory // 2**20, seconds=seconds) from exc
    timer = threading.Timer(seconds, proc.kill)     # the wall time, counted from when the file is sent
    timer.start()
    answer = None
    try:
        answer = _exchange(proc, data)
    finally:
        timer.cancel()
        if answer is None:          # killed, crashed or interrupted part-way: end it here
            _end(proc)
    if answer is None:
        raise LoaderError("read_too_costly", memory_mb=memory // 2**20, seconds=seconds)
    # a whole answer: the child has nothing left to do but exit; it is not waited for here (the
    # kernel's teardown of its memory, ~0.03 s) but by a thread of its own
    threading.Thread(target=_end, args=(proc, seconds), name="sandbox-reaper", daemon=True).start()
    _keep_spare(command)
    if answer[0] == "error":
        code, params = answer[1]
        raise LoaderError(code, **params)
    return answer[1]


def _end(proc: subprocess.Popen, seconds: float = 0) -> None:
    """Reap ``proc``: killed at once, or after ``seconds`` to exit on its own."""
    if seconds:
        try:
            proc.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            pass
    proc.kill()         # nothing once it has exited
    proc.wait()
    proc.stdout.close()


def _exchange(proc: subprocess.Popen, data: bytes) -> tuple | None:
    """Send ``data`` to the child and read its answer as it comes (``read_answer``)."""
    try:
        proc.stdin.write(data)
        proc.stdin.close()
    except OSError:     # the child died before it read the file
        return None
    return read_answer(proc.stdout)


def write_answer(out, sheets: list) -> None:
    """The child's answer (``read_answer`` reads it): one pickle a message, each flushed as soon as
    it is made, so the parent decodes a column while the child encodes the next. A sheet is
    ``("rows", name, rows)`` or ``("columns", name, height, width)`` followed by its ``width``
    columns (``_encode_column``); ``("end",)`` closes the answer."""
    for sheet in sheets:
        if sheet.held_as_columns:
            height, columns, encode = sheet.height, sheet.columns(), _encode_column
        else:
            encoded = encode_rows(sheet.rows)
            if encoded[0] == "rows":
                _send(out, ("rows", sheet.name, encoded[1]))
                continue
            height, columns, encode = encoded[1], encoded[2], None
        _send(out, ("columns", sheet.name, height, len(columns)))
        for column in columns:
            _send(out, encode(column) if encode else column)
    _send(out, ("end",))


def read_answer(stream) -> tuple | None:
    """``("ok", sheets)``, ``("error", (code, params))``, or None when the answer is not whole (the
    child was killed by its limits or the timer, or crashed, part-way)."""
    from .read import Sheet  # read imports this module
    sheets = []
    try:
        while True:
            message = pickle.load(stream)   # our own child's answer  # noqa: S301
            if message[0] == "end":
                return ("ok", sheets)
            if message[0] == "error":
                return message
            if message[0] == "rows":
                sheets.append(Sheet(message[1], message[2]))
                continue
            _, name, height, width = message
            columns = [_decode_column(pickle.load(stream)) for _ in range(width)]  # noqa: S301
            sheets.append(Sheet(name, columns=columns, height=height))
    except (EOFError, pickle.UnpicklingError, ValueError, TypeError, IndexError, OSError):
        return None


def _send(out, message: tuple) -> None:
    pickle.dump(message, out, protocol=pickle.HIGHEST_PROTOCOL)
    out.flush()


_SEP = "\x00"     # joins a column's texts; a column holding it travels as values


def encode_rows(rows: list[list]) -> tuple:
    """A sheet's rows for the pipe: ``("columns", n_rows, [column, ...])`` when every row has the
    same length, else ``("rows", rows)``. A column is ``("text", joined)`` when all its cells are
    texts, ``("mixed", joined, {row: value})`` when most are (the others travel as values, their
    place in ``joined`` left empty), else ``("values", list)``."""
    width = len(rows[0]) if rows else 0
    if not rows or not width or any(len(r) != width for r in rows):
        return ("rows", rows)
    return ("columns", len(rows), [_encode_column(col) for col in zip(*rows)])


def encode_sheet(sheet) -> tuple:
    """``encode_rows(sheet.rows)``, from the columns when the sheet is held as columns."""
    if sheet.held_as_columns:
        return ("columns", sheet.height, [_encode_column(col) for col in sheet.columns()])
    return encode_rows(sheet.rows)


def _encode_column(col: tuple) -> tuple:
    if set(map(type, col)) == {str}:
        others = {}
    elif list(map(type, col)).count(str) * 2 < len(col):
        return ("values", list(col))
    else:
        others = {i: v for i, v in enumerate(col) if type(v) is not str}
    joined = _SEP.join("" if i in others else v for i, v in enumerate(col)) if others else _SEP.join(col)
    if joined.count(_SEP) != len(col) - 1:      # a text holding the separator itself
        return ("values", list(col))
    return ("mixed", joined, others) if others else ("text", joined)


def decode_rows(encoded: tuple) -> list[list]:
    if encoded[0] == "rows":
        return encoded[1]
    cols = decode_columns(encoded)
    return list(map(list, zip(*cols))) if cols else [[] for _ in range(encoded[1])]


def decode_columns(encoded: tuple) -> list[list]:
    """The columns of an ``encode_rows`` answer of the "columns" form."""
    return [_decode_column(column) for column in encoded[2]]


def _decode_column(column: tuple) -> list:
    if column[0] == "values":
        return column[1]
    values = column[1].split(_SEP)
    if column[0] == "mixed":
        for i, v in column[2].items():
            values[i] = v
    return values


_spare: dict[tuple[str, ...], subprocess.Popen] = {}
_spare_lock = threading.Lock()


def _start(command: list[str]) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [_ROOT, os.environ.get("PYTHONPATH")]))}
    return subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            cwd=_ROOT, env=env)


def _take(command: list[str]) -> subprocess.Popen:
    """The waiting child started for this command, if it is still alive; else a new one."""
    with _spare_lock:
        proc = _spare.pop(tuple(command), None)
    if proc is not None:
        if proc.poll() is None:
            return proc
        proc.wait()
    return _start(command)


def _keep_spare(command: list[str]) -> None:
    with _spare_lock:
        if tuple(command) in _spare:
            return
        try:
            _spare[tuple(command)] = _start(command)
        except OSError:      # no process to spare now: the next read starts its own
            pass


@atexit.register
def _end_spares() -> None:
    with _spare_lock:
        spares = list(_spare.values())
        _spare.clear()
    for proc in spares:
        proc.kill()
        proc.wait()


def _command(kind: str, memory: int, seconds: int) -> list[str]:
    return [sys.executable, "-m", "loaders.sandbox", kind, str(memory), str(seconds)]


def _limit(memory: int, seconds: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))


def _main(argv: list[str]) -> int:
    kind, memory, seconds = argv[0], int(argv[1]), int(argv[2])
    _limit(memory, seconds)
    from . import read  # after the limits: the import is part of what they bound
    data = sys.stdin.buffer.read()
    if not data:         # a spare child never given a file
        return 0
    out = sys.stdout.buffer
    try:
        sheets = read.parse_workbook(data) if kind == "workbook" else read.parse_html(data)
    except LoaderError as exc:
        _send(out, ("error", (exc.message.code, exc.message.params)))
        return 0
    except MemoryError:
        return 3
    try:
        write_answer(out, sheets)
    except MemoryError:
        return 3
    return 0


if __name__ == "__main__":
    # every message is flushed when sent: end without tearing the interpreter down (freeing the
    # sheet's 500,000 objects one by one), which the parent would otherwise wait for
    os._exit(_main(sys.argv[1:]))
