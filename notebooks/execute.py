"""Chạy mọi notebook không giao diện (nbclient) và dừng ở lỗi đầu tiên.

    python notebooks/execute.py            # kiểm tra đã xoá kết quả ô, rồi chạy từng notebook
    python notebooks/execute.py --strip    # xoá kết quả ô (outputs, execution_count) trước khi commit

Bản đã chạy (có kết quả) ghi vào `<TONGHOP_OUT>/notebook/` để xem lại; bản trong
`notebooks/` giữ nguyên, không có kết quả.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

HERE = Path(__file__).resolve().parent


def notebooks() -> list[Path]:
    return sorted(HERE.glob("[0-9][0-9]-*.ipynb"))


def has_outputs(nb) -> bool:
    return any(
        c.cell_type == "code" and (c.get("outputs") or c.get("execution_count") is not None)
        for c in nb.cells
    )


def strip(path: Path) -> bool:
    nb = nbformat.read(path, as_version=4)
    if not has_outputs(nb):
        return False
    for c in nb.cells:
        if c.cell_type == "code":
            c.outputs = []
            c.execution_count = None
    nbformat.write(nb, path)
    return True


def main() -> int:
    if "--strip" in sys.argv[1:]:
        for p in notebooks():
            if strip(p):
                print(f"đã xoá kết quả ô: {p.name}")
        return 0
    out = Path(os.environ.get("TONGHOP_OUT", HERE.parent / "outputs"))
    done = out / "notebook"
    done.mkdir(parents=True, exist_ok=True)
    failed = []
    for p in notebooks():
        nb = nbformat.read(p, as_version=4)
        if has_outputs(nb):
            failed.append(p.name)
            print(f"LỖI {p.name}: còn kết quả ô trong file commit; chạy `python notebooks/execute.py --strip`")
            continue
        client = NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(HERE)}})
        try:
            client.execute()
            print(f"ok   {p.name}")
        except CellExecutionError as e:
            failed.append(p.name)
            print(f"LỖI {p.name}:\n{e}")
        nbformat.write(nb, done / p.name)
    if failed:
        print(f"{len(failed)} notebook lỗi: {', '.join(failed)}")
        return 1
    print(f"{len(notebooks())} notebook chạy xong; bản có kết quả trong {done}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
