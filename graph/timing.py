"""Where a build spends its time: seconds per stage, nested stages counted once.

A process-wide :data:`STAGES` clock is shared by the build steps (reading,
extraction, resolution, graph writing, Turtle writing, store loading …), so a
worker process can report what each document cost. Time inside a nested stage
is not counted again in the enclosing one.

>>> clock = Stages()
>>> with clock.stage("outer"):
...     with clock.stage("inner"):
...         pass
>>> sorted(clock.snapshot())
['inner', 'outer']
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["Stages", "STAGES", "stage"]


class Stages:
    """Accumulates exclusive seconds per stage name."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self._stack: list[list] = []  # [name, started] of the open stages

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        now = time.perf_counter()
        if self._stack:  # pause the enclosing stage
            outer = self._stack[-1]
            self.seconds[outer[0]] += now - outer[1]
        self._stack.append([name, now])
        try:
            yield
        finally:
            now = time.perf_counter()
            self.seconds[name] += now - self._stack.pop()[1]
            if self._stack:
                self._stack[-1][1] = now

    def snapshot(self) -> dict[str, float]:
        return dict(self.seconds)

    def since(self, before: dict[str, float]) -> dict[str, float]:
        """Seconds added per stage since *before* (a :meth:`snapshot`)."""
        return {
            k: v - before.get(k, 0.0) for k, v in self.seconds.items() if v > before.get(k, 0.0)
        }


STAGES = Stages()
stage = STAGES.stage
