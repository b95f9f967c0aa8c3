"""Every test under tests/rasa_server/ starts and ends with Rasa's own code: whatever a test
installs through the patch registry (or by hand on a patched attribute) is put back afterwards,
so no test depends on the order in which files run."""

from __future__ import annotations

import warnings
from collections.abc import Iterator

import pytest

MISSING = object()


@pytest.fixture(autouse=True)
def rasas_own_code() -> Iterator[None]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Rasa's modules warn at import
        from bot.rasa_server.patches import registry

    saved = [(o, a, o.__dict__.get(a, MISSING)) for o, a in registry.targets()]
    yield
    registry.uninstall()
    for owner, attribute, value in saved:
        if value is MISSING:
            if attribute in owner.__dict__:
                delattr(owner, attribute)
        else:
            setattr(owner, attribute, value)
