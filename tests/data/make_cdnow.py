"""Derive tests/data/cdnow.csv.gz from the CDNOW master and sample files.

Source: the CDNOW data set of Fader & Hardie (the Q1-1997 cohort of first-time buyers at
CDNOW, 23,570 customers, every purchase through 30 June 1998), as shipped inside the
``lifetimes`` wheel (lifetimes/datasets/CDNOW_master.txt and CDNOW_sample.txt)::

    pip download --no-deps lifetimes==0.11.3 -d /tmp/lt
    cd /tmp/lt && unzip -q Lifetimes-0.11.3-py3-none-any.whl
    python tests/data/make_cdnow.py /tmp/lt/lifetimes/datasets tests/data/cdnow.csv.gz

One row per customer: ``id`` (the master file's customer id), ``first_day`` (day of the first
purchase, 0 = 1 January 1997), ``repeat_days`` (the days of every later purchase, space
separated, ascending; several purchases on one day count as one transaction, as in Fader,
Hardie & Lee 2005), ``in_sample`` (1 if the customer is in the 1/10 sample, 2,357 customers,
that the paper fits). Amounts are not kept.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

START = pd.Timestamp("1997-01-01")


def read(path: Path, sample: bool) -> pd.DataFrame:
    names = ["id", "sample_id", "date", "cds", "dollars"] if sample else ["id", "date", "cds", "dollars"]
    frame = pd.read_csv(path, sep=r"\s+", header=None, names=names, skiprows=0 if sample else 1,
                        dtype={"id": int, "date": str})
    frame["day"] = (pd.to_datetime(frame["date"], format="%Y%m%d") - START).dt.days
    return frame


def derive(folder: Path) -> pd.DataFrame:
    master = read(folder / "CDNOW_master.txt", sample=False)
    sample_ids = set(read(folder / "CDNOW_sample.txt", sample=True)["id"])
    days = master[["id", "day"]].drop_duplicates().sort_values(["id", "day"])  # one per customer-day
    rows = []
    for cid, group in days.groupby("id", sort=True):
        d = group["day"].tolist()
        rows.append({"id": cid, "first_day": d[0], "repeat_days": " ".join(map(str, d[1:])),
                     "in_sample": int(cid in sample_ids)})
    out = pd.DataFrame(rows)
    if len(out) != 23_570 or out["in_sample"].sum() != 2_357 or out["first_day"].max() > 89:
        raise SystemExit(f"unexpected data: {len(out)} customers, {out['in_sample'].sum()} in the "
                         f"sample, last first purchase on day {out['first_day'].max()}")
    return out


if __name__ == "__main__":
    source, target = Path(sys.argv[1]), Path(sys.argv[2])
    derive(source).to_csv(target, index=False, compression={"method": "gzip", "mtime": 0})
