"""Excerpts: the sentence that answers the question, and the article's sentences encoded once."""

from __future__ import annotations

from retrieval.excerpt import ExcerptPicker, sentences

BODY = """Деньги возвращаются тем же способом, которым вы платили.

## Сроки
На карту деньги приходят за 3-10 рабочих дней после приёмки возврата. Наличные при получении
возвращаются переводом на карту. Бонусы возвращаются на счёт сразу после приёмки.
"""


def test_the_sentence_closest_to_the_question_is_in_the_excerpt(hashing_encoder):
    picker = ExcerptPicker(hashing_encoder)
    question = hashing_encoder.encode(["когда бонусы вернутся на счёт"])[0]
    excerpt = picker.pick(question, BODY)
    assert "Бонусы возвращаются на счёт" in excerpt
    assert len(excerpt) <= 400


def test_sentences_of_an_article_are_encoded_once(hashing_encoder):
    picker = ExcerptPicker(hashing_encoder)
    question = hashing_encoder.encode(["сроки возврата на карту"])[0]
    first = picker.pick(question, BODY)
    calls = len(hashing_encoder.encoded)
    second = picker.pick(question, BODY)
    assert second == first
    assert len(hashing_encoder.encoded) == calls


def test_the_cache_is_bounded(hashing_encoder):
    picker = ExcerptPicker(hashing_encoder, max_articles=1)
    question = hashing_encoder.encode(["деньги"])[0]
    picker.pick(question, BODY)
    picker.pick(question, "Другая статья. Совсем о другом, про доставку курьером.")
    calls = len(hashing_encoder.encoded)
    picker.pick(question, BODY)
    assert len(hashing_encoder.encoded) == calls + len(sentences(BODY))


def test_an_article_without_sentences_gives_its_start(hashing_encoder):
    picker = ExcerptPicker(hashing_encoder)
    question = hashing_encoder.encode(["что угодно"])[0]
    assert picker.pick(question, "Коротко.") == "Коротко."


OTHER_BODY = "Курьер привозит заказ в выбранный интервал. Перед приездом он звонит за час."


def test_warmed_articles_are_answered_without_encoding(hashing_encoder):
    picker = ExcerptPicker(hashing_encoder)
    question = hashing_encoder.encode(["когда бонусы вернутся на счёт"])[0]
    cold = ExcerptPicker(type(hashing_encoder)()).pick(question, BODY)
    assert picker.warm([BODY, OTHER_BODY, BODY], batch_sentences=3) == 2
    calls = len(hashing_encoder.encoded)
    assert picker.pick(question, BODY) == cold
    assert picker.pick(question, OTHER_BODY)
    assert len(hashing_encoder.encoded) == calls
    assert picker.warm([BODY, OTHER_BODY]) == 0


def test_warming_stops_at_the_cache_size(hashing_encoder):
    picker = ExcerptPicker(hashing_encoder, max_articles=1)
    assert picker.warm([BODY, OTHER_BODY]) == 1
    calls = len(hashing_encoder.encoded)
    picker.pick(hashing_encoder.encode(["деньги"])[0], BODY)
    assert len(hashing_encoder.encoded) == calls + 1  # only the question above


CONTACTS = """Написать нам можно в чат на сайте и в приложении круглосуточно: бот отвечает 24/7,
специалисты — с 08:00 до 22:00 по Москве каждый день. Телефон 8 800 555-35-35 работает с 09:00
до 21:00 по Москве.

## Как получить ответ быстрее
- Напишите номер заказа — 8 цифр, например 45873921.
- Чтобы позвать специалиста в чате, напишите «оператор». Ночью сообщение останется в чате, и
  специалист ответит после 08:00.

Ответы на частые вопросы круглосуточно доступны в справочном центре.
"""

DELIVERY = """Доставка бесплатная для заказов от 3 000 ₽, для заказов дешевле — 299 ₽.

## Способы и сроки
| Способ | Сроки | Стоимость |
|---|---|---|
| Курьер, Москва и Санкт-Петербург | 1–3 дня | 299 ₽ |
| Курьер, другие города России | 2–7 дней | 299 ₽ |

## Как считается бесплатная доставка
- Учитывается сумма товаров после скидок и промокодов.
- Если заказ приходит несколькими посылками, за доставку платите один раз.

## Интервалы курьерской доставки
При оформлении выберите дату и интервал: 09:00–14:00, 14:00–18:00 или 18:00–22:00. Курьер
позвонит примерно за час до приезда.
"""


def test_list_items_and_table_rows_are_sentences_of_their_own():
    found = sentences(DELIVERY)
    assert "Учитывается сумма товаров после скидок и промокодов." in found
    assert any(s.startswith("Курьер, другие города России") and "2–7 дней" in s for s in found)
    assert not any("|" in s or "---" in s for s in found)


def test_excerpts_answer_the_question_not_a_neighbouring_topic(real_encoder):
    # Written before the sentence scoring was changed; the hours question once got the sentence
    # about night-time messages.
    picker = ExcerptPicker(real_encoder)
    contacts, delivery = "Контакты и часы работы поддержки", "Сроки и стоимость доставки"
    cases = [
        ("во сколько работает поддержка", CONTACTS, contacts, "08:00 до 22:00"),
        ("до скольки работает горячая линия", CONTACTS, contacts, "до 21:00"),
        ("сколько стоит доставка", DELIVERY, delivery, "299 ₽"),
        ("какие интервалы у курьера", DELIVERY, delivery, "09:00–14:00"),
        ("за сколько дней доставят в казань", DELIVERY, delivery, "2–7 дней"),
    ]
    for question, body, title, expected in cases:
        vector = real_encoder.encode([question])[0]
        assert expected in picker.pick(vector, body, question, title), question


CALLERS_AND_PHONE = """Ночью сообщение останется в чате, и специалист ответит после 08:00.
Сотрудники никогда не спрашивают пароль и коды из SMS, а если кто-то звонит и просит их
от нашего имени, это мошенники.

## Телефон
Горячая линия: 8 800 555-35-35, звонок бесплатный.
"""


def test_the_sentence_with_the_kind_of_value_asked_for_is_in_the_excerpt(hashing_encoder):
    """Asked for the phone number, the excerpt holds the number, not the sentence about callers."""
    picker = ExcerptPicker(hashing_encoder)
    question = "какой у вас номер телефона, кто звонит"
    excerpt = picker.pick(hashing_encoder.encode([question])[0], CALLERS_AND_PHONE, question)
    assert "8 800 555-35-35" in excerpt
