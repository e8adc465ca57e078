"""`make reports` end to end, as in a fresh clone after `make install`, with a timeline.

Exports a revision of the repository (``git archive``, default HEAD) to a new folder, gives it
this checkout's virtualenv (a symbolic link; the install stamp stays newer than the export's
``pyproject.toml``, so `make` does not reinstall) and runs ``make reports`` there with
``BHXH_ROOT`` and ``PYTHONPATH`` pointing at the export: the revision's own code, on the shipped
data (``bhxh process`` runs, as data/processed does not exist in a clone). Then the same
``make reports`` again (nothing changed).

It watches the process tree every 0.05 s from outside (no probe in the code): when ``bhxh
process`` and ``bhxh reports`` ran, when the warm kernel server started and when its socket
appeared (ready), when the first and the last report page and the index were written, and the
CPU seconds of every process (by role), so the serial parts show. Prints one line per figure
with the 1-minute load average; ``--keep`` leaves the export (its reports/ to compare pages).

    nice -n 10 .venv/bin/python bench/make_reports.py [--rev main] [--runs 2] [--keep]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def export(rev: str, folder: Path) -> Path:
    """``git archive REV`` unpacked into ``folder/tree``, with this checkout's .venv."""
    tree = folder / "tree"
    tree.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(REPO), "archive", rev], check=True,
                             capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    (tree / ".venv").symlink_to(REPO / ".venv")
    stamp = (REPO / ".venv" / ".installed-stamp").stat().st_mtime
    for name in ("pyproject.toml", "requirements.lock"):
        if (tree / name).exists():  # older than the install, as after `make install`
            os.utime(tree / name, (stamp - 60, stamp - 60))
    return tree


def role(cmdline: list[str]) -> str:
    """What a process of the tree is, from its command line."""
    text = " ".join(cmdline)
    if "warmkernel import serve" in text:
        return "kernel server"
    if "warmkernel.py launch" in text:
        return "kernel launcher"
    if "ipykernel" in text:
        return "kernel"
    if "forkserver" in text or "multiprocessing" in text:
        return "pool (forkserver, workers)"
    if "bhxh" in text and " reports" in text:
        return "bhxh reports"
    if "bhxh" in text and " process" in text:
        return "bhxh process"
    if text.startswith("make") or "/make" in text or "sh -c" in text or text.startswith("/bin/sh"):
        return "make"
    return "other: " + (cmdline[0] if cmdline else "?")


class Watcher:
    """Polls a process tree: per process its role, first and last time seen, CPU seconds;
    the server's socket appearing; kernels forked by the server are its children (in the tree)."""

    def __init__(self, root_pid: int, every: float = 0.05) -> None:
        import psutil

        self.root = psutil.Process(root_pid)
        self.every = every
        self.seen: dict[tuple[int, float], dict] = {}
        self.server_ready: float | None = None
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self) -> None:
        import psutil

        while not self.stop.is_set():
            now = time.time()
            try:
                family = [self.root, *self.root.children(recursive=True)]
            except psutil.NoSuchProcess:
                family = []
            for member in family:
                try:
                    with member.oneshot():
                        key = (member.pid, member.create_time())
                        times = member.cpu_times()
                        entry = self.seen.get(key)
                        if entry is None:
                            cmd = member.cmdline()
                            name = role(cmd)
                            parent = member.parent()
                            if name == "kernel server" and parent is not None and (
                                    role(parent.cmdline()) == "kernel server"):
                                name = "kernel"  # forked by the server: its command line
                            entry = self.seen[key] = {"role": name, "first": now,
                                                      "start": key[1], "cmd": cmd}
                        entry["last"] = now
                        entry["cpu"] = times.user + times.system
                        if entry["role"] == "kernel server" and self.server_ready is None:
                            socket_path = entry["cmd"][3] if len(entry["cmd"]) > 3 else ""
                            if socket_path and os.path.exists(socket_path):
                                self.server_ready = now
                except psutil.Error:
                    continue
            self.stop.wait(self.every)


def run_make(tree: Path, env: dict[str, str]) -> dict:
    """``make reports`` in ``tree``; its wall time, output lines (timed) and the watcher."""
    started = time.time()
    lines: list[tuple[float, str]] = []
    make = subprocess.Popen(["make", "--no-print-directory", "reports"], cwd=tree, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    watcher = Watcher(make.pid)
    watcher.thread.start()
    assert make.stdout is not None
    for line in make.stdout:
        lines.append((time.time(), line.rstrip()))
    code = make.wait()
    ended = time.time()
    watcher.stop.set()
    watcher.thread.join()
    return {"started": started, "ended": ended, "code": code, "lines": lines,
            "watcher": watcher}


def page_times(reports: Path, since: float) -> tuple[list[float], float | None]:
    """Modification times of the report pages written since ``since`` and of the index."""
    pages = [p.stat().st_mtime for p in reports.rglob("*.html")
             if p.name != "index.html" and p.stat().st_mtime >= since]
    index = reports / "index.html"
    return sorted(pages), (index.stat().st_mtime if index.is_file() else None)


def describe(result: dict, reports: Path, load: str) -> None:
    t0 = result["started"]
    watcher = result["watcher"]
    wall = result["ended"] - t0
    print(f"make reports: {wall:.2f} s wall, exit {result['code']}, {load} at start, "
          f"load {os.getloadavg()[0]:.1f} at the end")
    by_role: dict[str, list[dict]] = {}
    for entry in watcher.seen.values():
        by_role.setdefault(entry["role"], []).append(entry)
    total = sum(e.get("cpu", 0.0) for e in watcher.seen.values())
    print(f"  CPU, all processes: {total:.2f} s ({total / wall:.2f} cores on average)")
    for name, entries in sorted(by_role.items(), key=lambda kv: min(e["start"] for e in kv[1])):
        cpu = sum(e.get("cpu", 0.0) for e in entries)
        first = min(e["start"] for e in entries) - t0
        last = max(e["last"] for e in entries) - t0
        print(f"  {name:28s} x{len(entries):<3d} {first:6.2f} -> {last:6.2f} s, CPU {cpu:6.2f} s")
    if watcher.server_ready is not None:
        print(f"  kernel server ready (socket) at {watcher.server_ready - t0:.2f} s")
    pages, index = page_times(reports, t0)
    if pages:
        print(f"  report pages: {len(pages)}, first at {pages[0] - t0:.2f} s, last at "
              f"{pages[-1] - t0:.2f} s")
    if index is not None and index >= t0:
        print(f"  index written at {index - t0:.2f} s")
    for at, line in result["lines"]:
        print(f"  [{at - t0:6.2f} s] {line}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rev", default="HEAD", help="revision to export (default HEAD)")
    parser.add_argument("--runs", type=int, default=1, help="fresh exports to measure")
    parser.add_argument("--keep", action="store_true", help="keep the last export")
    args = parser.parse_args()
    for run in range(args.runs):
        folder = Path(tempfile.mkdtemp(prefix="bench-make-reports-"))
        try:
            tree = export(args.rev, folder)
            env = {**os.environ, "BHXH_ROOT": str(tree), "PYTHONPATH": str(tree / "src")}
            env.pop("VIRTUAL_ENV", None)
            load = f"load {os.getloadavg()[0]:.1f}"
            print(f"== {args.rev} run {run + 1}: {tree}")
            first = run_make(tree, env)
            describe(first, tree / "reports", load)
            load = f"load {os.getloadavg()[0]:.1f}"
            again = run_make(tree, env)
            print(f"no-change make reports: {again['ended'] - again['started']:.2f} s, "
                  f"{load}; last line: {again['lines'][-1][1] if again['lines'] else ''}")
        finally:
            if args.keep and run == args.runs - 1:
                print(f"kept {folder}")
            else:
                shutil.rmtree(folder, ignore_errors=True)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
