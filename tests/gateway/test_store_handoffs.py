"""The handoff store on a real SQLite file: transitions, the atomic claim, restarts."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from bot.gateway.store.database import make_engine
from bot.gateway.store.handoffs import HandoffStore, NewHandoff
from bot.gateway.store.states import TRANSITIONS, HandoffError, check_transition


def new_case(conversation: str = "w-1", priority: str = "normal", state: str = "waiting"):
    return NewHandoff(
        conversation=conversation,
        state=state,  # type: ignore[arg-type]
        group="billing",
        priority=priority,
        reason="requested",
        language="ru",
        case={"topic": "payment", "customer": {"name": "Анна"}},
        summary_text="сводка",
    )


@pytest.fixture
def store(tmp_path: Path) -> HandoffStore:
    return HandoffStore(make_engine(f"sqlite:///{tmp_path / 'g.db'}"))


@pytest.mark.parametrize("current", list(TRANSITIONS))
@pytest.mark.parametrize("target", list(TRANSITIONS))
def test_only_the_documented_transitions_are_allowed(current: str, target: str):
    allowed = {
        ("waiting", "assigned"),
        ("waiting", "ticket"),
        ("ticket", "assigned"),
        ("assigned", "closed"),
        ("assigned", "waiting"),
    }
    if (current, target) in allowed:
        check_transition(current, target)  # type: ignore[arg-type]
    else:
        with pytest.raises(HandoffError) as caught:
            check_transition(current, target)  # type: ignore[arg-type]
        assert caught.value.status == 409 and current in caught.value.message


def test_full_life_cycle_and_ticket_number(store: HandoffStore):
    case, created = store.create(new_case())
    assert created and case["state"] == "waiting" and case["ticket"] == "LM-000001"
    again, created_again = store.create(new_case())
    assert not created_again and again["id"] == case["id"]
    store.move(case["id"], "ticket")
    claimed = store.claim(case["id"], "maria", "Мария")
    assert claimed["state"] == "assigned" and claimed["agent"]["name"] == "Мария"
    escalated = store.escalate(case["id"], "maria", "third_line")
    assert (escalated["state"], escalated["group"], escalated["agent"]) == (
        "waiting",
        "third_line",
        None,
    )
    store.claim(case["id"], "ivan", "Иван")
    closed = store.close(case["id"], "ivan", "вернули деньги")
    assert closed["state"] == "closed" and closed["resolution"] == "вернули деньги"
    with pytest.raises(HandoffError) as caught:
        store.claim(case["id"], "maria", "Мария")
    assert caught.value.code == "case_closed"
    with pytest.raises(HandoffError):
        store.move(case["id"], "waiting")
    assert store.create(new_case())[1], "a closed case does not block a new one"


def test_only_the_owner_may_close_or_escalate(store: HandoffStore):
    case, _ = store.create(new_case())
    with pytest.raises(HandoffError) as not_claimed:
        store.close(case["id"], "maria", "x")
    assert not_claimed.value.code == "not_claimed"
    store.claim(case["id"], "maria", "Мария")
    with pytest.raises(HandoffError) as other:
        store.close(case["id"], "ivan", "x")
    assert other.value.code == "not_owner" and other.value.details["owner"] == "Мария"


def test_two_claims_at_once_exactly_one_wins(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'race.db'}"
    setup = HandoffStore(make_engine(url))
    ids = [setup.create(new_case(f"w-{n}"))[0]["id"] for n in range(15)]
    agents = [HandoffStore(make_engine(url)) for _ in range(2)]  # two engines: two "gateways"
    for case_id in ids:
        results = race(agents, case_id)
        assert sorted(results.values()) == ["already_claimed", "won"], results
        winner = next(login for login, result in results.items() if result == "won")
        assert setup.get(case_id)["agent"]["login"] == winner


def race(stores: list[HandoffStore], case_id: int) -> dict[str, str]:
    """Each store claims the case in its own thread, released at the same instant."""
    barrier = threading.Barrier(len(stores))
    results: dict[str, str] = {}

    def claim(store: HandoffStore, login: str) -> None:
        barrier.wait()
        try:
            store.claim(case_id, login, login.title())
            results[login] = "won"
        except HandoffError as error:
            results[login] = error.code

    threads = [
        threading.Thread(target=claim, args=(store, f"agent{n}")) for n, store in enumerate(stores)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_queue_is_ordered_by_priority_then_waiting_time(store: HandoffStore):
    first = store.create(new_case("w-a"))[0]
    urgent = store.create(new_case("w-b", priority="high"))[0]
    third = store.create(new_case("w-c"))[0]
    queue = store.queue(("waiting",), ("billing",))
    assert [c["id"] for c in queue] == [urgent["id"], first["id"], third["id"]]
    assert store.queue(("waiting",), ("technical",)) == []


def test_nothing_is_lost_on_restart(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'g.db'}"
    before = HandoffStore(make_engine(url))
    case, _ = before.create(new_case())
    before.claim(case["id"], "maria", "Мария")
    before.add_note(case["id"], "note", "maria", "Мария", "позвонить завтра")
    after = HandoffStore(make_engine(url))
    detail = after.detail(case["id"])
    assert detail["state"] == "assigned" and detail["notes"][0]["text"] == "позвонить завтра"
    assert detail["summary"]["customer"]["name"] == "Анна"


def test_unknown_case_is_not_found(store: HandoffStore):
    with pytest.raises(HandoffError) as caught:
        store.claim(404, "maria", "Мария")
    assert caught.value.status == 404


def test_facts_given_after_filing_join_the_open_case_and_its_summary(store: HandoffStore):
    case, _ = store.create(new_case())

    def render(record: dict, group: str) -> str:
        return f"{group}: {record['customer'].get('email')}"

    found = store.add_customer_facts("w-1", {"email": "anna@example.com", "name": "Анна"}, render)
    assert found is not None
    updated, changed = found
    assert updated["id"] == case["id"] and changed == ["email"], "the name was known already"
    detail = store.detail(case["id"])
    assert detail["summary"]["customer"] == {"name": "Анна", "email": "anna@example.com"}
    assert detail["summary_text"] == "billing: anna@example.com"
    assert store.add_customer_facts("w-1", {"email": "anna@example.com"}, render)[1] == []
    store.move(case["id"], "ticket")
    store.claim(case["id"], "maria", "Мария")
    store.close(case["id"], "maria", "solved")
    assert store.add_customer_facts("w-1", {"phone": "+79161234567"}, render) is None
