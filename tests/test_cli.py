"""The kb command: each subcommand works, has help text, and is documented in the README."""

import json

from kb.cli import main  # noqa: F401  (the console script's entry point must import)
from tests.conftest import ROOT


def commands(app):
    return app.cli.commands


def test_every_command_has_help_and_is_documented(app):
    readme = (ROOT / "README.md").read_text()
    for name, command in commands(app).items():
        assert command.help and len(command.help) > 20, name
        assert f"`kb {name}" in readme, f"kb {name} is not documented in README.md"


def test_check_passes_on_a_clean_corpus_with_a_one_line_summary(runner):
    result = runner.invoke(args=["check"])
    assert result.exit_code == 0 and result.output.splitlines() == ["10 documents, 0 warning(s), no errors."]


def test_check_counts_warnings_in_its_summary_and_still_passes(runner, corpus_dir):
    zh = corpus_dir / "rohs.zh.md"
    zh.write_text(zh.read_text(encoding="utf-8") + "\n## 只有中文版才有的一节 {#zh-only}\n\n说明。\n", encoding="utf-8")
    result = runner.invoke(args=["check"])
    lines = result.output.splitlines()
    assert result.exit_code == 0 and lines[-1] == "10 documents, 1 warning(s), no errors."
    assert len(lines) == 2 and lines[0].startswith("rohs.zh.md:") and "warning: anchors differ" in lines[0]


def test_check_fails_and_names_the_file_and_line(runner, corpus_dir):
    (corpus_dir / "rohs.en.md").write_text((corpus_dir / "rohs.en.md").read_text().replace("status:", "statuss:"))
    result = runner.invoke(args=["check"])
    assert result.exit_code == 1 and "rohs.en.md:9: unknown field 'statuss'" in result.output


def test_build_refuses_a_broken_corpus_and_keeps_the_index(runner, corpus_dir, manager):
    import os

    before = os.readlink(manager.current)
    (corpus_dir / "rohs.en.md").write_text("---\nid: [\n---\n")
    result = runner.invoke(args=["build", "--force"])
    assert result.exit_code == 1 and "nothing was built" in result.output
    assert os.readlink(manager.current) == before


def test_build_skips_when_nothing_changed(runner):
    result = runner.invoke(args=["build"])
    assert result.exit_code == 0 and "up to date" in result.output


def test_search_prints_ranked_hits_with_anchors(runner):
    result = runner.invoke(args=["search", "铅 镉 限量", "--lang", "zh"])
    assert result.exit_code == 0 and "[/zh/rohs]" in result.output and "#restricted-substances" in result.output


def test_search_json(runner):
    result = runner.invoke(args=["search", "2011/65/EU", "--json"])
    data = json.loads(result.output)
    assert data["hits"][0]["doc_id"] == "rohs"


def test_search_from_the_shell_runs_without_the_web_app(index_dir, manager):
    # `kb search` is the console script's fast path: same answer, and Flask never imported.
    import os
    import subprocess
    import sys

    script = (
        "import sys; sys.argv = ['kb', 'search', '铅 镉 限量', '--json']\n"
        "from kb.cli import main\n"
        "try:\n    main()\nexcept SystemExit as e:\n    assert not e.code, e.code\n"
        "print('FLASK' if 'flask' in sys.modules else 'NO-FLASK')\n"
    )
    env = dict(os.environ, KB_INDEX_DIR=str(index_dir), KB_JIEBA_CACHE_DIR=str(index_dir))
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120
    )
    assert done.returncode == 0, done.stderr
    output, marker = done.stdout.rsplit("\n", 2)[0], done.stdout.split()[-1]
    assert marker == "NO-FLASK"
    hits = json.loads(output)["hits"]
    assert hits and hits[0]["doc_id"] == "rohs"
    # It read jieba's frequencies from the build's store, and answers as the app's search does.
    from dataclasses import asdict

    from indexer.engine.search import search

    expected = asdict(search(manager, "铅 镉 限量", lang="zh", pagesize=10))["hits"]
    assert hits == expected


def test_search_from_the_shell_explains_a_missing_index(tmp_path):
    import os
    import subprocess
    import sys

    env = dict(os.environ, KB_INDEX_DIR=str(tmp_path / "none"), KB_JIEBA_CACHE_DIR=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "-c", "from kb.cli import main; main()", "search", "电池"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 1 and "kb build" in done.stderr
