"""The one loader of settings dataclasses from `<PREFIX><FIELD>` variables."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.common.environment import fields_from_mapping, to_mapping, variable_names


class Invalid(ValueError):
    pass


@dataclass(frozen=True)
class Sample:
    port: int = 1
    timeout: float = 2.0
    folder: Path = Path("/srv")
    name: str = "x"
    hidden: str = ""


def load(values: dict[str, str], **options) -> Sample:
    return Sample(**fields_from_mapping(Sample, values, "APP_", error=Invalid, **options))


def test_fields_are_converted_by_their_annotation():
    sample = load({"APP_PORT": "8080", "APP_TIMEOUT": "1.5", "APP_FOLDER": "data", "APP_NAME": "7"})
    assert sample == Sample(8080, 1.5, Path("data").resolve(), "7")


def test_other_variables_and_other_families_are_left_alone():
    assert load({"HOME": "/root", "APP_KB_PATH": "/kb"}, other_families=("APP_KB_",)) == Sample()


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"APP_PROT": "1"}, "Unknown setting APP_PROT. Known: APP_PORT, APP_TIMEOUT,"),
        ({"APP_HIDDEN": "1"}, "Unknown setting APP_HIDDEN."),
        ({"APP_PORT": "eighty"}, "APP_PORT must be a int, got 'eighty'."),
        ({"APP_TIMEOUT": "soon"}, "APP_TIMEOUT must be a float"),
    ],
)
def test_a_wrong_variable_is_named_with_the_families_error(values, message):
    with pytest.raises(Invalid, match=message.replace(".", r"\.")):
        load(values, exclude=frozenset({"hidden"}))


def test_names_exclude_what_no_variable_may_set():
    assert variable_names(Sample, "APP_", frozenset({"hidden"}))[-1] == "APP_NAME"


def test_to_mapping_is_read_back_unchanged():
    sample = Sample(9, 0.5, Path("/tmp/x"), "name")
    assert load(to_mapping(sample, "APP_")) == sample
