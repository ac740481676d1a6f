"""Reading a large CSV costs the server about what its rows hold, not copies of the whole text:
the text is read line by line from the decoded string (a ``StringIO`` of it held 4 bytes a
character, and a list of every line was made only to count them). The server reads CSV itself
(no child process), so its peak is every editor's concern, and the process keeps it as its
high-water mark: reading a 19.5 MB list peaked at 308 MB, now 200 MB (a process of its own)."""
from __future__ import annotations

import csv
import io

from tests.hostile.hostile import cost

BASE = "from loaders.read import read_sheets\noutcome = {'sheets': [len(data)]}"


def vietnamese_csv(rows: int) -> bytes:
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(["STT", "Tên nền tảng", "Cơ quan chủ quản", "Ghi chú", "a", "b", "c", "d", "e", "f"])
    for i in range(rows):
        w.writerow([i, f"Nền tảng số {i} thử tải", "Bộ Tài chính", "ghi chú dài ghi chú dài", i, i, i, "x", "y", "z"])
    return out.getvalue().encode()


def test_reading_a_large_csv_peaks_at_what_its_rows_hold(tmp_path):
    data = vietnamese_csv(60_000)
    size_mb = len(data) / 2**20
    base = cost(data, tmp_path, BASE)["peak_mb"]
    read = cost(data, tmp_path)
    assert read["sheets"] == [60_001], read
    growth = read["peak_mb"] - base
    # the rows themselves, ~9x the file's size (600,000 small str objects); with the copies, ~15x
    assert growth < 11 * size_mb, (round(growth), round(size_mb, 1))
