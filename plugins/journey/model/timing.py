"""Per-stage timing of the plugin's own work, for the benchmark.

Each stage of a build adds the CPU time it took (``time.process_time``: not
wall-clock time, which other processes on a busy machine inflate) to
``Analysis.timings`` under the stage's name; a stage timed twice adds up.
Costs two clock reads per stage, so it is always on. ``benchmarks/run.py``
reads the timings from the analysis the runner captures.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, MutableMapping
from contextlib import contextmanager


@contextmanager
def timed(timings: MutableMapping[str, float], stage: str) -> Iterator[None]:
    """Add the CPU time of the ``with`` block to ``timings[stage]`` (seconds)."""
    start = time.process_time()
    try:
        yield
    finally:
        timings[stage] = timings.get(stage, 0.0) + time.process_time() - start
