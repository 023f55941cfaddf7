"""Command line: ``python -m builder build|check``."""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import shutil
import sys
from pathlib import Path

from builder.infra.files import Busy, exclusive, remove_in_background, replace_folder
from builder.model import one_line_per_file


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m builder", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="build the whole site from a seeds folder")
    build.add_argument("--seeds", type=Path, default=Path("seeds"), help="default: seeds/")
    build.add_argument("--site-dir", type=Path, default=Path("site"), help="default: site/")
    build.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"))
    build.add_argument("--extractor", choices=("model", "rules"), default=None)
    build.add_argument("--strict", action="store_true", help="fail on any warning")
    build.add_argument(
        "--executor",
        choices=("local", "dask"),
        default=None,
        help="where extraction runs: this machine's processes (default) or a Dask cluster",
    )
    build.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        default=None,
        help="Dask scheduler address (tcp://host:8786); without it --executor dask starts "
        "a LocalCluster on this machine",
    )
    build.add_argument(
        "--previous",
        metavar="PATH_OR_URL",
        default=None,
        help="the previous build's corpus.json for the change report "
        "(default: data/corpus.json of the site folder before it is replaced)",
    )
    build.add_argument(
        "--report", type=Path, default=None, help="also write the change report as Markdown here"
    )
    build.add_argument(
        "--site-url",
        default=None,
        help="the URL the site is served from (overrides site_url of mkdocs.yml)",
    )
    check = sub.add_parser("check", help="validate a seeds folder without building")
    check.add_argument("--seeds", type=Path, default=Path("seeds"))
    check.add_argument("--docs", type=Path, default=Path("docs"), help="curated folder")
    args = parser.parse_args(argv)
    # Material prints an end-of-life notice on every run unless told not to; the README
    # says what it means for this project. (Before any import of the theme.)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "true")
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s - %(message)s")
    if args.command == "check":
        return max(check_seeds(args.seeds), check_curated(args.docs))
    return build_site(args)


def check_seeds(seeds: Path) -> int:
    """Ingest only: print every problem, non-zero exit on errors."""
    from builder.ingest.reader import ingest

    if not seeds.is_dir():
        print(f"error: {seeds}: no such folder", file=sys.stderr)
        return 2
    result = ingest(seeds)
    for problem in one_line_per_file(result.problems):
        print(f"{problem.severity}: {problem}", file=sys.stderr)
    print(f"{len(result.articles)} articles")
    return 1 if any(p.severity == "error" for p in result.problems) else 0


def check_curated(docs: Path) -> int:
    """Curated files: front matter and rules (whether entities exist needs a build)."""
    from builder.curate.curator import load_curation

    curation = load_curation(docs)
    for problem in one_line_per_file(curation.problems):
        print(f"{problem.severity}: {problem}", file=sys.stderr)
    print(f"{len(curation.overrides)} curated entity and event files")
    return 1 if any(p.severity != "info" for p in curation.problems) else 0


def build_site(args: argparse.Namespace) -> int:
    """One build at a time into a site folder: a second one fails at once with one line."""
    if not args.seeds.is_dir():
        print(f"error: {args.seeds}: no such seeds folder", file=sys.stderr)
        return 2
    site = args.site_dir.resolve()
    try:
        with exclusive(site.with_name(f".{site.name}.lock")):
            return _build_site(args, site)
    except Busy:
        print(
            f"error: {site}: another build is writing this site folder; "
            "wait for it or build into another --site-dir",
            file=sys.stderr,
        )
        return 1


def _build_site(args: argparse.Namespace, site: Path) -> int:
    """Render into another folder, then swap it in: a failed build keeps the old site.

    That folder is the site the last build replaced, written over in place (the plugin's
    ``site_folder``): most of its 26,000 files are this build's already, and making
    8,000 folders again cost a second of a one-seed rebuild at 1,000 articles.
    """
    replaced = site.with_name(f".{site.name}.replaced")
    fresh = site.with_name(f".{site.name}.new")
    shutil.rmtree(fresh, ignore_errors=True)  # what a killed build left
    with contextlib.suppress(OSError):
        os.replace(replaced, fresh)
    removing = remove_in_background(replaced)  # what a killed removal left of it
    try:
        return _build_and_swap(args, site, replaced)
    finally:
        if removing is not None:
            removing.join()


def _build_and_swap(args: argparse.Namespace, site: Path, replaced: Path) -> int:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from builder.publish.changes import report_markdown, report_text

    fresh = site.with_name(f".{site.name}.new")
    plugin = None
    try:
        overrides = {"site_url": args.site_url} if args.site_url else {}
        config = load_config(
            str(args.config_file), site_dir=str(fresh), strict=args.strict, **overrides
        )
        plugin = config.plugins.get("news-explorer")
        if plugin is None:
            print(
                f"error: {args.config_file}: the news-explorer plugin is not enabled",
                file=sys.stderr,
            )
            return 2
        plugin.config.seeds_dir = str(args.seeds.resolve())
        if args.extractor:
            plugin.config.extractor = args.extractor
        # The command line beats the environment, which beats mkdocs.yml.
        if args.executor or args.scheduler:
            os.environ["NEWS_EXPLORER_EXECUTOR"] = args.executor or "dask"
        if args.scheduler:
            os.environ["NEWS_EXPLORER_SCHEDULER"] = args.scheduler
        # The old site is still in place while the new one is built beside it.
        plugin.config.previous_corpus = args.previous or str(site / "data" / "corpus.json")
        build(config)
    except (MkDocsException, OSError) as error:
        shutil.rmtree(fresh, ignore_errors=True)
        failures = getattr(plugin, "failures", None) if plugin is not None else None
        for line in failures or str(error).splitlines() or ["build failed"]:
            print(f"error: {line}", file=sys.stderr)
        return 1
    replace_folder(fresh, site, old=replaced)
    if plugin.report is not None:
        print(report_text(plugin.report), end="")
        if args.report:
            try:
                args.report.write_text(
                    report_markdown(plugin.report, config.site_url), encoding="utf-8"
                )
            except OSError as error:
                print(f"error: {args.report}: {error.strerror or error}", file=sys.stderr)
                return 1
    print(f"site built in {site}")
    return 0
