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


def test_an_error_code_from_a_dropped_sentence_is_kept_after_the_question():
    story = (
        "Добрый вечер. Хотела оформить заказ на подарок, скидка действует до полуночи. "
        "Положила наушники в корзину, выбрала курьера, нажала кнопку, и приложение написало "
        "«Что-то пошло не так, E-404». Перезагрузила телефон, переключилась на другой интернет, "
        "но ничего не поменялось, деньги не списались. Подруга говорит, надо всё переустановить. "
        "Скажите, это у меня что-то с телефоном или у вас сбой?"
    )
    assert len(story) > LONG_CHARS
    kept = question_of(story)
    assert "Скажите, это у меня что-то с телефоном или у вас сбой?" in kept
    assert kept.endswith("E-404")
    assert "Подруга" not in kept
    assert question_of(kept) == kept  # reading a read text again changes nothing


def test_a_code_in_a_kept_sentence_is_not_repeated_and_a_price_is_no_code():
    """Only a code the kept sentences lack is added; digits alone are no code."""
    story = (
        "Здравствуйте. Купил телевизор за 45 990 рублей, курьер привёз вчера вечером. "
        "Всё подключил, настроил каналы, но через час экран погас. Мастер сказал, что это "
        "блок питания и что такое бывает у этой модели, заказ был 1 200-й по счёту. "
        "Я живу за городом, везти его обратно тяжело. Что делать, если пишет ошибку E-101?"
    )
    kept = question_of(story)
    assert kept.count("E-101") == 1
    assert kept.endswith("E-101?")
    assert "45 990" not in kept and "200" not in kept
