from __future__ import annotations

import pytest

from bot.gateway.chat_request import ChatRequestError, parse_chat_request


@pytest.mark.parametrize(
    ("body", "code", "status"),
    [
        (b"{bad", "invalid_json", 400),
        (b"[1, 2]", "invalid_json", 400),
        (b'{"sender": "a", "message": "\xff"}', "invalid_json", 400),
        (b'{"message": "hi"}', "invalid_sender", 400),
        (b'{"sender": "a b", "message": "hi"}', "invalid_sender", 400),
        (b'{"sender": "a", "message": ""}', "empty_message", 422),
        (b'{"sender": "a", "message": 5}', "empty_message", 422),
        (b'{"sender": "a", "message": "hi", "metadata": [1]}', "invalid_metadata", 400),
    ],
)
def test_bad_requests_are_refused_with_a_code(body: bytes, code: str, status: int):
    with pytest.raises(ChatRequestError) as caught:
        parse_chat_request(body, max_chars=100)
    assert (caught.value.code, caught.value.status) == (code, status)


def test_too_long_message_carries_the_limit_and_language():
    with pytest.raises(ChatRequestError) as caught:
        parse_chat_request(('{"sender": "a", "message": "%s"}' % ("я" * 101)).encode(), 100)
    assert caught.value.status == 413
    assert caught.value.language == "ru"
    assert caught.value.values == {"limit": 100}


def test_good_request_keeps_only_string_metadata():
    request = parse_chat_request(
        b'{"sender": "web-1", "message": " hi ", "metadata": {"name": "Ann", "n": 1}}', 100
    )
    assert (request.sender, request.message, request.metadata) == ("web-1", "hi", {"name": "Ann"})
