"""Publishing: the Pages workflow, the change report, the Atom feed, sitemap, descriptions."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import yaml

from builder.publish.changes import compare, load_previous, report_markdown, report_text
from builder.publish.feed import FEED_ENTRIES, FeedSite, atom_feed
from tests.browser import serve
from tests.conftest import ROOT, SEEDS, make_project, run_build
from tests.pagefind_index import indexed_pages

WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"
ATOM = "{http://www.w3.org/2005/Atom}"
SITE_URL = "https://example.org/news/"

# workflow ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def workflow() -> dict[str, Any]:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as True.
    data["on"] = data.pop(True, data.get("on"))
    return data


def _uses(job: dict[str, Any]) -> list[str]:
    return [step["uses"].split("@")[0] for step in job["steps"] if "uses" in step]


def _runs(job: dict[str, Any]) -> str:
    return "\n".join(step.get("run", "") for step in job["steps"])


def test_workflow_triggers(workflow: dict[str, Any]) -> None:
    push, pull = workflow["on"]["push"], workflow["on"]["pull_request"]
    assert push["branches"] == ["main"]
    for paths in (push["paths"], pull["paths"]):
        for wanted in ("seeds/**", "docs/**", "builder/**", "mkdocs.yml", "pyproject.toml"):
            assert wanted in paths


def test_workflow_tests_then_builds_strict(workflow: dict[str, Any]) -> None:
    jobs = workflow["jobs"]
    test, build = jobs["test"], jobs["build"]
    python = next(s for s in test["steps"] if s.get("uses", "").startswith("actions/setup-python"))
    assert python["with"]["python-version"] == "3.11" and python["with"]["cache"] == "pip"
    assert "pip install -e '.[test]'" in _runs(test)
    assert "pytest" in _runs(test) and "chromium" in _runs(test)
    assert build["needs"] == "test"
    assert "python -m builder build" in _runs(build) and "--strict" in _runs(build)
    assert "--previous" in _runs(build) and "$GITHUB_STEP_SUMMARY" in _runs(build)


def test_workflow_deploys_only_from_main(workflow: dict[str, Any]) -> None:
    jobs = workflow["jobs"]
    build, deploy = jobs["build"], jobs["deploy"]
    assert {"actions/configure-pages", "actions/upload-pages-artifact"} <= set(_uses(build))
    assert "actions/upload-artifact" in _uses(build)
    pr_upload = next(
        s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-artifact")
    )
    assert pr_upload["if"] == "github.event_name == 'pull_request'"
    pages = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-pages"))
    assert pages["if"] == "github.event_name != 'pull_request'"
    assert _uses(deploy) == ["actions/deploy-pages"]
    assert deploy["needs"] == "build"
    assert "pull_request" in deploy["if"] and "refs/heads/main" in deploy["if"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["concurrency"]["cancel-in-progress"] is False
    assert workflow["permissions"] == {"contents": "read"}


def test_workflow_passes_actionlint() -> None:
    actionlint = shutil.which("actionlint")
    assert actionlint, "actionlint is a test dependency (pip install -e '.[test]')"
    result = subprocess.run(
        [actionlint, "-no-color", str(WORKFLOW)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


# change report: pure ----------------------------------------------------------------


def _corpus(articles=(), entities=(), events=()) -> dict[str, Any]:
    return {"articles": list(articles), "entities": list(entities), "events": list(events)}


def _art(id_: str, title: str = "T", text: str = "x") -> dict[str, Any]:
    return {"id": id_, "title": title, "date": "2024-01-02", "page": f"articles/{id_}/",
            "paragraphs": [{"id": 1, "kind": "text", "text": text}]}  # fmt: skip


def _ent(id_: str, name: str, aliases=(), kind: str = "person") -> dict[str, Any]:
    return {"id": id_, "name": name, "kind": kind, "aliases": list(aliases),
            "url": f"actors/{id_}/", "articles": []}  # fmt: skip


def test_compare_classifies_every_change() -> None:
    before = _corpus(
        [_art("a"), _art("b", text="old"), _art("c")],
        [
            _ent("jo", "Jo Bloggs"),
            _ent("bloggs", "Bloggs"),
            _ent("gone", "Gone Person"),
            _ent("al-haftar", "Al Haftar"),
        ],
        [{"id": "e1", "title": "Talks", "date": "2024-01-02"}],
    )
    after = _corpus(
        [_art("a"), _art("b", text="new"), _art("d")],
        [
            _ent("jo", "Jo Bloggs", ["Bloggs"]),
            _ent("new", "New Place", kind="place"),
            _ent("al-hifter", "Al Hifter", ["Al Haftar"]),
        ],
        [{"id": "e2", "title": "Summit", "date": "2024-02-03", "url": "events/e2/"}],
    )
    report = compare(before, after, "compared with a test")
    assert [i.id for i in report.articles_added] == ["d"]
    assert [i.id for i in report.articles_changed] == ["b"]
    assert [i.id for i in report.articles_removed] == ["c"]
    assert [(i.id, i.detail, i.url) for i in report.entities_appeared] == [
        ("new", "place", "actors/new/")
    ]
    assert [i.label for i in report.entities_disappeared] == ["Gone Person"]
    # A new entity that carries a vanished one's name is a rename, not an appearance.
    assert [(m.old.id, m.into.id, m.renamed) for m in report.merges] == [
        ("al-haftar", "al-hifter", True),
        ("bloggs", "jo", False),
    ]
    assert [i.id for i in report.events_appeared] == ["e2"]
    assert [i.id for i in report.events_disappeared] == ["e1"]
    assert report.counts == {"articles": (3, 3), "entities": (4, 3), "events": (1, 1)}
    text = report_text(report)
    assert "Bloggs (person) is now part of Jo Bloggs (person)" in text
    assert "Al Haftar (person) is now Al Hifter (person)" in text
    assert "  - Gone Person (person)" in text and "  + Summit (2024-02-03)" in text
    markdown = report_markdown(report, "https://example.org/x")
    assert "[Summit (2024-02-03)](https://example.org/x/events/e2/)" in markdown


def test_compare_title_change_and_no_baseline() -> None:
    report = compare(_corpus([_art("a", "Old")]), _corpus([_art("a", "New")]))
    assert [i.label for i in report.articles_changed] == ["New"]
    first = compare(None, _corpus([_art("a")]), "no previous build given")
    assert not first.baseline and first.articles_added == []
    assert "no previous build given" in report_text(first)


def test_markdown_report_escapes_titles() -> None:
    report = compare(_corpus(), _corpus([_art("a", "<script>x</script> [y](z)")]))
    markdown = report_markdown(report)
    assert "<script>" not in markdown and "](z)" not in markdown


def test_previous_corpus_by_url_and_failures(tmp_path: Path) -> None:
    (tmp_path / "corpus.json").write_text(json.dumps(_corpus([_art("a")])), encoding="utf-8")
    with serve(tmp_path) as base:
        data, note = load_previous(base + "corpus.json")
        assert data is not None and data["articles"][0]["id"] == "a", note
        missing, note = load_previous(base + "missing.json")
    assert missing is None and note.startswith("no previous build: could not read")
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    assert load_previous(tmp_path / "bad.json")[0] is None
    assert load_previous(tmp_path / "nowhere.json")[1].endswith("does not exist")


# change report: a real before/after pair --------------------------------------------

BEFORE = ("001_784da0c9cab41d92.txt", "002_275bc50fd10f4f4d.txt")
EDITED = "002_275bc50fd10f4f4d.txt"  # loses its only sentences naming the spokesman
ADDED = "003_aa69ce883ff4fbed.txt"


@pytest.fixture(scope="module")
def before_after(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Build two seeds, then add one, remove one and edit one; build again.

    Uses the rules extractor: the change report doesn't depend on which extractor
    ran, and it keeps these two builds to seconds.
    """
    root = tmp_path_factory.mktemp("before-after")
    seeds = root / "seeds"
    seeds.mkdir()
    for name in BEFORE:
        shutil.copy(SEEDS / name, seeds / name)
    project = make_project(root, seeds)
    first = run_build(project, "--strict", "--extractor", "rules")
    assert first.returncode == 0, first.stderr[-3000:]
    before = json.loads((project / "site/data/corpus.json").read_text(encoding="utf-8"))

    (seeds / BEFORE[0]).unlink()
    shutil.copy(SEEDS / ADDED, seeds / ADDED)
    edited = (SEEDS / EDITED).read_text(encoding="utf-8")
    edited = edited.replace("Dmitry Peskov", "a spokesman").replace("Peskov", "the spokesman")
    (seeds / EDITED).write_text(edited, encoding="utf-8")
    report = root / "report.md"
    second = run_build(
        project, "--strict", "--extractor", "rules", "--report", str(report), "--site-url", SITE_URL
    )
    assert second.returncode == 0, second.stderr[-3000:]
    after = json.loads((project / "site/data/corpus.json").read_text(encoding="utf-8"))
    return {
        "project": project,
        "first": first.stdout,
        "second": second.stdout,
        "before": before,
        "after": after,
        "report": report.read_text(encoding="utf-8"),
    }


def _article_of(corpus: dict[str, Any], seed: str) -> dict[str, Any]:
    return next(a for a in corpus["articles"] if a["source"] == seed)


def _person(corpus: dict[str, Any], surname: str) -> dict[str, Any] | None:
    return next(
        (e for e in corpus["entities"] if e["kind"] == "person" and e["name"].endswith(surname)),
        None,
    )


def test_first_build_has_no_baseline(before_after: dict[str, Any]) -> None:
    assert "no previous build" in before_after["first"]


def test_report_lists_added_removed_and_changed_articles(before_after: dict[str, Any]) -> None:
    out = before_after["second"]
    added = _article_of(before_after["after"], ADDED)["title"]
    removed = _article_of(before_after["before"], BEFORE[0])["title"]
    changed = _article_of(before_after["after"], EDITED)["title"]
    assert re.search(rf"Articles added \(1\):\n  \+ {re.escape(added)}", out), out
    assert re.search(rf"Articles removed \(1\):\n  - {re.escape(removed)}", out), out
    assert re.search(rf"Articles changed \(1\):\n  ~ {re.escape(changed)}", out), out
    assert "compared with" in out and "site/data/corpus.json" in out


def test_report_lists_entities_that_came_and_went(before_after: dict[str, Any]) -> None:
    out, before, after = before_after["second"], before_after["before"], before_after["after"]
    spokesman = _person(before, "Peskov")
    assert spokesman is not None and _person(after, "Peskov") is None
    gone = out.split("Entities that disappeared")[1].split("\n", 1)[1]
    assert f"  - {spokesman['name']} (person)" in gone
    newcomer = _person(after, "Shamkhani")
    assert newcomer is not None and _person(before, "Shamkhani") is None
    came = out.split("Entities that appeared")[1].split("Entities that disappeared")[0]
    assert f"  + {newcomer['name']} (person)" in came


def test_whats_new_page_and_job_summary(before_after: dict[str, Any]) -> None:
    project, after = before_after["project"], before_after["after"]
    page = (project / "site/whats-new/index.html").read_text(encoding="utf-8")
    added = _article_of(after, ADDED)
    assert "Articles added" in page and "Entities that disappeared" in page
    assert re.search(rf'<a href="\.\./{re.escape(added["page"])}">', page), "added article linked"
    assert "Peskov" in page
    assert "whats-new/" in indexed_pages(project / "site")
    summary = before_after["report"]
    assert summary.startswith("## Change report")
    assert f"({SITE_URL}{added['page']})" in summary


def test_sitemap_canonical_and_feed_urls_with_site_url(before_after: dict[str, Any]) -> None:
    site = before_after["project"] / "site"
    tree = ET.parse(site / "sitemap.xml")
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    locs = [u.findtext(f"{ns}loc") for u in tree.getroot()]
    added = _article_of(before_after["after"], ADDED)
    assert SITE_URL in locs and SITE_URL + "whats-new/" in locs
    assert SITE_URL + added["page"] in locs
    lastmods = {u.findtext(f"{ns}loc"): u.findtext(f"{ns}lastmod") for u in tree.getroot()}
    # lastmod comes from the data: an article's own date, else the newest of all.
    dates = [a["date"] for a in before_after["after"]["articles"] if a["date"]]
    assert dates, "a dated article is in the second build"
    for article in before_after["after"]["articles"]:
        expected = (article["date"] or max(dates))[:10]
        assert lastmods[SITE_URL + article["page"]] == expected
    assert lastmods[SITE_URL] == max(dates)[:10]
    page = (site / added["page"] / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{SITE_URL}{added["page"]}">' in page
    assert f'type="application/atom+xml" title="News explorer" href="{SITE_URL}feed.xml"' in page
    feed = ET.parse(site / "feed.xml").getroot()
    assert feed.findtext(f"{ATOM}id") == SITE_URL + "feed.xml"
    for entry in feed.findall(f"{ATOM}entry"):
        assert entry.findtext(f"{ATOM}id").startswith(SITE_URL)


# the seeds site: feed, sitemap without site_url, descriptions ------------------------


def test_feed_is_atom_with_every_dated_article(site: Path, corpus: dict[str, Any]) -> None:
    root = ET.parse(site / "feed.xml").getroot()
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert root.findtext(f"{ATOM}{required}"), required
    assert root.find(f"{ATOM}author/{ATOM}name") is not None
    entries = {e.findtext(f"{ATOM}title"): e for e in root.findall(f"{ATOM}entry")}
    for entry in entries.values():
        for required in ("id", "title", "updated"):
            assert entry.findtext(f"{ATOM}{required}"), required
        href = entry.find(f"{ATOM}link").get("href")
        assert (site / href / "index.html").is_file(), href  # relative without site_url
    dated = [a for a in corpus["articles"] if a["date"]]
    assert dated, "the seeds have dated articles"
    for article in dated:
        entry = entries[article["title"]]
        assert entry.findtext(f"{ATOM}updated").startswith(article["date"])
    for article in corpus["articles"]:
        if not article["date"]:
            assert article["title"] not in entries  # the documented rule: undated left out
    newest = max(a["date"] for a in dated)
    assert root.findtext(f"{ATOM}updated").startswith(newest)


def test_feed_holds_the_newest_entries_only() -> None:
    """A corpus of more dated items than a feed carries: the newest ones, newest first;
    the undated and the older ones are left to the site."""
    articles = [
        {
            "id": f"a{n:03}",
            "title": f"Article {n}",
            "date": f"20{10 + n // 12:02}-{n % 12 + 1:02}-01",
        }
        for n in range(FEED_ENTRIES + 30)
    ] + [{"id": "undated", "title": "Undated", "date": None}]
    root = ET.fromstring(atom_feed({"articles": articles, "events": []}, FeedSite("Site")))
    titles = [e.findtext(f"{ATOM}title") for e in root.findall(f"{ATOM}entry")]
    newest = sorted(articles[:-1], key=lambda a: a["date"], reverse=True)[:FEED_ENTRIES]
    assert titles == [a["title"] for a in newest]
    assert root.findtext(f"{ATOM}updated").startswith(newest[0]["date"])


def test_feed_is_linked_from_every_page_and_the_home_page(site: Path) -> None:
    home = (site / "index.html").read_text(encoding="utf-8")
    assert (
        '<link rel="alternate" type="application/atom+xml" title="News explorer" href="feed.xml">'
        in home
    )
    assert 'href="feed.xml">Atom feed</a>' in home
    people = (site / "people" / "index.html").read_text(encoding="utf-8")
    assert 'type="application/atom+xml" title="News explorer" href="../feed.xml"' in people


def test_local_build_has_no_canonical_urls_or_edit_links(site: Path) -> None:
    page = (site / "about" / "index.html").read_text(encoding="utf-8")
    assert 'rel="canonical"' not in page and "/edit/" not in page
    assert ET.parse(site / "sitemap.xml").getroot().findall("*") == []


def test_every_page_has_its_own_description(site: Path) -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text().replace("!ENV", ""))
    generic = config["site_description"]
    pages = [p for p in site.rglob("index.html") if "assets" not in p.parts]
    assert len(pages) > 50
    for page in pages:
        match = re.search(r'<meta name="description" content="([^"]*)"', page.read_text("utf-8"))
        assert match, page
        assert match.group(1) and match.group(1) != generic, page.relative_to(site)


def test_summary_line_counts_in_the_right_number() -> None:
    from builder.publish.changes import ChangeReport, Item, summary_line

    report = ChangeReport(baseline=True)
    report.articles_changed = [Item("a", "A", "articles/a/")]
    report.entities_appeared = [Item(x, x, f"actors/{x}/") for x in ("b", "c")]
    assert summary_line(report) == "changes: 1 article changed, 2 entities that appeared"
