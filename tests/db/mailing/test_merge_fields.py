"""Merge fields: the Insert field menu's tokens, values escaped into the rich text, a misspelt
field named before anything prints, and a template that can never run code or run away."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from db.mailing.letters_pdf import letter_flowables
from db.mailing.merge_fields import (
    CONTACT_FIELDS,
    MAX_LETTER_CHARS,
    MergeValues,
    TemplateProblemError,
    compile_letter,
    format_date,
    merge_fields,
)

USER_FIELDS = ("Account number", 'Odd "name"')


def values(**contact: str) -> MergeValues:
    return MergeValues(
        contact=dict.fromkeys(CONTACT_FIELDS, "") | contact,
        fields={"Account number": "AC-1", 'Odd "name"': "odd"},
        address_block=("Anna Hansen", "Acme & Co", "Storgata 1", "0150 Oslo"),
        today="23 November 2026",
        me={"name": "Kari Nordmann"},
    )


def rendered(body: str, **contact: str) -> list[str]:
    letter = compile_letter(body, USER_FIELDS).render(values(**contact))
    return [p.markup for p in letter]


def test_every_menu_token_renders() -> None:
    fields = merge_fields(USER_FIELDS)
    body = "".join(f"<p>{f.label}: {f.token}</p>" for f in fields)
    lines = rendered(body, first_name="Anna", company="Acme")
    assert len(lines) == len(fields)
    assert "First name: Anna" in lines
    assert "Account number: AC-1" in lines
    assert 'Odd "name": odd' in lines
    assert "My name: Kari Nordmann" in lines
    assert "Today's date: 23 November 2026" in lines
    assert "Address block: Anna Hansen<br/>Acme &amp; Co<br/>Storgata 1<br/>0150 Oslo" in lines
    groups = {f.group for f in fields}
    assert groups == {"Letter", "Contact", "User fields", "Me"}


def test_values_are_escaped_for_the_rich_text() -> None:
    (line,) = rendered("<p><b>{{ contact.company }}</b></p>", company="<i>Smith</i> & Sons\nLtd")
    assert line == "<b>&lt;i&gt;Smith&lt;/i&gt; &amp; Sons<br/>Ltd</b>"


def test_alignment_and_size_survive_rendering() -> None:
    html = (
        '<p align="right">{{ today }}</p>'
        '<p><span style="font-size:18pt">{{ field["Account number"] }}</span></p>'
    )
    first, second = compile_letter(html, USER_FIELDS).render(values())
    assert (first.align, first.markup) == ("right", "23 November 2026")
    assert (second.size, second.markup) == (18.0, '<font size="18">AC-1</font>')


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ("<p>Dear {{ contact.frist_name }},</p>", "“contact.frist_name” (paragraph 1)"),
        ('<p>x</p><p>{{ field["Acount number"] }}</p>', "“Acount number” (paragraph 2)"),
        ("<p>{{ me.nmae }}</p>", "“me.nmae”"),
        ("<p>{{ todya }}</p>", "“todya”"),
        ("<p>{{ contact }}</p>", "“contact” needs a field"),
    ],
)
def test_a_misspelt_field_is_named(body: str, named: str) -> None:
    with pytest.raises(TemplateProblemError, match=re.escape(named)):
        compile_letter(body, USER_FIELDS)


def test_every_misspelt_field_is_named_at_once() -> None:
    with pytest.raises(TemplateProblemError) as raised:
        compile_letter("<p>{{ contact.a }} {{ contact.b }}</p>", USER_FIELDS)
    assert "contact.a" in str(raised.value)
    assert "contact.b" in str(raised.value)


@pytest.mark.parametrize(
    "attack",
    [
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ contact.__class__.__init__.__globals__ }}",
        "{{ contact.items() }}",
        "{{ self.__init__.__globals__ }}",
        "{{ lipsum.__globals__['os'].popen('id').read() }}",
        "{{ cycler.__init__.__globals__.os }}",
        "{% for i in range(10**9) %}x{% endfor %}",
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
        "{{ 'x' * 1000000000 }}",
        "{{ 9 ** 9 ** 9 }}",
        "{% set x = 1 %}",
        "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}",
        "{% include 'x' %}",
        "{{ contact.first_name | attr('__class__') }}",
        "{{ contact.first_name.format(contact) }}",
    ],
)
def test_a_template_can_never_run_code(attack: str) -> None:
    with pytest.raises(TemplateProblemError):
        compile_letter(f"<p>{attack}</p>", USER_FIELDS)


def test_ifs_and_text_filters_are_allowed() -> None:
    body = (
        "<p>{% if contact.title %}{{ contact.title | upper }} {% endif %}"
        '{{ contact.last_name | default("friend") }}</p>'
    )
    assert rendered(body, title="cfo", last_name="Hansen") == ["CFO Hansen"]
    assert rendered(body, last_name="Hansen") == ["Hansen"]


def test_output_is_bounded_even_when_each_value_is_long() -> None:
    body = "<p>" + "{{ contact.company }}" * 300 + "</p>"
    with pytest.raises(TemplateProblemError, match="longer than"):
        rendered(body, company="x" * 1000)


def test_an_if_across_formatting_is_refused_in_words_before_the_pdf() -> None:
    body = "<p>Hello <b>{% if contact.title %}dear</b> sir{% endif %} there</p>"
    paragraphs = compile_letter(body, USER_FIELDS).render(values())
    with pytest.raises(TemplateProblemError, match="paragraph 1: its bold"):
        letter_flowables(paragraphs)


def test_dates_in_each_format() -> None:
    day = date(2026, 3, 5)
    assert format_date(day, "long") == "5 March 2026"
    assert format_date(day, "us") == "March 5, 2026"
    assert format_date(day, "iso") == "2026-03-05"
    assert format_date(day, "numeric") == "05.03.2026"
    assert format_date(day, "us_numeric") == "03/05/2026"
    assert format_date(day, "no such") == "5 March 2026"


JINJA_BITS = st.sampled_from(
    [
        "{{",
        "}}",
        "{%",
        "%}",
        "{#",
        "#}",
        "contact.first_name",
        "field[",
        '"Account number"',
        "]",
        "me.name",
        "today",
        "address_block",
        " if ",
        " endif ",
        " for ",
        " in ",
        "range(",
        ")",
        "*",
        "|",
        "upper",
        "__class__",
        ".",
        "'",
        '"',
        "<b>",
        "</b>",
        "<p>",
        "</p>",
        "&amp;",
        "~",
        "9",
        "(",
        "[",
        "not ",
        " and ",
        "==",
        "else",
        "elif",
        "raw",
        "endraw",
        "set ",
        "=",
    ]
)
TEMPLATE_TEXT = st.lists(st.one_of(JINJA_BITS, st.text(max_size=5)), max_size=40).map("".join)


@settings(max_examples=300, deadline=2000)
@given(TEMPLATE_TEXT)
def test_fuzz_the_renderer_fails_only_in_words_and_stays_bounded(body: str) -> None:
    try:
        letter = compile_letter(body, USER_FIELDS)
        paragraphs = letter.render(values(first_name="Anna"))
        letter_flowables(paragraphs)  # reportlab reads every paragraph's markup
    except TemplateProblemError as refused:
        message = str(refused)
    else:
        assert sum(len(p.markup) for p in paragraphs) <= MAX_LETTER_CHARS
        return
    assert message  # refused in words


def test_markup_the_html_parser_gives_up_on_is_a_template_problem() -> None:
    """Found by fuzzing (atheris): `<![<+` made Python's own HTML parser raise AssertionError."""
    with pytest.raises(TemplateProblemError, match="cannot be read as rich text"):
        compile_letter("<p><![<+</p>")


@pytest.mark.parametrize(
    "body",
    [
        "<p>{{ contact.first_name | title(5) }}</p>",
        "<p>{% if contact.first_name > 3 %}x{% endif %}</p>",
    ],
)
def test_a_template_that_fails_only_when_filled_in_is_a_template_problem(body: str) -> None:
    """Found by a review: allowed filters with wrong arguments raised TypeError when printing."""
    from db.mailing.merge_fields import MergeValues

    values = MergeValues(
        contact={"first_name": "Kari"}, fields={}, address_block=(), today="1 May 2026"
    )
    with pytest.raises(TemplateProblemError):
        compile_letter(body).render(values)
