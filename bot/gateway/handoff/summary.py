"""The readable plain-text summary of a case, in the case's language, for the helpdesk webhook and
anything else that cannot render the desk's case view: the problem first, then the facts as
fields, topic, intent and group, the articles offered with the customer's verdicts, and the
transcript once, at the end.

Card numbers typed by the customer are masked in the free text (the agent never needs them); the
contact fields are shown in full because the agent has to reach the customer.
"""

from __future__ import annotations

from bot.common.masking import mask_cards
from bot.gateway.handoff.intake import HandoffCase

TRANSCRIPT_LINES = 40

LABELS = {
    "ru": {
        "title": "Обращение: {reason}, приоритет {priority}, группа {group}",
        "group": "Группа",
        "customer": "Клиент",
        "name": "Имя",
        "email": "Email",
        "phone": "Телефон",
        "order_number": "Номер заказа",
        "app_version": "Версия приложения",
        "topic": "Тема",
        "intent": "Намерение",
        "problem": "Проблема (словами клиента)",
        "tried": "Что уже пробовал",
        "articles": "Статьи, которые бот предлагал",
        "transcript": "Переписка",
        "channel": "Канал",
        "page": "Страница",
        "language": "Язык",
        "none": "—",
        "helpful": "помогла",
        "not_helpful": "не помогла",
        "no_verdict": "без ответа",
        "customer_author": "Клиент",
        "bot": "Бот",
        "agent": "Оператор",
        "system": "Система",
        "high": "высокий",
        "normal": "обычный",
        "requested": "клиент попросил оператора",
        "low_confidence": "бот не понял вопрос",
        "not_helpful_reason": "ответы бота не помогли",
        "complaint": "жалоба",
        "negative": "недовольство клиента",
        "always_human": "тема только для оператора",
    },
    "en": {
        "title": "Case: {reason}, priority {priority}, group {group}",
        "group": "Group",
        "customer": "Customer",
        "name": "Name",
        "email": "Email",
        "phone": "Phone",
        "order_number": "Order number",
        "app_version": "App version",
        "topic": "Topic",
        "intent": "Intent",
        "problem": "Problem (customer's words)",
        "tried": "Already tried",
        "articles": "Articles the bot offered",
        "transcript": "Transcript",
        "channel": "Channel",
        "page": "Page",
        "language": "Language",
        "none": "—",
        "helpful": "helped",
        "not_helpful": "did not help",
        "no_verdict": "no answer",
        "customer_author": "Customer",
        "bot": "Bot",
        "agent": "Agent",
        "system": "System",
        "high": "high",
        "normal": "normal",
        "requested": "customer asked for a person",
        "low_confidence": "the bot did not understand",
        "not_helpful_reason": "the bot's answers did not help",
        "complaint": "complaint",
        "negative": "unhappy customer",
        "always_human": "topic handled by people only",
    },
}


def summary_text(case: HandoffCase, group: str) -> str:
    labels = LABELS[case.language]
    none = labels["none"]
    reason_key = "not_helpful_reason" if case.reason == "not_helpful" else case.reason
    intent = case.intent or {}
    confidence = intent.get("confidence")
    lines = [
        labels["title"].format(
            reason=labels[reason_key],
            priority=labels[case.priority],
            group=group,
        ),
        "",
        f"{labels['problem']}: {mask_cards(case.problem or none)}",
        "",
        f"{labels['customer']}:",
    ]
    lines += [f"  {labels[key]}: {value or none}" for key, value in case.customer.items()]
    lines += [
        f"{labels['tried']}: {mask_cards(case.tried or none)}",
        f"{labels['topic']}: {case.topic or none}",
        f"{labels['intent']}: {intent.get('name') or none}"
        + (f" ({confidence:.2f})" if isinstance(confidence, (int, float)) else ""),
        f"{labels['group']}: {group}",
        f"{labels['language']}: {case.language}  ·  {labels['channel']}: {case.channel}"
        f"  ·  {labels['page']}: {case.page or none}",
    ]
    if case.articles:
        lines.append(f"{labels['articles']}:")
        for article in case.articles:
            verdict = labels[article["verdict"] or "no_verdict"]
            lines.append(
                f"  - {article['title'] or article['id']} ({verdict}) {article['url'] or ''}"
            )
    if case.transcript:
        lines += ["", f"{labels['transcript']}:"]
        for line in case.transcript[-TRANSCRIPT_LINES:]:
            author = labels["customer_author" if line["author"] == "customer" else line["author"]]
            stamp = f"[{line['ts']}] " if line["ts"] is not None else ""
            lines.append(f"  {stamp}{author}: {mask_cards(line['text'])}")
    return "\n".join(line.rstrip() for line in lines)
