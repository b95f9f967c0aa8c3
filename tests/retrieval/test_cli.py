from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def run(*args: str, env_index: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "retrieval", *args],
        capture_output=True,
        text=True,
        timeout=600,
        env={
            "PATH": "/usr/bin:/bin",
            "HF_HUB_OFFLINE": "1",
            "ASSISTANT_KB_INDEX_DIR": str(env_index),
            "PYTHONPATH": str(Path.cwd()),
        },
    )


def test_build_search_and_eval(kb_folder: Path, tmp_path: Path):
    index = tmp_path / "index"
    built = run("build", "--kb", str(kb_folder), env_index=index)
    assert built.returncode == 0, built.stderr
    assert "Built 4 articles" in built.stdout
    found = run("search", "когда вернут деньги за возврат", "--json", env_index=index)
    assert found.returncode == 0, found.stderr
    assert json.loads(found.stdout)["ranked"][0]["id"] == "refund-ru"
    queries = tmp_path / "q.jsonl"
    queries.write_text(
        '{"query": "не пускает в кабинет", "expected": "login-ru"}\n'
        '{"query": "рецепт борща", "expected": null}\n',
        encoding="utf-8",
    )
    evaluated = run(
        "eval", "--kb", str(kb_folder), "--queries", str(queries), "--json", env_index=index
    )
    assert evaluated.returncode == 0, evaluated.stderr
    report = json.loads(evaluated.stdout)["configured"]
    assert report["recall@1"] == 1.0 and report["null_queries"] == 1


def test_bad_input_gives_a_message_not_a_traceback(tmp_path: Path):
    missing = run("build", "--kb", str(tmp_path / "nope"), env_index=tmp_path / "i")
    assert missing.returncode == 1
    assert "does not exist" in missing.stderr and "Traceback" not in missing.stderr
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{oops\n", encoding="utf-8")
    kb = tmp_path / "kb.jsonl"
    kb.write_text('{"id": "a", "title": "t", "text": "x"}\n', encoding="utf-8")
    failed = run("eval", "--kb", str(kb), "--queries", str(bad), env_index=tmp_path / "i")
    assert failed.returncode == 1 and "bad.jsonl:1" in failed.stderr


def test_eval_strips_questions_and_reports_the_built_in_calibration(
    kb_folder: Path, tmp_path: Path, hashing_encoder, monkeypatch, capsys
):
    import retrieval.__main__ as cli

    built: list[list] = []
    real_build = cli.build_with_settings

    def recording_build(articles, encoder, settings, progress=None):
        built.append(articles)
        return real_build(articles, encoder, settings, progress)

    monkeypatch.setattr(cli, "load_encoder", lambda name: hashing_encoder)
    monkeypatch.setattr(cli, "build_with_settings", recording_build)
    queries = tmp_path / "q.jsonl"
    queries.write_text('{"query": "когда вернут деньги", "expected": "refund-ru"}\n', "utf-8")
    args = ["eval", "--kb", str(kb_folder), "--queries", str(queries), "--json"]
    assert cli.main([*args, "--strip-questions"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert all(not a.questions for a in built[-1])
    assert report["built_in_calibration"]["pseudo_queries"] > 0
    assert report["built_in_calibration"]["answer_threshold"] == 0.85
    assert cli.main(args) == 0
    capsys.readouterr()
    assert any(a.questions for a in built[-1])
