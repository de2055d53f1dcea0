"""The results store: a folder that loses nothing and can be read with one call. This module
owns the folder's format; everything else (summaries, sensitivity, the sweep report) reads it
through :class:`ResultStore`.

Layout (see docs/experiments.md)::

    <folder>/
      _experiment.json     resolved experiment: spec hash, factors, settings, scenarios, version
      _design.csv          the run list: run_id, scenario, setting, replication, factors, seed
      _scenarios/<label>.toml   each resolved base scenario (``set`` applied)
      _manifest.jsonl      one JSON record per finished run (ok or failed), appended at once
      _export/*.csv        aggregates, on request
      runs/part-*.parquet  tidy rows of finished runs, one file per finished batch
      _segments/part-*.parquet  per-segment daily rows of the same runs, when they have them
                           (``run_id`` first; a compare with a report keeps them)

``pandas.read_parquet(folder)`` reads every ``runs/*.parquet`` (pyarrow ignores names that
start with ``_`` or ``.``). A Parquet file is written to a hidden temporary name and renamed,
then its runs are appended to the manifest; on resume, a Parquet file that no ``ok`` manifest
record names (a crash between the two steps) is deleted, so no run is ever counted twice.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import shutil
import tomllib
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import pandas as pd

from ..version import __version__
from .design import RunTask
from ..config.experiment_files import Experiment
from .worker import RunOutcome

EXPERIMENT_FILE = "_experiment.json"
MANIFEST_FILE = "_manifest.jsonl"
DESIGN_FILE = "_design.csv"
SCENARIO_DIR = "_scenarios"
EXPORT_DIR = "_export"
RUNS_DIR = "runs"
SEGMENTS_DIR = "_segments"  # "_": pandas.read_parquet(folder) reads runs/ only
OWNED = (EXPERIMENT_FILE, MANIFEST_FILE, DESIGN_FILE, SCENARIO_DIR, EXPORT_DIR, RUNS_DIR, SEGMENTS_DIR)


class StoreError(RuntimeError):
    """A results folder that cannot be used as asked (e.g. written by a different experiment)."""


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


@dataclass
class ResumeState:
    completed: set[str]
    failed_before: set[str]
    removed_orphans: int


class ResultStore:
    def __init__(self, folder: str | Path):
        self.folder = Path(folder)

    # --- opening --------------------------------------------------------------------------------
    def open(self, exp: Experiment, tasks: list[RunTask], *, fresh: bool = False) -> ResumeState:
        """Prepare the folder for ``exp``: start it, or resume it (refusing a different spec)."""
        return self.open_spec(
            exp.spec_hash, lambda: self._start(exp, tasks), fresh=fresh,
            changed=f"{exp.file} now resolves to {exp.spec_hash}. The experiment file (or a scenario it "
                    "uses) changed since those runs")

    def open_spec(self, spec_hash: str, start, *, fresh: bool = False, what: str = "experiment",
                  changed: str = "it changed since those runs") -> ResumeState:
        """Start the folder (``start()`` writes its files) or resume it if it holds ``spec_hash``;
        refuse a non-empty folder that is no results folder, and one of another spec (``what``
        and ``changed`` word the refusal)."""
        f = self.folder
        meta_path = f / EXPERIMENT_FILE
        if f.exists() and not f.is_dir():
            raise StoreError(f"{f} exists and is not a folder")
        if f.exists() and any(f.iterdir()) and not meta_path.exists():
            raise StoreError(f"{f} is not empty and is not an experiment results folder "
                             f"(no {EXPERIMENT_FILE}); choose another --out")
        if fresh:
            self.clear()
        if meta_path.exists():
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            if meta.get("spec_hash") != spec_hash:
                raise StoreError(
                    f"{f} holds results of a different {what} (spec hash {meta.get('spec_hash')}, "
                    f"from {meta.get('experiment_file')}); {changed}. "
                    "Use --fresh to discard them, or --out to write elsewhere.")
        else:
            start()
        return self._resume_state()

    def clear(self) -> None:
        for name in OWNED:
            p = self.folder / name
            if p.is_dir():
                shutil.rmtree(p)
            elif p.exists():
                p.unlink()

    def start(self, meta: dict, scenarios: dict[str, dict], tasks: list[RunTask]) -> None:
        """Write a new folder's files: the scenarios, the run list and ``meta`` (which holds
        at least ``spec_hash``) as ``_experiment.json``, last."""
        import tomli_w

        f = self.folder
        (f / RUNS_DIR).mkdir(parents=True, exist_ok=True)
        (f / SCENARIO_DIR).mkdir(exist_ok=True)
        for label, data in scenarios.items():
            (f / SCENARIO_DIR / f"{label}.toml").write_text(tomli_w.dumps(data), encoding="utf-8")
        design = pd.DataFrame([{
            "run_id": t.run_id, "scenario": t.scenario, "setting": t.setting,
            "replication": t.replication, **t.factors, "seed_entropy": t.seed_entropy,
            "spawn_key": json.dumps(list(t.spawn_key))} for t in tasks])
        design.to_csv(f / DESIGN_FILE, index=False)
        _atomic_write(f / EXPERIMENT_FILE, json.dumps(meta, indent=1, default=str).encode())

    def _start(self, exp: Experiment, tasks: list[RunTask]) -> None:
        meta = {
            "name": exp.name, "description": exp.description, "experiment_file": exp.file,
            "spec_hash": exp.spec_hash, "package_version": __version__, "created": _now(),
            "scenario_sources": exp.scenario_sources, "n_runs": len(tasks),
            "factor_columns": exp.factor_names, "objectives": exp.objectives, "outputs": exp.outputs,
            "fixed": exp.fixed, "unit_settings": exp.unit_settings,
            **exp.resolved(),
        }
        self.start(meta, exp.scenarios, tasks)

    # --- reading --------------------------------------------------------------------------------
    def manifest_records(self) -> list[dict]:
        """Every record, in the order written (a truncated last line is skipped)."""
        path = self.folder / MANIFEST_FILE
        if not path.exists():
            return []
        out = []
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if not line:
                continue
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError:
                continue
        return out

    def latest_records(self) -> dict[str, dict]:
        """The latest record of each run by run id (a failed run that later succeeded: ``ok``)."""
        latest: dict[str, dict] = {}
        for rec in self.manifest_records():
            if "run_id" in rec:
                latest[rec["run_id"]] = rec
        return latest

    def manifest(self) -> pd.DataFrame:
        """The latest record of each run (a failed run that later succeeded shows ``ok``)."""
        return pd.DataFrame(list(self.latest_records().values()))

    def finished_records(self) -> dict[str, dict]:
        """The latest records of the runs that finished ``ok`` and whose Parquet file exists."""
        return {rid: rec for rid, rec in self.latest_records().items()
                if rec.get("status") == "ok" and rec.get("file") and (self.folder / rec["file"]).exists()}

    def read_runs(self, run_ids) -> pd.DataFrame:
        """The stored rows of ``run_ids`` (finished runs), read from the files that hold them."""
        records = self.finished_records()
        wanted = set(run_ids)
        files = sorted({records[rid]["file"] for rid in wanted if rid in records})
        if not files:
            return pd.DataFrame()
        frame = pd.concat([pd.read_parquet(self.folder / rel) for rel in files], ignore_index=True)
        return frame[frame["run_id"].isin(wanted)]

    def read_segments(self, run_ids) -> pd.DataFrame:
        """The stored per-segment rows of ``run_ids`` (finished runs that have them), ``run_id`` first."""
        records = self.finished_records()
        files = sorted({records[rid]["segments_file"] for rid in set(run_ids)
                        if records.get(rid, {}).get("segments_file")})
        if not files:
            return pd.DataFrame()
        frame = pd.concat([pd.read_parquet(self.folder / rel) for rel in files], ignore_index=True)
        return frame[frame["run_id"].isin(set(run_ids))]

    def has_experiment(self) -> bool:
        return (self.folder / EXPERIMENT_FILE).exists()

    def scenario_files(self) -> dict[str, dict]:
        """Each resolved base scenario as written under ``_scenarios/`` (label → data)."""
        return {p.stem: tomllib.loads(p.read_text(encoding="utf-8"))
                for p in sorted((self.folder / SCENARIO_DIR).glob("*.toml"))}

    def _resume_state(self) -> ResumeState:
        latest = self.latest_records()
        runs_dir = self.folder / RUNS_DIR
        runs_dir.mkdir(parents=True, exist_ok=True)
        referenced = {rec[key] for rec in latest.values() for key in ("file", "segments_file")
                      if rec.get("status") == "ok" and rec.get(key)}
        removed = 0
        for p in [*runs_dir.iterdir(), *((self.folder / SEGMENTS_DIR).glob("*"))]:
            rel = f"{p.parent.name}/{p.name}"
            if p.name.startswith(".") or (p.suffix == ".parquet" and rel not in referenced):
                p.unlink()
                removed += 1
        completed = {rid for rid, rec in latest.items()
                     if rec.get("status") == "ok" and (self.folder / rec["file"]).exists()
                     and (not rec.get("segments_file") or (self.folder / rec["segments_file"]).exists())}
        failed = {rid for rid, rec in latest.items() if rec.get("status") == "failed"}
        return ResumeState(completed, failed, removed)

    def read(self) -> pd.DataFrame:
        return pd.read_parquet(self.folder)

    def experiment_meta(self) -> dict:
        return json.loads((self.folder / EXPERIMENT_FILE).read_text(encoding="utf-8"))

    # --- writing --------------------------------------------------------------------------------
    def record(self, outcomes: Iterable[RunOutcome], tasks: dict[str, RunTask], spec_hash: str) -> None:
        """Write one finished batch: its ok rows as one Parquet file, then its manifest lines."""
        outcomes = list(outcomes)
        ok = [o for o in outcomes if o.status == "ok" and o.frame is not None]
        part = uuid.uuid4().hex[:12]
        rel = _write_part(self.folder, RUNS_DIR, part, [o.frame for o in ok])
        seg = _write_part(self.folder, SEGMENTS_DIR, part, [o.segment_frame.assign(run_id=o.run_id)[
            ["run_id", *o.segment_frame.columns]] for o in ok if o.segment_frame is not None])
        lines = []
        for o in outcomes:
            rec = {**tasks[o.run_id].manifest_fields(), "status": o.status,
                   "duration_s": round(o.duration_s, 4), "finished": _now(), "worker": o.worker,
                   "package_version": __version__, "spec_hash": spec_hash,
                   "file": rel if o.status == "ok" else None,
                   "rows": int(len(o.frame)) if o.frame is not None else 0,
                   "error": o.error, "traceback": o.traceback}
            if o.status == "ok" and o.segment_frame is not None:
                rec["segments_file"] = seg
            lines.append(json.dumps(rec, default=str))
        data = ("\n".join(lines) + "\n").encode()
        fd = os.open(self.folder / MANIFEST_FILE, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)

    def export_csv(self, name: str, frame: pd.DataFrame) -> Path:
        d = self.folder / EXPORT_DIR
        d.mkdir(exist_ok=True)
        path = d / f"{name}.csv"
        frame.to_csv(path, index=False)
        return path


def _write_part(folder: Path, sub: str, part: str, frames: list[pd.DataFrame]) -> str | None:
    """``frames`` as one Parquet file ``sub/part-<part>.parquet`` (hidden name, then renamed)."""
    if not frames:
        return None
    rel = f"{sub}/part-{part}.parquet"
    final = folder / rel
    final.parent.mkdir(exist_ok=True)
    tmp = final.with_name("." + final.name + ".tmp")
    pd.concat(frames, ignore_index=True).to_parquet(tmp, index=False, compression="zstd")
    os.replace(tmp, final)
    return rel


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name("." + path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
