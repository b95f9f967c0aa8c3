"""Skip and cancel: whole answers, and phrases inside a sentence that cannot be part of a problem
description."""

from __future__ import annotations

import pytest

from actions.form_words import (
    asks_to_skip,
    cancels_in_sentence,
    cancels_request,
    looks_it_up,
    means_cancel,
    means_skip,
    skips_in_sentence,
    takes_back_cancel,
)


@pytest.mark.parametrize("text", ["Отмена", "отмена!", "cancel", "Передумал.", "never mind"])
def test_cancel(text: str):
    assert means_cancel(text)
    assert cancels_in_sentence(text)


@pytest.mark.parametrize(
    "text",
    [
        "ой, уже не надо, передумала",
        "Спасибо, не нужно больше, сама разобралась",
        "не надо никого звать",
        "отмените обращение, пожалуйста",
        "вопрос уже решён",
        "nevermind, found it myself — the code only works on orders over 5,000",
        "forget it, thanks",
        "I don't need a person anymore",
        "ok I figured it out",
        "а знаете, отмените, разберусь сама",
        "ладно, не надо",
        "всё, отбой",
        "уже неактуально",
        "ой, всё, разобралась",
        "no, leave it",
        "don't bother",
        "I'll sort it myself",
        "all good now, thanks",
        "знаете, я лучше сама в магазин схожу, не нужно ничего оформлять",
        "муж уже всё уладил с курьером, так что ничего не надо",
        "ой, стоп, нашла письмо с ответом",
    ],
)
def test_a_change_of_mind_inside_a_sentence(text: str):
    assert cancels_in_sentence(text)
    assert not means_cancel(text)


@pytest.mark.parametrize(
    "text",
    [
        "отмена заказа не проходит",
        "cancel my order",
        "оператор",
        "передумала покупать, как вернуть деньги?",
        "хочу отменить заказ 45873921",
        "I changed the delivery address and now nothing works",
        "не могу найти кнопку отмены",
        "не разобралась, как вернуть товар",
        "курьер сказал не надо ждать",
        "I can't sort it out myself",
        "the app is fine now but payment fails",
        "don't bother the courier, he was fine",
        "не нужно ничего оформлять заново, просто верните деньги",
        "в приложении написано, что ничего не надо обновлять",
        "стоп-лист в корзине не пускает дальше",
    ],
)
def test_not_cancel(text: str):
    assert not cancels_in_sentence(text)


@pytest.mark.parametrize("text", ["не знаю", "Не знаю.", "skip", "пропустить", "I don't know", "-"])
def test_skip(text: str):
    assert means_skip(text)
    assert skips_in_sentence(text)


@pytest.mark.parametrize(
    "text",
    [
        "номера заказа у меня нет под рукой",
        "понятия не имею, какая там версия",
        "не помню, письмо удалила",
        "sorry, I don't have it to hand",
        "no idea which version",
        "заказ ещё не оформляла",
        "номер потерял, письмо удалил",
        "не могу сейчас найти номер",
        "I lost the order number",
        "no order number yet",
        "haven't ordered yet",
        "номер сейчас не найду, так что давайте как-нибудь без него",
        "версию не посмотреть, дальше экрана обновления не пускает, так что пропускаем",
    ],
)
def test_no_answer_inside_a_sentence(text: str):
    assert skips_in_sentence(text)
    assert not means_skip(text)


def test_an_answer_is_not_a_skip():
    assert not means_skip("не знаю, что делать с заказом 45873921")
    assert not skips_in_sentence("версия 5.4.2, последняя")


@pytest.mark.parametrize(
    "text",
    [
        "не помню номер, честно говоря",
        "номера пока нет, заказ же не оплачен",
        "I don't have the order number on me",
        "there's no number",
        "no clue which version it is",
        "no order yet — I entered the card code twice",
        "заказ ещё не оформлен, ввожу код в корзине",
        "заказа нет, оплата так и не прошла",
        "нет никакого заказа, я только собиралась купить",
        "он так и не оформился, банк отказал",
        "это не приложение, а сайт на ноутбуке",
    ],
)
def test_more_ways_to_say_there_is_no_value(text: str):
    assert skips_in_sentence(text)


def test_calling_off_the_request_itself_counts_in_any_sentence():
    assert cancels_request("слушайте, давайте отменим, я потом сам позвоню")
    assert cancels_request("не надо никого подключать")
    assert not cancels_request("давайте отменим заказ, он мне не нужен")
    assert cancels_in_sentence("а, всё, не нужно")
    assert not cancels_in_sentence("всё не нужно было покупать")
    assert cancels_request("ладно, пока сама попробую, если что — напишу снова")
    assert cancels_request("I'll try it myself first and come back later")
    assert cancels_request("I'll write back later")
    assert not cancels_request("сама пробовала разобраться, не вышло")


@pytest.mark.parametrize(
    "text",
    [
        "ой, наверное, не надо, может, посылка ещё едет",
        "а, ладно, забейте, сама завтра в магазине спрошу",
        "всё, отбой, пока писал — сам нашёл в приложении, извините",
        "oh never mind, my husband already used the points. sorry!",
        "hmm, no need, it just arrived",
        "ладно, проехали",
        "ладно, обойдусь без оператора",
        "пожалуй, не буду никого беспокоить",
        "всё, посылка пришла, спасибо, можно закрывать",
        "no, I'm good",
        "sorry, false alarm",
        "ignore me, found it",
        "not needed anymore",
        "hang on, he's calling me right now. cancel this please, sorry!",
    ],
)
def test_a_part_of_the_answer_that_is_only_a_change_of_mind_calls_it_off(text: str):
    assert cancels_request(text)


@pytest.mark.parametrize(
    "text",
    [
        "Мне прислали подписку, а мне не надо",
        "курьер сказал: не надо ждать",
        "забейте мой номер 89161234567",
        "не надо так, верните деньги",
        "I never mind waiting, but it's been three weeks",
        "I'm good with a refund, but nobody answers",
        "можно закрывать заявку на возврат? деньги не пришли",
    ],
)
def test_no_change_of_mind_where_those_words_belong_to_the_problem(text: str):
    assert not cancels_request(text)


@pytest.mark.parametrize(
    ("text", "taken_back"),
    [
        (
            "Стоп, отмените, я сначала сама в заказе посмотрю… а, нет, вижу, номер 90 256 731, "
            "оформляйте дальше",
            True,
        ),
        ("never mind... actually no, go ahead, it's order 58213947", True),
        ("давайте отменим, продолжим потом", False),
        ("продолжайте, хотя нет, отмена", False),
        ("стоп, отмените, не надо продолжать", False),
        ("ой, уже не надо, передумала", False),
        # the change of mind a part of its own, taken back later
        ("а хотя ладно, отмена, из-за 2500 возиться... нет, всё-таки надо, оформляйте", True),
        ("оформляйте... хотя нет, отмена", False),
        ("хотя стоп, не надо… а нет, всё-таки надо, муж тоже ничего не получал", True),
    ],
)
def test_a_change_of_mind_taken_back_in_the_same_message(text: str, taken_back: bool):
    assert takes_back_cancel(text) is taken_back


@pytest.mark.parametrize(
    ("text", "looking"),
    [
        ("извините, сейчас найду номер", True),
        ("щас гляну в письме", True),
        ("one sec, let me check", True),
        # the opposite: it cannot be found now
        ("номер заказа сейчас не найду, письмо удалила", False),
    ],
)
def test_looking_the_fact_up(text: str, looking: bool):
    assert looks_it_up(text) is looking


@pytest.mark.parametrize(
    ("text", "asking"),
    [
        ("can we skip the order number for now? it's the only heater I've bought", True),
        ("could I just leave out the version?", True),
        ("а можно без номера? письмо не найду", True),
        ("можно пропустить этот вопрос?", True),
        ("номер на почте у сына. давайте без него, по телефону найдёте?", True),
        # a question of its own
        ("can I skip the queue at the pickup point?", False),
        ("а можно без чека вернуть?", False),
    ],
)
def test_asking_whether_the_question_may_be_skipped(text: str, asking: bool):
    assert asks_to_skip(text) is asking


def test_going_on_without_the_fact_skips_it():
    assert skips_in_sentence(
        "I'd rather not dig through my inbox, can we just carry on without the order number"
    )
    assert not skips_in_sentence("the order came without the charger")
