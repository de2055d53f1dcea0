"""The results store: a folder that loses nothing and can be read with one call. This module
owns the folder's format; everything else (summaries, sensitivity, the sweep report) reads it
through :class:`ResultStore`.

Layout (see docs/experiments.md)::

    <folder>/
      _experiment.json     resolved experiment: spec hash, factors, settings, scenarios, version
      _design.csv          the run list: run_id, scenario, setting, replication, factors, seed
      _scenarios/<label>.toml   each resolved base scenario (``set`` applied)
      _manifest.jsonl      one JSON record per finished run (ok or failed), appended at once
      _sessions.jsonl      one JSON record per command that ran into it: provenance, backend,
                           command, runs found done (resumed) and runs to do
      _export/*.csv        aggregates, on request
      runs/part-*.parquet  tidy rows of finished runs, one file per finished batch
      _segments/part-*.parquet  per-segment daily rows of the same runs, when they have them
                           (``run_id`` first; a compare with a report keeps them)
      _baselines/part-*.parquet  the daily rows of their no-private-domain baselines, when kept
                           (``run_id`` first; a compare keeps them)
      _damaged/            part files found damaged on resume, set aside (their runs re-run)

``pandas.read_parquet(folder)`` reads every ``runs/*.parquet`` (pyarrow ignores names that
start with ``_`` or ``.``). A Parquet file is written to a hidden temporary name and renamed,
then its runs are appended to the manifest; on resume, a part file that no ``ok`` manifest
record names (a crash between the two steps) is deleted, so no run is ever counted twice.

The store reads only what it owns: the part files (``runs/part-<12 hex>.parquet``) that ``ok``
manifest records name, never the whole folder, so a file someone puts there (a report, notes)
is no part of the results. A part that cannot be read (empty, cut short, not Parquet, or
holding fewer rows than its runs wrote) is *damaged*: the readers skip it and name
it (``ResultStore.damaged``), and resuming moves it to ``_damaged/`` and runs its runs again.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import re
import shutil
import tomllib
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from ..version import __version__
from .design import RunTask
from ..config.experiment import Experiment
from ..config.output_files import csv_bytes, write_file
from ..config.output_paths import own_folder
from .worker import RunOutcome

EXPERIMENT_FILE = "_experiment.json"
MANIFEST_FILE = "_manifest.jsonl"
DESIGN_FILE = "_design.csv"
SCENARIO_DIR = "_scenarios"
EXPORT_DIR = "_export"
RUNS_DIR = "runs"
SEGMENTS_DIR = "_segments"  # "_": pandas.read_parquet(folder) reads runs/ only
BASELINES_DIR = "_baselines"
SESSIONS_FILE = "_sessions.jsonl"
DAMAGED_DIR = "_damaged"
#: The tables a run may have beside its rows: kind → (folder, manifest key, RunOutcome field).
SIDE_TABLES = {"segments": (SEGMENTS_DIR, "segments_file", "segment_frame"),
               "baselines": (BASELINES_DIR, "baselines_file", "baseline_frame")}
OWNED = (EXPERIMENT_FILE, MANIFEST_FILE, DESIGN_FILE, SCENARIO_DIR, EXPORT_DIR, RUNS_DIR, SEGMENTS_DIR,
         BASELINES_DIR, SESSIONS_FILE, DAMAGED_DIR)
#: The store's part files, and the hidden names they are written under before the rename.
PART = re.compile(r"part-[0-9a-f]{12}\.parquet")
PART_TMP = re.compile(r"\.part-[0-9a-f]{12}\.parquet\.tmp")


class StoreError(RuntimeError):
    """A results folder that cannot be used as asked (e.g. written by a different experiment)."""


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


@dataclass
class Damaged:
    """A part file that cannot be read: where it is (relative to the folder), why, its runs."""

    file: str
    reason: str
    runs: int
    moved_to: str | None = None  # set when resuming set it aside


@dataclass
class ResumeState:
    completed: set[str]
    removed_orphans: int
    damaged: list[Damaged] = field(default_factory=list)


def is_part(rel: object) -> bool:
    """A manifest ``file`` that names one of the store's part files (nothing else is read)."""
    if not isinstance(rel, str):
        return False
    head, _, name = rel.partition("/")
    return head == RUNS_DIR and PART.fullmatch(name) is not None


class ResultStore:
    def __init__(self, folder: str | Path):
        self.folder = Path(folder)
        self.damaged: dict[str, Damaged] = {}  # found by the readers: file → why (they skip it)
        self._checked: dict[tuple, str | None] = {}

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
        and ``changed`` word the refusal: ``refusal``)."""
        why = refusal(self.folder, spec_hash, fresh=fresh, what=what, changed=changed)
        if why:
            raise StoreError(why)
        if fresh:
            self.clear()
        if not (self.folder / EXPERIMENT_FILE).exists():
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
            "fixed": exp.fixed, "unit_settings": exp.unit_settings, "robustness": exp.robustness,
            "markets": exp.markets, "policies": exp.policies, "dropped": exp.dropped,
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
        """The latest records of the runs that finished ``ok`` and whose part file exists and is
        whole (a damaged one is noted in ``self.damaged``, its runs left out)."""
        ok = {rid: rec for rid, rec in self.latest_records().items()
              if rec.get("status") == "ok" and is_part(rec.get("file")) and (self.folder / rec["file"]).exists()}
        for bad in self._check_parts(ok):
            self.damaged.setdefault(bad.file, bad)
        return {rid: rec for rid, rec in ok.items() if rec["file"] not in self.damaged}

    def _check_parts(self, ok: dict[str, dict]) -> list[Damaged]:
        """The part files of ``ok`` records that cannot be read: the footer (where Parquet keeps
        its schema and row count) is read, and its rows compared with what the manifest says."""
        runs: dict[str, list[dict]] = {}
        for rec in ok.values():
            runs.setdefault(rec["file"], []).append(rec)
        bad = []
        for rel, recs in sorted(runs.items()):
            rows = None if any(r.get("rows") is None for r in recs) else sum(int(r["rows"]) for r in recs)
            path = self.folder / rel
            stat = path.stat()
            key = (rel, stat.st_size, stat.st_mtime_ns, rows)
            if key not in self._checked:  # each file's footer is read once
                self._checked[key] = part_problem(path, rows)
            if self._checked[key]:
                bad.append(Damaged(rel, self._checked[key], len(recs)))
        return bad

    def read_runs(self, run_ids) -> pd.DataFrame:
        """The stored rows of ``run_ids`` (finished runs), read from the files that hold them. A
        file that fails to read despite a sound footer is noted in ``self.damaged`` and skipped."""
        frames = list(self._parts(run_ids))
        if not frames:
            return pd.DataFrame()
        return pd.concat(frames, ignore_index=True)

    def read_run_frames(self, run_ids) -> dict[str, pd.DataFrame]:
        """Each of ``run_ids``' stored rows on its own, with the columns its batch wrote (runs of
        different kinds may have different columns: ``read_runs`` would join them)."""
        return {rid: rows.reset_index(drop=True) for frame in self._parts(run_ids)
                for rid, rows in frame.groupby("run_id", sort=False)}

    def _parts(self, run_ids):
        """The rows of ``run_ids`` in each file that holds them (see ``read_runs``)."""
        records = self.finished_records()
        wanted = set(run_ids)
        by_file: dict[str, set[str]] = {}
        for rid in wanted & set(records):
            by_file.setdefault(records[rid]["file"], set()).add(rid)
        for rel, rids in sorted(by_file.items()):
            try:
                frame = pd.read_parquet(self.folder / rel)
            except (OSError, pa.ArrowException) as exc:
                n = sum(1 for rec in records.values() if rec["file"] == rel)
                self.damaged.setdefault(rel, Damaged(rel, _reason(exc), n))
                continue
            # only the runs whose latest record names this file (a run whose manifest line was
            # cut off, then re-run, also has rows in the file it first went to)
            yield frame[frame["run_id"].isin(rids)]

    def read_side(self, kind: str, run_ids) -> pd.DataFrame:
        """The stored ``kind`` rows (``SIDE_TABLES``: per-segment, baselines) of ``run_ids``
        (finished runs that have them), ``run_id`` first."""
        key = SIDE_TABLES[kind][1]
        records = self.finished_records()
        files = sorted({records[rid][key] for rid in set(run_ids) if records.get(rid, {}).get(key)})
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
        keys = ("file", *(key for _sub, key, _attr in SIDE_TABLES.values()))
        referenced = {rec[key] for rec in latest.values() for key in keys if rec.get("status") == "ok" and rec.get(key)}
        removed = 0
        # only the store's own names (runs/, _segments/ and _baselines/ parts): anything else is left alone
        for p in [*runs_dir.iterdir(), *(p for sub, _key, _attr in SIDE_TABLES.values()
                                          for p in (self.folder / sub).glob("*"))]:
            rel = f"{p.parent.name}/{p.name}"
            if PART_TMP.fullmatch(p.name) or (PART.fullmatch(p.name) and rel not in referenced):
                p.unlink()
                removed += 1
        completed = {rid for rid, rec in self.finished_records().items()
                     if all((self.folder / rec[key]).exists() for key in keys[1:] if rec.get(key))}
        damaged = list(self.damaged.values())
        for bad in damaged:  # set aside, not deleted: its runs are not completed, so they run again
            bad.moved_to = self._set_aside(bad.file)
        self.damaged = {}
        return ResumeState(completed, removed, damaged)

    def _set_aside(self, rel: str) -> str:
        target_dir = self.folder / DAMAGED_DIR
        target_dir.mkdir(exist_ok=True)
        name = Path(rel).name
        target, k = target_dir / name, 1
        while target.exists():
            target, k = target_dir / f"{name}.{k}", k + 1
        os.replace(self.folder / rel, target)
        return target.relative_to(self.folder).as_posix()

    def read(self) -> pd.DataFrame:
        """Every finished run's rows (from the part files the manifest names, damaged ones skipped)."""
        return self.read_runs(self.finished_records())

    def experiment_meta(self) -> dict:
        return json.loads((self.folder / EXPERIMENT_FILE).read_text(encoding="utf-8"))

    # --- writing --------------------------------------------------------------------------------
    def record(self, outcomes: Iterable[RunOutcome], tasks: dict[str, RunTask], spec_hash: str) -> None:
        """Write one finished batch: its ok rows as one Parquet file, then its manifest lines."""
        outcomes = list(outcomes)
        ok = [o for o in outcomes if o.status == "ok" and o.frame is not None]
        part = uuid.uuid4().hex[:12]
        rel = _write_part(self.folder, RUNS_DIR, part, [o.frame for o in ok])
        side = {key: _write_part(self.folder, sub, part, [
            getattr(o, attr).assign(run_id=o.run_id)[["run_id", *getattr(o, attr).columns]]
            for o in ok if getattr(o, attr) is not None]) for sub, key, attr in SIDE_TABLES.values()}
        lines = []
        for o in outcomes:
            rec = {**tasks[o.run_id].manifest_fields(), "status": o.status,
                   "duration_s": round(o.duration_s, 4), "finished": _now(), "worker": o.worker,
                   "package_version": __version__, "spec_hash": spec_hash,
                   "file": rel if o.status == "ok" else None,
                   "rows": int(len(o.frame)) if o.frame is not None else 0,
                   "error": o.error, "traceback": o.traceback}
            for _sub, key, attr in SIDE_TABLES.values():
                if o.status == "ok" and getattr(o, attr) is not None:
                    rec[key] = side[key]
            lines.append(json.dumps(rec, default=str))
        _append(self.folder / MANIFEST_FILE, lines)

    def add_session(self, record: dict) -> None:
        """One line in ``_sessions.jsonl`` for each command that runs into the folder: its
        provenance (``runs.provenance``: versions, machine, date, the backend, the command) and
        how many runs it found done (a resume) and had to run."""
        _append(self.folder / SESSIONS_FILE, [json.dumps(record, default=str, ensure_ascii=False)])

    def sessions(self) -> list[dict]:
        """Every session's record, the first (the start) first."""
        path = self.folder / SESSIONS_FILE
        if not path.exists():
            return []
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]

    def export_csv(self, name: str, frame: pd.DataFrame) -> Path:
        d = self.folder / EXPORT_DIR
        d.mkdir(exist_ok=True)
        path = d / f"{name}.csv"
        write_file(path, csv_bytes(frame))
        return path


def part_problem(path: Path, rows: int | None = None) -> str | None:
    """Why a part file cannot be used (None when its footer reads and, if ``rows`` is given, it
    holds at least that many rows)."""
    try:
        if path.stat().st_size == 0:
            return "empty (0 bytes)"
        meta = pq.read_metadata(path)
    except (OSError, pa.ArrowException) as exc:
        return _reason(exc)
    if rows is not None and meta.num_rows < rows:  # more: runs whose manifest lines were cut off
        return f"{meta.num_rows} rows where its runs wrote {rows}"
    return None


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if "magic bytes" in text:
        return "cut short or not a Parquet file (no Parquet footer)"
    return text


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


def _append(path: Path, lines: list[str]) -> None:
    """Append whole lines and flush them to the disk."""
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, ("\n".join(lines) + "\n").encode())
        os.fsync(fd)
    finally:
        os.close(fd)


def _atomic_write(path: Path, data: bytes) -> None:
    write_file(path, data)


def refusal(folder: Path, spec_hash: str, *, fresh: bool = False, what: str = "experiment",
            changed: str = "it changed since those runs") -> str | None:
    """Why ``folder`` cannot take the runs of ``spec_hash``, or None; reads only, so a command can
    ask before it runs anything: a file where the folder should be, a non-empty folder that is no
    results folder, a damaged manifest or another spec's runs (unless ``fresh`` discards them)."""
    f = Path(folder)
    meta_path = f / EXPERIMENT_FILE
    if f.exists() and not f.is_dir():
        return f"{f} exists and is not a folder"
    if not own_folder(f, EXPERIMENT_FILE):
        return (f"{f} is not empty and is not an experiment results folder "
                f"(no {EXPERIMENT_FILE}); choose another --out")
    if fresh or not meta_path.exists():
        return None
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return (f"{meta_path} is damaged and cannot be read ({exc}); its runs cannot be matched to the "
                "experiment. Use --fresh to start over, or --out to write elsewhere.")
    if not isinstance(meta, dict):
        meta = {}
    if meta.get("spec_hash") != spec_hash:
        return (f"{f} holds results of a different {what} (spec hash {meta.get('spec_hash')}, "
                f"from {meta.get('experiment_file')}); {changed}. Use --fresh to discard them, or --out to "
                "write elsewhere.")
    return None
