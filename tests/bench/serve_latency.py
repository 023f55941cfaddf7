"""How long ``mkdocs serve`` takes to show a changed seed file.

    python -m tests.bench.serve_latency [--rounds 3]

Starts ``mkdocs serve`` in a temporary copy of the project with the seeds, waits for the
first build, then, each round, adds a sentence with a new marker word to the longest
paragraph of one seed file and polls that article's page until the marker is served.
Prints each round's latency (file written -> page served with the change).
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.bench.benchmark import ROOT, STAGING, make_project

POLL_SECONDS = 0.05


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, marker: str, timeout: float) -> float | None:
    """Seconds until ``url`` serves a page containing ``marker``; None on timeout."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        page = fetch(url)
        if page is not None and marker in page:
            return time.perf_counter() - started
        time.sleep(POLL_SECONDS)
    return None


def article_page(project: Path, source: str) -> str:
    """The URL path of the generated article page that names ``source`` as its file."""
    for md in sorted((project / STAGING / "articles").glob("*.md")):
        if source in md.read_text(encoding="utf-8"):
            return f"articles/{md.stem}/"
    raise SystemExit(f"no article page names {source!r}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        project = make_project(Path(tmp) / "project", args.seeds)
        seed = sorted((project / "seeds").glob("*.txt"))[-1]
        port = free_port()
        base = f"http://127.0.0.1:{port}/"
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=project,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            started = time.perf_counter()
            if wait_for(base, "</html>", 600) is None:
                raise SystemExit("mkdocs serve did not come up")
            print(f"first build served after {time.perf_counter() - started:.1f} s")
            lines = seed.read_text(encoding="utf-8").split("\n")
            longest = max(range(len(lines)), key=lambda i: len(lines[i]))
            page = base + article_page(project, seed.name)
            latencies = []
            for round_ in range(1, args.rounds + 1):
                marker = f"Benchmarkmarker{round_}x"
                lines[longest] += f" A {marker} sentence was added."
                time.sleep(1.0)  # let the previous rebuild settle
                seed.write_text("\n".join(lines), encoding="utf-8")
                latency = wait_for(page, marker, 120)
                if latency is None:
                    raise SystemExit(f"round {round_}: change not served within 120 s")
                latencies.append(latency)
                print(f"round {round_}: change served after {latency:.2f} s", flush=True)
            print(f"median {statistics.median(latencies):.2f} s over {len(latencies)} rounds")
        finally:
            server.terminate()
            server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
