"""Time ``mkdocs serve``'s rebuilds in one process: wall and CPU seconds per rebuild.

    cd PROJECT && python -m tests.bench.serve_rebuild --rounds 3

Runs MkDocs' ``build`` as ``mkdocs serve`` does, without the HTTP server: one process,
``on_startup(command="serve")`` once, the configuration loaded anew for each build, a
thread beside the build (as the server's: it makes forking unsafe, as in ``serve``) and
watchdog's ``PollingObserver`` on the seeds (MkDocs' watcher). After a first build, each
round appends one sentence to a different seed and rebuilds. CPU seconds include this
process's threads and its finished children (extraction workers, Pagefind, ``rm``).
``serve_latency`` measures the whole loop through HTTP instead; this one isolates the
rebuild, so that two codes can be compared on one project copy each.
"""

from __future__ import annotations

import argparse
import cProfile
import resource
import tempfile
import threading
import time
from pathlib import Path

SENTENCE = "\nThe minister said on Monday that talks would resume in Geneva.\n"


def cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("--seeds", type=Path, default=Path("seeds"))
    parser.add_argument("--profile", type=Path, help="write cProfile stats of the rebuilds here")
    args = parser.parse_args(argv)
    profiler = cProfile.Profile() if args.profile else None

    import watchdog.events
    import watchdog.observers.polling
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    serve_url = "http://127.0.0.1:8000/"
    with tempfile.TemporaryDirectory(prefix="serve_rebuild_") as site:

        def config():  # what ``mkdocs serve``'s ``get_config`` does for every build
            loaded = load_config(str(args.config_file), site_dir=site)
            loaded.site_url = serve_url
            return loaded

        first = config()
        first.plugins.on_startup(command="serve", dirty=False)
        stop = threading.Event()
        server = threading.Thread(target=stop.wait, daemon=True)
        server.start()
        watcher = watchdog.observers.polling.PollingObserver(timeout=0.5)
        watcher.schedule(watchdog.events.FileSystemEventHandler(), str(args.seeds), recursive=True)
        watcher.start()
        try:
            began, cpu = time.perf_counter(), cpu_seconds()
            build(first, serve_url=serve_url)
            wall, used = time.perf_counter() - began, cpu_seconds() - cpu
            print(f"first build: {wall:.1f} s ({used:.1f} s CPU)", flush=True)
            seeds = sorted(args.seeds.glob("*.txt"))
            for round_ in range(args.rounds):
                time.sleep(1.0)
                with open(seeds[round_ % len(seeds)], "a", encoding="utf-8") as seed:
                    seed.write(SENTENCE)
                began, cpu = time.perf_counter(), cpu_seconds()
                if profiler is not None:
                    profiler.enable()
                build(config(), serve_url=serve_url)
                if profiler is not None:
                    profiler.disable()
                wall, used = time.perf_counter() - began, cpu_seconds() - cpu
                print(f"rebuild {round_ + 1}: {wall:.1f} s ({used:.1f} s CPU)", flush=True)
        finally:
            stop.set()
            watcher.stop()
            watcher.join()
    if profiler is not None:
        profiler.dump_stats(args.profile)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
