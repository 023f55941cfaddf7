"""How the timeline page copes with thousands of events.

Usage::

    python -m tests.bench.timeline_scale SITE_DIR [--events 5000]

SITE_DIR is a built site (``python -m builder build``). The script makes ``--events``
synthetic events (dates over ten years, at day, month and year precision, two
participants each from a pool of 300 actors, a place for half of them), renders the
timeline with the real ``timeline_page``, puts it in place of the built site's timeline
in a copy of SITE_DIR, and times in headless Chromium: navigation until the axis is
drawn, one actor filter, one type filter, and a click on the axis.

Numbers are printed, never asserted: this is a benchmark, not a test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import tempfile
import time
from pathlib import Path

import markdown

from builder.model import Article, Corpus, DatedValue, Event, Paragraph, Sentence
from builder.render.events import timeline_page
from tests.browser import browser, serve

TYPES = ("meeting", "talks", "attack", "agreement", "election", "protest", "phone call")


def synthetic(events: int, seed: int = 5) -> tuple[Corpus, dict[str, tuple[str, str]]]:
    """A corpus of ``events`` events over ten years, and the names the page shows."""
    rng = random.Random(seed)
    actors = [f"actor-{n}" for n in range(300)]
    places = [f"place-{n}" for n in range(80)]
    names = {a: (f"Actor Number {a[6:]}", f"actors/{a}/") for a in actors}
    names.update({p: (f"Place {p[6:]}", f"places/{p}/") for p in places})
    article = Article("a", "A", [Paragraph(1, "Envoys met in the capital on Monday.")], ["a"])
    start = dt.date(2015, 1, 1)
    made = []
    for n in range(events):
        day = start + dt.timedelta(days=rng.randrange(3650))
        precision = rng.choices(("day", "month", "year"), (8, 2, 1))[0]
        value = {"day": day.isoformat(), "month": day.isoformat()[:7], "year": str(day.year)}
        made.append(
            Event(
                id=f"event-{n}",
                title=f"Event number {n}",
                type=rng.choice(TYPES),
                date=DatedValue(value[precision], precision, value[precision]),
                place=rng.choice(places) if rng.random() < 0.5 else None,
                participants=rng.sample(actors, 2),
                sources=[Sentence("a", 1, 0, 0, 36)],
            )
        )
    return Corpus(articles=[article], entities=[], events=made), names


def page_with(site: Path, events: int) -> Path:
    """A copy of ``site`` whose timeline shows ``events`` synthetic events."""
    corpus, names = synthetic(events)
    source = timeline_page(corpus, names)
    body = source.split("# Timeline\n", 1)[1]
    html = markdown.markdown(body, extensions=["md_in_html", "attr_list"])
    copy = Path(tempfile.mkdtemp(prefix="timeline-scale-")) / "site"
    shutil.copytree(site, copy)
    page = copy / "timeline" / "index.html"
    built = page.read_text(encoding="utf-8")
    start = built.index('<p class="nx-summary">')
    end = built.index('<script src="../assets/news-explorer/timeline.js">')
    content_end = html.index('<script src="../assets/news-explorer/timeline.js">')
    page.write_text(built[:start] + html[:content_end] + built[end:], encoding="utf-8")
    return copy


def measure(site: Path) -> dict[str, float]:
    """Milliseconds in Chromium: load to drawn axis, two filters, a click on the axis."""
    times: dict[str, float] = {}
    with serve(site) as base, browser() as chromium:
        page = chromium.new_page(viewport={"width": 1280, "height": 900})
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base) else r.abort())
        began = time.perf_counter()
        page.goto(base + "timeline/", wait_until="load")
        page.wait_for_selector("#nx-tl-axis:not([hidden]) .nx-tl-scroll svg", timeout=120_000)
        times["load until the axis is drawn"] = (time.perf_counter() - began) * 1000
        shown = "document.querySelectorAll('.nx-tl-item:not([hidden])').length"
        total = page.evaluate(shown)
        for label, select, value in (
            ("actor filter", "actor", "actor-1"),
            ("type filter", "type", "meeting"),
        ):
            began = time.perf_counter()
            page.select_option(f"#nx-filter-{select}", value)
            page.wait_for_function(f"{shown} < {total}", timeout=60_000)
            times[label] = (time.perf_counter() - began) * 1000
            total = page.evaluate(shown)
        box = page.locator(".nx-tl-scroll").bounding_box()
        assert box is not None
        began = time.perf_counter()
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.wait_for_timeout(0)
        times["click on the axis"] = (time.perf_counter() - began) * 1000
        times["entries on the page"] = float(
            page.evaluate("document.querySelectorAll('.nx-tl-item').length")
        )
        times["page size (KB)"] = (site / "timeline" / "index.html").stat().st_size / 1024
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--events", type=int, default=5000)
    args = parser.parse_args(argv)
    copy = page_with(args.site, args.events)
    try:
        for label, value in measure(copy).items():
            print(f"{label:32} {value:10.0f}")
    finally:
        shutil.rmtree(copy.parent, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
