"""SQLAlchemy 2.0 typed models for the contact database.

Multi-valued parts of a contact (phones, e-mails, addresses) are their own tables. The contacts
table also carries a few derived columns (folded sort keys, the phone, e-mail and city shown in the
list) so that the list, its sorting and its paging read one table; `db.contacts` keeps them in step.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

SHORT = 200
# History kinds that count as being in touch with a contact ("last contacted" in lookups).
CONTACT_KINDS = ("call", "meeting", "letter", "e-mail")
CONTACT_KINDS_SQL = ", ".join(f"'{kind}'" for kind in CONTACT_KINDS)
_CONTACTED = text(f"kind IN ({CONTACT_KINDS_SQL})")  # (HistoryRow has a column named text)
LONG = 2000
# Columns of live contacts with an index each: the list sorts on them, short queries search them.
LIST_INDEXED_COLUMNS = (
    "sort_name",
    "sort_company",
    "sort_city",
    "list_phone",
    "list_email",
    "status",
    "edited_at",
)


class Base(DeclarativeBase):
    """The one declarative base: every table has an integer id."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)


class ContactRow(Base):
    """One person or organisation. `deleted_at` set means the contact is in the Trash."""

    __tablename__ = "contacts"

    prefix: Mapped[str] = mapped_column(String(SHORT), default="")
    first_name: Mapped[str] = mapped_column(String(SHORT), default="")
    middle_name: Mapped[str] = mapped_column(String(SHORT), default="")
    last_name: Mapped[str] = mapped_column(String(SHORT), default="")
    suffix: Mapped[str] = mapped_column(String(SHORT), default="")
    salutation: Mapped[str] = mapped_column(String(SHORT), default="")
    company: Mapped[str] = mapped_column(String(SHORT), default="")
    title: Mapped[str] = mapped_column(String(SHORT), default="")
    department: Mapped[str] = mapped_column(String(SHORT), default="")
    web_site: Mapped[str] = mapped_column(String(LONG), default="")
    birthday: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(SHORT), default="")
    referred_by: Mapped[str] = mapped_column(String(SHORT), default="")
    last_result: Mapped[str] = mapped_column(String(SHORT), default="")
    do_not_call: Mapped[bool] = mapped_column(Boolean, default=False)
    do_not_mail: Mapped[bool] = mapped_column(Boolean, default=False)
    do_not_email: Mapped[bool] = mapped_column(Boolean, default=False)
    mail_returned: Mapped[bool] = mapped_column(Boolean, default=False)
    email_bounced: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    edited_at: Mapped[datetime] = mapped_column(DateTime)
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime)
    # Derived, kept in step by db.contacts: what the list shows and sorts on.
    sort_name: Mapped[str] = mapped_column(String(LONG), default="")
    sort_company: Mapped[str] = mapped_column(String(SHORT), default="")
    sort_city: Mapped[str] = mapped_column(String(SHORT), default="")
    list_phone: Mapped[str] = mapped_column(String(SHORT), default="")
    list_email: Mapped[str] = mapped_column(String(SHORT), default="")
    list_city: Mapped[str] = mapped_column(String(SHORT), default="")
    # The day of the earliest open follow-up; None is "no next action" (kept by db.followups).
    next_follow_up_on: Mapped[date | None] = mapped_column(Date)

    __table_args__ = (
        *(
            Index(f"ix_contacts_live_{column}", column, sqlite_where=text("deleted_at IS NULL"))
            for column in LIST_INDEXED_COLUMNS
        ),
        # Active contacts with no next action, in name order, for the follow-up panel.
        Index(
            "ix_contacts_idle",
            "status",
            "sort_name",
            sqlite_where=text("deleted_at IS NULL AND next_follow_up_on IS NULL"),
        ),
        # Only the Trash is looked up by deletion time; a full index misleads the planner.
        Index("ix_contacts_trash", "deleted_at", sqlite_where=text("deleted_at IS NOT NULL")),
    )


class PhoneRow(Base):
    __tablename__ = "phones"

    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[str] = mapped_column(String(SHORT), default="work")
    number: Mapped[str] = mapped_column(String(SHORT))
    extension: Mapped[str] = mapped_column(String(SHORT), default="")
    e164: Mapped[str | None] = mapped_column(String(SHORT), index=True)


class EmailRow(Base):
    __tablename__ = "emails"

    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[str] = mapped_column(String(SHORT), default="work")
    address: Mapped[str] = mapped_column(String(SHORT))
    normalized: Mapped[str] = mapped_column(String(SHORT), index=True)
    is_primary: Mapped[bool] = mapped_column(Boolean, default=False)


class AddressRow(Base):
    __tablename__ = "addresses"

    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[str] = mapped_column(String(SHORT), default="work")
    street: Mapped[str] = mapped_column(String(LONG), default="")
    city: Mapped[str] = mapped_column(String(SHORT), default="")
    region: Mapped[str] = mapped_column(String(SHORT), default="")
    postal_code: Mapped[str] = mapped_column(String(SHORT), default="")
    country: Mapped[str] = mapped_column(String(SHORT), default="")
    is_mailing: Mapped[bool] = mapped_column(Boolean, default=False)


class HistoryRow(Base):
    """One entry of a contact's timeline: a call, meeting, letter, note, edit, merge, import…"""

    __tablename__ = "history"

    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"))
    occurred_at: Mapped[datetime] = mapped_column(DateTime)
    kind: Mapped[str] = mapped_column(String(SHORT))
    result: Mapped[str] = mapped_column(String(SHORT), default="")
    text: Mapped[str] = mapped_column(Text, default="")
    # Machine-readable detail (JSON) for entries that can be undone, e.g. an edit's old values.
    detail: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (
        Index("ix_history_contact_id_occurred_at", "contact_id", "occurred_at"),
        # Calls, meetings, letters and e-mails by their moment: "last contacted" in lookups.
        Index(
            "ix_history_contacted",
            "occurred_at",
            "contact_id",
            sqlite_where=_CONTACTED,
        ),
    )


class StatusRow(Base):
    """The editable list of contact statuses (lead, prospect, customer, …)."""

    __tablename__ = "statuses"

    name: Mapped[str] = mapped_column(String(SHORT), unique=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)


class StoreSettingRow(Base):
    """Settings that belong to the database, not the machine (e.g. the default phone region)."""

    __tablename__ = "store_settings"

    key: Mapped[str] = mapped_column(String(SHORT), unique=True)
    value: Mapped[str] = mapped_column(Text, default="")


class FollowUpRow(Base):
    """A next action on a contact: what to do, and when.

    `due_on` is the day in the user's calendar; a follow-up with a time also has `due_at`, the
    moment in UTC, so that it stays right when the clocks change or the laptop travels.
    """

    __tablename__ = "followups"

    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(SHORT))
    description: Mapped[str] = mapped_column(String(LONG), default="")
    due_on: Mapped[date] = mapped_column(Date)
    due_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    # Open until done (with the result of the call that did it) or removed.
    done_at: Mapped[datetime | None] = mapped_column(DateTime)
    result: Mapped[str] = mapped_column(String(SHORT), default="")
    removed_at: Mapped[datetime | None] = mapped_column(DateTime)

    __table_args__ = (
        # Untimed follow-ups by their day; timed ones below by their moment.
        Index(
            "ix_followups_open_untimed",
            "due_on",
            sqlite_where=text("done_at IS NULL AND removed_at IS NULL AND due_at IS NULL"),
        ),
        Index(
            "ix_followups_open_contact",
            "contact_id",
            sqlite_where=text("done_at IS NULL AND removed_at IS NULL"),
        ),
        Index("ix_followups_contact_id", "contact_id"),
        # Timed follow-ups by their moment: overdue once it has passed, wherever the laptop is.
        Index(
            "ix_followups_open_timed",
            "due_at",
            sqlite_where=text("done_at IS NULL AND removed_at IS NULL AND due_at IS NOT NULL"),
        ),
    )


class CategoryRow(Base):
    """A colour-coded category (the card-file trick): a contact can be in several."""

    __tablename__ = "categories"

    name: Mapped[str] = mapped_column(String(SHORT), unique=True)
    colour: Mapped[str] = mapped_column(String(SHORT), default="#4a90d9")
    description: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)


class ContactCategoryRow(Base):
    __tablename__ = "contact_categories"

    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"))
    category_id: Mapped[int] = mapped_column(
        ForeignKey("categories.id", ondelete="CASCADE"), index=True
    )

    __table_args__ = (
        UniqueConstraint("contact_id", "category_id", name="uq_contact_categories_pair"),
    )


class CustomFieldRow(Base):
    """A user field defined for this database (ACT!'s "user fields", without the limit of 15).

    `kind` is one of `db.custom_fields.FIELD_KINDS`; `choices` is a JSON list for choice lists.
    """

    __tablename__ = "custom_fields"

    name: Mapped[str] = mapped_column(String(SHORT), unique=True)
    kind: Mapped[str] = mapped_column(String(SHORT), default="text")
    choices: Mapped[str] = mapped_column(Text, default="[]")
    position: Mapped[int] = mapped_column(Integer, default=0)


class CustomValueRow(Base):
    """One contact's value of one user field, in the column its type calls for.

    Text, choice, URL and phone fields use `value_text`; number, currency and yes/no use
    `value_number` (yes is 1; an unticked yes/no has no row); dates use `value_date`.
    Each typed column has an index with the field first, for lookups.
    """

    __tablename__ = "custom_values"

    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"))
    field_id: Mapped[int] = mapped_column(ForeignKey("custom_fields.id", ondelete="CASCADE"))
    # Without case, as lookups compare text ("is shipping"), so that its index answers them.
    value_text: Mapped[str | None] = mapped_column(String(LONG, collation="NOCASE"))
    value_number: Mapped[float | None] = mapped_column(Float)
    value_date: Mapped[date | None] = mapped_column(Date)

    __table_args__ = (
        UniqueConstraint("contact_id", "field_id", name="uq_custom_values_contact_field"),
        Index("ix_custom_values_field_text", "field_id", "value_text"),
        Index("ix_custom_values_field_number", "field_id", "value_number"),
        Index("ix_custom_values_field_date", "field_id", "value_date"),
    )


class SavedLookupRow(Base):
    """A lookup saved by name: a dynamic list, run again each time it is opened.

    `definition` is the lookup's conditions as JSON (`db.lookup_records.Lookup.to_json`)."""

    __tablename__ = "saved_lookups"

    name: Mapped[str] = mapped_column(String(SHORT), unique=True)
    definition: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer, default=0)


class ContactGroupRow(Base):
    """A static group: contacts put in it by hand; a contact can be in many."""

    __tablename__ = "contact_groups"

    name: Mapped[str] = mapped_column(String(SHORT), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)


class GroupMemberRow(Base):
    __tablename__ = "group_members"

    group_id: Mapped[int] = mapped_column(ForeignKey("contact_groups.id", ondelete="CASCADE"))
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )

    __table_args__ = (UniqueConstraint("group_id", "contact_id", name="uq_group_members_pair"),)


class NotDuplicateRow(Base):
    """Two contacts the user said are not the same: never proposed as duplicates again.
    `low_id` is the smaller id of the pair."""

    __tablename__ = "not_duplicates"

    low_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"))
    high_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"), index=True)
    decided_at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (UniqueConstraint("low_id", "high_id", name="uq_not_duplicates_pair"),)


class MergeRow(Base):
    """One merge: which contacts were absorbed into the survivor, and everything needed to undo
    it (`record`: JSON of the absorbed contacts as they were, with all their rows, the survivor's
    values the merge replaced, and the rows it moved to the survivor)."""

    __tablename__ = "merges"

    # No foreign key: a survivor later merged into another contact must not take this record
    # (and the way back) with it.
    survivor_id: Mapped[int] = mapped_column(Integer, index=True)
    merged_at: Mapped[datetime] = mapped_column(DateTime)
    absorbed_ids: Mapped[str] = mapped_column(Text)  # JSON list of the absorbed contacts' ids
    record: Mapped[str] = mapped_column(Text)
    automatic: Mapped[bool] = mapped_column(Boolean, default=False)
    undone_at: Mapped[datetime | None] = mapped_column(DateTime)


class ContactPhotoRow(Base):
    """A contact's photo (from a vCard, or set by the user): at most one per contact."""

    __tablename__ = "contact_photos"

    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), unique=True
    )
    mime: Mapped[str] = mapped_column(String(SHORT), default="image/jpeg")
    data: Mapped[bytes] = mapped_column(LargeBinary)


class ImportBatchRow(Base):
    """One import: where from, how matches were treated, what it did, and whether it was undone."""

    __tablename__ = "import_batches"

    started_at: Mapped[datetime] = mapped_column(DateTime)
    file_name: Mapped[str] = mapped_column(String(LONG), default="")
    format: Mapped[str] = mapped_column(String(SHORT), default="csv")
    on_match: Mapped[str] = mapped_column(String(SHORT), default="fill")
    created: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    skipped: Mapped[int] = mapped_column(Integer, default=0)
    rejected: Mapped[int] = mapped_column(Integer, default=0)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    # What existed when the import finished: history and follow-ups added to its contacts later
    # have higher ids (an undo must not take them away silently).
    last_history_id: Mapped[int] = mapped_column(Integer, default=0)
    last_followup_id: Mapped[int] = mapped_column(Integer, default=0)
    made: Mapped[str] = mapped_column(Text, default="{}")  # JSON: categories, fields it created
    undone_at: Mapped[datetime | None] = mapped_column(DateTime)


class ImportItemRow(Base):
    """One contact an import created or changed: enough to undo it (`before`: JSON of the
    contact's rows before an update, as a merge keeps them; empty for a created contact)."""

    __tablename__ = "import_items"

    batch_id: Mapped[int] = mapped_column(
        ForeignKey("import_batches.id", ondelete="CASCADE"), index=True
    )
    # No foreign key: undoing the batch removes created contacts, and the record stays.
    contact_id: Mapped[int] = mapped_column(Integer, index=True)
    action: Mapped[str] = mapped_column(String(SHORT))  # created, updated, filled, review
    matched_id: Mapped[int | None] = mapped_column(Integer)  # review: the contact it resembles
    source: Mapped[str] = mapped_column(String(SHORT), default="")  # "line 12", "card 3"
    before: Mapped[str] = mapped_column(Text, default="")


class LetterTemplateRow(Base):
    """A letter template: its body is the editor's rich text (HTML) with merge-field tokens
    (`{{ contact.first_name }}`), laid out on `page_size` ("Letter" or "A4") within the margins
    (millimetres), under an optional letterhead; `date_format` names how `{{ today }}` reads."""

    __tablename__ = "letter_templates"

    name: Mapped[str] = mapped_column(String(SHORT), unique=True)
    body: Mapped[str] = mapped_column(Text, default="")
    page_size: Mapped[str] = mapped_column(String(SHORT), default="Letter")
    margin_top: Mapped[float] = mapped_column(Float, default=25.0)
    margin_right: Mapped[float] = mapped_column(Float, default=25.0)
    margin_bottom: Mapped[float] = mapped_column(Float, default=25.0)
    margin_left: Mapped[float] = mapped_column(Float, default=25.0)
    letterhead: Mapped[str] = mapped_column(Text, default="")
    date_format: Mapped[str] = mapped_column(String(SHORT), default="long")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    edited_at: Mapped[datetime] = mapped_column(DateTime)
