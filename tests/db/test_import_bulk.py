"""A big import as a bulk load: the list's indexes dropped inside the import's transaction and
built again at the end, so that a Cancel (or a crash) leaves indexes and data as they were."""

from __future__ import annotations

import gc

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from db.bulk_indexes import BULK_SEARCH_HASHSIZE, SEARCH_HASHSIZE, bulk_indexes
from db.contacts import create_contact
from db.interchange import import_batches, importing
from db.interchange.import_batches import import_batches as batches
from db.interchange.import_records import ImportCancelledError, ImportOptions
from db.interchange.import_undo import undo_import
from db.interchange.importing import run_import
from db.interchange.incoming import Incoming
from db.records import Email, Phone
from db.search import found_ids, live_contact_count
from db.store import Store
from tests.db.factories import person

CHUNK = 20
BULK_INDEXES = {str(index.name) for index in bulk_indexes()}


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks of 20 and a bulk load from 20 contacts on, so that a few dozen make a big import."""
    monkeypatch.setattr(importing, "CHUNK", CHUNK)
    monkeypatch.setattr(import_batches, "BULK_ROWS", CHUNK)


@pytest.fixture
def stored(store: Store) -> int:
    with store.session() as session:
        return create_contact(session, person("Stored", "Before")).id


def _indexes(session: Session) -> set[str]:
    rows = session.execute(text("SELECT name FROM sqlite_master WHERE type = 'index'"))
    return {name for (name,) in rows} & BULK_INDEXES


def _search_hashsize(session: Session) -> int:
    """What the quick-search index gathers in memory before writing (FTS5's default: unset)."""
    found = session.execute(text("SELECT v FROM contact_search_config WHERE k = 'hashsize'"))
    return int(found.scalar() or SEARCH_HASHSIZE)


def _records(count: int) -> list[Incoming]:
    return [
        Incoming(
            person(
                f"First{n}",
                f"Last{n}",
                emails=(Email(f"p{n}@example.org"),),
                phones=(Phone(f"+47 22 33 {n:04d}"),),
            ),
            f"line {n + 2}",
        )
        for n in range(count)
    ]


def test_a_big_import_builds_the_list_indexes_again(store: Store, stored: int) -> None:
    seen: list[set[str]] = []
    hashsizes: set[int] = set()
    with store.session() as session:
        assert _indexes(session) == BULK_INDEXES

        def cancelled() -> bool:
            seen.append(_indexes(session))
            hashsizes.add(_search_hashsize(session))
            return False

        result = run_import(session, _records(3 * CHUNK), ImportOptions(), cancelled=cancelled)
        assert session.execute(text("PRAGMA threads")).scalar() == 0  # sorted with more, then
    assert result.created == 3 * CHUNK
    assert set() in seen  # written without them
    assert BULK_SEARCH_HASHSIZE in hashsizes  # the search index written in bigger pieces
    with store.session() as session:
        assert _indexes(session) == BULK_INDEXES
        assert _search_hashsize(session) == SEARCH_HASHSIZE  # and set back
        assert live_contact_count(session) == 3 * CHUNK + 1
        assert len(list(found_ids(session, "last41") or [])) == 1
        undo_import(session, result.batch_id)
    with store.session() as session:
        assert live_contact_count(session) == 1
        assert _indexes(session) == BULK_INDEXES


def test_a_cancelled_big_import_leaves_indexes_and_data_as_they_were(
    store: Store, stored: int
) -> None:
    def cancel_once_they_are_gone() -> None:
        with store.session() as session:  # (rolled back when the import raises, as in the app)
            run_import(
                session,
                _records(3 * CHUNK),
                ImportOptions(),
                cancelled=lambda: not _indexes(session),  # gone: some contacts written
            )

    with pytest.raises(ImportCancelledError):
        cancel_once_they_are_gone()
    with store.session() as session:
        assert _indexes(session) == BULK_INDEXES
        assert live_contact_count(session) == 1
        assert batches(session) == []


def test_an_import_smaller_than_the_database_keeps_the_indexes_up(
    store: Store, stored: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(import_batches, "BULK_ROWS", 1000)
    seen: list[set[str]] = []
    with store.session() as session:

        def cancelled() -> bool:
            seen.append(_indexes(session))
            return False

        run_import(session, _records(3 * CHUNK), ImportOptions(), cancelled=cancelled)
    assert seen
    assert all(indexes == BULK_INDEXES for indexes in seen)


def test_the_cycle_collector_runs_again_after_a_cancelled_import(store: Store) -> None:
    with pytest.raises(ImportCancelledError), store.session() as session:
        run_import(session, _records(3 * CHUNK), ImportOptions(), cancelled=lambda: True)
    assert gc.isenabled()


@pytest.mark.parametrize(("stored", "coming", "bulk"), [(30, 45, False), (30, 90, True)])
def test_an_import_is_a_bulk_load_when_twice_as_big_as_the_database(
    store: Store, stored: int, coming: int, bulk: bool
) -> None:
    with store.session() as session:
        for n in range(stored):
            create_contact(session, person(f"Stored{n}", "Before"))
    seen: list[set[str]] = []
    with store.session() as session:

        def cancelled() -> bool:
            seen.append(_indexes(session))
            return False

        run_import(session, _records(coming), ImportOptions(), cancelled=cancelled)
    assert (set() in seen) is bulk
    with store.session() as session:
        assert _indexes(session) == BULK_INDEXES
        assert live_contact_count(session) == stored + coming
