"""The shared shell of the one-message-at-a-time NLU components."""

from __future__ import annotations

from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.rasa_server.nlu.message_component import MessageComponent, add_entities


class Marker(MessageComponent):
    prepared = 0

    @classmethod
    def prepare(cls) -> None:
        cls.prepared += 1

    def process_message(self, message: Message) -> None:
        message.set("seen", True)


class TrainingMarker(Marker):
    handles_training_data = True


def test_create_prepares_once_and_process_handles_every_message():
    component = Marker.create({}, None, None, None)  # type: ignore[arg-type]
    messages = [Message.build("a"), Message.build("b")]
    assert Marker.prepared == 1
    assert component.process(messages) is messages
    assert all(m.get("seen") for m in messages)


def test_training_examples_are_handled_only_when_the_component_says_so():
    for component, expected in ((Marker(), None), (TrainingMarker(), True)):
        data = TrainingData([Message.build("a", intent="greet")])
        assert component.process_training_data(data) is data
        assert data.training_examples[0].get("seen") is expected


def test_add_entities_appends_certain_entities_and_leaves_a_message_without_any_alone():
    message = Message.build("hi")
    add_entities(message, "X", [])
    assert message.get("entities") is None
    message.set("entities", [{"entity": "earlier"}])
    add_entities(message, "X", [("language", "en", 0, 0)])
    assert message.get("entities") == [
        {"entity": "earlier"},
        {
            "entity": "language",
            "value": "en",
            "start": 0,
            "end": 0,
            "confidence": 1.0,
            "extractor": "X",
        },
    ]
