"""Bad input to the gateway and to Rasa itself: a clear error or a polite reply, and every process
keeps running."""

from __future__ import annotations

import requests


def post_gateway(stack, data: bytes | str) -> requests.Response:
    return requests.post(
        f"{stack.settings.gateway_url}/api/chat",
        data=data,
        headers={"Content-Type": "application/json"},
        timeout=60,
    )


def test_empty_message_is_refused_clearly(stack):
    response = post_gateway(stack, '{"sender": "bad-1", "message": "   "}')
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "empty_message"


def test_too_long_message_is_refused_politely_in_its_language(stack):
    response = post_gateway(stack, '{"sender": "bad-2", "message": "%s"}' % ("a" * 20_000))
    assert response.status_code == 413
    error = response.json()["error"]
    assert error["code"] == "message_too_long"
    assert "too long" in error["message"]


def test_invalid_json_is_refused(stack):
    response = post_gateway(stack, "{not json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_json"


def test_non_utf8_bytes_are_refused(stack):
    response = post_gateway(stack, b'{"sender": "bad-3", "message": "\xff\xfe\xfa"}')
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_json"


def test_missing_sender_is_refused(stack):
    response = post_gateway(stack, '{"message": "привет"}')
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_sender"


def test_a_valid_message_still_works_after_bad_ones(stack):
    response = post_gateway(stack, '{"sender": "bad-4", "message": "где мой заказ"}')
    assert response.status_code == 200
    assert response.json()["messages"][0]["text"]


def test_rasa_itself_survives_bad_input(stack):
    url = f"{stack.settings.rasa_url}/webhooks/rest/webhook"
    requests.post(url, data=b"{not json", timeout=60)
    requests.post(url, data=b'{"message": "no sender"}', timeout=60)
    requests.post(url, data=b'{"sender": "x", "message": "\xff\xfe"}', timeout=60)
    requests.post(url, json={"sender": "long", "message": "слово " * 4000}, timeout=120)
    requests.post(url, json={"sender": "empty", "message": ""}, timeout=60)
    ok = requests.post(url, json={"sender": "after", "message": "привет"}, timeout=60)
    assert ok.status_code == 200 and ok.json()


def test_every_process_is_still_running(stack):
    assert stack.all_running()
