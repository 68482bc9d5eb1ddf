"""User fields: define, rename, reorder, retype and delete them.

Retyping converts every value that converts; the ones that do not are reported before anything
is written (`retype_report`), and if the user goes ahead each lost value is written into its
contact's history, so nothing disappears without a trace.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from db.contact_keys import list_name
from db.contacts import add_history
from db.field_types import (
    FIELD_KINDS,
    KIND_LABELS,
    CustomField,
    FieldValueError,
    as_text,
    choices_from_json,
    convert,
    value_column,
)
from db.models import ContactRow, CustomFieldRow, CustomValueRow
from db.names import name_problems
from db.records import FieldError
from db.store_settings import default_region
from db.validation import InvalidContactError

REPORT_LIMIT = 200  # values named one by one in a retype report; the rest are counted
CHUNK = 500  # ids per DELETE … IN (…)


@dataclass(frozen=True)
class LostValue:
    value_id: int
    contact_id: int
    contact_name: str
    value: str
    reason: str


@dataclass(frozen=True)
class RetypeReport:
    """What retyping a field would do: how many values convert, and each one that would not."""

    converted: int
    lost: tuple[LostValue, ...]
    lost_count: int


class RetypeLosesValuesError(ValueError):
    """Retyping would lose values and the caller did not accept that; nothing was written."""

    def __init__(self, report: RetypeReport) -> None:
        super().__init__(f"{report.lost_count} values would not convert")
        self.report = report


def _to_field(row: CustomFieldRow) -> CustomField:
    return CustomField(row.id, row.name, row.kind, choices_from_json(row.choices), row.position)


def custom_fields(session: Session) -> list[CustomField]:
    """Every user field, in the user's order."""
    rows = session.scalars(
        select(CustomFieldRow).order_by(CustomFieldRow.position, CustomFieldRow.id)
    )
    return [_to_field(r) for r in rows]


def get_field(session: Session, field_id: int) -> CustomField:
    row = session.get(CustomFieldRow, field_id)
    if row is None:
        raise LookupError(f"There is no user field with id {field_id}")
    return _to_field(row)


def _clean_choices(choices: Sequence[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for choice in choices:
        if choice.strip() and choice.strip().casefold() not in seen:
            seen[choice.strip().casefold()] = choice.strip()
    return tuple(seen.values())


def _check(
    session: Session, name: str, kind: str, choices: Sequence[str], keep_id: int | None = None
) -> None:
    errors = name_problems(session, CustomFieldRow, name, "field", keep_id)
    if kind not in FIELD_KINDS:
        errors.append(FieldError("Type", f"'{kind}' is not one of {', '.join(KIND_LABELS)}"))
    elif kind == "choice" and not _clean_choices(choices):
        errors.append(FieldError("Choices", "a choice list needs at least one choice"))
    if errors:
        raise InvalidContactError(errors)


def create_field(
    session: Session, name: str, kind: str, choices: Sequence[str] = ()
) -> CustomField:
    _check(session, name, kind, choices)
    position = (session.scalar(select(func.max(CustomFieldRow.position))) or 0) + 1
    row = CustomFieldRow(
        name=name.strip(),
        kind=kind,
        choices=json.dumps(list(_clean_choices(choices)) if kind == "choice" else []),
        position=position,
    )
    session.add(row)
    session.flush()
    return _to_field(row)


def rename_field(session: Session, field_id: int, name: str) -> None:
    field = get_field(session, field_id)
    _check(session, name, field.kind, field.choices, keep_id=field_id)
    session.execute(
        update(CustomFieldRow).where(CustomFieldRow.id == field_id).values(name=name.strip())
    )


def set_choices(session: Session, field_id: int, choices: Sequence[str]) -> None:
    """Edit a choice list. Values already given that are no longer a choice are kept (the
    contact's form shows them), as ACT! does: a shorter list must not erase what people typed."""
    field = get_field(session, field_id)
    _check(session, field.name, field.kind, choices, keep_id=field_id)
    session.execute(
        update(CustomFieldRow)
        .where(CustomFieldRow.id == field_id)
        .values(choices=json.dumps(list(_clean_choices(choices))))
    )


def reorder_fields(session: Session, field_ids: Sequence[int]) -> None:
    """Put the fields in this order (on the User fields tab, in lookups, in the column chooser)."""
    for position, field_id in enumerate(field_ids, start=1):
        session.execute(
            update(CustomFieldRow).where(CustomFieldRow.id == field_id).values(position=position)
        )


def value_count(session: Session, field_id: int) -> int:
    """How many live contacts hold a value in the field."""
    return (
        session.scalar(
            select(func.count())
            .select_from(CustomValueRow)
            .join(ContactRow, ContactRow.id == CustomValueRow.contact_id)
            .where(CustomValueRow.field_id == field_id, ContactRow.deleted_at.is_(None))
        )
        or 0
    )


def delete_field(session: Session, field_id: int) -> int:
    """Delete a field and every value of it; returns how many live contacts had one."""
    get_field(session, field_id)
    count = value_count(session, field_id)
    session.execute(delete(CustomValueRow).where(CustomValueRow.field_id == field_id))
    session.execute(delete(CustomFieldRow).where(CustomFieldRow.id == field_id))
    return count


def _plan(
    session: Session, old: CustomField, new: CustomField
) -> tuple[list[tuple[int, object]], list[LostValue]]:
    """Each value of `old` converted to `new`'s type: (value id, new value) for those that
    convert (None: the value becomes empty, e.g. 0 as yes/no), and the ones that do not."""
    region = default_region(session)
    column = getattr(CustomValueRow, old.column)
    rows = session.execute(
        select(
            CustomValueRow.id,
            CustomValueRow.contact_id,
            column,
            ContactRow.first_name,
            ContactRow.middle_name,
            ContactRow.last_name,
            ContactRow.company,
        )
        .join(ContactRow, ContactRow.id == CustomValueRow.contact_id)
        .where(CustomValueRow.field_id == old.id)
        .order_by(ContactRow.sort_name)
    )
    converted: list[tuple[int, object]] = []
    lost: list[LostValue] = []
    for value_id, contact_id, value, first, middle, last, company in rows:
        try:
            converted.append((value_id, convert(value, old, new, region)))
        except FieldValueError as problem:
            name = list_name(first, middle, last) or company
            lost.append(
                LostValue(value_id, contact_id, name, as_text(old.kind, value), str(problem))
            )
    return converted, lost


def retype_report(
    session: Session, field_id: int, kind: str, choices: Sequence[str] = ()
) -> RetypeReport:
    """What retyping would do, without doing it."""
    old = get_field(session, field_id)
    _check(session, old.name, kind, choices, keep_id=field_id)
    new = CustomField(old.id, old.name, kind, _clean_choices(choices))
    converted, lost = _plan(session, old, new)
    return RetypeReport(len(converted), tuple(lost[:REPORT_LIMIT]), len(lost))


def retype_field(
    session: Session,
    field_id: int,
    kind: str,
    choices: Sequence[str] = (),
    *,
    accept_losses: bool = False,
) -> RetypeReport:
    """Change a field's type, converting its values. If some would not convert, nothing is
    written unless `accept_losses`; then each lost value goes into its contact's history."""
    old = get_field(session, field_id)
    _check(session, old.name, kind, choices, keep_id=field_id)
    new = CustomField(old.id, old.name, kind, _clean_choices(choices))
    converted, lost = _plan(session, old, new)
    report = RetypeReport(len(converted), tuple(lost[:REPORT_LIMIT]), len(lost))
    if lost and not accept_losses:
        raise RetypeLosesValuesError(report)
    new_column = value_column(kind)
    emptied = [value_id for value_id, value in converted if value is None]
    kept = [
        {
            "id": value_id,
            "value_text": None,
            "value_number": None,
            "value_date": None,
            new_column: float(value) if isinstance(value, bool) else value,
        }
        for value_id, value in converted
        if value is not None
    ]
    if kept:
        session.execute(update(CustomValueRow), kept)  # one executemany by primary key
    for gone in lost:
        add_history(
            session,
            gone.contact_id,
            "edit",
            f"User field “{old.name}” became {KIND_LABELS[kind].lower()}: its value "
            f"'{gone.value}' did not fit ({gone.reason}) and was removed",
            detail=json.dumps({"changes": [[old.name, gone.value, ""]]}),
        )
    gone_ids = emptied + [g.value_id for g in lost]
    for start in range(0, len(gone_ids), CHUNK):
        chunk = gone_ids[start : start + CHUNK]
        session.execute(delete(CustomValueRow).where(CustomValueRow.id.in_(chunk)))
    session.execute(
        update(CustomFieldRow)
        .where(CustomFieldRow.id == field_id)
        .values(kind=kind, choices=json.dumps(list(new.choices) if kind == "choice" else []))
    )
    return report
