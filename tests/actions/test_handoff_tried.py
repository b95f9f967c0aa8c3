"""A form answer that also says what the customer already tried is read as that answer too."""

from __future__ import annotations

import pytest

from actions.handoff_tried import tells_what_was_tried


@pytest.mark.parametrize(
    "text",
    [
        "не помню номер заказа, а в банк я уже звонила — поступлений нет",
        "заказ 47 120 958, сам ещё ничего не делал",
        "заказ ещё не оформлен, вводила код LIGHT10 в корзине — пишет, что код недействителен",
        "заказ 45019863 — бонусы должны были прийти неделю назад, в профиле проверяла",
        "пока ничего",
        "ой, нашла номер: 62 918 405. А сделать пока ничего не успела",
        "no order yet — I entered the card code twice and it still shows zero",
        "there's no order number, I haven't placed it yet; I tried the code on the site",
        "don't know the version, reinstalled it yesterday",
        "написала на почту поддержки, ответа нет",
        "заказ 12345678; в банк звонить не пробовала, он же у вас",
        "order 12345678, I haven't tried another card",
        # an attempt told as it goes on
        "номера нет, ввожу код в корзине — пишет, что код недействителен",
        "заказ 12345678, звоню в банк, там ничего не знают",
        # deleting is a fix when it is the app, not where a fact was written
        "версию не помню, удалила приложение и поставила заново",
    ],
)
def test_what_was_done_in_the_first_person(text: str):
    assert tells_what_was_tried(text)


@pytest.mark.parametrize(
    "text",
    [
        "номера пока нет, заказ же не оплачен",
        "не помню номер, честно говоря",
        "не знаю версию, где её смотреть — без понятия",
        "номера под рукой нет",
        "заказ 12345678, пришёл не тот цвет",
        "Курьер не приехал в выбранный интервал и не позвонил",
        "заказ 12345678, хочу вернуть деньги",
        "Вадим, телефон 8 903 712 40 05",
        "sorry, I can't find the order number anywhere",
        "the courier called me twice",
        "I don't have the order number to hand",
        "Версия 5.4.2, Android 13. Заказ 90317264 — его и пытаюсь оплатить",
        "не скажу",
        "заказ 12345678, оформляла в прошлый вторник",
        "Бонусы за заказ 50391827 так и не начислились, хотя получил его три недели назад",
        "order 12345678, I paid by card",
        "order 12345678, I did not get it",
        # a slip in this chat, not an attempt at a fix
        "ой, это я номер телефона написала. Почта ниже",
        "перепутал, это версия была",
        "ой, не то вставила) заказ 73019468",
        # wanting, waiting, asking in the present
        "заказ 12345678, жду курьера третий день",
        "заказ 12345678, прошу вернуть деньги",
        # talking in this chat
        "зовите меня просто Ваше Величество 😄 ладно, шучу, Филипп",
        "говорю же, заказ 12345678 не пришёл",
        "inga.volkova@mail.ru, опечаталась",
        "точку пропустил: nikita.prokhorov@gmail.com",
        # what sets the problem off, told in a clause of when
        "версия 5.12.1, приложение закрывается, как только жму «Оплатить» в корзине",
        "когда ввожу код, пишет ошибку",
        # where the customer got to, not a fix
        "вошёл, заказ 80 115 624. Продолжим с оператором",
        # stepping away, or a habit
        "извините, отходила к двери, сейчас найду номер",
        "почта ok.smirnova@mail.ru, но я её редко проверяю, лучше пишите на +7 964 318-27-90",
        # the state of things, not an attempt: a verb with "не", a thing as the doer
        "заказ 12345678, коробка целая, но я её ещё не открывала",
        "заказ 12345678, с карты списалось два раза",
        "номера нет, заказ ещё не оформлен — я на нём и застрял",
        # why a fact cannot be given: where it was written is lost
        "номер сейчас не найду, письмо я удалила, так что давайте без него",
        # where the customer stands against a term
        "ок, получил его 6 дней назад, успеваю. заказ 57 173 106",
        # nothing bought yet is no step left untried
        "Всеволод. я пока ничего не заказывал, сначала хочу понять, смонтируете или нет",
    ],
)
def test_facts_skips_and_what_others_did_are_not_what_was_tried(text: str):
    assert not tells_what_was_tried(text)
