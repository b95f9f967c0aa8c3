"""Grouping unanswered questions, and the drafts offered for each group."""

from __future__ import annotations

import yaml

from bot.gateway.analytics.clusters import Cluster, cluster_questions
from bot.gateway.analytics.drafts import article_draft, cluster_body, examples_draft
from tests.gateway.tiny_encoder import TinyEncoder

QUESTIONS = [
    "где купить слона",
    "а слона где купить",
    "Где купить слона?",
    "не приходит смс с кодом",
    "смс с кодом не приходит",
    "how to adopt a cat",
]


def test_similar_questions_form_one_group_largest_first():
    clusters = cluster_questions(QUESTIONS, TinyEncoder())
    assert [c.count for c in clusters] == [3, 2, 1]
    assert set(clusters[0].examples) == {"где купить слона", "а слона где купить"}
    assert set(clusters[1].examples) == {"не приходит смс с кодом", "смс с кодом не приходит"}


def test_the_same_wording_is_encoded_once_and_shown_first():
    encoder = TinyEncoder()
    clusters = cluster_questions(QUESTIONS, encoder)
    assert len(encoder.calls) == 1 and len(encoder.calls[0]) == 5
    assert clusters[0].examples[0] == "где купить слона"  # asked twice


def test_a_threshold_above_one_keeps_wordings_apart_and_limit_caps_groups():
    assert len(cluster_questions(QUESTIONS, TinyEncoder(), threshold=1.01)) == 5
    assert len(cluster_questions(QUESTIONS, TinyEncoder(), limit=1)) == 1
    assert cluster_questions(["", "  ?!"], TinyEncoder()) == []


def test_article_draft_is_a_knowledge_file_with_the_questions_in_front_matter():
    cluster = Cluster(3, ("где купить слона", "а слона где купить"))
    text = article_draft(cluster)
    assert text.startswith("---\n")
    front = yaml.safe_load(text.split("---\n")[1])
    assert front["lang"] == "ru" and front["questions"] == list(cluster.examples)
    assert front["id"].endswith("-ru") and front["title"]
    assert text.split("---\n", 2)[2].strip()  # a body to fill in


def test_examples_draft_is_intent_examples_in_the_customers_language():
    cluster = Cluster(2, ("how to adopt a cat", "adopt a cat: how?"))
    body = yaml.safe_load(examples_draft(cluster))
    assert body == {"examples": {"en": ["how to adopt a cat", "adopt a cat: how?"]}}
    assert cluster_body(cluster)["language"] == "en"
