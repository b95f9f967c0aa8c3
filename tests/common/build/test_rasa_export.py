from __future__ import annotations

from pathlib import Path

import yaml

from bot.common.build.intent_files import load_content
from bot.common.build.rasa_export import generated_domain, generated_rules, nlu_data, write_project


def test_export_writes_language_conditioned_responses_and_rules(project_root: Path, tmp_path: Path):
    content = load_content(project_root / "intents")
    domain = generated_domain(content)
    greet = domain["responses"]["utter_greet"]
    languages = {v["condition"][0]["value"] for v in greet}
    assert languages == {"ru", "en"}
    assert "utter_greet_named" in domain["responses"]
    rules = {r["rule"]: r["steps"] for r in generated_rules(content)["rules"]}
    assert rules["reply to greet"][1] == {"action": "action_respond_unless_article"}
    regexes = [item for item in nlu_data(content)["nlu"] if "regex" in item]
    assert {r["regex"] for r in regexes} >= {"order_number", "email", "phone", "app_version"}

    out = write_project(
        content, project_root / "domain.yml", project_root / "stories", tmp_path / "rasa"
    )
    written = yaml.safe_load((out / "data" / "nlu.yml").read_text(encoding="utf-8"))
    assert len(written["nlu"]) == len(content.intents) + len(content.entities)
    assert (out / "domain" / "base.yml").exists()
    assert (out / "data" / "stories" / "rules.yml").exists()
