"""The results store reads only what it owns, and a damaged part is named, set aside and re-run.

A file someone puts into a results folder (a report written there, notes, a Parquet file of
their own) is no part of the results: resume and report ignore it and leave it alone. A part
file cut short, emptied or overwritten: ``siyu report`` works on the rest with one warning line
naming it; ``siyu sweep`` (resume) moves it to ``_damaged/`` (kept, not deleted), runs its runs
again, and ends with the same rows as a sweep that was never damaged."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest
from typer.testing import CliRunner

from _experiment_helpers import write_experiment
from siyu_sim.cli import app
from siyu_sim.experiments.backends import SerialBackend
from siyu_sim.experiments.store import DAMAGED_DIR, MANIFEST_FILE, ResultStore
from siyu_sim.experiments.sweep import sweep

GRID = ('[factors."levers.broadcast.frequency_per_day"]\nvalues = [1.0, 4.0]\n'
        '[factors."levers.coupon.depth"]\nvalues = [0.0, 0.2]\n[objectives]\ncum_profit = "max"\n')


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    """A finished sweep (8 runs in 4 parts of 2), never damaged: the experiment and its folder."""
    root = tmp_path_factory.mktemp("store")
    path = write_experiment(root, GRID, metrics="monthly", days=40)
    res = sweep(path, out=root / "clean", backend=SerialBackend(), batch_size=2)
    assert res.complete and len(list((root / "clean" / "runs").glob("part-*.parquet"))) == 4
    return path, root / "clean"


def _rows(folder) -> pd.DataFrame:
    return ResultStore(folder).read().sort_values(["run_id", "day"]).reset_index(drop=True)


def _copy(clean, tmp_path):
    path, folder = clean
    shutil.copytree(folder, tmp_path / "out")
    return path, tmp_path / "out"


def _sweep(path, out, *extra):
    return CliRunner().invoke(app, ["sweep", str(path), "--out", str(out), "--serial", "--batch-size", "2",
                                    *extra])


def _report(out, html):
    return CliRunner().invoke(app, ["report", str(out), "-o", str(html)])


def test_a_report_written_into_the_results_folder_breaks_neither_resume_nor_report(clean, tmp_path):
    path, out = _copy(clean, tmp_path)
    first = _report(out, out / "sweep.html")
    assert first.exit_code == 0, first.output
    # files of the user's own, at the top and among the parts: read by nobody, touched by nobody
    (out / "notes.parquet").write_text("my notes", encoding="utf-8")
    (out / "runs" / "mine.parquet").write_bytes(b"not ours")
    (out / "runs" / "README.txt").write_text("keep me", encoding="utf-8")
    again = _sweep(path, out)
    assert again.exit_code == 0, again.output
    assert "skipped 8 completed" in again.output and "Traceback" not in again.output
    assert "Best setting per objective" in again.output  # the summary read the runs
    second = _report(out, out / "sweep2.html")
    assert second.exit_code == 0, second.output
    assert "warning" not in second.output
    assert (out / "runs" / "mine.parquet").read_bytes() == b"not ours"
    assert (out / "runs" / "README.txt").read_text(encoding="utf-8") == "keep me"
    assert (out / "notes.parquet").read_text(encoding="utf-8") == "my notes"
    pd.testing.assert_frame_equal(_rows(out), _rows(clean[1]))


def test_a_manifest_naming_a_file_that_is_not_a_part_reads_nothing_from_it(clean, tmp_path):
    _, out = _copy(clean, tmp_path)
    (out / "sweep.html").write_text("<html></html>", encoding="utf-8")
    text = (out / MANIFEST_FILE).read_text(encoding="utf-8")
    part = ResultStore(out).manifest_records()[0]["file"]
    (out / MANIFEST_FILE).write_text(text.replace(f'"file": "{part}"', '"file": "sweep.html"', 1),
                                     encoding="utf-8")
    store = ResultStore(out)
    assert "sweep.html" not in {r["file"] for r in store.finished_records().values()}
    assert len(store.read().run_id.unique()) == 7


def _truncate(p):
    data = p.read_bytes()
    p.write_bytes(data[: len(data) // 2])


def _empty(p):
    p.write_bytes(b"")


def _not_parquet(p):
    p.write_text("<html>a report saved over a part</html>", encoding="utf-8")


def _fewer_rows(p):
    frame = pd.read_parquet(p)
    frame[frame.run_id == frame.run_id.iloc[0]].to_parquet(p, index=False)


DAMAGE = {"truncated": (_truncate, "cut short or not a Parquet file"), "empty": (_empty, "empty (0 bytes)"),
          "not_parquet": (_not_parquet, "cut short or not a Parquet file"),
          "fewer_rows": (_fewer_rows, "rows where its runs wrote")}


@pytest.mark.parametrize("how", list(DAMAGE))
def test_a_damaged_part_is_named_by_report_and_set_aside_and_rerun_by_resume(clean, tmp_path, how):
    path, out = _copy(clean, tmp_path)
    part = sorted((out / "runs").glob("part-*.parquet"))[1]
    damage, reason = DAMAGE[how]
    damage(part)
    damaged_bytes = part.read_bytes()
    # the report: the rest, marked partial, and one warning line naming the file
    rep = _report(out, tmp_path / "r.html")
    assert rep.exit_code == 0, rep.output
    assert "Traceback" not in rep.output
    warnings = [line for line in rep.output.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and str(part) in warnings[0] and reason in warnings[0], rep.output
    assert "2 run(s) are left out" in warnings[0]
    assert "partial sweep: 6 of 8 runs" in rep.output
    # resume: set aside (same bytes, under _damaged/), its 2 runs run again, nothing else
    res = _sweep(path, out)
    assert res.exit_code == 0, res.output
    assert "Traceback" not in res.output
    aside = out / DAMAGED_DIR / part.name
    assert aside.read_bytes() == damaged_bytes and not part.exists()
    warnings = [line for line in res.output.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and str(part) in warnings[0] and str(aside) in warnings[0], res.output
    assert "skipped 6 completed" in res.output and "2 run(s) finished" in res.output
    # the folder now equals a sweep that was never damaged, row for row, bit for bit
    pd.testing.assert_frame_equal(_rows(out), _rows(clean[1]), check_exact=True)
    assert pd.read_parquet(out).run_id.nunique() == 8  # pandas' one call skips _damaged/
    after = _report(out, tmp_path / "r2.html")
    assert after.exit_code == 0 and "warning" not in after.output, after.output


def test_every_part_damaged_gives_one_clear_error_and_resume_runs_them_all(clean, tmp_path):
    path, out = _copy(clean, tmp_path)
    for part in (out / "runs").glob("part-*.parquet"):
        _empty(part)
    rep = _report(out, tmp_path / "r.html")
    assert rep.exit_code == 1 and "Traceback" not in rep.output
    assert "is damaged (empty (0 bytes))" in rep.output and "siyu sweep" in rep.output
    res = _sweep(path, out)
    assert res.exit_code == 0, res.output
    assert len(list((out / DAMAGED_DIR).iterdir())) == 4
    pd.testing.assert_frame_equal(_rows(out), _rows(clean[1]), check_exact=True)


def test_a_part_damaged_inside_is_skipped_by_the_readers_with_its_name(clean, tmp_path):
    """Garbage in the middle of a part leaves its footer whole: only a full read finds it."""
    _, out = _copy(clean, tmp_path)
    part = sorted((out / "runs").glob("part-*.parquet"))[2]
    data = bytearray(part.read_bytes())
    data[4:len(data) // 2] = b"\x5a" * (len(data) // 2 - 4)
    part.write_bytes(bytes(data))
    store = ResultStore(out)
    frame = store.read()
    assert frame.run_id.nunique() == 6
    assert list(store.damaged) == [f"runs/{part.name}"]
    rep = _report(out, tmp_path / "r.html")
    assert rep.exit_code == 0 and str(part) in rep.output and "Traceback" not in rep.output


def test_a_damaged_experiment_record_is_a_clear_error(clean, tmp_path):
    path, out = _copy(clean, tmp_path)
    (out / "_experiment.json").write_text('{"name": "tin', encoding="utf-8")
    res = _sweep(path, out)
    assert res.exit_code == 1 and "Traceback" not in res.output
    assert "_experiment.json is damaged" in res.output and "--fresh" in res.output
    assert len(list((out / "runs").glob("part-*.parquet"))) == 4  # nothing touched
