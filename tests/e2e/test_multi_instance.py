"""Two complete stacks (Rasa server, action server, gateway each, started by the supervisor)
sharing one PostgreSQL (Rasa's tracker store and the gateways' database) and one Redis (Rasa's
lock store and the gateways' live events), as a load balancer would spread customers over them:
a conversation goes on whichever gateway and Rasa server a message reaches, an agent on one
gateway chats with a customer on the other, and erasing on one forgets it on both."""

from __future__ import annotations

import asyncio
import contextlib
import secrets
from collections.abc import Iterator

import aiohttp
import pytest
import requests

from bot.common.build.training import TrainedModel
from bot.common.settings import Settings
from tests.conftest import RunningStack, free_port, supervised
from tests.gateway import postgres, redis_server
from tests.gateway.conftest import PASSWORD, TOKEN, case_body, write_agents_file

STARTUP_SECONDS = 600


@pytest.fixture(scope="module")
def two_stacks(
    trained_model: TrainedModel, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[RunningStack, RunningStack]]:
    if not (postgres.available() and redis_server.REDIS):
        pytest.fail("needs postgresql and redis-server: run `make test`, which installs them")
    with postgres.running_postgres() as database, redis_server.running_redis() as redis_url:
        agents = write_agents_file(tmp_path_factory.mktemp("agents") / "agents.yml")
        with contextlib.ExitStack() as running:
            stacks = [
                running.enter_context(
                    supervised(
                        Settings(
                            rasa_port=free_port(),
                            actions_port=free_port(),
                            gateway_port=free_port(),
                            data_dir=tmp_path_factory.mktemp("stack"),
                            startup_timeout_seconds=STARTUP_SECONDS,
                            tracker_store_url=database,
                            lock_store_url=redis_url,
                            database_url=database,
                            hub_redis_url=redis_url,
                            internal_token=TOKEN,
                            agents_file=str(agents),
                        ),
                        trained_model.path,
                        STARTUP_SECONDS,
                    )
                )
                for _ in range(2)
            ]
            yield stacks[0], stacks[1]


def chat(stack: RunningStack, sender: str, text: str) -> dict:
    answer = requests.post(
        f"{stack.settings.gateway_url}/api/chat",
        json={"sender": sender, "message": text, "metadata": {"language": "ru"}},
        timeout=60,
    )
    assert answer.status_code == 200, answer.text
    return answer.json()


def user_texts(stack: RunningStack, sender: str) -> list[str]:
    answer = requests.get(
        f"{stack.settings.rasa_url}/conversations/{sender}/tracker",
        params={"include_events": "ALL"},
        timeout=30,
    )
    answer.raise_for_status()
    return [e["text"] for e in answer.json()["events"] if e["event"] == "user"]


def test_a_conversation_goes_on_across_stacks_and_is_erased_on_both(two_stacks):
    first, second = two_stacks
    sender = "w-" + secrets.token_hex(16)
    assert chat(first, sender, "привет")["messages"]
    assert chat(second, sender, "где мой заказ?")["messages"]
    assert user_texts(first, sender) == user_texts(second, sender) == ["привет", "где мой заказ?"]
    history = requests.get(
        f"{first.settings.gateway_url}/api/chat/history",
        params={"conversation": sender},
        timeout=30,
    ).json()["messages"]
    assert [m["text"] for m in history if m["author"] == "customer"] == ["привет", "где мой заказ?"]

    erased = requests.delete(
        f"{second.settings.gateway_url}/api/chat", params={"conversation": sender}, timeout=30
    )
    assert erased.status_code == 200 and erased.json()["deleted"]["messages"] >= 4
    assert user_texts(first, sender) == []


def test_an_agent_on_one_stack_chats_with_a_customer_on_the_other(two_stacks):
    first, second = two_stacks
    asyncio.run(agent_and_customer(first.settings.gateway_url, second.settings.gateway_url))


async def agent_and_customer(customer_gateway: str, agent_gateway: str) -> None:
    conversation = "w-" + secrets.token_hex(16)
    timeout = aiohttp.ClientTimeout(total=60)
    async with (
        aiohttp.ClientSession(timeout=timeout) as customer,
        # unsafe: keep the desk's session cookie from an IP address (127.0.0.1)
        aiohttp.ClientSession(timeout=timeout, cookie_jar=aiohttp.CookieJar(unsafe=True)) as agent,
    ):
        socket = await customer.ws_connect(customer_gateway + "/ws/chat")
        await socket.send_json({"type": "hello", "conversation": conversation})
        async with agent.post(
            agent_gateway + "/desk/api/login", json={"login": "maria", "password": PASSWORD}
        ) as login:
            csrf = {"X-CSRF-Token": (await login.json())["csrf"]}
        async with customer.post(
            customer_gateway + "/internal/handoffs",
            json=case_body(conversation),
            headers={"Authorization": f"Bearer {TOKEN}"},
        ) as filed:
            case = f"{agent_gateway}/desk/api/cases/{(await filed.json())['handoff_id']}"
        async with agent.post(case + "/claim", headers=csrf) as claim:
            assert claim.status == 200
        async with agent.post(case + "/messages", json={"text": "Здравствуйте!"}, headers=csrf):
            pass
        kinds = []
        while "agent" not in kinds:
            frame = await socket.receive_json(timeout=30)
            kinds.append(
                frame["message"]["author"] if frame["type"] == "message" else frame["type"]
            )
        assert "agent_joined" in kinds
        await socket.close()
