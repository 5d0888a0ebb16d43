#!/usr/bin/python3
"""Where a whole-process 1080p regency still spends its time and memory, phase by phase.

Makes the same mirror as still_vs_mapnik.py, then runs
  PANTAU_PHASES=1 pantau --headless --source MIRROR --no-overlay --screenshot A.png
after one warm-up, and prints for each phase (viewer/phase_log.hpp) the median wall and CPU
milliseconds and the peak RSS reached by its end, then the whole process's (spawn to exit).
The data loads on a second thread while GL starts: 'gl_context' is the EGL/Mesa start, and
'data_wait' the part of the data's load that GL's start did not hide.

usage: bench/still_phases.py [--bin build/bin] [--runs 5] [--size 1920x1080]
"""
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

from still_vs_mapnik import make_mirror, parse_args

PHASE = re.compile(r"pantau: phase (\S+) wall_ms ([\d.]+) cpu_ms ([\d.]+) peak_mb ([\d.]+)")


def run(cmd):
    """The phases said on stderr, and the process's wall s, CPU s (user + system) and peak MB."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env=dict(os.environ, PANTAU_PHASES="1"))
    err = proc.stderr.read().decode(errors="replace")
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{err}")
    phases = [(m[1], float(m[2]), float(m[3]), float(m[4])) for m in PHASE.finditer(err)]
    return phases, (wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def main():
    a = parse_args()
    tmp = tempfile.mkdtemp(prefix="pantau-phases-")
    try:
        mirror = os.path.join(tmp, "mirror")
        make_mirror(a.bin, a.data, mirror)
        cmd = [os.path.join(a.bin, "pantau"), "--headless", "--source", mirror, "--no-overlay", "--size", a.size,
               "--screenshot", os.path.join(tmp, "still.png")] + (["--data", a.data] if a.data else [])
        run(cmd)  # warm-up: the tree pack and the mesh cache exist, the files are in the page cache
        runs = [run(cmd) for _ in range(a.runs)]
        print(f"{'phase':16} {'wall ms':>8} {'CPU ms':>8} {'peak MB':>8}   (medians of {a.runs} runs, {a.size})")
        for i, (name, *_rest) in enumerate(runs[0][0]):
            col = [statistics.median(r[0][i][k] for r in runs) for k in (1, 2, 3)]
            print(f"{name:16} {col[0]:8.1f} {col[1]:8.1f} {col[2]:8.1f}")
        whole = [statistics.median(r[1][k] for r in runs) for k in range(3)]
        print(f"{'whole process':16} {whole[0] * 1e3:8.1f} {whole[1] * 1e3:8.1f} {whole[2]:8.1f}"
              f"   (load average {os.getloadavg()[0]:.1f})")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
