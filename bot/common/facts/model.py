"""The result of reading one message: normalised values, so callers compare and store them as is."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# (start, end) character offsets into the text that was read, as for slicing: text[start:end].
Span = tuple[int, int]
# How the name was given: the writer's own ("меня зовут Вера", a signature), the person to reach
# at the contact the writer gives ("звоните Олегу: ¶"), or a correction of a name given before
# ("меня зовут не Оля, а Ольга"). A name of the first kind given once stays; a correction replaces
# it; the person to reach is not the writer when the writer's name is known.
NameKind = Literal["own", "reach", "correction"]


@dataclass(frozen=True)
class Facts:
    """What one message says about its writer; None where it says nothing (or nothing certain).

    name: the customer's own name, nominative ("Андрей Кузнецов", "Вера", "Tom Baker"), and
    name_kind how it was given (NameKind);
    email: lower-case; phone: E.164 ("+79251112233"); order_number: 8 digits;
    app_version: "5.12" or "5.12.1"; card_numbers: where payment card numbers are, to mask them.
    """

    name: str | None = None
    name_kind: NameKind | None = None
    email: str | None = None
    phone: str | None = None
    order_number: str | None = None
    app_version: str | None = None
    card_numbers: tuple[Span, ...] = ()

    @property
    def has_card(self) -> bool:
        return bool(self.card_numbers)
