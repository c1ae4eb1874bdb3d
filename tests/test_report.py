"""tools/report.py: results.json -> README's headline table and results/README.md, on a small fixture."""

import json
from pathlib import Path

import pytest

from tools import report
from tools.lectures import BY_NUMBER

FIXTURE = Path(__file__).parent / "fixtures" / "results.json"


@pytest.fixture
def results():
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def rows(table):
    return [line for line in table.splitlines() if line.startswith("| ") and not line.startswith("| Lecture")]


def test_headline_table_has_one_row_per_lecture_with_our_numbers(results):
    table = report.headline_table(results)
    lines = rows(table)
    assert [line.split(" | ")[0] for line in lines] == ["| 14", "| 17", "| 20", "| 29", "| 30"]
    row29 = next(line for line in lines if line.startswith("| 29 "))
    assert "| 97.4 % after 10 epochs | 97.96 % | 326 s (4.82 s/epoch) | 14 s (0.50 s/epoch), Test GPU |" in row29
    assert "| not run yet | — | not measured yet |" in next(line for line in lines if line.startswith("| 14 "))
    assert "Test CPU, 2 cores, torch 2.14.1" in table
    assert "identical metrics for 1 of 1 notebooks" in table


def test_headlines_come_from_the_lecture_table(results):
    summary = results["notebooks"]["lecture20_denoising_sparse_autoencoder"]["cpu"]["summary"]
    assert BY_NUMBER["20"].format_headline(summary) == (
        "MSE 0.0069 (no penalty), 0.0163 with 80 % near-zero units (sparse); classifier 92.33 %"
    )
    cifar = results["notebooks"]["lecture30_lenet_cifar10"]["cpu"]["summary"]
    assert BY_NUMBER["30"].format_headline(cifar).endswith("on a JPEG copy of CIFAR-10, not the official files")
    standin = {"final_test_accuracy": 96.67, "data": "SYNTHETIC STAND-IN (not ALL-IDB2)"}
    assert BY_NUMBER["14"].format_headline(standin) == "96.67 % on the synthetic stand-in, not ALL-IDB2"


def test_results_readme_has_the_long_tables(results):
    block = report.results_readme_block(results)
    assert "| lecture29_lenet_mnist | final_test_accuracy | 97.8 | 97.70 ± 0.14 | [97.6, 97.8] | 2 (cpu) |" in block
    assert (
        "| 2.3.0 / 0.18.0 | 3.11.7 | 2.4.6 | 2026-11-25 | Test CPU | 243 passed | pip install torch==2.3.0 |" in block
    )
    assert "| 29 | lecture29.ipynb | 200 s [100–300] | 60 s [50–70] | 0.30 | 3, Test CPU, 2026-12-07 |" in block
    assert "took 280 s (480 passed in 250.00s)" in block and "lecture29 44 s" in block
    assert "## Benchmark" not in block, "a section without data is left out"


def test_replace_block_keeps_the_hand_written_text():
    text = f"intro\n{report.START}\nold table\n{report.END}\nnotes\n"
    assert report.replace_block(text, "new table") == f"intro\n{report.START}\nnew table\n{report.END}\nnotes\n"
    with pytest.raises(ValueError, match="no <!-- results:start -->"):
        report.replace_block("no markers here", "new table")


def test_read_summary_reads_the_marked_line():
    cell = {"outputs": [{"output_type": "stream", "text": 'noise\nDLVC_SUMMARY:{"final_test_accuracy": 97.96}\n'}]}
    assert report.read_summary(cell) == {"final_test_accuracy": 97.96}
    assert report.read_summary({"outputs": [{"output_type": "stream", "text": "no summary\n"}]}) is None


def test_write_changes_only_the_generated_parts(results, tmp_path, monkeypatch):
    readme, results_readme = tmp_path / "README.md", tmp_path / "RESULTS.md"
    for path in (readme, results_readme):
        path.write_text(f"# {path.name}\n{report.START}\nstale\n{report.END}\nkept\n", encoding="utf-8")
    monkeypatch.setattr(report, "README", readme)
    monkeypatch.setattr(report, "RESULTS_README", results_readme)
    monkeypatch.setattr(report, "REPO", tmp_path)
    report.write(results)
    assert report.headline_table(results) in readme.read_text() and "stale" not in readme.read_text()
    assert readme.read_text().endswith(f"{report.END}\nkept\n")
    assert "## Spread from the seed alone" in results_readme.read_text()


def test_the_committed_tables_match_results_json():
    """README and results/README.md show what results/results.json holds (`python -m tools.report` rewrites them)."""
    results = report.load_results()
    for path, block in (
        (report.README, report.headline_table(results)),
        (report.RESULTS_README, report.results_readme_block(results)),
    ):
        text = path.read_text(encoding="utf-8")
        assert report.replace_block(text, block) == text, f"{path.name} is stale: run `python -m tools.report`"
