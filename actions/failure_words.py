"""Words that tell that something did not help, in both languages: one vocabulary for the readers
that need it. After an article they are the customer's "no" to it ("не помогло, кэш чистил"); after
something the customer did they say the attempt was made ("переустанавливала, без толку")."""

from __future__ import annotations

import re

FAILED = (
    r"не (?:помогл[оаи]?|помог|помогает|помогают|сработал[оаи]?|изменилось|поменялось)"
    r"|без (?:толку|толка|результата|изменений)|безрезультатно|бесполезно"
    r"|ничего не (?:изменилось|поменялось|дало)|(?:та же|то же|все та же|все то же)"
    r" (?:ошибка|самое|проблема|история)|все (?:так же|также|по-прежнему)"
    r"|(?:didn'?t|did not|doesn'?t|does not|hasn'?t|has not|won'?t) (?:help|work|fix|change)"
    r"|same (?:error|problem|issue|thing|result|screen)|still the same"
    r"|no (?:luck|change|difference)|made no difference|to no avail"
)
FAILED_RESULT = re.compile(rf"\b(?:{FAILED})\b")
