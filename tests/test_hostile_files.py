"""Hostile curated files and text: each class of failure a campaign found, as a test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from builder.build import collect_curated
from builder.curate import load_curation, parse_curation
from builder.ingest.parse import parse


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("---\ndate: 2017-02-30\n---\nNotes.\n", "value that cannot be read"),
        ("---\nname: " + "[" * 5000 + "\n---\nNotes.\n", "nested too deeply"),
        ("---\nname: [unclosed\n---\nNotes.\n", "not valid YAML"),
    ],
)
def test_front_matter_that_cannot_become_values_is_one_line(text: str, says: str) -> None:
    curation = parse_curation({"actors/someone.md": text.encode()})
    assert [p.source for p in curation.problems] == ["docs/actors/someone.md"]
    assert says in curation.problems[0].message
    assert curation.malformed[0].text == text  # the words are kept for the report


def test_rules_that_cannot_become_values_are_one_line() -> None:
    curation = parse_curation({"curation.yml": b"ignore:\n  - 2017-02-30\n"})
    assert [p.source for p in curation.problems] == ["docs/curation.yml"]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    docs = tmp_path / "project" / "docs"
    (docs / "actors").mkdir(parents=True)
    (docs / "actors" / "kept.md").write_text("---\nname: Kept Name\n---\nKept words.\n")
    os.mkfifo(docs / "actors" / "pipe.md")
    (docs / "actors" / "folder.md").mkdir()
    (docs / "actors" / "dangling.md").symlink_to(docs / "actors" / "nothing-here.md")
    secret = tmp_path / "secret.txt"
    secret.write_text("TOKEN-OUTSIDE-THE-PROJECT\n")
    (docs / "actors" / "outside.md").symlink_to(secret)
    (docs / "leak.md").symlink_to(secret)
    (docs / "inside.md").symlink_to(docs / "actors" / "kept.md")
    return docs


def test_special_and_outside_curated_files_are_skipped_with_a_line(project: Path) -> None:
    curation = load_curation(project)  # a named pipe would hang here before
    assert [o.id for o in curation.overrides] == ["kept"]
    reasons = {p.source: p.message for p in curation.problems}
    assert "named pipe" in reasons["docs/actors/pipe.md"]
    assert "a folder" in reasons["docs/actors/folder.md"]
    assert "does not exist" in reasons["docs/actors/dangling.md"]
    assert "outside the project" in reasons["docs/actors/outside.md"]


def test_a_link_out_of_the_project_is_never_published(project: Path) -> None:
    problems: list = []
    files = collect_curated(project, problems=problems)
    assert "leak.md" not in files
    assert files["inside.md"] == (project / "actors" / "kept.md").read_bytes()
    assert not any(b"TOKEN-OUTSIDE-THE-PROJECT" in data for data in files.values())
    assert any(p.source == "docs/leak.md" and "outside" in p.message for p in problems)


def test_bidirectional_overrides_never_reach_names_or_titles() -> None:
    text = (
        "Minister \u202eniatnuoM\u202c visits the capital\n\n"
        "Minister Jane \u202eeoD\u202c met the envoy on Monday in the capital, officials "
        "said after the talks ended.\n"
    )
    (article,), _ = parse(text, "bidi.txt")
    assert "\u202e" not in article.title and "\u202c" not in article.title
    assert all("\u202e" not in p.text for p in article.paragraphs)
    curation = parse_curation({"actors/x.md": "---\nname: \u202eevil\n---\n".encode()})
    assert curation.overrides[0].fields["name"] == "evil"


def test_file_names_print_escaped() -> None:
    from builder.model import Problem

    line = str(Problem("evil\nerror: fake line\x1b[31m.txt", "no article text"))
    assert "\n" not in line and "\x1b" not in line
    assert line == "evil\\nerror: fake line\\x1b[31m.txt: no article text"


def test_the_site_swap_leaves_the_old_or_the_new_folder(tmp_path: Path) -> None:
    from builder.infra.files import _exchange, replace_folder

    site, fresh = tmp_path / "site", tmp_path / ".site.new"
    site.mkdir()
    (site / "old.txt").write_text("old")
    fresh.mkdir()
    (fresh / "new.txt").write_text("new")
    probe_a, probe_b = tmp_path / "a", tmp_path / "b"
    probe_a.mkdir()
    probe_b.mkdir()
    assert _exchange(probe_a, probe_b)  # one step on this kernel: never neither folder
    replace_folder(fresh, site)
    assert [p.name for p in site.iterdir()] == ["new.txt"]
    assert not fresh.exists()


def test_a_second_build_into_the_same_site_fails_at_once(tmp_path: Path) -> None:
    import subprocess
    import sys

    from builder.infra.files import exclusive

    site = tmp_path / "site"
    root = Path(__file__).resolve().parents[1]
    with exclusive(tmp_path / ".site.lock"):  # a build in progress holds this lock
        result = subprocess.run(
            [sys.executable, "-m", "builder", "build", "--site-dir", str(site)],
            cwd=root, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
    assert result.returncode == 1
    assert "another build is writing this site folder" in result.stderr
    assert not site.exists()


def test_extraction_workers_die_with_a_killed_build(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys
    import time

    script = (
        "import os, sys, time\n"
        "from builder.infra.parallel import map_in_order\n"
        "def slow(x):\n"
        "    os.write(1, f'{os.getpid()}\\n'.encode())  # one write: lines never interleave\n"
        "    time.sleep(120)\n"
        "list(map_in_order(slow, [1, 2], 2))\n"
    )
    root = Path(__file__).resolve().parents[1]
    build = subprocess.Popen(
        [sys.executable, "-c", script], cwd=root, stdout=subprocess.PIPE, text=True
    )
    assert build.stdout is not None
    workers: list[int] = []
    while len(workers) < 2:
        line = build.stdout.readline()
        assert line, "the workers printed nothing"
        workers.append(int(line))
    os.kill(build.pid, signal.SIGKILL)
    build.wait()

    def alive(pid: int) -> bool:
        try:
            state = Path(f"/proc/{pid}/status").read_text().split("State:")[1].split()[0]
        except (FileNotFoundError, IndexError):
            return False
        return state != "Z"

    deadline = time.monotonic() + 30  # the kernel acts at once; a loaded machine is slow
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = {pid: Path(f"/proc/{pid}/status").read_text()[:200] for pid in workers if alive(pid)}
    for pid in left:  # never leave them behind, whatever the outcome
        os.kill(pid, signal.SIGKILL)
    assert not left, left


def test_words_in_a_merged_file_move_to_the_kept_entity() -> None:
    from tests.test_curate import _curate, _entity

    entities = [_entity("a", "Ann Roe", n=2), _entity("b", "Anne Roe", n=2)]
    files = {
        "actors/a.md": (
            "---\nmerge_into: b\naliases: [A. Roe, Nan Roe]\ndescription: Mayor of the town\n"
            "kind: place\n---\nnotes\n"
        ),
        "actors/z.md": "---\nmerge_into: b\nhide: true\n---\n",
    }
    kept, _, _, curator = _curate(files, entities, [], [])
    (anne,) = kept
    assert {"A. Roe", "Nan Roe", "Ann Roe"} <= set(anne.aliases)
    assert "Mayor of the town" in anne.roles
    said = {p.source: p.message for p in curator.problems}
    assert "moved to actors/b.md" in said["docs/actors/a.md"]
    assert any("kind ignored" in p.message for p in curator.problems)
    assert any(
        p.source == "docs/actors/z.md" and "hide and merge_into together" in p.message
        for p in curator.problems
    )


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le",
                                      "utf-16-be", "utf-32", "utf-32-le", "utf-32-be",
                                      "cp1252", "latin-1"])  # fmt: skip
def test_every_encoding_the_readme_promises_reads_back(encoding: str) -> None:
    from builder.ingest.decode import decode

    text = (
        "Talks resume in the capital\n\nThe café owner said the envoys met on Monday, "
        "and the minister said the talks would go on next week in the old town hall."
    )
    read, _ = decode(text.encode(encoding))
    assert read.lstrip("\ufeff") == text


def test_a_file_of_utf8_and_windows_1252_lines_reads_each_line_right() -> None:
    from builder.ingest.decode import decode

    data = (
        "President Erdoğan met the envoy in Ankara.".encode()
        + b"\n"
        + "The café’s owner said: “fine”.".encode("cp1252")
    )
    text, message = decode(data)
    assert text == "President Erdoğan met the envoy in Ankara.\nThe café’s owner said: “fine”."
    assert message is not None and "mixed encodings" in message


def test_a_folder_that_cannot_be_listed_is_an_error_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from builder.ingest import ingest

    seeds = tmp_path / "seeds"
    (seeds / "locked").mkdir(parents=True)
    (seeds / "a.txt").write_text("Talks resume\n\n" + "The envoys met on Monday. " * 10)
    real_scandir = os.scandir

    def scandir(path: object) -> object:  # as root, chmod cannot lock a folder: the OS
        if Path(str(path)).name == "locked":  # error a locked folder raises, raised here
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    result = ingest(seeds)
    assert [a.sources for a in result.articles] == [["a.txt"]]
    (problem,) = [p for p in result.problems if p.source == "locked"]
    assert problem.severity == "error" and "Permission denied" in problem.message


def test_a_few_accented_letters_in_windows_1252_are_not_read_as_another_script() -> None:
    from builder.ingest.decode import decode

    text, message = decode("Notes on the café and the señor’s shop.".encode("cp1252"))
    assert text == "Notes on the café and the señor’s shop."  # charset-normalizer: Urdu
    assert message == "not UTF-8; read as Windows-1252"


def test_a_doctype_that_declares_entities_is_a_page_and_names_no_file() -> None:
    page = (
        '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><html><body>'
        "<h1>Envoys meet in the capital</h1><p>&xxe; The envoys met on Monday in the "
        "capital and agreed to meet again next week, officials said.</p></body></html>"
    )
    (article,), problems = parse(page, "entity.html")
    assert article.title == "Envoys meet in the capital"
    assert "reduced to its visible text" in problems[0].message
    assert all("root:" not in p.text and "]>" not in p.text for p in article.paragraphs)


def test_curated_files_in_other_encodings_are_read_and_published_as_utf8(tmp_path: Path) -> None:
    curation = parse_curation(
        {"actors/someone.md": "---\ndescription: Mayor\n---\nNotes.\n".encode("utf-16")}
    )
    assert curation.overrides[0].fields == {"description": "Mayor"}
    assert "UTF-16-LE with byte-order mark" in curation.problems[0].message
    docs = tmp_path / "project" / "docs"
    (docs / "notes").mkdir(parents=True)
    (docs / "notes" / "page.md").write_bytes("# Our page\n\nWords.\n".encode("utf-16"))
    (docs / "notes" / "blob.md").write_bytes(bytes(range(256)))
    problems: list = []
    files = collect_curated(docs, problems=problems)
    assert files["notes/page.md"] == b"# Our page\n\nWords.\n"  # MkDocs reads UTF-8 only
    assert "notes/blob.md" not in files
    said = {p.source: p.message for p in problems}
    assert "published as UTF-8" in said["docs/notes/page.md"]
    assert "binary data" in said["docs/notes/blob.md"]


def test_a_file_odd_in_several_ways_gets_one_line() -> None:
    from builder.model import Problem, one_line_per_file

    problems = [
        Problem("a.txt", "not UTF-8; read as gb18030 (guessed)", "info"),
        Problem("b.txt", "no article text"),
        Problem("a.txt", "language set to 'zh'", "info"),
        Problem("b.txt", "no article text"),
    ]
    assert [str(p) for p in one_line_per_file(problems)] == [
        "a.txt: not UTF-8; read as gb18030 (guessed); language set to 'zh'",
        "b.txt: no article text",
    ]
    assert [p.severity for p in one_line_per_file(problems)] == ["info", "warning"]


@pytest.mark.parametrize(
    "text", ["🔥🚀🎉\n\n" + "😀 " * 300, "x" * 60_000, "Nothing but a headline\n"]
)
def test_text_with_no_words_is_no_article(text: str) -> None:
    articles, problems = parse(text, "f.txt")
    assert articles == []
    said = [p.message for p in problems if p.message.startswith("no article text")]
    assert len(said) == 1, said  # one line, not two


def test_lines_of_separator_symbols_are_section_breaks() -> None:
    body = "The envoys met on Monday in the capital and agreed to meet again next week."
    text = f"Talks resume in the capital\n\n{body}\n---\n***\n===\n{body} Again.\n"
    (article,), _ = parse(text, "sections.txt")
    assert [p.text for p in article.paragraphs] == [body, f"{body} Again."]


def test_curated_notes_format_but_never_run_script() -> None:
    from builder.render.curated import notes_html

    html = notes_html(
        "!!! note\n    Checked **twice**.\n\n<script>window.__pwned=1</script> "
        '<img src=x onerror="window.__pwned=1"> [x](javascript:window.__pwned=1) '
        '<a href="../../places/x/">a place</a> [web](https://example.org){ onclick="y" }'
    )
    assert '<div class="admonition note">' in html and "<strong>twice</strong>" in html
    assert '<a href="../../places/x/">a place</a>' in html
    assert '<a href="https://example.org">web</a>' in html
    for active in ("<script", "onerror", "javascript:", "onclick"):
        assert active not in html, active


def test_a_second_build_of_one_project_waits_for_the_first(tmp_path: Path) -> None:
    """Builds of one project share its staging folder and caches, whatever site folder
    each writes: the second waits, says so, and builds once the first is done."""
    import subprocess
    import sys
    import time

    from builder.infra.files import waiting
    from builder.mkdocs_plugin.plugin import BUILD_LOCK, WAITING_MESSAGE
    from tests.conftest import make_project

    project = make_project(tmp_path / "project")
    lock = project / ".cache" / "plugin" / "news-explorer" / BUILD_LOCK
    with waiting(lock, lambda: None):  # a build of this project is running
        second = subprocess.Popen(
            [sys.executable, "-m", "builder", "build", "--extractor", "rules",
             "--site-dir", "other-site"],
            cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
        assert second.stdout is not None
        said = []
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            line = second.stdout.readline()
            said.append(line)
            if WAITING_MESSAGE in line or not line:
                break
        assert any(WAITING_MESSAGE in line for line in said), said
        time.sleep(1)
        assert second.poll() is None  # still waiting while the lock is held
    assert second.wait(timeout=300) == 0, second.stdout.read()
    assert (project / "other-site" / "index.html").is_file()
