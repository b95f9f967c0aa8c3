"""Words that tell that something did not help, in both languages: one vocabulary for the readers
that need it. After an article they are the customer's "no" to it ("не помогло, кэш чистил"); after
something the customer did they say the attempt was made ("переустанавливала, без толку"); said
anywhere in a message after an answer, with the words of a problem that came back, they tell
that the problem goes on (`GOES_ON`)."""

from __future__ import annotations

import re

FAILED = (
    r"не (?:помогл[оаи]?|помог|помогает|помогают|сработал[оаи]?|изменилось|поменялось)"
    r"|без (?:толку|толка|результата|изменений)|безрезультатно|бесполезно"
    r"|ничего не (?:изменилось|поменялось|дало)|(?:та же|то же|все та же|все то же)"
    r" (?:ошибка|самое|проблема|история)|все (?:так же|также|по-прежнему)"
    r"|(?:didn'?t|did not|doesn'?t|does not|hasn'?t|has not|won'?t) (?:help|work|fix|change)"
    r"|(?:isn'?t|is not|wasn'?t|was not) help(?:ing|ful)"
    r"|same (?:error|problem|issue|thing|result|screen)|still the same"
    r"|no (?:luck|change|difference)|made no difference|to no avail"
)
FAILED_RESULT = re.compile(rf"\b(?:{FAILED})\b")
# The problem goes on or came back, said anywhere in the message: "вчера весь вечер пытался,
# сегодня то же самое", "вчера тоже был закрыт, и позавчера", "and it's the same thing again
# today", "still nothing", "still happens every few minutes", "всё ещё выкидывает". Another thing
# that fails too is a problem of its own ("и ссылка на сброс тоже не открывается", "and it won't
# update either"), and "again" alone is as often a step repeated ("makes me log in again").
GOES_ON = re.compile(
    rf"\b(?:{FAILED}|до сих пор|все еще|still (?:no|not|nothing|\w+n'?t)"
    r"|(?:still|keeps?) (?:happen\w*|occur\w*)"
    r"|(?:вчера|позавчера|сегодня|утром|вечером) тоже|(?:yesterday|today) too)\b"
)
