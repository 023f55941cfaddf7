"""The timeline's filter, in real headless Chromium, narrows the list of events."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser import browser, serve
from tests.conftest import find_entity, on_timeline

pytestmark = pytest.mark.browser


def _visible(page: Any) -> list[str]:
    return page.eval_on_selector_all(
        ".nx-tl-item:not([hidden]) a", "els => els.map(e => e.getAttribute('href'))"
    )


def test_timeline_filter_narrows_the_list(site: Path, corpus: dict[str, Any]) -> None:
    putin = find_entity(corpus, "Vladimir Putin")
    dated = on_timeline(corpus)
    with_putin = {e["id"] for e in dated if putin["id"] in e["participants"]}
    assert 0 < len(with_putin) < len(dated)
    with serve(site) as base, browser() as chromium:
        page = chromium.new_page(viewport={"width": 1280, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(base + "timeline/", wait_until="load")
        assert len(_visible(page)) == len(dated)

        page.select_option("#nx-filter-actor", putin["id"])
        shown = _visible(page)
        assert {h.split("/")[-2] for h in shown} == with_putin
        assert page.inner_text("#nx-tl-count") == f"{len(with_putin)} events"
        # Years with no matching event disappear with their events.
        hidden_years = page.eval_on_selector_all(
            ".nx-tl-year[hidden]", "els => els.map(e => e.dataset.year)"
        )
        years = {e["when"][:4] for e in dated if e["id"] in with_putin}
        assert not years & set(hidden_years)

        page.select_option("#nx-filter-type", "shoot-down")  # none with Putin: empty
        assert _visible(page) == []
        assert page.is_visible("#nx-tl-none")

        page.select_option("#nx-filter-actor", "")
        shoot = [e["id"] for e in dated if e["type"] == "shoot-down"]
        assert [h.split("/")[-2] for h in _visible(page)] == shoot
        assert page.url.endswith("timeline/?type=shoot-down")  # the choice is in the URL

        # A shared link opens the timeline narrowed; values it does not offer are ignored.
        page.goto(base + f"timeline/?actor={putin['id']}&type=no-such-type", wait_until="load")
        assert {h.split("/")[-2] for h in _visible(page)} == with_putin
        # An actor's page links to the timeline narrowed to that actor.
        page.goto(base + putin["url"], wait_until="load")
        page.click("text=See these events on the timeline")
        page.wait_for_load_state("load")
        assert {h.split("/")[-2] for h in _visible(page)} == with_putin
        page.goto(base + "timeline/?type=shoot-down", wait_until="load")

        # The links lead to the event pages.
        page.click(".nx-tl-item:not([hidden]) a")
        page.wait_for_load_state("load")
        assert page.url.rstrip("/").endswith(f"events/{shoot[0]}")
        assert not errors, errors
        page.close()
