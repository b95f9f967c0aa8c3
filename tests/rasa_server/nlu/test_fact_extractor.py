"""The NLU component: every message's facts as entities, normalised, several per message; the
reading rules themselves are tested with bot/common/facts (tests/common, bench.facts)."""

from __future__ import annotations

from rasa.shared.nlu.training_data.message import Message

from bot.rasa_server.nlu.fact_extractor import FactExtractor, name_from_an_address


def entities(text: str) -> dict[str, str]:
    message = Message.build(text)
    FactExtractor().process([message])
    found = message.get("entities") or []
    assert all(e["extractor"] == "FactExtractor" for e in found)
    return {e["entity"]: e["value"] for e in found}


def test_several_facts_of_one_message_are_entities_in_normal_form():
    assert entities("Андрей Кузнецов, заказ 71529304, тел. 8 925 111-22-33") == {
        "customer_name": "Андрей Кузнецов",
        "phone": "+79251112233",
        "order_number": "71529304",
    }
    assert entities("I'm Tom Baker, email Tom.Baker@Outlook.com") == {
        "customer_name": "Tom Baker",
        "email": "tom.baker@outlook.com",
    }
    assert entities("заказ № 58 213 947, версия v5.4.1") == {
        "order_number": "58213947",
        "app_version": "5.4.1",
    }


def test_a_message_without_facts_adds_nothing():
    assert entities("не могу войти в личный кабинет") == {}
    assert entities("не скажу") == {}
    assert entities("???") == {}


def test_card_numbers_and_links_are_no_facts():
    assert entities("карта 2202 2046 1234 1230, списаний не было") == {}
    assert entities("https://facebook.com/jake.morrison") == {}


def test_a_mistyped_email_names_nobody():
    assert entities("oleg.smirnov@mail") == {}
    assert not name_from_an_address("Oleg", "это Oleg, почта oleg@mail")
    assert name_from_an_address("Oleg", "oleg.smirnov@mail")
    assert not name_from_an_address("Саша", "меня Сашей зовут")
    assert entities("vera@mail.ru Вера") == {"customer_name": "Вера", "email": "vera@mail.ru"}


def test_the_entity_spans_point_at_the_text_when_it_is_written_as_is():
    message = Message.build("Добрый вечер, я Вера, номер заказа 39182746")
    FactExtractor().process([message])
    name = next(e for e in message.get("entities") if e["entity"] == "customer_name")
    assert message.get("text")[name["start"] : name["end"]] == "Вера"


def test_other_extractors_entities_are_kept():
    message = Message.build("меня зовут Нина")
    message.set("entities", [{"entity": "language", "value": "ru", "start": 0, "end": 0}])
    FactExtractor().process([message])
    assert [e["entity"] for e in message.get("entities")] == ["language", "customer_name"]
