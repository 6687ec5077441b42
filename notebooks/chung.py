"""Phần dùng chung của các notebook: tìm thư mục kết quả, đọc dữ liệu, đặt phông chữ.

Các notebook đọc kết quả của một lần `tonghop run` (mặc định `outputs/` ở gốc dự án;
đặt biến môi trường TONGHOP_OUT để chỉ thư mục khác, TONGHOP_INPUTS cho thư mục đầu vào).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import polars as pl


# Các cấp theo thứ tự báo cáo (mã cố định trong CONTRACT.md).
THU_TU_CAP = ["tinh", "khoi", "co_so", "khong_ro"]


def goc() -> Path:
    """Gốc dự án: thư mục chứa `notebooks/`."""
    here = Path.cwd()
    return here.parent if here.name == "notebooks" else here


def thu_muc_ket_qua() -> Path:
    out = Path(os.environ.get("TONGHOP_OUT", goc() / "outputs"))
    if not (out / "summary.json").is_file():
        raise FileNotFoundError(
            f"Không thấy {out / 'summary.json'}: hãy chạy `cargo run --release -- run` trước "
            "(hoặc đặt TONGHOP_OUT là thư mục kết quả của một lần chạy)."
        )
    return out


def thu_muc_dau_vao() -> Path:
    return Path(os.environ.get("TONGHOP_INPUTS", goc() / "inputs"))


def doc_ket_qua() -> dict:
    """summary.json và bốn bảng parquet của một lần chạy."""
    # Bảng in ra đủ rộng cho tên tiếng Việt dài.
    pl.Config.set_tbl_rows(30)
    pl.Config.set_tbl_cols(12)
    pl.Config.set_fmt_str_lengths(60)
    pl.Config.set_tbl_width_chars(180)
    out = thu_muc_ket_qua()
    data = out / "data"
    return {
        "out": out,
        "summary": json.loads((out / "summary.json").read_text(encoding="utf-8")),
        "models": pl.read_parquet(data / "models.parquet"),
        "exemplars": pl.read_parquet(data / "exemplars.parquet"),
        "rows": pl.read_parquet(data / "rows.parquet"),
        "findings": pl.read_parquet(data / "findings.parquet"),
    }


def danh_muc_don_vi() -> pl.DataFrame:
    """Sheet `Đơn vị` của `danh-muc.xlsx` (mã, tên, loại); bảng rỗng khi không có."""
    path = thu_muc_dau_vao() / "danh-muc.xlsx"
    schema = {"unit": pl.String, "ten_don_vi": pl.String, "loai_don_vi": pl.String}
    if not path.is_file():
        return pl.DataFrame(schema=schema)
    df = pl.read_excel(path, sheet_name="Đơn vị", engine="calamine")
    return df.select(
        pl.col("Mã đơn vị").cast(pl.String).alias("unit"),
        pl.col("Tên đơn vị").cast(pl.String).alias("ten_don_vi"),
        pl.col("Loại đơn vị").cast(pl.String).fill_null("Chưa rõ loại đơn vị").alias("loai_don_vi"),
    ).filter(pl.col("unit").is_not_null())


def ten_ky(summary: dict) -> dict[str, str]:
    """Mã kỳ → tên kỳ, theo thứ tự."""
    return {p["id"]: p["name"] for p in summary["periods"]}


def dat_phong_chu() -> None:
    """Phông chữ của dự án (DejaVu Sans, đủ dấu tiếng Việt) cho matplotlib."""
    import matplotlib.pyplot as plt
    from matplotlib import font_manager

    for f in sorted((goc() / "assets" / "fonts").glob("*.ttf")):
        font_manager.fontManager.addfont(str(f))
    plt.rcParams["font.family"] = "DejaVu Sans"
    plt.rcParams["figure.dpi"] = 110
