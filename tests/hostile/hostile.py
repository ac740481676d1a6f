"""Hostile inputs built on the fly (nothing large is committed) and a meter for what reading one
costs: peak memory of the reading process and of its children, and wall time."""
from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[2]

_CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
       '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
       '<Default Extension="xml" ContentType="application/xml"/>'
       '<Override PartName="/xl/workbook.xml" '
       'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
       '{sheets}</Types>')
_SHEET_CT = ('<Override PartName="/xl/worksheets/sheet{i}.xml" '
             'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>')
_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
         'Target="xl/workbook.xml"/></Relationships>')
_BOOK = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
         'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>{sheets}</sheets></workbook>')
_BOOK_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
              '{rels}</Relationships>')
_REL = ('<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
        'Target="worksheets/sheet{i}.xml"/>')

LIST_ROWS = [["STT", "Tên nền tảng", "Cơ quan chủ quản"],
             [1, "Nền tảng thử nghiệm A", "Bộ Tài chính"],
             [2, "Nền tảng thử nghiệm B", "BCA"]]


def cell(ref: str | None, value, prefix: str = "") -> str:
    r = f' r="{ref}"' if ref else ""
    if isinstance(value, (int, float)):
        return f"<{prefix}c{r}><{prefix}v>{value}</{prefix}v></{prefix}c>"
    return f'<{prefix}c{r} t="inlineStr"><{prefix}is><{prefix}t>{escape(str(value))}</{prefix}t></{prefix}is></{prefix}c>'


def sheet_xml(rows: list[list], stray: list[str] = (), *, dimension: str | None = "A1:C3", with_refs: bool = True,
              prefix: str = "") -> str:
    """A worksheet with ``rows`` from A1 and one number in each cell of ``stray`` (e.g. XFD150000)."""
    out = []
    for r, row in enumerate(rows, 1):
        cells = "".join(cell(f"{_col(c)}{r}" if with_refs else None, v, prefix) for c, v in enumerate(row, 1))
        out.append(f'<{prefix}row r="{r}">{cells}</{prefix}row>' if with_refs else f"<{prefix}row>{cells}</{prefix}row>")
    for ref in stray:
        row_no = int("".join(ch for ch in ref if ch.isdigit()))
        out.append(f'<{prefix}row r="{row_no}">{cell(ref, 7, prefix)}</{prefix}row>')
    ns = f' xmlns{":" + prefix[:-1] if prefix else ""}="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    dim = f'<{prefix}dimension ref="{dimension}"/>' if dimension else ""
    return (f'<?xml version="1.0" encoding="UTF-8"?><{prefix}worksheet{ns}>{dim}<{prefix}sheetData>{"".join(out)}'
            f"</{prefix}sheetData></{prefix}worksheet>")


def xlsx(*sheets: str) -> bytes:
    """A workbook of the given worksheet XML parts, written as Excel lays them out."""
    buf = io.BytesIO()
    n = range(1, len(sheets) + 1)
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CT.format(sheets="".join(_SHEET_CT.format(i=i) for i in n)))
        z.writestr("_rels/.rels", _RELS)
        z.writestr("xl/workbook.xml", _BOOK.format(sheets="".join(
            f'<sheet name="Trang {i}" sheetId="{i}" r:id="rId{i}"/>' for i in n)))
        z.writestr("xl/_rels/workbook.xml.rels", _BOOK_RELS.format(rels="".join(_REL.format(i=i) for i in n)))
        for i, part in zip(n, sheets):
            z.writestr(f"xl/worksheets/sheet{i}.xml", part)
    return buf.getvalue()


def list_with_stray(*stray: str, **kw) -> bytes:
    """A valid platform list plus stray cells (one sheet)."""
    return xlsx(sheet_xml(LIST_ROWS, list(stray), **kw))


def _col(n: int) -> str:
    out = ""
    while n:
        n, rest = divmod(n - 1, 26)
        out = chr(65 + rest) + out
    return out


_METER = r"""
import io, json, resource, sys, time
sys.path.insert(0, sys.argv[1])
data = open(sys.argv[2], "rb").read()
from loaders.messages import LoaderError
started = time.monotonic()
outcome = {}
try:
    exec(sys.argv[3])
except LoaderError as exc:
    outcome = {"code": exc.message.code, "en": exc.text("en"), "vi": exc.text("vi")}
seconds = time.monotonic() - started
own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime   # what it cost, whatever else ran
# VmHWM: this process's own peak (ru_maxrss would carry the launching process's peak over exec)
hwm = [line for line in open("/proc/self/status") if line.startswith("VmHWM:")][0]
print(json.dumps({**outcome, "seconds": seconds, "cpu_seconds": cpu, "peak_mb": int(hwm.split()[1]) / 1024,
                  "child_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def cost(data: bytes, tmp_path: Path, code: str = "from loaders.read import read_sheets\n"
                                                   "outcome = {'sheets': [len(s.rows) for s in read_sheets(io.BytesIO(data))]}"
         ) -> dict:
    """Run ``code`` (``data`` in scope) in a fresh process: its outcome (``code``/``en``/``vi`` of a
    refusal, or what the code put in ``outcome``), seconds (wall), CPU seconds (with its children's: the
    bound a test asserts, since wall time grows with whatever else the machine runs), and peak memory
    of it and its children."""
    path = tmp_path / "hostile.bin"
    path.write_bytes(data)
    done = subprocess.run([sys.executable, "-c", _METER, str(ROOT), str(path), code], capture_output=True, text=True,
                          timeout=300, cwd=ROOT)
    assert done.returncode == 0, (done.returncode, done.stderr[-2000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_loop(coroutine):
    """``asyncio.run(coroutine)`` on a thread of its own: in the whole suite the browser tests'
    Playwright (its sync API) keeps an event loop running on the main thread, where
    ``asyncio.run`` refuses to start another."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, coroutine).result()
