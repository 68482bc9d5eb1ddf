"""Static groups: made, renamed, deleted; contacts added and removed one or many at a time."""

from __future__ import annotations

import pytest

from db import contacts, groups, search
from db.lookups import SqlFragment
from db.store import Store
from db.validation import InvalidContactError
from tests.db.factories import person


def test_groups_hold_contacts_added_one_or_many_at_a_time(store: Store) -> None:
    with store.session() as session:
        ids = [contacts.create_contact(session, person(f"P{n:02d}", "Lie")).id for n in range(5)]
        fair = groups.create_group(session, "Trade fair", "Met at the stand")
        board = groups.create_group(session, "Board")
        assert groups.add_to_group(session, fair, ids[:3]) == 3
        assert groups.add_to_group(session, fair, ids[2:4]) == 1  # one was in already
        assert groups.add_to_group(session, board, [ids[0]]) == 1  # a contact in two groups
        assert groups.remove_from_group(session, fair, [ids[1], ids[4]]) == 1
        contacts.delete_contact(session, ids[3])  # the Trash is not counted
    with store.session() as session:
        assert [(g.name, g.contacts) for g in groups.groups(session)] == [
            ("Trade fair", 2),
            ("Board", 1),
        ]
        assert [g.name for g in groups.contact_groups(session, ids[0])] == ["Trade fair", "Board"]
        members = SqlFragment(
            "c.id IN (SELECT contact_id FROM group_members WHERE group_id = :g)", {"g": fair}
        )
        assert list(search.matching_ids(session, "", extra=members)) == [ids[0], ids[2]]


def test_rename_delete_and_refuse_clashing_names(store: Store) -> None:
    with store.session() as session:
        kari = contacts.create_contact(session, person()).id
        fair = groups.create_group(session, "Fair")
        groups.create_group(session, "Board")
        for name in ("", "board", "x" * 61):
            with pytest.raises(InvalidContactError):
                groups.create_group(session, name)
        with pytest.raises(InvalidContactError):
            groups.rename_group(session, fair, "BOARD")
        groups.rename_group(session, fair, "Fair 2026")
        groups.add_to_group(session, fair, [kari])
        assert groups.group_named(session, "fair 2026").id == fair
        assert groups.delete_group(session, fair) == 1
    with store.session() as session:
        assert [g.name for g in groups.groups(session)] == ["Board"]
        assert contacts.get_contact(session, kari).deleted_at is None  # the contact stays
        with pytest.raises(LookupError, match="no group called “Fair 2026”"):
            groups.group_named(session, "Fair 2026")
