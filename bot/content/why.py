"""`python -m bot.content why "question"`: why the assistant handles a question as it does.

Prints the intent ranking of the newest trained model in `models/` (or `--model`), parsed in this
process with Rasa's Agent: it needs no running stack and shows the model on disk, the one the
supervisor serves after its checks (loading takes 10-30 s; `--no-intents` skips it). Then the help
articles ranked with their calibrated and fused scores, and the outcome the search chooses
(answer, clarify or abstain) at the thresholds in force: the index's built-in calibration unless
set explicitly (ASSISTANT_KB_*), and, when the top intent's reply gives way to a confident article
(a handoff or stock reply "unless an article answers first"), which of the two the bot gives.
Last, what the bot replies when the question opens a conversation (actions/answer_choice.py): the
search's outcome is one of its inputs, besides where the NLU placed the question and what the
intent's examples are answered with, so the two can differ. The served index is used when it
matches the articles; otherwise one is built from the articles in a temporary folder and the
served one is left alone.
"""

from __future__ import annotations

import asyncio
import logging
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from actions.answer_choice import choose
from actions.answer_from_knowledge import question_placement
from actions.knowledge_answer import KnowledgeAnswer, KnowledgeBase, Ranked
from actions.knowledge_language_request import without_language_request
from actions.knowledge_precedence import precedence
from actions.knowledge_provider import RetrievalKnowledgeBase, label_examples
from bot.common.build.errors import ContentError
from bot.common.build.intent_files import load_content
from bot.common.facts.extract import without_facts
from retrieval.articles import load_articles
from retrieval.encoder import Encoder, load_encoder
from retrieval.errors import RetrievalError
from retrieval.index import build_with_settings
from retrieval.language import guess_language
from retrieval.normalise import read_message
from retrieval.ranking import decide
from retrieval.service import KbSearch
from retrieval.settings import RetrievalSettings

SHOWN = 5
REPLY_NAMES = {
    "knowledge": "searches the help articles",
    "respond": "stock reply",
    "respond_by_name": "stock reply by name",
    "action_handoff_unless_article": "a person, unless an article answers first",
    "action_respond_unless_article": "stock reply, unless an article answers first",
}
# Replies that give way to a confident article (actions/knowledge_precedence.py).
ARTICLE_FIRST = frozenset(
    {REPLY_NAMES["action_handoff_unless_article"], REPLY_NAMES["action_respond_unless_article"]}
)

Parse = Callable[[str], dict[str, Any]]


@dataclass
class Explanation:
    question: str
    model: str = ""
    intents: list[tuple[str, float, str]] = field(default_factory=list)  # name, confidence, reply
    index_note: str = ""
    thresholds: dict[str, float] = field(default_factory=dict)
    articles: list[dict[str, Any]] = field(default_factory=list)
    outcome: str = ""
    chosen: list[str] = field(default_factory=list)
    precedence: str = ""  # the top intent's own reply or the article, when the two compete
    choice: str = ""  # what the bot replies to the question asked first (actions/answer_choice.py)
    searched: str = ""  # the text the search reads, when the bot reads the question first


def newest_model(models: Path) -> Path | None:
    found = sorted(models.glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    return found[-1] if found else None


def agent_parser(model: Path) -> Parse:
    """Rasa's Agent on `model`, loaded once; parse() returns Rasa's parse result."""
    from rasa.core.agent import Agent
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)
    agent = Agent.load(str(model))
    return lambda text: asyncio.run(agent.parse_message(text))


def reply_kinds(root: Path) -> dict[str, str]:
    """Each intent's reply as a content owner reads it; empty when the content does not load."""
    try:
        content = load_content(root / "intents")
    except (ContentError, OSError):
        return {}
    return {i.name: REPLY_NAMES.get(i.reply, f"custom action {i.reply}") for i in content.intents}


def open_search(
    encoder: Encoder, settings: RetrievalSettings, folder: Path
) -> tuple[KbSearch, str]:
    """The served index if it matches the articles, else one built in `folder`."""
    articles = load_articles(settings.path).articles
    try:
        return KbSearch.open(encoder, settings, articles), f"served index {settings.index_dir}"
    except RetrievalError as error:
        temporary = settings.replace(index_dir=folder)
        build_with_settings(articles, encoder, temporary)
        note = f"built from {settings.path} for this question (served index: {error})"
        return KbSearch.open(encoder, temporary), note


def searched_text(question: str) -> str:
    """What the bot searches for the question, as actions/answer_from_knowledge.py reads it:
    Russian typed in Latin letters respelled, a long story cut to its question, a request to
    switch language (or an apology for the wrong one) and the customer's own facts left out."""
    return without_facts(without_language_request(read_message(question).text))


def bot_choice(
    question: str, searched: str, answers: KnowledgeBase, top: tuple[str, float, str]
) -> str:
    """The bot's decision on the question asked as a conversation's first, from the NLU's first
    intent and the search as the action server sees it: the search's own outcome above is only
    one of its inputs (where the NLU placed the question, the intent's examples)."""
    intent, confidence, _ = top
    placed = question_placement(intent, confidence, question)
    language = guess_language(question)
    found = answers.ask(searched, language, None, intent if placed == "topic" else None)
    choice = choose(found, placed, confidence)
    articles = f" → {', '.join(choice.articles)}" if choice.articles else ""
    return f"{choice.decision}{articles} (the NLU's placing: {placed})"


def explain(
    question: str,
    search: KbSearch,
    parse: Parse | None = None,
    replies: dict[str, str] | None = None,
    answers: KnowledgeBase | None = None,
) -> Explanation:
    result = Explanation(question)
    if parse is not None:
        parsed = parse(question)
        ranking = parsed.get("intent_ranking") or [parsed.get("intent") or {}]
        result.intents = [
            (str(i.get("name")), float(i.get("confidence") or 0.0), (replies or {}).get(
                str(i.get("name")), "")) for i in ranking[:SHOWN] if i.get("name")
        ]  # fmt: skip
    searched = searched_text(question)
    if searched != question:
        result.searched = searched
    ranked = search.rank(searched)
    settings = ranked.settings
    result.thresholds = {
        "answer": settings.answer_threshold,
        "clarify": settings.clarify_threshold,
        "margin": settings.answer_margin,
        "agreement": settings.answer_agreement,
    }
    for item in ranked.ranked[:SHOWN]:
        article = search.articles[item.article_id]
        result.articles.append(
            {
                "id": item.article_id,
                "title": article.title,
                "score": round(item.score, 3),
                "fused": round(item.fused, 3),
                "agreement": item.agreement,
            }
        )
    if answers is not None and result.intents:
        result.choice = bot_choice(question, searched, answers, result.intents[0])
    outcome, chosen = decide(list(ranked.ranked), settings)
    result.outcome, result.chosen = outcome, [c.article_id for c in chosen]
    if result.intents and result.intents[0][2] in ARTICLE_FIRST:
        _, confidence, _ = result.intents[0]
        found = tuple(Ranked(c.article_id, c.score, c.fused, c.agreement) for c in chosen)
        hands_over = result.intents[0][2] == REPLY_NAMES["action_handoff_unless_article"]
        verdict = precedence(confidence, question, KnowledgeAnswer(outcome, (), found), hands_over)
        result.precedence = "the article" if verdict == "article" else "the intent's own reply"
    return result


def as_text(found: Explanation) -> str:
    lines = [f"Question: {found.question}", ""]
    if found.intents:
        lines.append(f"Intents (model {found.model}):" if found.model else "Intents:")
        lines += [f"  {c:.3f}  {name}" + (f"  ({kind})" if kind else "")
                  for name, c, kind in found.intents]  # fmt: skip
        lines.append("")
    if found.searched:
        lines += [f"Searched as: {found.searched}", ""]
    t = found.thresholds
    lines.append(
        f"Articles ({found.index_note}; answer at {t['answer']:.2f} with a lead of "
        f"{t['margin']:.2f} and {t['agreement']} agreeing signals, clarify at {t['clarify']:.2f}):"
    )
    for number, a in enumerate(found.articles, 1):
        lines.append(
            f"  {number}. {a['score']:.3f}  {a['id']}  «{a['title']}»  "
            f"(fused {a['fused']:.2f}; signals ranking it first: {a['agreement']})"
        )
    if not found.articles:
        lines.append("  none")
    chosen = ", ".join(found.chosen)
    lines += ["", f"Search outcome: {found.outcome}" + (f" → {chosen}" if chosen else "")]
    if found.precedence:
        lines.append(f"Intent or article (actions/knowledge_precedence.py): {found.precedence}")
    if found.choice:
        lines.append(f"The bot's choice, as a first question: {found.choice}")
    return "\n".join(lines)


def run_why(root: Path, question: str, model: Path | None, intents: bool) -> int:
    settings = RetrievalSettings.from_mapping(os.environ)
    if "ASSISTANT_KB_PATH" not in os.environ:
        settings = settings.replace(path=root / "knowledge")
    parse, replies, model_name = None, None, ""
    if intents:
        model = model or newest_model(root / "models")
        if model is None:
            print(f"No trained model in {root / 'models'}: run `python -m bot.content train`.")
        else:
            parse, replies, model_name = agent_parser(model), reply_kinds(root), model.name
    encoder = load_encoder(settings.encoder)
    with tempfile.TemporaryDirectory() as folder:
        search, note = open_search(encoder, settings, Path(folder))
        answers = None
        if parse is not None:
            examples = label_examples(search, encoder, root / "intents")
            answers = RetrievalKnowledgeBase(search, encoder, examples)
        found = explain(question, search, parse, replies, answers)
    found.model, found.index_note = model_name, note
    print(as_text(found))
    return 0
