"""Profile the plugin's part of one build of a generated site.

``python benchmarks/profile_plugin.py [--n 1000] [--top 30] [--sort tottime]``

Generates the benchmark site (``benchmarks/generate.py``), builds it once with
the plugin on, with :mod:`cProfile` enabled only inside the plugin's signal
receivers, and prints the top functions. The plugin is loaded from this
working tree. Pelican's own work is not in the profile; ``run.py`` measures
what the plugin adds to it.
"""

from __future__ import annotations

import argparse
import cProfile
import logging
import os
import pstats
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "plugins"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--sort", default="tottime", help="pstats sort key")
    parser.add_argument("--out", type=Path, help="also save the raw profile here")
    args = parser.parse_args(argv)

    from generate import generate, site_settings
    from pelican import Pelican
    from pelican.log import init as init_logging
    from pelican.plugins import _utils
    from pelican.settings import read_settings

    import journey
    from journey import plugin as journey_plugin

    _utils.get_namespace_plugins = lambda ns_pkg=None: {}
    init_logging(level=logging.ERROR, name="pelican")
    profiler = cProfile.Profile()
    original = journey.register

    def profiled_register() -> None:
        original()
        # Wrap the receivers once more: enable the profiler inside each.
        from blinker import Signal
        from pelican.plugins import signals

        for sig in vars(signals).values():
            if not isinstance(sig, Signal):
                continue
            for receiver in list(sig.receivers_for(None)):
                if getattr(receiver, "__module__", "").startswith("journey"):
                    sig.disconnect(receiver)
                    sig.connect(_profiled(receiver), weak=False)

    def _profiled(receiver: Any) -> Any:
        def wrapper(*a: Any, **k: Any) -> Any:
            profiler.enable()
            try:
                return receiver(*a, **k)
            finally:
                profiler.disable()

        return wrapper

    journey.register = profiled_register
    with tempfile.TemporaryDirectory(prefix="journey-profile-") as tmp:
        root = Path(tmp)
        generate(root, args.n, args.seed)
        settings = site_settings(root, plugin=True)
        settings["THEME"] = "simple"
        settings["PLUGINS"] = [journey]
        full = read_settings(override=settings)
        full[journey_plugin.SITE_ROOT_KEY] = str(root)
        captured: list[Any] = []
        full[journey_plugin.CAPTURE_KEY] = captured
        cwd = os.getcwd()
        os.chdir(root)
        try:
            Pelican(full).run()
        except SystemExit:
            pass
        finally:
            os.chdir(cwd)
    if args.out:
        profiler.dump_stats(args.out)
    stats = pstats.Stats(profiler, stream=sys.stdout)
    stats.strip_dirs().sort_stats(args.sort).print_stats(args.top)
    if captured:
        timings = captured[-1].timings
        print("stages (ms):", {k: round(v * 1000, 1) for k, v in timings.items()})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
