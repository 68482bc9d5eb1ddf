"""Letter templates, kept in the database: list, read, save (new or edited) and delete them.

Two default templates (a follow-up letter and a special offer with a personal code) are shipped
as data in resources/letters/ and added the first time a database's templates are listed; a
setting remembers that they were, so one the user deleted stays deleted. (Not in the migration:
it stays schema-only, and the shipped letters can improve without a new migration.) The special
offer needs a text user field "Personal code"; it is made with them when the database has none.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields, replace
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from db.clock import SystemClock, now_utc_naive
from db.custom_fields import create_field, custom_fields
from db.folding import fold
from db.mailing.merge_fields import DATE_FORMATS, CompiledLetter, compile_letter
from db.models import LetterTemplateRow
from db.store_settings import get_setting, set_setting
from resources import resource_path

PAGE_SIZES = ("Letter", "A4")
DEFAULTS_ADDED_KEY = "mailing.letter_defaults_added"
DEFAULT_FILES = ("follow-up.json", "special-offer.json")
MAX_MARGIN_MM = 80.0
MAX_NAME = 100
OFFER_CODE_FIELD = "Personal code"


@dataclass(frozen=True)
class LetterTemplate:
    name: str
    body: str  # the editor's rich text, as HTML
    page_size: str = "Letter"  # one of PAGE_SIZES
    margin_top: float = 25.0  # millimetres
    margin_right: float = 25.0
    margin_bottom: float = 25.0
    margin_left: float = 25.0
    letterhead: str = ""  # plain text, centred at the top of each letter's first page
    date_format: str = "long"  # a key of merge_fields.DATE_FORMATS
    id: int | None = None  # None: not saved yet
    created_at: datetime | None = None
    edited_at: datetime | None = None

    @property
    def margins(self) -> tuple[float, float, float, float]:
        return self.margin_top, self.margin_right, self.margin_bottom, self.margin_left


_STORED = tuple(f.name for f in fields(LetterTemplate) if f.name not in ("id",))


def template_problems(template: LetterTemplate) -> list[str]:
    """What is wrong with the template's settings, in words (not its fields: `check_template`)."""
    problems = []
    if not template.name.strip():
        problems.append("give the template a name")
    elif len(template.name.strip()) > MAX_NAME:
        problems.append(f"a template's name is at most {MAX_NAME} characters")
    if template.page_size not in PAGE_SIZES:
        problems.append(f"the page size is {' or '.join(PAGE_SIZES)}, not “{template.page_size}”")
    for side, value in zip(("top", "right", "bottom", "left"), template.margins, strict=True):
        if not 0 <= value <= MAX_MARGIN_MM:
            problems.append(f"the {side} margin is 0 to {MAX_MARGIN_MM:g} mm, not {value:g}")
    if template.date_format not in DATE_FORMATS:
        problems.append(f"“{template.date_format}” is not a date format")
    return problems


def user_field_names(session: Session) -> list[str]:
    return [f.name for f in custom_fields(session)]


def check_template(session: Session, template: LetterTemplate) -> CompiledLetter:
    """The template, checked against this database's fields and ready to fill in; ValueError
    (TemplateProblemError for the body) saying everything that is wrong."""
    problems = template_problems(template)
    if problems:
        text = "; ".join(problems)
        raise ValueError(text[0].upper() + text[1:])
    return compile_letter(template.body, user_field_names(session))


def defaults_pending(session: Session) -> bool:
    """Whether listing the templates will add the shipped ones (and their user field)."""
    return not get_setting(session, DEFAULTS_ADDED_KEY)


def letter_templates(session: Session) -> list[LetterTemplate]:
    """Every template, by name; the shipped defaults added first when this database has never
    had them."""
    if defaults_pending(session):
        _add_defaults(session)
    rows = session.scalars(select(LetterTemplateRow))
    return sorted((_to_template(row) for row in rows), key=lambda t: fold(t.name))


def get_template(session: Session, name: str) -> LetterTemplate:
    """The template called `name` (case and accents aside); LookupError naming those there are."""
    templates = letter_templates(session)
    for template in templates:
        if fold(template.name) == fold(name):
            return template
    known = ", ".join(f"“{t.name}”" for t in templates) or "none yet"
    raise LookupError(f"There is no letter template called “{name}” (there are: {known})")


def save_problem(session: Session, template: LetterTemplate) -> str | None:
    """Why `template` cannot be saved as it is, in words; None when it can."""
    try:
        check_template(session, template)
    except ValueError as wrong:
        return str(wrong)
    return _name_taken(session, template)


def save_template(session: Session, template: LetterTemplate) -> LetterTemplate:
    """Save a new template (id None) or an edit of one; ValueError (TemplateProblemError for
    its fields) when something is wrong or another template has the name. Nothing is saved then."""
    check_template(session, template)
    taken = _name_taken(session, template)
    if taken:
        raise ValueError(taken)
    name = template.name.strip()
    moment = now_utc_naive(SystemClock())
    if template.id is None:
        row = LetterTemplateRow(created_at=moment)
        session.add(row)
    else:
        found = session.get(LetterTemplateRow, template.id)
        if found is None:
            raise LookupError(f"The template “{name}” is no longer there")
        row = found
    for key in _STORED:
        if key not in ("created_at", "edited_at"):
            setattr(row, key, getattr(template, key))
    row.name, row.edited_at = name, moment
    session.flush()
    return _to_template(row)


def _name_taken(session: Session, template: LetterTemplate) -> str | None:
    name = fold(template.name.strip())
    for other in session.scalars(select(LetterTemplateRow)):
        if fold(other.name) == name and other.id != template.id:
            return f"There is already a template called “{other.name}”"
    return None


def delete_template(session: Session, template_id: int) -> None:
    row = session.get(LetterTemplateRow, template_id)
    if row is not None:
        session.delete(row)


def default_templates() -> list[LetterTemplate]:
    """The templates shipped in resources/letters/."""
    shipped = []
    for name in DEFAULT_FILES:
        data = json.loads(resource_path("letters", name).read_text(encoding="utf-8"))
        body = data.pop("body")
        text = "\n".join(body) if isinstance(body, list) else str(body)
        shipped.append(LetterTemplate(body=text, **data))
    return shipped


def _add_defaults(session: Session) -> None:
    """Add the shipped templates (those whose names are free); in a database open read-only
    nothing is added and the listing goes on."""
    try:
        with session.begin_nested():
            taken = {fold(n) for n in session.scalars(select(LetterTemplateRow.name))}
            moment = now_utc_naive(SystemClock())
            for template in default_templates():
                if fold(template.name) not in taken:
                    values = {k: getattr(template, k) for k in _STORED}
                    session.add(LetterTemplateRow(**values | _stamped(moment)))
            names = {fold(n) for n in user_field_names(session)}
            if fold(OFFER_CODE_FIELD) not in names:  # the special offer's personal code
                create_field(session, OFFER_CODE_FIELD, "text")
            set_setting(session, DEFAULTS_ADDED_KEY, "1")
    except OperationalError:
        pass  # read-only: the defaults come when the database is next opened for writing


def _stamped(moment: datetime) -> dict[str, datetime]:
    return {"created_at": moment, "edited_at": moment}


def _to_template(row: LetterTemplateRow) -> LetterTemplate:
    values = {key: getattr(row, key) for key in _STORED}
    return replace(LetterTemplate(name=row.name, body=row.body), **values, id=row.id)
