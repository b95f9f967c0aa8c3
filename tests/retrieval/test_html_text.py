from __future__ import annotations

from retrieval.html_text import html_to_text, looks_like_html


def test_html_answer_keeps_its_structure():
    html = (
        "<h2>Сроки</h2><p>Курьер&nbsp;привезёт за 1&ndash;3 дня.<br>Подробнее "
        "<a href='x'>здесь</a>.</p><ul><li>Москва</li><li>СПб</li></ul><script>x=1</script>"
    )
    assert html_to_text(html) == (
        "## Сроки\n\nКурьер привезёт за 1–3 дня.\n\nПодробнее здесь.\n\n- Москва\n- СПб"
    )


def test_plain_text_is_not_taken_for_html():
    assert not looks_like_html("Стоимость < 500 ₽ и > 100 ₽, a<b")
    assert looks_like_html("Текст<br/>дальше") and looks_like_html('<p class="x">a</p>')
