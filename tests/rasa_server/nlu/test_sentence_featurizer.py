"""The featurizer gives each parsed message its sentence vector and remembers it for the search."""

from __future__ import annotations

import numpy as np
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.rasa_server.nlu.sentence_featurizer import SentenceEmbeddingFeaturizer
from retrieval.encoder import load_encoder
from retrieval.known_vector import recent_vectors


def test_parsed_messages_get_their_vector_and_it_is_remembered():
    encoder = load_encoder()
    featurizer = SentenceEmbeddingFeaturizer(
        {**SentenceEmbeddingFeaturizer.get_default_config()}, "featurizer", encoder
    )
    messages = [Message(data={TEXT: "где мой заказ 123"}), Message(data={TEXT: "hello"})]
    featurizer.process([*messages, Message(data={})])
    for message in messages:
        dense = message.get_dense_features(TEXT)[1].features[0]
        known = recent_vectors.recall(message.get(TEXT))
        assert known is not None and known.encoder == encoder.name
        assert np.array_equal(known.vector, dense)
        assert np.allclose(dense, encoder.encode([message.get(TEXT)])[0], atol=1e-5)


def test_one_message_at_a_time_as_the_server_parses_gives_the_searchs_own_vector():
    encoder = load_encoder()
    featurizer = SentenceEmbeddingFeaturizer(
        {**SentenceEmbeddingFeaturizer.get_default_config()}, "featurizer", encoder
    )
    featurizer.process([Message(data={TEXT: "не могу войти в личный кабинет"})])
    known = recent_vectors.recall("не могу войти в личный кабинет")
    assert np.array_equal(known.vector, encoder.encode(["не могу войти в личный кабинет"])[0])


def test_a_normalised_message_is_remembered_by_the_text_typed_with_the_text_read():
    from bot.rasa_server.nlu.message_normaliser import normalise

    encoder = load_encoder()
    featurizer = SentenceEmbeddingFeaturizer(
        {**SentenceEmbeddingFeaturizer.get_default_config()}, "featurizer", encoder
    )
    typed = "privet, ne prihodit kod"
    message = Message(data={TEXT: typed})
    normalise(message)
    read = message.get(TEXT)
    assert read != typed  # read in Cyrillic
    featurizer.process([message])
    known = recent_vectors.recall(typed)  # what the action call looks it up by
    assert known is not None and known.text == read
    assert np.array_equal(known.vector, encoder.encode([read])[0])
