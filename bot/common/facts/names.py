"""The customer's own name, and only theirs.

Read where the writer introduces or signs as a person ("меня зовут Андрей", "I'm Kate", "Тимофей
Князев беспокоит", "С уважением, Вера", "Thanks, Kate"), or where a name stands alone as a piece
of the message: the whole message ("Вера"), its opening ("Алёна, заказ 28301947, ..."), its end
("..., Герман") or next to a contact or number the writer gives ("8 917 404 33 22 Лидия"); and
the person to reach at a contact the writer gives ("Звоните Олегу: ¶"). A surname given on its
own completes a first name given elsewhere ("меня зовут Илья, фамилия Широков").

A name elsewhere is someone else's: "курьер Игорь не приехал", "передайте Марине", "The courier,
Steve, was rude"; and a single name first and followed by a request or a greeting addresses the
reader ("Марина, подскажите", "Привет, Вера", "Добрый день, Марина! Заказ не пришёл",
"Спасибо, Марина!"), a name with its surname does not. Weak cues ("я", "это", "I'm") need a word
known as a first name in the nominative; strong ones ("меня зовут", "my name is") take any
capitalised word. A name corrected in so many words ("меня зовут не Оля, а Ольга") is the new one;
one written again with its surname ("I'm Rachel. Rachel Goldberg") is the fuller one.
The rules about cues are here; the name standing alone is name_alone.py, signatures
name_signatures.py, corrections name_corrections.py, and reading a name at a place
name_reading.py. Each rule says what kind of name it reads (model.NameKind).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from bot.common.facts.english_names import ENGLISH_STOPWORDS
from bot.common.facts.english_words import common_words
from bot.common.facts.model import NameKind
from bot.common.facts.name_alone import alone
from bot.common.facts.name_corrections import corrected
from bot.common.facts.name_cues import (
    AFTER_CUES,
    AGAIN,
    CALLED,
    CALLED_AFTER,
    CONTACT_LINKS,
    CONTACT_PREPOSITIONS,
    CONTACT_VERBS,
    CUE_FILLERS,
    ENDING_CUES,
    ENGLISH_NAME_FOLLOWERS,
    FILED,
    FIRST_PERSON,
    FROM,
    GREETINGS,
    LOWERCASE_NAME_FOLLOWERS,
    NOT_OWN_BEFORE_CUE,
    OPENING_CUES,
    OPENING_PARTICLES,
    REACH_LINKS,
    STRONG_CUES,
    SURNAME_CUES,
    WEAK_CUES,
    Cue,
    by_first_word,
)
from bot.common.facts.name_parts import Part, display
from bot.common.facts.name_reading import (
    Found,
    any_word_first,
    is_fact,
    is_mark,
    matches,
    past_origin,
    phrase_ends,
    read_name,
    skip_separators,
    surname_at,
)
from bot.common.facts.name_signatures import dash_signed, signed
from bot.common.facts.tokens import Token, tokenize
from bot.common.facts.translit import is_latin

_STRONG = by_first_word(STRONG_CUES)
_SURNAME = by_first_word(SURNAME_CUES)
_WEAK = by_first_word(WEAK_CUES)


def _after_cue(
    tokens: Sequence[Token], cues: dict[str, tuple[Cue, ...]], strong: bool
) -> Found | None:
    for index, token in enumerate(tokens):
        if index and tokens[index - 1].lower in NOT_OWN_BEFORE_CUE:
            continue  # "заказ на имя Анна Петрова"
        for cue in cues.get(token.lower, ()):
            if not matches(tokens, index, cue):
                continue
            if cue in OPENING_CUES and not is_mark(tokens, index - 1):
                continue  # "курьера зовут Игорь"
            start = _past_fillers(tokens, skip_separators(tokens, index + len(cue)))
            found = read_name(tokens, start, nominative_only=not strong, any_word=strong)
            if found and (strong or not found.unsure or _introduction_ends(tokens, found.stop)):
                return found
            lone = surname_at(tokens, start) if found is None else None
            if lone and (strong or _introduction_ends(tokens, lone.stop)):
                return lone  # "фамилия Мельников", "я — Пахомов", "пишет вам Гончаренко:"
            if not strong and cue[0].isascii() and (found := _english_unlisted(tokens, start)):
                return found
    return None


def _past_fillers(tokens: Sequence[Token], index: int) -> int:
    """Past the words between a cue and the name: "я клиент Олег", "фамилия моя Ковалёв"."""
    while index < len(tokens) and tokens[index].lower in CUE_FILLERS:
        index = skip_separators(tokens, index + 1)
    return index


def _introduction_ends(tokens: Sequence[Token], index: int) -> bool:
    """The phrase ends after the name, or an introduction does: "это Регина пишет", "это Вера
    снова"."""
    if index < len(tokens) and tokens[index].lower in AGAIN:
        index += 1
    return phrase_ends(tokens, index) or any(matches(tokens, index, cue) for cue in AFTER_CUES)


def _english_unlisted(tokens: Sequence[Token], start: int) -> Found | None:
    """A name the lists do not have, after an English cue: "I'm Ravi, ...", "this is Hana from
    Tokyo", "I am Priya Sharma and ..." (one or two capitalised words ending the phrase, or
    followed by "from", "and" or "here")."""
    if start >= len(tokens) or not tokens[start].is_word:
        return None
    if (lowercase := _lowercase_followed(tokens, start)) is not None:
        return lowercase
    part = any_word_first(tokens[start])
    if part is None or not is_latin(tokens[start].lower):
        return None
    parts = [part]
    if start + 1 < len(tokens) and not tokens[start + 1].line_start:
        second = any_word_first(tokens[start + 1]) if tokens[start + 1].is_word else None
        if second is not None and is_latin(tokens[start + 1].lower):
            parts.append(second)  # "this is Wei Chen, ...", "I am Priya Sharma and ..."
    for size in range(len(parts), 0, -1):
        after = start + size
        if phrase_ends(tokens, after) or tokens[after].lower in ENGLISH_NAME_FOLLOWERS:
            return Found(tuple(parts[:size]), start, after)
    return None


def _lowercase_followed(tokens: Sequence[Token], start: int) -> Found | None:
    """A Latin name typed in lower case after an English cue, with a word after it that only a
    name takes there: "it's jess btw", "this is carlos here" (not "it's broken btw")."""
    following = start + 1 < len(tokens) and tokens[start + 1].lower in LOWERCASE_NAME_FOLLOWERS
    return _lowercase_name(tokens, start) if following else None


def _before_cue(tokens: Sequence[Token]) -> Found | None:
    """A name before its cue: "Тимофей Князев беспокоит", "Tom here", "меня Сашей зовут"."""
    for index, token in enumerate(tokens):
        if not token.is_word:
            continue
        if matches(tokens, index - 1, ("меня",)):
            found = read_name(tokens, index, nominative_only=False)
            if found and found.stop < len(tokens) and tokens[found.stop].lower in CALLED:
                return found
        if not _opens_phrase(tokens, index):
            continue
        found = read_name(tokens, index, nominative_only=False)
        if found and any(matches(tokens, found.stop, cue) for cue in CALLED_AFTER):
            return found  # "Захаром меня зовут"
        found = read_name(tokens, index, any_word=True)
        if found:
            after = past_origin(tokens, found.stop)
            if any(matches(tokens, after, cue) for cue in AFTER_CUES):
                return found
            ending = after < len(tokens) and tokens[after].lower in ENDING_CUES
            if ending and phrase_ends(tokens, after + 1) and read_name(tokens, index):
                return found  # "Николай Иванович я, ...", "Женя тут." (not "Try again?")
        elif (found := _lowercase_here(tokens, index)) is not None:
            return found
    return None


def _opens_phrase(tokens: Sequence[Token], index: int) -> bool:
    """The word begins a phrase: after a mark, a greeting, or a particle that opens it ("ну")."""
    if is_mark(tokens, index - 1) or tokens[index - 1].lower in GREETINGS:
        return True
    return tokens[index - 1].lower in OPENING_PARTICLES and is_mark(tokens, index - 2)


def _lowercase_here(tokens: Sequence[Token], index: int) -> Found | None:
    """A Latin name typed in lower case before "here", ending the phrase: "hey, carlos here,
    ..." (not "hi, anyone here?": a word the help center uses is no name)."""
    if not matches(tokens, index + 1, ("here",)) or not phrase_ends(tokens, index + 2):
        return None
    if tokens[index + 2 :][:1] and tokens[index + 2].text == "?":
        return None
    return _lowercase_name(tokens, index)


def _lowercase_name(tokens: Sequence[Token], index: int) -> Found | None:
    """The word at `index` as a Latin name typed in lower case, where its context says a name
    stands there: letters only, not a stopword, and not a word the help center uses."""
    word = tokens[index].lower
    if not (is_latin(word) and word.isalpha()) or word in ENGLISH_STOPWORDS:
        return None
    if word in common_words():
        return None
    return Found((Part(display(tokens[index].text)),), index, index + 1)


def _apposition(tokens: Sequence[Token]) -> Found | None:
    """A name set off by commas after "me", in its case: "перезвоните мне, Марине, на ...",
    "свяжитесь со мной, с Натальей".

    A nominative there addresses the reader instead: "скажите мне, Марина, где заказ".
    """
    for index, token in enumerate(tokens):
        if token.lower not in FIRST_PERSON or not matches(tokens, index + 1, (",",)):
            continue
        start = index + 2
        if start < len(tokens) and tokens[start].lower in CONTACT_PREPOSITIONS:
            start += 1  # "со мной, с Натальей"
        found = read_name(tokens, start, nominative_only=False)
        if found and not found.parts[0].nominative and phrase_ends(tokens, found.stop):
            return found
    return None


def _contact_person(tokens: Sequence[Token]) -> Found | None:
    """The person to reach at the contact given right after: "Звоните Олегу: ¶", "обращайтесь к
    Илье, почта ¶", "please call Robert on ¶", "С Натальей можно связаться по телефону ¶".
    Without a contact there it may be anyone: "напишите Марине, что я жду"."""
    for index, token in enumerate(tokens):
        verb = token.lower in CONTACT_VERBS
        if not (verb or token.lower in CONTACT_PREPOSITIONS):
            continue
        start = index + 1
        if verb and start < len(tokens) and tokens[start].lower in CONTACT_PREPOSITIONS:
            start += 1
        found = read_name(tokens, start, nominative_only=False)
        if not found or (found.parts[0].nominative and not is_latin(found.parts[0].text)):
            continue
        after, links = skip_separators(tokens, found.stop), set()
        while after < len(tokens) and tokens[after].lower in CONTACT_LINKS:
            links.add(tokens[after].lower)
            after = skip_separators(tokens, after + 1)
        if is_fact(tokens, after) and (verb or REACH_LINKS & links):
            return found
    return None


def _filed_for(tokens: Sequence[Token]) -> Found | None:
    """The person a request is filed for: "запишите заявку на Соколову Елену, тел. ¶"."""
    for index, token in enumerate(tokens):
        if token.lower in FILED and matches(tokens, index + 1, ("на",)):
            found = read_name(tokens, index + 2, nominative_only=False)
            if found and not found.parts[0].nominative:
                return found
    return None


def _from_header(tokens: Sequence[Token]) -> Found | None:
    """The message opens by naming its sender: "от Надежды Павловны Зуевой: заказ ...",
    "From: Lucy Gray" and the message on the next line."""
    if not tokens or tokens[0].lower not in FROM:
        return None
    if matches(tokens, 1, (":",)):  # "From: Lucy Gray" on a line of its own
        found = read_name(tokens, 2, any_word=True)
        ends_line = found and (found.stop == len(tokens) or tokens[found.stop].line_start)
        return found if ends_line else None
    found = read_name(tokens, 1, nominative_only=False)
    if found and found.stop < len(tokens) and tokens[found.stop].text in (":", "—", "-"):
        return found
    return None


def _surname_given(tokens: Sequence[Token]) -> Found | None:
    """A surname after its own cue: "фамилия Мельников", "моя фамилия Смирнова"."""
    return _after_cue(tokens, _SURNAME, strong=True)


def _completed(found: Found, surname: Found | None) -> str:
    """A first name given alone, with the surname given apart: "Илья" and "фамилия Широков"."""
    if surname is None or len(found.parts) > 1 or len(surname.parts) > 1:
        return found.text
    if surname.start < found.stop and found.start < surname.stop:
        return found.text  # the same words
    return f"{found.text} {surname.text}"


def _fuller_later(tokens: Sequence[Token], found: Found) -> Found:
    """The same first name written again later in the message with more words, opening a phrase
    of its own, the fuller form counts: "I'm Rachel. Rachel Goldberg, ¶", "Я Вера. Вера
    Соколова, ¶" (not "I'm Victoria, I live on Victoria Street")."""
    if len(found.parts) > 1:
        return found
    first = found.parts[0].text
    for index in range(found.stop, len(tokens)):
        opens = is_mark(tokens, index - 1) or tokens[index].line_start
        if tokens[index].lower != first.lower() or not opens:
            continue
        fuller = read_name(tokens, index)
        if fuller and len(fuller.parts) > 1 and fuller.parts[0].text == first:
            return fuller
    return found


Rule = Callable[[Sequence[Token]], Found | None]
# Each rule with the kind of name it reads (model.NameKind), tried in this order.
RULES: tuple[tuple[Rule, NameKind], ...] = (
    (corrected, "correction"),
    (_from_header, "own"),
    (lambda tokens: _after_cue(tokens, _STRONG, strong=True), "own"),
    (lambda tokens: _after_cue(tokens, _WEAK, strong=False), "own"),
    (_before_cue, "own"),
    (_apposition, "own"),
    (_contact_person, "reach"),
    (_filed_for, "own"),
    (signed, "own"),
    (dash_signed, "own"),
    (alone, "own"),
)


def customer_name(text: str) -> tuple[str, NameKind] | None:
    """The writer's own name, nominative and capitalised, and how it was given; or None.

    `text` should have the facts already read replaced by FACT_MARK (see extract.py).
    """
    tokens = tokenize(text)
    if not any(token.is_word for token in tokens):
        return None
    surname = _surname_given(tokens)
    for rule, kind in RULES:
        found = rule(tokens)
        if found and found.parts[0].text != (surname.text if surname else None):
            return _completed(_fuller_later(tokens, found), surname), kind
    return (surname.text, "own") if surname else None
