"""The live model watcher is tested on the same small project as the content checks."""

from tests.content.conftest import project  # noqa: F401  (a fixture, used by name)
