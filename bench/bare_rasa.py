"""A minimal Rasa bot, the baseline for `bench.latency`: what Rasa alone costs per message.

A few of the project's intents (their training examples, mark-up removed), one plain response per
intent, one rule per intent, Rasa's default pipeline and policies without our custom components
(no sentence encoder, no ensemble, no custom actions), trained in a temporary folder and served by
`rasa run --enable-api` with the in-memory tracker store on a free port. The model is cached
under .data/bench/bare-rasa/ by a hash of its files, so only the first run trains it.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import yaml

from bot.common.build.intent_files import IntentSpec, load_content, plain_text
from bot.common.settings import PROJECT_ROOT
from bot.supervisor.processes import ProcessSpec
from bot.supervisor.supervisor import Supervisor

INTENTS = ("greet", "goodbye", "thanks", "order_status", "account_login", "payment_failed")
STARTUP_SECONDS = 600.0
CACHE = PROJECT_ROOT / ".data" / "bench" / "bare-rasa"

# Rasa's `rasa init` configuration, minus ResponseSelector and UnexpecTEDIntentPolicy (no
# retrieval intents here); fewer epochs only shorten training, not prediction.
CONFIG: dict[str, Any] = {
    "recipe": "default.v1",
    "language": "en",
    "assistant_id": "bench-bare-rasa",
    "pipeline": [
        {"name": "WhitespaceTokenizer"},
        {"name": "RegexFeaturizer"},
        {"name": "LexicalSyntacticFeaturizer"},
        {"name": "CountVectorsFeaturizer"},
        {"name": "CountVectorsFeaturizer", "analyzer": "char_wb", "min_ngram": 1, "max_ngram": 4},
        {"name": "DIETClassifier", "epochs": 50, "constrain_similarities": True},
        {"name": "EntitySynonymMapper"},
        {"name": "FallbackClassifier", "threshold": 0.3, "ambiguity_threshold": 0.1},
    ],
    "policies": [
        {"name": "MemoizationPolicy"},
        {"name": "RulePolicy"},
        {"name": "TEDPolicy", "max_history": 5, "epochs": 20},
    ],
}


class BareRasaError(Exception):
    """Training the baseline bot failed; carries the tail of Rasa's output."""


def project_files(intents: list[IntentSpec]) -> dict[str, dict[str, Any]]:
    """config, domain and data of the minimal bot, as YAML-ready mappings."""
    nlu = [
        {
            "intent": spec.name,
            "examples": "".join(
                f"- {plain_text(e)}\n" for examples in spec.examples.values() for e in examples
            ),
        }
        for spec in intents
    ]
    responses = {
        f"utter_{spec.name}": [{"text": spec.responses[next(iter(spec.responses))][0].text}]
        for spec in intents
    }
    rules = [
        {"rule": spec.name, "steps": [{"intent": spec.name}, {"action": f"utter_{spec.name}"}]}
        for spec in intents
    ]
    domain = {
        "version": "3.1",
        "intents": [spec.name for spec in intents],
        "responses": {**responses, "utter_default": [{"text": "Sorry, I did not get that."}]},
        "session_config": {"session_expiration_time": 60, "carry_over_slots_to_new_session": True},
    }
    return {
        "config.yml": CONFIG,
        "domain.yml": domain,
        "data/nlu.yml": {"version": "3.1", "nlu": nlu},
        "data/rules.yml": {"version": "3.1", "rules": rules},
    }


def rasa_executable() -> str:
    return str(Path(sys.executable).with_name("rasa"))


def train_bare(cache: Path = CACHE) -> Path:
    """Train the bot unless the cache holds one trained from the same files."""
    content = load_content(PROJECT_ROOT / "intents")
    files = project_files([spec for spec in content.intents if spec.name in INTENTS])
    digest = hashlib.sha256(json.dumps(files, sort_keys=True).encode()).hexdigest()[:16]
    folder = cache / digest
    model = folder / "models" / "bare.tar.gz"
    if model.exists():
        return model
    for name, body in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(body, allow_unicode=True, sort_keys=False), "utf-8")
    command = [rasa_executable(), "train", "--fixed-model-name", "bare", "--out", "models"]
    result = subprocess.run(command, cwd=folder, capture_output=True, text=True)
    if result.returncode != 0 or not model.exists():
        tail = "\n".join((result.stdout + result.stderr).splitlines()[-20:])
        raise BareRasaError(
            f"training the bare Rasa bot failed (exit {result.returncode}):\n{tail}"
        )
    return model


@asynccontextmanager
async def running_bare_rasa(logs: Path, port: int) -> AsyncIterator[str]:
    """Serve the (cached or freshly trained) bot on `port`; yields the REST webhook URL."""
    model = train_bare()
    base = f"http://127.0.0.1:{port}"
    spec = ProcessSpec(
        name="bare Rasa",
        command=(
            *(rasa_executable(), "run", "--enable-api", "--interface", "127.0.0.1"),
            *("--port", str(port), "--model", str(model)),
        ),
        health_url=f"{base}/status",
        port=port,
        port_setting="a free port",
    )
    supervisor = Supervisor([spec], logs, max_restarts=0, startup_timeout=STARTUP_SECONDS)
    try:
        await supervisor.start_all()
        yield f"{base}/webhooks/rest/webhook"
    finally:
        await supervisor.stop_all()
