"""`cardfile merge`: automatic merge of likely duplicates (or a dry run of it), the list of
merges, and undoing one. No Qt here."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from db.merge_records import AutoMerge
    from db.store import Store


def run_merge(store: Store, args: argparse.Namespace) -> int:
    if args.undo is not None:
        return _undo(store, args.undo)
    if args.list:
        return _list(store)
    return _auto(store, args.min_score, dry_run=args.dry_run)


def _undo(store: Store, merge_id: int) -> int:
    from db.merge import MergeUndoError, undo_merge

    try:
        with store.session() as session:
            restored = undo_merge(session, merge_id)
    except MergeUndoError as refused:
        print(f"cardfile merge: cannot undo merge {merge_id}: {refused}", file=sys.stderr)
        return 1
    ids = ", ".join(f"#{c}" for c in restored)
    print(f"Undid merge {merge_id}: restored {ids}")
    return 0


def _list(store: Store) -> int:
    from db.merge import merges

    with store.session() as session:
        found = merges(session)
    if not found:
        print("No merges yet")
    for m in found:
        how = "automatic" if m.automatic else "by hand"
        undone = f", undone {m.undone_at:%Y-%m-%d %H:%M}" if m.undone_at else ""
        absorbed = ", ".join(f"#{c}" for c in m.absorbed_ids)
        print(
            f"merge {m.id}\t{m.merged_at:%Y-%m-%d %H:%M}\t#{m.survivor_id} {m.survivor_name}"
            f" absorbed {absorbed} ({how}{undone})"
        )
    return 0


def _auto(store: Store, min_score: float | None, *, dry_run: bool) -> int:
    from db.duplicates import AUTO_MERGE_SCORE, find_duplicate_groups
    from db.merge import auto_merge

    min_score = AUTO_MERGE_SCORE if min_score is None else min_score
    if not dry_run:
        from db.automatic_backups import automatic_backup

        kept = automatic_backup(store.path, "before-auto-merge")
        print(f"Backed up the database first: {kept}")
    with store.session() as session:
        groups = [g.contact_ids for g in find_duplicate_groups(session, min_score=min_score)]
        done = auto_merge(session, groups, dry_run=dry_run)
        if dry_run:
            session.rollback()
    _print_merges(done, dry_run=dry_run, min_score=min_score)
    return 0


def _print_merges(done: Sequence[AutoMerge], *, dry_run: bool, min_score: float) -> None:
    verb = "Would merge" if dry_run else "Merged"
    for merge in done:
        absorbed = ", ".join(f"#{c}" for c in merge.absorbed_ids)
        label = "" if merge.merge_id is None else f"merge {merge.merge_id}: "
        print(f"{label}{verb} {absorbed} into {merge.survivor_name}")
        for change in merge.changes:
            print(f"    {change.field}: '{change.old}' → '{change.new}'")
    count = len(done)
    if dry_run:
        print(f"{count} merge(s) would be made (score ≥ {min_score}); nothing was changed")
    else:
        print(f"{count} merge(s) made (score ≥ {min_score}); undo one with: merge --undo ID")
