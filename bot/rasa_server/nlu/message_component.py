"""The shell shared by the project's untrained NLU components that read or change one message at
a time: no settings, nothing learnt, the same work on each parsed message (and, where the
component says so, on each training example).

Rasa asks every component for `get_default_config`, `create`, `process_training_data` and
`process`; written out in each component, those are the same twenty lines. A component here
writes only `process_message`, and `prepare` when something must load with the model rather than
on the first customer's message.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from typing_extensions import Self


class MessageComponent(GraphComponent):
    """A component without settings or training that handles each message on its own."""

    # Training examples are handled too, so that the classifiers learn from what they will read.
    handles_training_data: ClassVar[bool] = False

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {}

    @classmethod
    def prepare(cls) -> None:
        """Loads what the component needs once, when the model loads."""

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> Self:
        cls.prepare()
        return cls()

    def process_message(self, message: Message) -> None:
        """Reads or changes one message in place."""
        raise NotImplementedError

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        if self.handles_training_data:
            for example in training_data.training_examples:
                self.process_message(example)
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            self.process_message(message)
        return messages


def add_entities(message: Message, extractor: str, found: list[tuple[str, str, int, int]]) -> None:
    """Appends (entity, value, start, end) entities, certain ones, to what earlier extractors
    found."""
    if not found:
        return
    entities = [
        {
            "entity": entity,
            "value": value,
            "start": start,
            "end": end,
            "confidence": 1.0,
            "extractor": extractor,
        }
        for entity, value, start, end in found
    ]
    message.set(ENTITIES, [*message.get(ENTITIES, []), *entities], add_to_output=True)
