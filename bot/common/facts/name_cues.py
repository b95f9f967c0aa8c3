"""The words around a name that tell whose it is: introductions, sign-offs, greetings, roles.

Kept apart from the rules in names.py that use them, so the lists can be read and extended alone.
"""

from __future__ import annotations

from bot.common.word_list import listed

Cue = tuple[str, ...]


def by_first_word(cues: tuple[Cue, ...]) -> dict[str, tuple[Cue, ...]]:
    """Cues grouped by their first word, so each token is compared with its own few only; the
    longest first ("беспокоит вас" before "беспокоит")."""
    index: dict[str, list[Cue]] = {}
    for cue in cues:
        index.setdefault(cue[0], []).append(cue)
    return {word: tuple(sorted(group, key=len, reverse=True)) for word, group in index.items()}


# Introductions that name the writer whatever follows.
STRONG_CUES: tuple[Cue, ...] = (
    ("меня", "зовут"),
    ("зовут", "меня"),
    ("меня", "звать"),
    ("моё", "имя"),
    ("мое", "имя"),
    ("фио",),
    ("имя", ":"),
    ("menya", "zovut"),
    ("zovut", "menya"),
    ("moe", "imya"),
    ("moyo", "imya"),
    ("my", "name", "is"),
    ("my", "name's"),
    ("my", "name", ":"),
    ("my", "full", "name", "is"),
    ("name", ":"),
    ("name", "-"),
    ("name", "—"),
    ("имя", "-"),
    ("имя", "—"),
    ("call", "me"),
    # the name the writer goes by: "Katherine Walsh, but everyone calls me Kate"
    ("calls", "me"),
    ("i", "go", "by"),
    # "Зовите меня Кирой", "называйте меня Сашей": the name in any case
    ("зовите", "меня"),
    ("называйте", "меня"),
    ("обращайтесь", "ко", "мне"),
    ("имя", "моё"),
    ("имя", "мое"),
)
# A surname given on its own, which completes a first name given elsewhere: "меня зовут Илья,
# фамилия Широков".
SURNAME_CUES: tuple[Cue, ...] = (
    ("фамилия",),
    ("фамилия", "моя"),
    ("моя", "фамилия"),
    ("surname",),
    ("my", "surname", "is"),
    ("last", "name"),
)
# Cues that name the writer only where a phrase starts: "почта ¶, зовут Вадим", not "курьера
# зовут Игорь".
OPENING_CUES: tuple[Cue, ...] = (("зовут",),)
# Introductions only when a known first name follows: "я Вера", but "я заказывал".
WEAK_CUES: tuple[Cue, ...] = (
    ("я",),
    ("это",),
    ("пишет",),
    ("пишет", "вам"),
    ("вам", "пишет"),
    ("беспокоит",),
    ("вас", "беспокоит"),
    ("беспокоит", "вас"),
    ("обращается",),
    ("на", "связи"),
    # "телефон ..., а зовут Алиса", "с вами говорит Тамара": not "курьера зовут Игорь"
    ("а", "зовут"),
    ("и", "зовут"),
    ("вами", "говорит"),
    # answers to "как к вам обращаться?": "зовите Саша", "можно просто Таня", "имя Валерия"
    ("зовите",),
    ("называйте",),
    ("обращайтесь",),
    # the form of address the writer prefers: "Белова Александра Игоревна. Хотя лучше просто Саша"
    ("лучше", "просто"),
    ("лучше",),
    ("можно", "просто"),
    ("имя",),
    *OPENING_CUES,
    ("ya",),
    ("eto",),
    ("i", "am"),
    ("i'm",),
    ("im",),
    ("this", "is"),
    ("it's",),
    ("its",),
    ("here", "is"),
    ("name's",),
)
# Introductions after the name: "Тимофей Князев беспокоит", "Tom here".
AFTER_CUES: tuple[Cue, ...] = (
    ("беспокоит",),
    ("вас", "беспокоит"),
    ("вам", "пишет"),
    ("пишет",),
    ("на", "связи"),
    ("обращается",),
    ("here",),
    ("speaking",),
)
# After a name and before the end of the phrase, a word that makes it an introduction:
# "Николай Иванович я, ...", "Привет, Женя тут.", "Daniel again." (not "Вера тут ни при чём").
ENDING_CUES = listed("я тут здесь again снова опять")
# After a name, words that end an introduction as a full stop does: "it's Ruby again, ...".
AGAIN = listed("again снова опять")
# "Захаром меня зовут": the verb of an introduction after a name in any case.
CALLED_AFTER: tuple[Cue, ...] = (("меня", "зовут"), ("меня", "звать"), ("зовут",))
# Where a writer is from, between their name and the rest: "Lucy from Leeds", "Марина из Казани".
ORIGINS = frozenset({"from", "из"})
# A header naming the sender: "от Надежды Павловны Зуевой: ...", "From Anna Rao: ...".
FROM = frozenset({"от", "from"})
# Closings before a signature; the name must end the message.
SIGN_OFFS: tuple[Cue, ...] = (
    ("с", "уважением"),
    ("всего", "доброго"),
    ("заранее", "спасибо"),
    ("спасибо",),
    ("благодарю",),
    ("best", "regards"),
    ("kind", "regards"),
    ("warm", "regards"),
    ("regards",),
    ("yours", "sincerely"),
    ("yours",),
    ("sincerely",),
    ("best", "wishes"),
    ("best",),
    ("cheers",),
    ("thanks", "in", "advance"),
    ("thank", "you"),
    ("thanks",),
    ("thx",),
    ("many", "thanks"),
)
GREETINGS = listed(
    "здравствуйте здравствуй привет приветствую добрый доброе доброй день вечер утро ночи алло "
    "hello hi hey good morning afternoon evening dear"
)
# A word that only opens a phrase, before a name and its cue: "ну Лёша я. Деньги ...", "so Tom
# here".
OPENING_PARTICLES = listed("ну да так а ой ох well oh so ok okay")
# First words of a request or a greeting: a name before them addresses the reader.
ADDRESSING = listed(
    "подскажите помогите скажите пожалуйста спасибо благодарю здравствуйте привет добрый доброе "
    "please can could would will help thanks thank hi hello hey good do does did is are"
)
SEPARATORS = frozenset({":", "—", "–", "-", ","})
# Marks that end a sentence: a name said right before one, after "Добрый день,", is a greeting.
SENTENCE_ENDS = frozenset({"!", "?", ".", "…", ")"})
# Marks a signature starts with: "-- June Parker", "— Кира".
DASHES = frozenset({"-", "—", "–"})
# Before a name the writer corrects: "меня зовут не Оля", "я не Ольга", "it's Jon, not John".
CORRECTION_CUES = listed("я это зовут звать имя it's its i'm im is sorry actually")
# Words of thanks alone, and what may strengthen them: "спасибо большое, Марина" thanks her.
THANKS = listed("спасибо благодарю спс thanks thank thx cheers ty")
INTENSIFIERS = listed("большое огромное вам преогромное you a lot so much very")
# "меня Сашей зовут", "меня Ксюшей звать": the verb after a name in the instrumental.
CALLED = listed("зовут звать")
# Between a cue and the name: "я клиент Олег Смирнов", "это ваша покупательница Анна".
CUE_FILLERS = listed(
    "клиент клиентка покупатель покупательница ваш ваша постоянный постоянная просто снова опять "
    # writing for a relative: "я её сын, Ираклий", "я его жена — Анна"
    "её ее его их сын дочь муж жена внук внучка брат сестра"
)
# Before a cue, a word that makes the name someone else's: "заказ на имя Анна Петрова".
NOT_OWN_BEFORE_CUE = listed("на for under")
# "Звоните Олегу: ¶", "пишите Марине на ¶": the person to reach at the contact the writer gives.
CONTACT_VERBS = listed(
    "звоните позвоните перезвоните пишите напишите отпишитесь наберите свяжитесь обращайтесь "
    "call ring phone text email reach contact"
)
# Between such a verb and the name: "обращайтесь к Илье", "свяжитесь с Натальей".
CONTACT_PREPOSITIONS = listed("к ко с со")
# Between that person and the contact: "позвоните Ивану по номеру ¶".
CONTACT_LINKS = listed(
    "на по номер номеру телефон телефону почту почта email e-mail on at можно связаться"
)
# After "с Натальей" only these make her the one to reach: "с Натальей можно связаться по ...".
REACH_LINKS = listed("связаться")
# A request filed for a person: "запишите заявку на Соколову Елену".
FILED = listed("заявку заявка обращение запрос")
# First-person pronouns a name may stand beside, in the same case: "мне, Марине,".
FIRST_PERSON = listed("мне меня мной")
ENGLISH_NAME_FOLLOWERS = frozenset({"from", "and", "here", "again", "btw"})
# After a cue, only these make a lower-case word a name: "it's jess btw", "this is carlos here"
# (a phrase ending after "it's ..." is as often a state: "it's ridiculous.").
LOWERCASE_NAME_FOLLOWERS = frozenset({"here", "again", "btw"})
# Someone else named next: "Курьер: Игорь", "my manager, Tom".
ROLES = listed(
    "курьер курьера курьеру водитель менеджер менеджера оператор оператора мастер получатель "
    "сотрудник сотрудница продавец консультант муж жена сын дочь мама папа брат сестра подруга "
    "друг коллега бабушка дедушка внук внучка "
    "courier driver manager agent operator recipient husband wife son daughter mum mom dad "
    "brother sister friend colleague boss assistant"
)
# Words that introduce a fact: "заказ 12345678", "phone +44 ...".
# English titles kept with the name they go with: "Thank you, Mrs Patel".
TITLES = listed("mr mrs ms miss dr")
FACT_LABELS = listed(
    "заказ заказа номер телефон тел почта email e-mail mail версия приложение "
    "order phone tel mobile number version app"
)
