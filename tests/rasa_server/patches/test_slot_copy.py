"""Copying a slot directly gives what `copy.copy`'s generic protocol gives."""

from __future__ import annotations

import copy
import warnings
from pathlib import Path

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.slots import Slot, TextSlot

from bot.common.settings import PROJECT_ROOT
from bot.rasa_server.patches import slot_copy
from bot.rasa_server.patches.registry import install, select, uninstall


def domain_slots() -> list[Slot]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return Domain.load(Path(PROJECT_ROOT) / "domain.yml").slots


def generic_copy(value: object) -> object:
    return copy._reconstruct(value, None, *value.__reduce_ex__(4))


def test_every_slot_of_the_domain_copies_as_copy_copy_would():
    slots = domain_slots()
    assert len({type(slot) for slot in slots}) >= 4
    for slot in slots:
        assert slot_copy.copies_plainly(type(slot))  # the direct copy, not the fallback
        slot.value = ["a"] if slot.type_name == "list" else slot.value
        ours, generic = slot_copy.copy_slot(slot), generic_copy(slot)
        assert type(ours) is type(generic) is type(slot) and ours is not slot
        assert ours.__dict__ == generic.__dict__
        assert all(ours.__dict__[k] is v for k, v in slot.__dict__.items())  # shallow, as copy
        ours.value = "changed"
        assert slot.value != "changed"


class PickledSlot(TextSlot):
    def __getstate__(self) -> dict:
        return {**self.__dict__, "restored": True}


class SlottedSlot(TextSlot):
    __slots__ = ("extra",)


def test_a_slot_that_customises_copying_keeps_its_own_protocol(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(Slot, "__copy__", slot_copy.copy_slot, raising=False)
    slot = PickledSlot("custom", mappings=[])
    assert not slot_copy.copies_plainly(PickledSlot)
    assert copy.copy(slot).__dict__["restored"] is True
    slotted = SlottedSlot("slotted", mappings=[])
    slotted.extra = 5
    assert not slot_copy.copies_plainly(SlottedSlot)
    assert copy.copy(slotted).extra == 5
    assert slot_copy.copies_plainly(TextSlot)


def test_install_makes_copy_copy_use_it():
    assert "__copy__" not in Slot.__dict__
    install(select("slot_copy"))
    assert Slot.__copy__ is slot_copy.copy_slot
    uninstall()
    assert "__copy__" not in Slot.__dict__
