"""The one writer of output files (whole or not at all) and the rules of where outputs may go
(a command's own folder, never over an input, a suffix that fits). The commands' use of them
is in test_bad_inputs.py."""

from __future__ import annotations

import errno

import pytest

from siyu_sim.config import output_files
from siyu_sim.config.output_files import OutputWriteError, size_text, write_file, write_files
from siyu_sim.config.output_paths import (HTML_REPORT, PARQUET_FILE, OutputPathError, check_not_inputs,
                                          check_output_file, check_own_dir, own_folder)


def _files(folder) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_files_are_written_together_and_replacements_returned(tmp_path):
    (tmp_path / "a.csv").write_text("old", encoding="utf-8")
    replaced = write_files({tmp_path / "a.csv": "new a", tmp_path / "b.bin": b"\x00\x01"})
    assert replaced == [tmp_path / "a.csv"]
    assert _files(tmp_path) == {"a.csv": b"new a", "b.bin": b"\x00\x01"}
    assert write_file(tmp_path / "c.txt", "c") is False and write_file(tmp_path / "c.txt", "d") is True


@pytest.mark.parametrize("fault", [OSError(errno.ENOSPC, "No space left on device"), KeyboardInterrupt()])
def test_a_fault_in_any_file_replaces_none_and_leaves_no_temporary(tmp_path, monkeypatch, fault):
    (tmp_path / "a.csv").write_text("earlier a", encoding="utf-8")
    (tmp_path / "b.csv").write_text("earlier b", encoding="utf-8")
    before = _files(tmp_path)
    real = output_files._write_file
    calls = []

    def second_fails(path, data):
        calls.append(path)
        if len(calls) == 2:
            real(path, data[: len(data) // 2])  # half written, then the fault
            raise fault
        real(path, data)
    monkeypatch.setattr(output_files, "_write_file", second_fails)
    with pytest.raises(OutputWriteError if isinstance(fault, OSError) else KeyboardInterrupt) as info:
        write_files({tmp_path / "a.csv": "new a" * 100, tmp_path / "b.csv": "new b" * 1000})
    assert _files(tmp_path) == before  # the earlier files, and nothing else
    if isinstance(fault, OSError):
        message = str(info.value)
        assert "\n" not in message
        assert message.startswith(f"cannot write {tmp_path / 'b.csv'}: the disk is full (5.5 kB needed, ")
        assert f"free in {tmp_path}); earlier files were left as they were" in message


def test_another_write_error_names_the_file_and_its_reason(tmp_path, monkeypatch):
    def denied(path, data):
        raise PermissionError(errno.EACCES, "Permission denied")
    monkeypatch.setattr(output_files, "_write_file", denied)
    with pytest.raises(OutputWriteError, match=r"cannot write .*r\.html: Permission denied; earlier files"):
        write_file(tmp_path / "r.html", "x")
    assert list(tmp_path.iterdir()) == []


def test_sizes_read_as_people_read_them():
    assert [size_text(n) for n in (0, 999, 64_000, 1_280_000_000, 5.6e10)] == [
        "0 B", "999 B", "64 kB", "1.3 GB", "56 GB"]


def test_a_folder_is_a_command_s_own_when_new_empty_or_marked(tmp_path):
    assert own_folder(tmp_path / "new", "m.json")
    assert own_folder(tmp_path, "m.json")  # empty
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    assert not own_folder(tmp_path, "m.json")
    with pytest.raises(OutputPathError, match=r"--out .*: is not empty and is not a run folder \(it has no m\.json\)"):
        check_own_dir(tmp_path, "m.json", "a run folder", "--out")
    (tmp_path / "m.json").write_text("{}", encoding="utf-8")
    assert own_folder(tmp_path, "m.json") and check_own_dir(tmp_path, "m.json", "a run folder") == tmp_path


def test_an_output_is_never_an_input(tmp_path, monkeypatch):
    data = tmp_path / "fit" / "observed.csv"
    check_not_inputs([tmp_path / "fit" / "report.html"], [data])  # beside it: fine
    with pytest.raises(OutputPathError, match="would replace .*observed.csv, an input"):
        check_not_inputs([tmp_path / "fit" / "observed.csv"], [data], "--out", tmp_path / "fit")
    with pytest.raises(OutputPathError, match="would replace"):  # a folder the command may clear
        check_not_inputs([tmp_path / "fit"], [data])
    monkeypatch.chdir(tmp_path)  # the same file named two ways
    with pytest.raises(OutputPathError):
        check_not_inputs(["fit/../fit/observed.csv"], [data])


@pytest.mark.parametrize("name, kind, message", [
    ("r.pdf", HTML_REPORT, "writes an HTML page; give a name ending in .html or .htm, e.g. r.html"),
    ("r", HTML_REPORT, "e.g. r.html"),
    ("orders.csv", PARQUET_FILE, "writes a Parquet file; give a name ending in .parquet, e.g. orders.parquet"),
])
def test_a_suffix_must_fit_what_is_written(tmp_path, monkeypatch, name, kind, message):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(OutputPathError, match=message.replace(".", r"\.")):
        check_output_file(name, "--x", kind)
    assert check_output_file(f"ok{kind.suffixes[0].upper()}", "--x", kind)  # any case


def test_a_folder_given_for_a_file_gets_a_name_of_the_option_s_kind(tmp_path):
    with pytest.raises(OutputPathError, match=f"is a folder; give a file name, e.g. {tmp_path}/orders.parquet"):
        check_output_file(tmp_path, "--transactions", PARQUET_FILE)


def test_a_full_disk_is_known_however_a_library_says_so():
    from siyu_sim.config.output_files import disk_full

    assert disk_full(OSError(errno.ENOSPC, "No space left on device"))
    assert disk_full(OSError("Error writing bytes to file. Detail: [errno 28] No space left on device"))  # pyarrow
    try:
        try:
            raise OSError(errno.ENOSPC, "full")
        except OSError as inner:
            raise RuntimeError("(sqlite3.OperationalError) database or disk is full") from inner
    except RuntimeError as outer:
        assert disk_full(outer)
    try:
        try:
            raise OSError(errno.ENOSPC, "full")
        except OSError:
            raise ValueError("said already, in one line") from None
    except ValueError as replaced:
        assert not disk_full(replaced)  # raised from None: the one line has been said
    assert not disk_full(OSError(errno.EACCES, "Permission denied"))
