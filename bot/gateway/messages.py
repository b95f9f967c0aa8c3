"""Texts the gateway itself says to customers, in Russian and English."""

from __future__ import annotations

from typing import Literal

Language = Literal["ru", "en"]

TEXTS: dict[str, dict[Language, str]] = {
    "empty_message": {
        "ru": "Сообщение пустое. Напишите, пожалуйста, ваш вопрос.",
        "en": "The message is empty. Please type your question.",
    },
    "message_too_long": {
        "ru": "Сообщение слишком длинное (больше {limit} символов). Пожалуйста, сократите его "
        "или разбейте на несколько сообщений.",
        "en": "The message is too long (over {limit} characters). Please shorten it or split it "
        "into several messages.",
    },
    "invalid_json": {
        "ru": "Запрос должен быть JSON-объектом в кодировке UTF-8.",
        "en": "The request body must be a JSON object in UTF-8.",
    },
    "invalid_sender": {
        "ru": "Не указан идентификатор собеседника (sender): 1-128 символов, буквы, цифры, - _ . :",
        "en": "The sender id is missing or invalid: 1-128 characters, letters, digits, - _ . :",
    },
    "invalid_client_id": {
        "ru": "Поле client_id: 1-64 символа, буквы, цифры, - _ . :",
        "en": "The client_id field must be 1-64 characters: letters, digits, - _ . :",
    },
    "invalid_payload": {
        "ru": "Поле payload должно начинаться с «/» и быть не длиннее 500 символов.",
        "en": "The payload field must start with '/' and be at most 500 characters.",
    },
    "invalid_metadata": {
        "ru": "Поле metadata должно быть JSON-объектом.",
        "en": "The metadata field must be a JSON object.",
    },
    "body_too_large": {
        "ru": "Запрос слишком большой.",
        "en": "The request is too large.",
    },
    "bot_unavailable": {
        "ru": "Извините, у нас временная техническая проблема, и я не могу ответить прямо "
        "сейчас. Ваше сообщение сохранено. Попробуйте, пожалуйста, через пару минут — или "
        "оставьте здесь email или телефон, и сотрудник поддержки свяжется с вами.",
        "en": "Sorry, we have a temporary technical problem and I can't answer right now. "
        "Your message is saved. Please try again in a couple of minutes, or leave your email "
        "or phone number here and a member of our support team will get back to you.",
    },
    "contact_taken": {
        "ru": "Спасибо! Ваш контакт и вопрос сохранены — сотрудник поддержки свяжется с вами, "
        "как только сможет. Номер обращения {ticket}.",
        "en": "Thank you! We've saved your contact and your question, and a member of our "
        "support team will get back to you as soon as they can. Your case number is {ticket}.",
    },
    "origin_not_allowed": {
        "ru": "Этот сайт не может подключаться к чату поддержки.",
        "en": "This website is not allowed to use the support chat.",
    },
    "too_many_connections": {
        "ru": "Открыто слишком много окон чата. Закройте, пожалуйста, лишние вкладки.",
        "en": "Too many chat windows are open. Please close the tabs you don't need.",
    },
    "erase_unavailable": {
        "ru": "Не получилось удалить переписку из-за временной технической проблемы. "
        "Ничего не удалено — попробуйте, пожалуйста, через несколько минут.",
        "en": "We couldn't delete the conversation because of a temporary technical problem. "
        "Nothing has been deleted yet — please try again in a few minutes.",
    },
    "not_found": {"ru": "Такой страницы нет.", "en": "There is no such page."},
    "method_not_allowed": {
        "ru": "Этот адрес не принимает такой метод HTTP.",
        "en": "This address does not accept that HTTP method.",
    },
    "invalid_language": {
        "ru": "Параметр lang должен быть ru или en.",
        "en": "The lang parameter must be ru or en.",
    },
    "invalid_frame": {
        "ru": "Непонятное сообщение от чата. Обновите, пожалуйста, страницу.",
        "en": "The chat sent something we could not read. Please reload the page.",
    },
    "invalid_conversation": {
        "ru": "Не указан идентификатор разговора (conversation).",
        "en": "The conversation id is missing or invalid.",
    },
    "rate_limited": {
        "ru": "Слишком много сообщений подряд. Подождите, пожалуйста, несколько секунд.",
        "en": "Too many messages in a row. Please wait a few seconds.",
    },
    "agent_joined": {
        "ru": "К чату подключился оператор {name}.",
        "en": "{name} from our support team has joined the chat.",
    },
    "agent_left": {
        "ru": "Оператор {name} завершил разговор.",
        "en": "{name} has finished the conversation.",
    },
    "agent_escalated": {
        "ru": "Оператор {name} передал ваш вопрос коллегам. Скоро с вами свяжутся.",
        "en": "{name} has passed your question to colleagues. They will contact you soon.",
    },
    "expected_waiting": {
        "ru": "Оператор подключится к чату в ближайшие минуты. Номер обращения {ticket}.",
        "en": "An agent will join this chat in a few minutes. Your case number is {ticket}.",
    },
    "expected_ticket": {
        "ru": "Сейчас свободных операторов нет. Мы ответим по оставленному контакту в рабочее "
        "время, обычно в течение одного рабочего дня. Номер обращения {ticket}.",
        "en": "No agent is available right now. We will reply using the contact you left during "
        "working hours, usually within one working day. Your case number is {ticket}.",
    },
    "internal_error": {
        "ru": "Что-то пошло не так на нашей стороне. Попробуйте, пожалуйста, ещё раз.",
        "en": "Something went wrong on our side. Please try again.",
    },
}


def text(code: str, language: Language = "ru", **values: object) -> str:
    return TEXTS[code][language].format(**values)


def both(code: str, **values: object) -> dict[str, str]:
    return {language: text(code, language, **values) for language in ("ru", "en")}
