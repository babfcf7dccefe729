"""Rebuilds under `serve`: one skill edited, against a full build, in one run.

    .venv/bin/python benchmarks/rebuild.py [--skills 2000] [--edits 3]
                                           [--json benchmarks/rebuild.json]

It writes a playbook (`scale_playbook.write_playbook`), times a full `playbook-gen build`,
starts `playbook-gen serve` on a free port and waits for its first build, then edits one
skill file `edits` times (a new practice line each time) and waits each time for MkDocs'
"Reloading browsers" line. For each it records the wall time from the save to the reload
and the CPU time the server spent (from /proc, steadier on a busy machine), and the build
folder's files whose modification time changed. Medians; a benchmark, not a test. The
machine's load average is recorded too: on a shared machine wall times follow it.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from scale import measured  # noqa: E402
from scale_playbook import write_playbook  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User + system time of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def stamps(folder: Path) -> dict[str, int]:
    return {p.as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def wait_for(lines: queue.Queue[str], text: str, timeout: float = 600) -> str:
    deadline = time.monotonic() + timeout
    while True:
        line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
        if text in line:
            return line


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skills", type=int, default=2000)
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--json", type=Path, default=HERE / "rebuild.json")
    args = parser.parse_args()
    python = sys.executable
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="playbook-rebuild-") as tmp:
        root = Path(tmp)
        write_playbook(root / "content", args.skills)
        full = measured(
            [python, "-m", "playbook_gen", "build", "-q", "-c", "content", "--site-dir", "site"],
            root,
        )
        port = free_port()
        server = subprocess.Popen(
            [python, "-m", "playbook_gen", "serve", "-c", "content", "-a", f"127.0.0.1:{port}"],
            cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        lines: queue.Queue[str] = queue.Queue()
        assert server.stdout is not None
        stream = server.stdout
        threading.Thread(target=lambda: [lines.put(x) for x in stream], daemon=True).start()
        edits: list[dict[str, Any]] = []
        try:
            started = time.perf_counter()
            wait_for(lines, "Serving on")
            first = time.perf_counter() - started
            skill = root / "content" / "skills" / "skill-00007.yml"
            build_dir = root / ".playbook-build"
            for n in range(args.edits):
                time.sleep(1.0)  # the watcher settles
                before = stamps(build_dir)
                cpu = cpu_seconds(server.pid)
                started = time.perf_counter()
                with skill.open("a", encoding="utf-8") as file:
                    file.write(f'  - "Edited practice line {n}."\n')
                wait_for(lines, "Reloading browsers")
                wall = time.perf_counter() - started
                after = stamps(build_dir)
                changed = sorted(p for p, t in after.items() if before.get(p) != t)
                edits.append({
                    "wall_s": wall,
                    "cpu_s": cpu_seconds(server.pid) - cpu,
                    "changed_files": [Path(p).relative_to(build_dir).as_posix() for p in changed],
                })
        finally:
            server.terminate()
            server.wait(timeout=60)
    rebuild = {k: statistics.median(e[k] for e in edits) for k in ("wall_s", "cpu_s")}
    document = {
        "skills": args.skills,
        "full_build": full,
        "serve_first_build_wall_s": first,
        "rebuild": rebuild,
        "edits": edits,
        "load_average": {"start": load_before, "end": os.getloadavg()[0]},
        "ratios": {
            "rebuild/full_build (wall_s)": rebuild["wall_s"] / full["wall_s"],
            "rebuild/full_build (cpu_s)": rebuild["cpu_s"] / full["cpu_s"],
        },
    }
    print(f"full build: {full['wall_s']:.1f} s wall, {full['cpu_s']:.1f} s CPU; "
          f"serve's first build {first:.1f} s")
    for e in edits:
        print(f"rebuild after one skill edit: {e['wall_s']:.1f} s wall, {e['cpu_s']:.1f} s CPU, "
              f"{len(e['changed_files'])} build-folder files rewritten: "
              f"{', '.join(e['changed_files'][:6])}")
    for name, value in document["ratios"].items():
        print(f"{name:<32} {value:.2f}")
    args.json.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
