"""Whether the customer has an order yet: the form asks no order number before one exists."""

from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.handoff_form import ValidateHandoffForm
from actions.handoff_topic import no_articles
from actions.purchase_stage import before_any_order, without_the_stage
from tests.actions.conftest import tracker, user
from tests.actions.test_handoff_form import FORM_SLOTS


@pytest.mark.parametrize(
    "text",
    [
        "Пытаюсь оплатить корзину подарочной картой, пишет «код недействителен». Заказа ещё нет",
        "свяжите с менеджером по корпоративным продажам, заказ пока не оформляли",
        "Можно ли у вас заказать часы с гравировкой на крышке?",
        "заказа ещё нет, хочу с менеджером обсудить, прежде чем оформлять",
        "не могу оформить заказ, кнопка «Оплатить» серая",
        "can you engrave a name on the smartwatch I'm buying?",
        "nothing, I just want to know before I order",
        "I haven't ordered yet, can I pay with two cards?",
        # an order that cannot be placed is none yet, "my order" or not
        "at checkout it says the gift card is invalid, so I can't place my order",
        "the site won't let me complete the order, the pay button is grey",
        # choosing an item, said in the present
        "Добрый день! Присматриваю посудомойку BDW 4543 D. Встанет она в нишу 45 см?",
        "I'm looking at the Bosch dishwasher, will it fit a 45 cm gap?",
        # at checkout
        "почему у меня при оформлении пропала оплата при получении? заказ на 8 тысяч",
    ],
)
def test_a_purchase_not_made_yet_in_one_message(text: str):
    assert before_any_order([text])


def test_a_code_that_came_is_no_parcel_that_came():
    """A promo code that "пришёл" in a newsletter says nothing of an order."""
    assert before_any_order(
        [
            "промокод не проходит, пишет «недействителен». он мне вчера в рассылке пришёл",
            "заказ пока не оформляла, без скидки не хочу. можно специалиста?",
        ]
    )


@pytest.mark.parametrize(
    "texts",
    [
        ["хочу оформить возврат, наушники не подошли"],
        ["заявку на возврат не оформить, кнопки нет"],
        ["заказала чайник в пятницу, до сих пор не пришёл"],
        ["заказ ещё не оформляла, а тут пришла посылка от вас"],
        ["при оформлении возврата пишет ошибку, заказ получила вчера"],
        ["Я при оформлении выбрала не тот пункт выдачи, а заказ уже «Передан в доставку»"],
        ["I bought a kettle here, it leaks"],
        ["my order never arrived"],
        ["I received an item I did not order"],
        # a word of an order that exists outweighs a "not yet" elsewhere
        ["купила пылесос месяц назад", "хочу купить к нему ещё насадку, а старая сломалась"],
        ["здравствуйте, купил электросамокат в конце прошлого месяца"],
        # an order paid, cancelled or placed again exists, whatever is placed next
        ["хочу отменить уже оплаченный заказ и оформить его заново в рассрочку"],
        ["I ordered a kettle and can't complete my order's return"],
    ],
)
def test_an_order_that_exists_or_no_word_of_not_yet(texts: list[str]):
    assert not before_any_order(texts)


async def test_the_form_asks_no_order_number_before_an_order_exists():
    form = ValidateHandoffForm(no_articles)
    slots = {"handoff_topic": "payment", "customer_name": "Марина", "phone": "+78435901724"}

    async def required(text: str, asking: str | None = None) -> list[str]:
        events = [user(text, "request_human")]
        state = tracker(events, {**slots, "requested_slot": asking})
        return await form.required_slots(FORM_SLOTS, CollectingDispatcher(), state, {})

    assert "handoff_order_number" not in await required(
        "Хотим закупить 15 мониторов для офиса, заказ пока не оформляли. Свяжите с менеджером"
    )
    assert "handoff_order_number" in await required("Оплатил заказ, деньги списали дважды")
    # the answer to the question itself is read as one ("заказа ещё нет, всё в корзине")
    assert "handoff_order_number" in await required(
        "заказа ещё нет, всё в корзине", asking="handoff_order_number"
    )


@pytest.mark.parametrize(
    ("text", "left"),
    [
        ("sure, get me someone. haven't bought anything yet", "sure, get me someone."),
        ("Я пока ничего не заказывал, позовите человека", ", позовите человека"),
        ("заказ пока не оформляла, без скидки не хочу", ", без скидки не хочу"),
        # a problem with placing or returning is no word of the stage
        ("не могу оформить заказ, кнопка серая", "не могу оформить заказ, кнопка серая"),
        ("возврат не оформляется", "возврат не оформляется"),
    ],
)
def test_words_that_nothing_was_bought_yet_are_taken_out(text: str, left: str):
    assert " ".join(without_the_stage(text).split()) == left
