"""Ready-to-edit text for a group of unanswered questions: a help article skeleton in the
`knowledge/` format with the questions in its front matter, or the examples in the `intents/`
format. Text only; the content owner saves it where it belongs."""

from __future__ import annotations

import hashlib
from typing import Any

import yaml

from bot.gateway.analytics.clusters import Cluster
from bot.gateway.chat_request import guess_language

HELP_URL = "https://help.lightmarket.example"
PLACEHOLDERS = {
    "ru": {
        "title": "Заголовок словами клиента",
        "lead": "Коротко: что сделать в первую очередь (2-3 предложения).",
        "section": "## Если …",
        "body": "Шаги, сроки и что делать, если не получилось.",
        "intent": "# Добавьте эти примеры в examples подходящего намерения (intents/<intent>.yml)\n"
        "# или начните с ними новый файл намерения.\n",
    },
    "en": {
        "title": "A title in the customer's words",
        "lead": "In short: what to do first (2-3 sentences).",
        "section": "## If …",
        "body": "Steps, timings and what to do if it did not work.",
        "intent": "# Add these examples to `examples` of the intent they belong to "
        "(intents/<intent>.yml),\n# or start a new intent file with them.\n",
    },
}


def _dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def draft_language(cluster: Cluster) -> str:
    return guess_language(" ".join(cluster.examples))


def article_draft(cluster: Cluster) -> str:
    """Markdown with YAML front matter, as in knowledge/<lang>/*.md."""
    language = draft_language(cluster)
    texts = PLACEHOLDERS[language]
    digest = hashlib.sha256("\n".join(cluster.examples).encode()).hexdigest()[:6]
    article_id = f"draft-{digest}-{language}"
    front = _dump(
        {
            "id": article_id,
            "title": texts["title"],
            "lang": language,
            "url": f"{HELP_URL}/{language}/draft-{digest}",
            "tags": [],
            "questions": list(cluster.examples),
        }
    )
    return f"---\n{front}---\n{texts['lead']}\n\n{texts['section']}\n{texts['body']}\n"


def examples_draft(cluster: Cluster) -> str:
    """The questions as `examples:` of an intent file, as in intents/*.yml."""
    language = draft_language(cluster)
    examples = _dump({"examples": {language: list(cluster.examples)}})
    return PLACEHOLDERS[language]["intent"] + examples


def cluster_body(cluster: Cluster) -> dict[str, Any]:
    return {
        "count": cluster.count,
        "examples": list(cluster.examples),
        "language": draft_language(cluster),
        "article_draft": article_draft(cluster),
        "examples_draft": examples_draft(cluster),
    }
