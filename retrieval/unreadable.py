"""Messages with nothing to read: emoji or punctuation only, a single letter, one word repeated
over and over, a language other than Russian and English.

Such a message gets a short question about what the customer needs, never an article the search
happened to rank first for it (the NLU and the search always rank something). Digits alone are
not unreadable: an order number or a phone is an answer to a question the bot asked.

A third language is told by its own short words and letters: a message in Latin letters with at
least two words of the German, French, Spanish, Italian, Portuguese, Turkish or Polish lists below
(or with their letters, such as "ß", "ñ", "ş"), more of them than English ones; or one in another
script (Chinese, Arabic, Greek...); or Cyrillic with Ukrainian, Belarusian or Kazakh letters in
most words, or with two of the Ukrainian and Belarusian words listed. The lists leave out words
that are also English or Russian typed in Latin ("ne", "no", "da", "to"), so "ne prihodit kod"
stays Russian. Languages the lists miss are told by a language identifier (`another_language`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Literal

from bot.common.word_list import listed
from retrieval.respell import respell_word
from retrieval.word_lists import word_lists

Unreadable = Literal["no_words", "one_letter", "repeated", "foreign"]

FOREIGN_WORDS = listed(
    """
    ich nicht und ist das die der mit meine mein meiner wo wie warum bestellung hallo guten tag
    bitte danke kann habe haben wir auf nein noch schon wurde geld zurück lieferung paket gibt
    je pas est où ma mon mes commande bonjour pourquoi comment quand avec pour vous nous
    livraison colis remboursement suis j'ai c'est aujourd'hui salut
    hola dónde donde está esta mi pedido gracias por favor qué cómo cuándo quiero tengo envío
    reembolso los las una porque pero muy buenos buenas tardes dias días
    ciao dove il mio ordine grazie perché sono voglio della spedizione rimborso buongiorno
    olá onde meu obrigado obrigada não quero entrega você
    merhaba nerede siparişim sipariş teşekkürler teşekkür ederim lütfen nasıl neden bir bu
    için değil istiyorum kargo iade param
    dzień dobry gdzie jest moje zamówienie dziękuję proszę czy
    де моє що чому дякую привіт вітаю замовлення мені потрібно будь ласка дзе дзень калі дзякуй
    """
)
ENGLISH_WORDS = listed(
    """
    the a an is are was i my me you your we it this that to of in on for with and or not
    where how what when why can could do does did have has order please help hi hello thanks
    """
)
FOREIGN_LETTERS = re.compile(r"[àâäáãåæçèéêëìíîïñòóôöõøùúûüßşğıłńśźżčřšžőű]")
OTHER_CYRILLIC = re.compile(r"[іїєґўәғқңөұүһ]")
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
LATIN_OR_CYRILLIC = re.compile(r"[a-zа-яё]")
CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
LONGEST_WORD = 40
REPEATED_MIN_WORDS = 6


def unreadable(text: str) -> Unreadable | None:
    """Why the message has nothing to read, or None when it has."""
    lowered = text.lower()
    words = [w for w in WORD.findall(lowered) if len(w) <= LONGEST_WORD]
    letters = sum(len(w) for w in words)
    if not words:
        return None if any(c.isdigit() for c in text) else "no_words"
    if letters == 1 and not any(c.isdigit() for c in text):
        return "one_letter"
    if len(words) >= REPEATED_MIN_WORDS and len(set(words)) <= 2:
        return "repeated"
    if _foreign(words) or another_language(text, words):
        return "foreign"
    return None


def _foreign(words: list[str]) -> bool:
    letters = "".join(words)
    known_script = len(LATIN_OR_CYRILLIC.findall(letters))
    if known_script < len(letters) / 2:
        return True
    other_cyrillic = sum(1 for w in words if OTHER_CYRILLIC.search(w))
    if other_cyrillic and other_cyrillic * 2 >= len(words):
        return True
    foreign = sum(1 for w in words if w in FOREIGN_WORDS or FOREIGN_LETTERS.search(w))
    english = sum(1 for w in words if w in ENGLISH_WORDS)
    if foreign == len(words):
        return True
    return foreign >= 2 and foreign > english


# A language identifier (py3langid, its model inside the package) tells the languages the word
# lists do not list ("Ciao! Come posso cambiare la lingua del sito?", Uzbek); it reads
# Latin-typed Russian as some language too, Slavic or not, so its reading counts only where it is
# sure, the message is long enough to tell, gives no fact (a name and a phone at the form's
# question), and most of its words, respelled in Cyrillic, are no Russian words.
NOT_A_THIRD_LANGUAGE = frozenset(
    {"en", "ru", "uk", "be", "bg", "mk", "sr", "hr", "bs", "sl", "sk", "cs", "pl", "lt", "lv"}
)
SURE_LANGUAGE = 0.9
MIN_WORDS_TO_TELL = 5
# Latin-typed Russian has at least this share of its words in the Russian dictionary once
# respelled; a message with no English word and under NEITHER_SHARE is neither language.
RUSSIAN_SHARE = 0.7
NEITHER_SHARE = 0.3
ENGLISH_SHARE = 0.6  # of the words on the English word list: English, whatever it reads
GIVES_A_FACT = re.compile(r"\d|@")


@lru_cache(maxsize=1)
def _identifier() -> Any:
    """The identifier, loaded on first use (a tenth of a second): most messages never need it."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_pickled_model(MODEL_FILE, norm_probs=True)


def another_language(text: str, words: list[str]) -> bool:
    """A message in Latin letters that is no Latin-typed Russian (few of its words, respelled in
    Cyrillic, are Russian words) and that the language identifier surely reads as a third
    language, or that has no English word either (a language the identifier does not know)."""
    if len(words) < MIN_WORDS_TO_TELL or GIVES_A_FACT.search(text) or CYRILLIC.search(text):
        return False
    dictionaries = word_lists()
    if dictionaries is None:
        return False
    is_known, english = dictionaries
    if sum(1 for word in words if word in english) >= ENGLISH_SHARE * len(words):
        return False  # "do you deliver to Chester?", which the identifier reads as Spanish
    respelled = [respell_word(word) for word in words]
    cyrillic = [word for word in respelled if not word.isascii()]
    russian = sum(1 for word in cyrillic if is_known(word)) / len(words)
    if len(cyrillic) == len(words) and russian < NEITHER_SHARE:
        return True  # no English word and hardly a Russian one
    language, probability = _identifier().classify(text)
    sure = language not in NOT_A_THIRD_LANGUAGE and probability >= SURE_LANGUAGE
    return sure and russian < RUSSIAN_SHARE
