"""Merge fields: the tokens a letter template holds (`{{ contact.first_name }}`,
`{{ address_block }}`, `{{ today }}`, `{{ me.name }}`, `{{ field["Account number"] }}`), the list
the editor's "Insert field" menu offers, and the rendering of a template for one recipient.

Templates are Jinja2, run in its `ImmutableSandboxedEnvironment` with `StrictUndefined`, and
checked before anything prints: every name, attribute and user-field key is compared with the
fields that exist, so a misspelt field is reported by name; and only what a letter needs is
allowed (fields, `if`, a few text filters). No loops, calls, arithmetic or imports, so a template
can neither run code nor take long, and each letter's output is limited in size besides.
Values are HTML-escaped: the body is rich text (reportlab's Paragraph markup, see rich_text.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from db.mailing.rich_text import ALIGNMENTS, BASE_SIZE, RichParagraph, paragraphs_from_html

MAX_LETTER_CHARS = 200_000  # of rendered markup per letter: many pages; more is a runaway
PARAGRAPH_BREAK = "\ue000"  # between paragraphs in the template's source (private use)
ALIGN_MARK = "\ue001"  # before a paragraph's alignment letter

CONTACT_FIELDS = {
    "salutation": "Salutation (Dear …)",
    "prefix": "Prefix (Mr, Dr)",
    "first_name": "First name",
    "middle_name": "Middle name",
    "last_name": "Last name",
    "suffix": "Suffix",
    "full_name": "Full name",
    "company": "Company",
    "title": "Title",
    "department": "Department",
    "phone": "Phone",
    "mobile": "Mobile phone",
    "email": "E-mail",
    "web_site": "Web site",
    "city": "City",
}
MY_FIELDS = {
    "name": "My name",
    "title": "My title",
    "company": "My company",
    "phone": "My phone",
    "email": "My e-mail",
    "signature": "My signature text",
}
DATE_FORMATS = {  # name -> (label, strftime pattern without zero-padded days)
    "long": ("23 November 2026", "{day} {month} {year}"),
    "us": ("November 23, 2026", "{month} {day}, {year}"),
    "iso": ("2026-11-23", "{iso}"),
    "numeric": ("23.11.2026", "{dd}.{mm}.{year}"),
    "us_numeric": ("11/23/2026", "{mm}/{dd}/{year}"),
}
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_FILTERS = {"upper", "lower", "title", "capitalize", "trim", "default"}
_BARE_NAMES = {"today", "address_block"}
_ALIGN_CODES = {a[0]: a for a in ALIGNMENTS}
_JINJA_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)


class TemplateProblemError(ValueError):
    """A template that cannot be used as it is; the message names the field or the place."""


@dataclass(frozen=True)
class MergeField:
    group: str  # "Contact", "Me", "User fields", "Letter"
    label: str
    token: str


@dataclass(frozen=True)
class MergeValues:
    """What one letter is filled with (all text; values missing for a contact are "")."""

    contact: Mapping[str, str]
    fields: Mapping[str, str]  # user fields by name
    address_block: tuple[str, ...]
    today: str
    me: Mapping[str, str] = field(default_factory=dict)


def user_field_token(name: str) -> str:
    quoted = name.replace("\\", "\\\\").replace('"', '\\"')
    return f'{{{{ field["{quoted}"] }}}}'


def merge_fields(user_fields: Sequence[str] = ()) -> tuple[MergeField, ...]:
    """Every field the "Insert field" menu offers, grouped, in menu order."""
    found = [MergeField("Letter", "Address block", "{{ address_block }}")]
    found.append(MergeField("Letter", "Today's date", "{{ today }}"))
    found.extend(
        MergeField("Contact", label, f"{{{{ contact.{key} }}}}")
        for key, label in CONTACT_FIELDS.items()
    )
    found.extend(MergeField("User fields", name, user_field_token(name)) for name in user_fields)
    found.extend(MergeField("Me", label, f"{{{{ me.{key} }}}}") for key, label in MY_FIELDS.items())
    return tuple(found)


def format_date(day: date, date_format: str) -> str:
    """`day` as the template's date format says ("long" when it names none known)."""
    pattern = DATE_FORMATS.get(date_format, DATE_FORMATS["long"])[1]
    return pattern.format(
        day=day.day,
        dd=f"{day.day:02d}",
        mm=f"{day.month:02d}",
        month=_MONTHS[day.month - 1],
        year=day.year,
        iso=day.isoformat(),
    )


@dataclass(frozen=True)
class CompiledLetter:
    """A checked template, ready to fill in for each recipient."""

    template: Any  # jinja2.Template
    user_fields: tuple[str, ...] = ()  # the user fields it names, in order
    base_size: float = BASE_SIZE

    def render(self, values: MergeValues) -> tuple[RichParagraph, ...]:
        """The letter's paragraphs for one recipient; TemplateProblemError when it cannot be
        filled in (never another exception)."""
        from markupsafe import Markup, escape

        context = {
            "contact": dict(values.contact),
            "field": dict(values.fields),
            "me": {key: values.me.get(key, "") for key in MY_FIELDS},
            "today": values.today,
            "address_block": Markup("<br/>").join(escape(line) for line in values.address_block),
        }
        text = "".join(_bounded(self.template.generate(context)))
        return tuple(_paragraph(part, self.base_size) for part in text.split(PARAGRAPH_BREAK))


def _bounded(chunks: Iterator[str]) -> Iterator[str]:
    from jinja2 import TemplateError

    total = 0
    try:
        for chunk in chunks:
            total += len(chunk)
            if total > MAX_LETTER_CHARS:
                raise TemplateProblemError(
                    f"the letter came out longer than {MAX_LETTER_CHARS:,} characters"
                )
            yield chunk
    # StrictUndefined, the sandbox (caught by the check first); an allowed filter given the wrong
    # arguments or a comparison of text with a number (found by a review).
    except (TemplateError, TypeError, ValueError, ArithmeticError, LookupError) as failed:
        raise TemplateProblemError(f"the template could not be filled in: {failed}") from None


def _paragraph(part: str, base_size: float) -> RichParagraph:
    part = part.lstrip("\n")
    align, size, markup = "left", base_size, part
    if part.startswith(ALIGN_MARK):
        align = _ALIGN_CODES.get(part[1:2], "left")
        size_text, _, markup = part[2:].partition(ALIGN_MARK)
        try:
            size = float(size_text)
        except ValueError:
            size = base_size
    return RichParagraph(align, markup.strip(), size)


def template_source(paragraphs: Sequence[RichParagraph]) -> str:
    """The paragraphs as one Jinja template: each paragraph on its own line (so Jinja's line
    numbers are paragraph numbers), its alignment and size in front."""
    import html

    def jinja_text(markup: str) -> str:
        # the converter escaped &, < and > everywhere; inside a tag Jinja needs them as typed
        return _JINJA_TAG.sub(lambda m: html.unescape(m.group(0)), markup)

    return (PARAGRAPH_BREAK + "\n").join(
        f"{ALIGN_MARK}{p.align[0]}{p.size:g}{ALIGN_MARK}{jinja_text(p.markup)}" for p in paragraphs
    )


def compile_letter(body_html: str, user_fields: Sequence[str] = ()) -> CompiledLetter:
    """The template in `body_html` (the editor's rich text), checked: TemplateProblemError
    naming every unknown field (with its paragraph), or what else is wrong and where."""
    from jinja2 import TemplateSyntaxError

    try:
        source = template_source(paragraphs_from_html(body_html))
    except ValueError as unreadable:
        raise TemplateProblemError(str(unreadable)) from None
    environment = _environment()
    try:
        tree = environment.parse(source)
    except TemplateSyntaxError as wrong:
        raise TemplateProblemError(f"paragraph {wrong.lineno}: {wrong.message}") from None
    except (RecursionError, MemoryError, OverflowError, ValueError):
        raise TemplateProblemError("the template is too deeply nested to read") from None
    problems = list(_problems(tree, set(user_fields)))
    if problems:
        raise TemplateProblemError("; ".join(dict.fromkeys(problems)))
    try:
        template = environment.from_string(tree)
    except (RecursionError, TemplateSyntaxError) as wrong:
        raise TemplateProblemError(f"the template cannot be used: {wrong}") from None
    return CompiledLetter(template, tuple(_user_fields_named(tree)))


@cache
def _environment() -> Any:
    from jinja2 import StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment
    from markupsafe import Markup, escape

    def finalize(value: object) -> object:
        if isinstance(value, Markup):
            return value
        text = str(value).replace(PARAGRAPH_BREAK, "").replace(ALIGN_MARK, "")
        return escape(text).replace("\n", Markup("<br/>"))

    return ImmutableSandboxedEnvironment(
        undefined=StrictUndefined,
        autoescape=True,
        finalize=finalize,
        keep_trailing_newline=True,
    )


def _problems(node: Any, user_fields: set[str]) -> Iterator[str]:
    """What in the parsed template is not a known field or not allowed in a letter."""
    from jinja2 import nodes

    where = f" (paragraph {node.lineno})" if getattr(node, "lineno", None) else ""
    if isinstance(node, nodes.Getattr | nodes.Getitem):
        yield from _field_problems(node, user_fields, where)
        return
    if isinstance(node, nodes.Name):
        if node.name in _BARE_NAMES:
            return
        if node.name in ("contact", "me", "field"):
            yield f"“{node.name}” needs a field after it, as the Insert field menu gives{where}"
        else:
            yield f"unknown field “{node.name}”{where}"
        return
    if isinstance(node, nodes.Filter) and node.name not in _FILTERS:
        yield f"“{node.name}” cannot be used in a letter{where}"
    elif not isinstance(node, _allowed_nodes()):
        what = {nodes.For: "loops", nodes.Call: "calls", nodes.Macro: "macros"}.get(
            type(node), f"“{type(node).__name__}”"
        )
        yield f"{what} cannot be used in a letter{where}"
        return
    for child in node.iter_child_nodes():
        yield from _problems(child, user_fields)


def _user_fields_named(tree: Any) -> Iterator[str]:
    from jinja2 import nodes

    seen: set[str] = set()
    for item in tree.find_all(nodes.Getitem):
        key = item.arg.value if isinstance(item.arg, nodes.Const) else None
        if isinstance(key, str) and key not in seen:
            seen.add(key)
            yield key


def _field_problems(node: Any, user_fields: set[str], where: str) -> Iterator[str]:
    from jinja2 import nodes

    if not isinstance(node.node, nodes.Name):
        yield f"only the fields of the Insert field menu can be used{where}"
        return
    owner = node.node.name
    if isinstance(node, nodes.Getattr):
        known = {"contact": CONTACT_FIELDS, "me": MY_FIELDS}.get(owner)
        if known is None or node.attr not in known:
            yield f"unknown field “{owner}.{node.attr}”{where}"
        return
    key = node.arg.value if isinstance(node.arg, nodes.Const) else None
    if owner != "field" or not isinstance(key, str):
        yield f"unknown field “{owner}[…]”{where}"
    elif key not in user_fields:
        yield f"unknown user field “{key}”{where}"


@cache
def _allowed_nodes() -> tuple[type, ...]:
    from jinja2 import nodes

    return (
        nodes.Template,
        nodes.Output,
        nodes.TemplateData,
        nodes.Const,
        nodes.Filter,
        nodes.If,
        nodes.Compare,
        nodes.Operand,
        nodes.And,
        nodes.Or,
        nodes.Not,
        nodes.CondExpr,
        nodes.Concat,
    )
