"""One timed build in this process; prints a JSON line for ``tests.bench.benchmark``.

    cd PROJECT && python -m tests.bench.run_build --seeds seeds --site-dir site

Runs the real command line (``python -m builder build``) in-process and records the
builder's stage timings by wrapping the plugin's call to ``builder.build.build``, and the
search index's final write (Pagefind indexes each page while MkDocs renders the rest) by
wrapping ``SiteIndex.write``; the MkDocs render is the rest of
the wall time. Peak memory is this process's maximum resident set
and, separately, the largest extraction worker's.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time

STARTED = time.perf_counter()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", required=True)
    parser.add_argument("--site-dir", required=True)
    parser.add_argument("--extractor", choices=("model", "rules"), default="model")
    args = parser.parse_args()

    import builder.mkdocs_plugin.plugin as plugin
    from builder.cli import main as cli_main

    record: dict = {}
    build = plugin.build

    def timed_build(*a, **k):
        began = time.perf_counter()
        corpus = build(*a, **k)
        record["builder"] = time.perf_counter() - began
        record["stages"] = dict(corpus.timings)
        record["articles"] = len(corpus.articles)
        record["entities"] = len(corpus.entities)
        record["events"] = len(corpus.events)
        return corpus

    plugin.build = timed_build
    write = plugin.SiteIndex.write

    def timed_write(*a, **k):
        began = time.perf_counter()
        count = write(*a, **k)
        record["search"] = time.perf_counter() - began
        return count

    plugin.SiteIndex.write = timed_write
    code = cli_main(
        ["build", "--seeds", args.seeds, "--site-dir", args.site_dir, "--extractor", args.extractor]
    )
    record["total"] = time.perf_counter() - STARTED
    record["exit"] = code
    # ru_maxrss is in KiB on Linux.
    record["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    record["worker_rss_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print("BENCH " + json.dumps(record), file=sys.stdout, flush=True)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
