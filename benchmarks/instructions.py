"""Count the instructions archcheck adds to its hosts, with valgrind's callgrind.

Usage (from the repository root, after ``python benchmarks/generate.py``)::

    python benchmarks/instructions.py [--subset src/bench/ctx00] [--jobs 2]

Wall and CPU time on a shared machine move by 10-20 % from one run to the
next with other people's load; the number of instructions a process executes
does not (callgrind counts them on a simulated CPU: the same binary, input and
environment give the same count whatever else runs). So this prints, for the
same commands as ``run.py`` (flake8 and pylint ``-j1`` over ``--subset``, and
the warm single-file editor runs), the instructions of the host alone and with
archcheck, and their ratio. The ``-j2`` rows add up every process: the parent
and the workers it forks, which valgrind follows and counts one by one (the
work done, not the wall time: how evenly it is shared out is not counted).
Counts are user-space only: time the kernel spends
in archcheck's ``stat`` calls is not in them (``run.py``'s CPU column has it).
Each command runs once (there is nothing to take a median of); the sides run
``--jobs`` at a time, which changes no count.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from run import EDITOR_FILE, PROJECT, _byte_compile, _flake8, _other_flake8_plugins, _pylint

_COLLECTED = re.compile(rb"Collected : (\d+)")
_NO_STORED_FINDINGS = "--no-stored-findings"  # marks a command run after removing archcheck's stored findings


def _count(argv: list[str], cwd: Path, stdin: bytes | None) -> int:
    """Instructions executed by ``argv`` (one run under callgrind)."""
    if argv[0] == _NO_STORED_FINDINGS:
        argv = argv[1:]
        shutil.rmtree(cwd / ".archcheck_cache" / "findings", ignore_errors=True)
    command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *argv]
    done = subprocess.run(command, cwd=cwd, input=stdin, capture_output=True, check=False)
    found = _COLLECTED.findall(done.stderr)  # one line per process (forked -j workers too)
    if not found:
        raise SystemExit(f"no instruction count from: {' '.join(argv)}\n{done.stderr.decode()[-2000:]}")
    return sum(int(count) for count in found)


Row = tuple[str, list[str], list[str], bytes | None]  # name, host alone, host with archcheck, stdin


def _comparisons(project: Path, subset: list[str], editor_file: str) -> list[Row]:
    others = _other_flake8_plugins()
    without = [*others, "archcheck"]
    path = (project / editor_file).resolve()
    text = path.read_bytes()
    shown = " ".join(subset)
    return [
        (f"flake8 -j1: default checks, + archcheck ({shown})",
         _flake8(without, "-j1", *subset), _flake8(others, "-j1", *subset), None),
        (f"pylint -j1: default messages, + archcheck ({shown})",
         _pylint("-j1", *subset), _pylint("-j1", "--load-plugins=pylint_archcheck", *subset), None),
        (f"flake8 -j1: no stored findings, every module checked ({shown})",
         _flake8(without, "-j1", *subset), [_NO_STORED_FINDINGS, *_flake8(others, "-j1", *subset)], None),
        (f"pylint -j1: no stored findings, every module checked ({shown})",
         _pylint("-j1", *subset), [_NO_STORED_FINDINGS, *_pylint("-j1", "--load-plugins=pylint_archcheck", *subset)],
         None),
        (f"flake8 -j2: default checks, + archcheck ({shown})",
         _flake8(without, "-j2", *subset), _flake8(others, "-j2", *subset), None),
        (f"pylint -j2: default messages, + archcheck ({shown})",
         _pylint("-j2", *subset), _pylint("-j2", "--load-plugins=pylint_archcheck", *subset), None),
        ("editor: flake8 stdin, one file, warm archcheck cache",
         _flake8(without, "--stdin-display-name", str(path), "-"),
         _flake8(others, "--stdin-display-name", str(path), "-"), text),
        ("editor: pylint --from-stdin, one file, warm archcheck cache",
         _pylint("--from-stdin", str(path)), _pylint("--load-plugins=pylint_archcheck", "--from-stdin", str(path)),
         text),
    ]


def main() -> None:
    """Command line; see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, default=PROJECT)
    parser.add_argument("--subset", default="src/bench/ctx00", help="comma-separated paths the whole-run rows lint")
    parser.add_argument("--editor-file", default=EDITOR_FILE)
    parser.add_argument("--jobs", type=int, default=2, help="callgrind runs at once")
    parser.add_argument("--only", default="", help="comma-separated subset of flake8,pylint,editor")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed")
    project = args.project.resolve()
    _byte_compile()
    rows = _comparisons(project, args.subset.split(","), args.editor_file)
    if args.only:
        wanted = tuple(args.only.split(","))
        rows = [row for row in rows if row[0].split(":")[0].split()[0] in wanted]
    for _name, _base, other, stdin in rows:  # warm archcheck's cache and the .pyc files first
        subprocess.run([arg for arg in other if arg != _NO_STORED_FINDINGS], cwd=project, input=stdin,
                       capture_output=True, check=False)
    jobs = [(base, stdin) for _n, base, _o, stdin in rows] + [(other, stdin) for _n, _b, other, stdin in rows]
    alone = [job for job in jobs if job[0][0] != _NO_STORED_FINDINGS]
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        counted = dict(zip(map(id, alone), pool.map(lambda job: _count(job[0], project, job[1]), alone)))
    # Removing the stored findings while another command runs would change its count: these run one at a time.
    counts = [counted[id(job)] if id(job) in counted else _count(job[0], project, job[1]) for job in jobs]
    print(f"{'comparison':<70} {'alone (Ginstr)':>15} {'with (Ginstr)':>14} {'ratio':>7}")
    for position, (name, *_rest) in enumerate(rows):
        alone, added = counts[position], counts[position + len(rows)]
        print(f"{name:<70} {alone / 1e9:15.3f} {added / 1e9:14.3f} {added / alone:7.3f}")


if __name__ == "__main__":
    main()
