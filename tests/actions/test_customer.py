"""What the customer told us: names for display, the facts the NLU read from the latest message,
and a bare version number (contacts: tests/common/test_contacts.py)."""

from __future__ import annotations

from actions.customer import app_version_in, clean_name, stated_facts
from tests.actions.conftest import tracker, user


def test_names_are_cleaned_for_display():
    assert clean_name("  Анна-Мария ") == "Анна-Мария"
    assert clean_name("<b>Oleg</b> 123") == "b Oleg b"
    assert clean_name(42) is None
    assert clean_name("!!!") is None


def test_the_facts_of_the_latest_message_are_its_fact_entities():
    entities = [
        {"entity": "language", "value": "ru"},
        {"entity": "customer_name", "value": "Андрей Кузнецов"},
        {"entity": "phone", "value": "+79251112233"},
        {"entity": "phone", "value": "+79990000000"},
        {"entity": "order_number", "value": ""},
    ]
    state = tracker(
        [user("Андрей Кузнецов, тел. 8 925 111-22-33", "nlu_fallback")], {}, entities=entities
    )
    assert stated_facts(state) == {"customer_name": "Андрей Кузнецов", "phone": "+79251112233"}
    assert stated_facts(tracker([user("привет", "greet")])) == {}


def test_a_bare_version_number_is_read_where_a_version_is_asked():
    assert app_version_in("версия 5.4.2 на андроиде") == "5.4.2"
    assert app_version_in("5.4") == "5.4"
    assert app_version_in("последняя") is None
    assert app_version_in(None) is None
