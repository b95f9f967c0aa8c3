"""The question inside a long message (retrieval/long_message.py)."""

from __future__ import annotations

from retrieval.long_message import LONG_CHARS, asking_score, question_of, sentences

STORY = (
    "Здравствуйте, я офис менеджер в небольшой компании. Директор поручил закупить проектор и "
    "колонки, я всё нашла у вас на сайте и положила в корзину. При оформлении предлагают только "
    "карту и СБП, а бухгалтерия личные карты не принимает. Раньше я закупала канцелярию в другом "
    "месте, там присылали счёт на почту. Подскажите, как получить счёт на оплату на организацию?"
)


def test_a_long_story_keeps_the_question_and_what_went_wrong():
    assert len(STORY) > LONG_CHARS
    kept = question_of(STORY)
    assert kept.endswith("Подскажите, как получить счёт на оплату на организацию?")
    assert "бухгалтерия личные карты не принимает" in kept  # the problem, for context
    assert "канцелярию" not in kept and "Директор" not in kept


def test_an_english_story_keeps_its_question():
    story = (
        "Hello, bit of a long one, sorry. My mum ordered a tablet for my daughter's birthday. "
        "She picked it up on Saturday and did not open it there because of the queue. "
        "We opened it at the party and the screen has a crack across the corner. "
        "My daughter was so upset, we took photos of everything. "
        "What do we need to do to get a replacement?"
    )
    kept = question_of(story)
    assert kept.endswith("What do we need to do to get a replacement?")
    assert "crack" in kept and "birthday" not in kept


def test_short_messages_and_one_long_sentence_are_left_whole():
    assert question_of("где мой заказ? уже неделю жду") == "где мой заказ? уже неделю жду"
    one = "слово " * 80
    assert question_of(one) == one


def test_a_story_that_asks_nothing_keeps_its_last_sentences():
    story = " ".join(f"Это предложение номер {n} про мой день." for n in range(12))
    assert question_of(story).endswith("номер 11 про мой день.")


def test_asking_sentences_score_higher():
    assert asking_score("Как получить счёт?") > asking_score("Мы купили проектор.")
    assert asking_score("подскажите что делать") >= 2
    assert sentences("Раз. Два? Три!\nЧетыре") == ["Раз.", "Два?", "Три!", "Четыре"]
