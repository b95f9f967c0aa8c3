"""The NLU's normaliser and its closing half: the classifiers read the message as the search does,
everything after them reads what the customer typed, and "???" becomes nlu_fallback."""

from __future__ import annotations

from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.rasa_server.nlu.message_normaliser import MessageNormaliser
from bot.rasa_server.nlu.original_text import OriginalText


def classified(text: str, intent: str = "greet", confidence: float = 0.9) -> Message:
    """A message as the classifiers leave it, after the normaliser ran first."""
    message = Message.build(text)
    MessageNormaliser().process([message])
    ranking = [{"name": intent, "confidence": confidence}, {"name": "thanks", "confidence": 0.05}]
    message.set("intent", ranking[0], add_to_output=True)
    message.set("intent_ranking", ranking, add_to_output=True)
    return message


def test_the_classifiers_read_latin_typed_russian_in_cyrillic():
    message = classified("privet, ne prihodit kod 1234")
    assert message.get("text") == "привет, не приходит код 1234"
    OriginalText().process([message])
    assert message.get("text") == "privet, ne prihodit kod 1234"
    assert message.get("intent")["name"] == "greet"


def test_a_long_story_is_classified_by_its_question_and_keeps_its_facts():
    story = "Заказ 45873921 оформила в понедельник. " * 10 + "Когда его привезут?"
    message = classified(story, "order_status")
    assert message.get("text") == "Когда его привезут?"
    OriginalText().process([message])
    assert message.get("text") == story  # the order number is there for the fact extractor


def test_a_message_with_nothing_to_read_becomes_fallback():
    message = classified("???")
    OriginalText().process([message])
    assert message.get("intent") == {"name": "nlu_fallback", "confidence": 1.0}
    assert [r["name"] for r in message.get("intent_ranking")] == ["nlu_fallback", "greet", "thanks"]
    assert "intent" in message.as_dict(only_output_properties=True)


def test_plain_messages_pass_untouched():
    message = classified("где мой заказ", "order_status")
    OriginalText().process([message])
    assert message.get("text") == "где мой заказ"
    assert message.get("intent")["name"] == "order_status"


def test_training_examples_are_read_the_same_way():
    data = TrainingData([Message.build("gde moy zakaz", intent="order_status")])
    MessageNormaliser().process_training_data(data)
    assert data.training_examples[0].get("text") == "где мой заказ"
