"""Order numbers and versions as customers type them (contacts: tests/common/test_contacts.py)."""

from __future__ import annotations

from actions.customer import app_version_in, order_number_in


def test_order_number_and_app_version():
    assert order_number_in("заказ №45873921") == "45873921"
    assert order_number_in("4587 3921") == "45873921"
    assert order_number_in("1234567") is None
    assert order_number_in("123456789") is None
    assert app_version_in("версия 5.4.2 на андроиде") == "5.4.2"
    assert app_version_in("последняя") is None
