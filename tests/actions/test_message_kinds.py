"""Closings, vague openers and thumbs-up (actions/message_kinds.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from actions.answer_from_knowledge import question_placement
from actions.message_kinds import (
    Vague,
    approving,
    asks_for_other_articles,
    asks_store_service,
    closing,
    closing_tail,
    follows_up,
    not_helped,
    tells_a_purchase,
    vague_opener,
)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("ясно спс", "thanks"),
        ("ага поняла, спасибо", "thanks"),
        ("ок спасибо", "thanks"),
        ("спасибо 🙏", "thanks"),
        ("thanks, that's clear. have a good day", "thanks"),
        ("cheers", "thanks"),
        ("до свидания", "goodbye"),
        ("хорошего дня", "goodbye"),
        ("have a nice day", "goodbye"),
        ("see you", "goodbye"),
        ("спасибо, а где мой заказ?", None),
        ("спасибо, но не помогло", None),
        ("доставка", None),
        ("доставка до дома", None),
        ("ok", None),
        # an answer taken in is a close as good as a thank-you; "ок" alone is left to the context
        ("ок ясно 👍", "thanks"),
        ("понятно", "thanks"),
        ("got it", "thanks"),
        ("ясно, пока", "goodbye"),
        ("не понятно", None),
        ("понятно, а сколько ждать?", None),
        # the answer worked, with a thanks or goodbye: nothing is left to answer
        ("got it working, thanks a lot. bye", "thanks"),
        ("ok that did it, cheers bye", "thanks"),
        ("всё заработало, до свидания", "goodbye"),
        ("спасибо, помогло", "thanks"),
        ("thanks, but it still does not work", None),
        ("помогло, но есть вопрос", None),
        # typed in Latin letters
        ("ok, spasibki", "thanks"),
        ("ponyal spasibo poka", "thanks"),
        ("vsego dobrogo", "goodbye"),
        ("spasibo, a kak vernut?", None),
        # thanks for little, and for a way out the customer found
        ("ладно, спасибо и на том", "thanks"),
        ("ok thanks anyway", "thanks"),
        ("оплатила через сбп, прошло. спасибо!", "thanks"),
        ("paid with another card, went through, thanks", "thanks"),
        ("получилось оформить возврат, а деньги не пришли. спасибо", None),
        ("thanks, it still hasn't gone through", None),
    ],
)
def test_closings(text: str, kind: str | None):
    assert closing(text) == kind


@pytest.mark.parametrize(
    ("text", "vague"),
    [
        ("здравствуйте у меня проблема", Vague(None)),
        ("здравствуйте у меня вопрос", Vague(None)),
        ("добрый день, у меня тут ситуация", Vague(None)),
        ("здравствуйте, а можно вопрос по заказу", Vague("order")),
        ("помогите пожалуйста", Vague(None)),
        ("hi, something is wrong with my order", Vague("order")),
        ("проблема с доставкой", Vague("delivery")),
        ("с заказом что-то не так", Vague("order")),
        ("i have a question about my order", Vague("order")),
        ("у меня проблема с оплатой, карта не проходит", None),
        ("доставка", Vague("delivery", bare=True)),
        ("refund", Vague("return", bare=True)),
        ("привет, оплата?", Vague("payment", bare=True)),
        ("заказ 45873921", None),
        ("хочу вернуть", None),
        ("где мой заказ", None),
        ("приложение не работает", None),
        # what it is about, and nothing of what happened
        ("Добрый день, я по поводу заказа 52 840 193", Vague("order")),
        ("у меня вопрос по беспроводным наушникам, которые я у вас покупал", Vague(None)),
        ("Hi Sarah, it's me again about the blender", Vague(None)),
        ("regarding my refund", Vague("return")),
        ("у меня вопрос по беспроводным наушникам, они сломались", None),
        ("у меня вопрос, как вернуть куртку", None),
        ("it's about the blender that cracked", None),
        # a name greets someone or introduces the writer; a problem in plain slang is one
        ("Добрый вечер, Мария! У меня тут такая ситуация", Vague(None)),
        ("hi john, i have a problem with my order", Vague("order")),
        ("слушайте тут косяк какой то с доставкой", Vague("delivery")),
        ("слушайте тут с заказом какая то ерунда", Vague("order")),
        ("hi there, somethings off with my order", Vague("order")),
        ("something weird with my account", Vague("account")),
        ("Мария, курьер не приехал", None),
        ("hi, i have an issue with my bill", None),  # a name that is more often a word
        ("здравствуйте. у меня проблема с вашим приложением", Vague("app")),
        ("there's a problem with your app", Vague("app")),
        # a phone's greeting
        ("алло помогите", Vague(None)),
        # a muddle said without what it is, and "что-то" typed without its hyphen
        ("здрасте, тут с доставкой непонятки", Vague("delivery")),
        ("добрый день. с заказом чтото не то", Vague("order")),
        ("hi, there's a mix-up with my order", Vague("order")),
        ("hey, having some trouble with my account", Vague("account")),
        ("hi, I am having a bit of trouble with my order", Vague("order")),
    ],
)
def test_vague_openers(text: str, vague: Vague | None):
    assert vague_opener(text) == vague


def test_the_nlus_word_makes_a_contentless_message_vague():
    assert vague_opener("у меня что-то не работает") is None
    assert vague_opener("у меня что-то не работает", said_vague=True) == Vague(None)
    assert vague_opener("не проходит оплата, пишет отказ банка", said_vague=True) is None


def test_thumbs_up():
    assert approving("👍") and approving("🙏🙏") and approving("👍🏻") and approving("❤️")
    assert not approving("👍 спасибо") and not approving("😡") and not approving("???")


def test_a_word_or_two_of_its_own_when_the_nlu_is_sure_of_a_vague_opener():
    text = "здравствуйте, небольшое уточнение по заказу"
    assert vague_opener(text, said_vague=True) is None
    assert vague_opener(text, said_vague=True, sure=True) == Vague("order")
    assert vague_opener("hello, having an issue with a delivery", sure=True) == Vague("delivery")
    long = "у меня проблема: списали деньги дважды за один заказ"
    assert vague_opener(long, said_vague=True, sure=True) is None


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("а, я правда два раза не забрала заказы... ладно, спасибо", "thanks"),
        ("поняла, в пятницу заберу. всего доброго", "goodbye"),
        ("спасибо", None),  # a whole closing is closing()'s
        ("а как вернуть деньги? спасибо", None),
        ("спасибо, а как вернуть деньги", None),
    ],
)
def test_closing_tails(text: str, kind: str | None):
    assert closing_tail(text) == kind


@pytest.mark.parametrize(
    ("text", "follow_up"),
    [
        ("а если он к вечеру уже уедет в доставку, тогда что?", True),
        ("а если завтра опять так же будет?", True),
        ("and what if it happens again?", True),
        ("а где купить билеты на поезд до питера", False),  # a new subject
        ("do you take old phones as a trade-in?", False),
        ("это " + "очень " * 20 + "долго", False),  # too long to lean on the question before
    ],
)
def test_follow_ups_that_refer_back(text: str, follow_up: bool):
    assert follows_up(text) is follow_up


@pytest.mark.parametrize(
    ("text", "bought"),
    [
        ("увлажнитель воздуха который у вас брала месяц назад подтекает", True),
        ("собрали журнальный столик который у вас купили, а на столешнице царапина", True),
        ("bought a coffee grinder on friday and now its 1500 rub cheaper", True),
        ("заказывала сыну велошлем синий, а привезли розовый", True),
        # a purchase still to come, or taking something elsewhere
        ("хочу купить ноутбук, какой посоветуете?", False),
        ("which laptop should i buy", False),
        ("взяла кредит в банке, можно им оплатить?", False),
    ],
)
def test_an_item_bought_already_is_told(text: str, bought: bool):
    assert tells_a_purchase(text) is bought


@pytest.mark.parametrize(
    "text",
    [
        "вчера весь вечер пытался, сегодня то же самое, ни одной смски",
        "вчера тоже был закрыт, и позавчера. на двери ни записки, ничего",
        "and it's the same thing again today, kicks me out every five minutes or so",
        "смс от банка приходит, код ввожу, и через секунду опять то же самое",
        "still nothing, the parcel has not moved",
    ],
)
def test_a_problem_that_goes_on_after_the_answer_is_its_verdict(text: str):
    assert not_helped(text)


@pytest.mark.parametrize(
    "text",
    [
        "и ссылка из письма на сброс пароля тоже не открывается, пишет недействительна",
        "and it won't update either, app store says not enough storage",
        "another thing, every morning the app shows E-203 and makes me log in again",
        "сегодня то же самое, что мне делать?",
    ],
)
def test_another_thing_that_fails_or_a_question_is_no_verdict(text: str):
    assert not not_helped(text)


@pytest.mark.parametrize(
    ("text", "placed"),
    [
        ("увлажнитель воздуха который у вас брала месяц назад подтекает", "unplaced"),
        ("купил у вас телевизор haier, подскажите как к нему алису подключить", "off_topic"),
        ("bought a TV box from you, how do I cast from my iPhone to it?", "off_topic"),
        ("купила наушники у вас, как вернуть?", "unplaced"),  # returning is the store's
        # a service around it: no article describes one
        ("купил у вас сплит систему, а монтаж вы делаете?", "off_topic"),
        # what it can do: the maker's specification
        ("Купил у вас телевизор TCL, заказ 40 917 385. Он Dolby Vision поддерживает?", "off_topic"),
        ("bought a soundbar from you last week, is it compatible with my LG TV?", "off_topic"),
    ],
)
def test_an_item_bought_here_is_a_store_question_unless_it_asks_how_to_use_it(
    text: str, placed: str
):
    assert question_placement("out_of_scope", 0.95, text) == placed


def test_a_service_the_nlu_could_not_place_is_outside_the_help_center():
    text = "а подключение варочной панели делаете? сколько стоит?"
    assert question_placement("nlu_fallback", 0.3, text) == "off_topic"
    assert question_placement("nlu_fallback", 0.3, "а рассрочка сколько стоит?") == "unplaced"
    assert question_placement("payment_methods", 0.9, text) == "topic"


@pytest.mark.parametrize(
    ("text", "service"),
    [
        ("can you engrave a name on the smartwatch I'm buying?", True),
        ("ok, and do you offer gift wrapping?", True),
        ("А подъём на 9 этаж без лифта у вас платный?", True),
        ("вы забираете старую стиральную машину на утилизацию?", True),
        ("а пиццу вы доставляете?", False),
        ("how do i install the app?", False),  # the app's own articles answer it
        ("посылка пришла в порванной упаковке", False),  # tells, asks nothing
        ("можно её в подарочную упаковку завернуть?", True),
        ("Купила у вас посудомойку. Вы её подключаете к воде при доставке?", True),
        ("can you hook it up to the water when you deliver?", True),
        # the packaging an item came in is no gift wrapping
        ("на столешнице царапина, упаковка вроде целая была. что теперь", False),
        ("I've kept the box, all the foam and the plastic wrap. What do I do now?", False),
        ("подключите меня к оператору?", False),
        # setting an appliance up as the store's work, not a setting of the app
        ("а вы телевизор настраиваете после доставки?", True),
        ("как настроить уведомления?", False),
        ("а подключение варочной панели делаете? сколько стоит?", True),
        ("подключение к интернету у вас есть?", False),
        # movers, and the packaging taken away
        ("ну а грузчиков за доплату можно заказать?", True),
        ("а упаковку и плёнку курьер с собой заберёт? у нас мусорка далеко", True),
        ("и коробку от него курьер потом заберёт или самой выносить?", True),
        ("will the courier take the packaging away?", True),
        ("курьер заберёт товар в упаковке?", False),  # a return's collection
    ],
)
def test_a_service_around_a_purchase_is_a_store_question(text: str, service: bool):
    assert asks_store_service(text) is service


INTENTS = Path(__file__).resolve().parents[2] / "intents"


@pytest.mark.parametrize(
    ("text", "asking"),
    [
        ("/kb_other_articles", True),
        ("а другие варианты есть?", True),
        ("show me something else please", True),
        ("any other options?", True),
        # a question of its own, however the NLU reads it
        ("any other way to get in?", False),
        ("а другой способ войти есть?", False),
    ],
)
def test_a_request_for_the_other_articles_is_made_of_its_own_words(text: str, asking: bool):
    assert asks_for_other_articles(text) is asking


def test_every_example_of_the_request_for_other_articles_is_read_as_one():
    examples = yaml.safe_load((INTENTS / "kb_other_articles.yml").read_text(encoding="utf-8"))
    for key in ("examples", "test_examples"):
        for texts in examples[key].values():
            assert all(asks_for_other_articles(text) for text in texts)
