"""Letter templates in the database: the shipped defaults added once, saving checks the settings
and the fields, names are unique however they are typed, delete stays deleted."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from db.custom_fields import custom_fields
from db.mailing.merge_fields import TemplateProblemError
from db.mailing.templates import (
    LetterTemplate,
    delete_template,
    get_template,
    letter_templates,
    save_template,
)
from db.store import Store, open_store


def test_the_defaults_are_added_on_first_listing_with_their_user_field(store: Store) -> None:
    with store.session() as session:
        templates = letter_templates(session)
        assert [t.name for t in templates] == ["Follow-up letter", "Special offer"]
        assert {t.page_size for t in templates} == {"A4", "Letter"}
        assert "Personal code" in [f.name for f in custom_fields(session)]
        offer = get_template(session, "special OFFER")
        assert '{{ field["Personal code"] }}' in offer.body
        assert offer.created_at is not None


def test_a_deleted_default_stays_deleted(store: Store) -> None:
    with store.session() as session:
        follow_up = get_template(session, "Follow-up letter")
        assert follow_up.id is not None
        delete_template(session, follow_up.id)
    with store.session() as session:
        assert [t.name for t in letter_templates(session)] == ["Special offer"]


def test_save_new_then_edit(store: Store) -> None:
    with store.session() as session:
        saved = save_template(
            session, LetterTemplate("  Welcome ", "<p>Hi {{ contact.first_name }}</p>", "A4")
        )
        assert saved.name == "Welcome"
        assert saved.id is not None
        edited = save_template(session, replace(saved, margin_left=30.0, letterhead="Acme"))
        assert edited.id == saved.id
    with store.session() as session:
        again = get_template(session, "welcome")
        assert (again.margin_left, again.letterhead, again.page_size) == (30.0, "Acme", "A4")


def test_saving_checks_fields_settings_and_names(store: Store) -> None:
    with store.session() as session:
        letter_templates(session)
        with pytest.raises(TemplateProblemError, match=r"contact\.frist_name"):
            save_template(session, LetterTemplate("Bad", "<p>{{ contact.frist_name }}</p>"))
        with pytest.raises(ValueError, match="page size is Letter or A4"):
            save_template(session, LetterTemplate("Bad", "x", page_size="A5"))
        with pytest.raises(ValueError, match="left margin is 0 to 80 mm"):
            save_template(session, LetterTemplate("Bad", "x", margin_left=-1))
        with pytest.raises(ValueError, match="Give the template a name"):
            save_template(session, LetterTemplate(" ", "x"))
        with pytest.raises(ValueError, match="already a template called “Special offer”"):
            save_template(session, LetterTemplate("special offer", "x"))
        assert [t.name for t in letter_templates(session)] == ["Follow-up letter", "Special offer"]


def test_an_unknown_template_names_those_there_are(store: Store) -> None:
    with store.session() as session, pytest.raises(LookupError, match="“Follow-up letter”"):
        get_template(session, "Welcome")


def test_a_read_only_database_lists_without_writing(store: Store, db_path: Path) -> None:
    store.close()
    reader = open_store(db_path, read_only=True)
    try:
        with reader.session() as session:
            assert letter_templates(session) == []
    finally:
        reader.close()
