"""The customer websocket: hello and history, ack and dedupe, bot replies, errors."""

from __future__ import annotations

from tests.gateway.conftest import next_frame


async def hello(client, conversation: str = "w-ws", after: int = 0):
    socket = await client.ws_connect("/ws/chat")
    await socket.send_json(
        {"type": "hello", "conversation": conversation, "after": after, "metadata": {"name": "A"}}
    )
    return socket, await next_frame(socket, "history")


async def test_message_is_acked_answered_and_a_resend_is_not(make_gateway, fake_rasa):
    client = await make_gateway()
    socket, history = await hello(client)
    assert history == {"type": "history", "messages": [], "mode": "bot", "agent": None}
    frame = {"type": "message", "client_id": "c-1", "text": "где мой заказ"}
    await socket.send_json(frame)
    ack = await next_frame(socket, "ack")
    reply = await next_frame(socket, "message")
    assert ack["client_id"] == "c-1" and reply["message"]["text"] == "Ответ бота"
    assert fake_rasa.received[0]["metadata"] == {"name": "A"}
    await socket.send_json(frame)
    again = await next_frame(socket, "ack")
    assert again["id"] == ack["id"] and len(fake_rasa.received) == 1
    await socket.close()
    # a reconnect catches up from the last id it has
    socket, history = await hello(client, after=ack["id"])
    assert [m["text"] for m in history["messages"]] == ["Ответ бота"]
    await socket.close()


async def test_ping_typing_and_bad_frames(make_gateway):
    client = await make_gateway()
    socket, _ = await hello(client, "w-bad")
    await socket.send_json({"type": "ping"})
    assert (await next_frame(socket, "pong"))["type"] == "pong"
    await socket.send_json({"type": "typing", "on": True})  # no agent: nobody to tell, no error
    await socket.send_str("not json")
    assert (await next_frame(socket, "error"))["code"] == "invalid_frame"
    await socket.send_json({"type": "message", "client_id": "c-2", "text": "я" * 3000})
    error = await next_frame(socket, "error")
    assert error["code"] == "message_too_long" and error["client_id"] == "c-2"
    assert "2000" in error["message"]
    await socket.send_json({"type": "message", "text": "no client id"})
    assert (await next_frame(socket, "error"))["code"] == "invalid_client_id"
    await socket.send_json({"type": "message", "client_id": "c-3", "text": "  "})
    assert (await next_frame(socket, "error"))["code"] == "empty_message"
    await socket.close()


async def test_first_frame_must_be_hello(make_gateway):
    client = await make_gateway()
    socket = await client.ws_connect("/ws/chat")
    await socket.send_json({"type": "message", "client_id": "c", "text": "hi"})
    assert (await socket.receive_json())["code"] == "invalid_frame"
    socket2 = await client.ws_connect("/ws/chat")
    await socket2.send_json({"type": "hello", "conversation": "<script>"})
    assert (await socket2.receive_json())["code"] == "invalid_conversation"


async def test_rasa_down_over_websocket_is_a_polite_error(make_gateway):
    client = await make_gateway(rasa_port=1, rasa_timeout_seconds=1)
    socket, _ = await hello(client, "w-down")
    await socket.send_json({"type": "message", "client_id": "c-1", "text": "where is my order"})
    await next_frame(socket, "ack")
    error = await next_frame(socket, "error")
    assert error["code"] == "bot_unavailable" and error["client_id"] == "c-1"
    await socket.close()
