"""Duplicate finding: the scoring rules, blocking, groups, and "not a duplicate" remembered."""

from __future__ import annotations

from dataclasses import replace

import pytest

from db import contacts
from db.duplicates import (
    DEFAULT_MIN_SCORE,
    ScanCancelledError,
    find_duplicate_groups,
    group_pairs,
    mark_not_duplicates,
    score_of,
)
from db.records import Address, ContactFields, Email, Phone
from db.store import Store

KARI = ContactFields(
    first_name="Kari",
    last_name="Nordmann",
    company="Fjordkraft AS",
    emails=(Email("kari.nordmann@fjordkraft.no"),),
    phones=(Phone("+47 22 33 44 55"),),
    addresses=(Address(street="Storgata 12", postal_code="0150", city="Oslo"),),
)


def add(store: Store, *people: ContactFields) -> list[int]:
    with store.session() as session:
        return [contacts.create_contact(session, fields).id for fields in people]


def score(store: Store, a: ContactFields, b: ContactFields) -> float:
    first, second = add(store, a, b)
    with store.session() as session:
        return score_of(session, first, second)


def person(first: str, last: str, **extra: object) -> ContactFields:
    return ContactFields(first_name=first, last_name=last, **extra)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (person("Robert", "Hansen"), person("Bob", "Hansen")),  # a nickname
        (person("Elizabeth", "Berg"), person("Liz", "Berg")),
        (person("John", "Smith"), person("J.", "Smith")),  # an initial
        (person("Kari", "Nordmann"), person("Nordmann", "Kari")),  # swapped
        (person("Kari", "Nordmann"), person("Kari", "Nordmnan")),  # a transposition
        (person("Bjørn", "Ødegård"), person("Bjorn", "Odegard")),  # letters folded
        (person("Zoe", "Berg"), person("Zoh", "Berg")),  # a typo in a short given name
        (person("Ben", "Berg"), person("Bne", "Berg")),  # ... two letters swapped
    ],
    ids=["nickname", "nickname-liz", "initial", "swapped", "typo", "folded", "short", "short-swap"],
)
def test_the_same_name_written_differently_scores_as_the_same_name(
    store: Store, a: ContactFields, b: ContactFields
) -> None:
    same = score(store, person("Kari", "Nordmann"), person("Kari", "Nordmann"))
    assert score(store, a, b) >= same - 0.35
    assert score(store, a, person("Per", "Olsen")) < 0.01


def test_the_same_e_mail_or_phone_with_a_close_name_is_a_duplicate(store: Store) -> None:
    typed_again = ContactFields(
        first_name="Kari",
        last_name="Nordman",
        emails=(Email("KARI.NORDMANN@fjordkraft.no"),),
    )
    assert score(store, KARI, typed_again) > 0.95
    by_phone = ContactFields(
        first_name="K.", last_name="Nordmann", phones=(Phone("+4722334455", "mobile"),)
    )
    assert score(store, KARI, by_phone) > 0.95


def test_missing_values_neither_help_nor_hurt(store: Store) -> None:
    names_only = score(store, person("Kari", "Nordmann"), person("Kari", "Nordmann"))
    one_has_more = score(store, KARI, person("Kari", "Nordmann"))
    assert one_has_more == pytest.approx(names_only)


def test_a_first_name_alone_is_never_a_sure_match(store: Store) -> None:
    """The false "100 %" other tools give two people who share only a first name."""
    a = person("Kari", "Nordmann", company="Fjordkraft AS")
    b = person("Kari", "Hansen", company="Acme Logistics")
    assert score(store, a, b) < 0.01


def test_conflicting_birthdays_outweigh_the_same_name(store: Store) -> None:
    from datetime import date

    a = person("Ola", "Hansen", birthday=date(1970, 1, 1), company="Fjordkraft AS")
    b = person("Ola", "Hansen", birthday=date(1988, 6, 2), company="Fjordkraft AS")
    assert score(store, a, b) < DEFAULT_MIN_SCORE


HOME = (Address(street="Kongens gate 3", postal_code="7011"),)


def test_a_new_last_name_is_found_when_given_name_birthday_and_address_agree(
    store: Store,
) -> None:
    from datetime import date

    born = date(1980, 5, 17)
    a = person("Kari", "Nordmann", birthday=born, addresses=HOME)
    b = person("Kari", "Hansen", birthday=born, addresses=HOME)  # married
    assert score(store, a, b) >= DEFAULT_MIN_SCORE


def test_a_street_with_a_building_on_a_second_line_is_the_same_street(store: Store) -> None:
    """The married name is found only beside the same street: a second line (a building) that
    one of the two leaves out does not make it another street."""
    from datetime import date

    born = date(1980, 5, 17)
    building = (Address(street="Kongens gate 3\nNidaros Senter", postal_code="7011"),)
    a = person("Kari", "Nordmann", birthday=born, addresses=HOME)
    b = person("Kari", "Hansen", birthday=born, addresses=building)
    assert score(store, a, b) >= DEFAULT_MIN_SCORE
    other = (Address(street="Munkegata 3\nNidaros Senter", postal_code="7011"),)
    assert score(store, a, replace(b, addresses=other)) < DEFAULT_MIN_SCORE


def test_a_street_given_only_as_its_house_number_is_held_against_the_number(
    store: Store,
) -> None:
    """ "3" leaves the street's name out: it agrees with "Kongens gate 3" as far as it goes (and
    so the married name is found), and "4" does not."""
    from datetime import date

    born = date(1980, 5, 17)
    a = person("Kari", "Nordmann", birthday=born, addresses=HOME)
    b = person("Kari", "Hansen", birthday=born, addresses=(Address("3", postal_code="7011"),))
    assert score(store, a, b) >= DEFAULT_MIN_SCORE
    elsewhere = (Address("4", postal_code="7011"),)
    assert score(store, a, replace(b, addresses=elsewhere)) < DEFAULT_MIN_SCORE


def test_a_new_last_name_alone_is_not_enough(store: Store) -> None:
    from datetime import date

    born = date(1980, 5, 17)
    a = person("Kari", "Nordmann", birthday=born)
    b = person("Kari", "Hansen", birthday=born)  # no address to back it
    assert score(store, a, b) < DEFAULT_MIN_SCORE


@pytest.mark.parametrize(
    ("ola", "per"),
    [
        ({"phones": (Phone("+47 911 11 111"),)}, {"phones": (Phone("+47 922 22 222"),)}),
        ({"emails": (Email("ola@hansen.no"),)}, {"emails": (Email("per@hansen.no"),)}),
    ],
    ids=["own-phones", "own-emails"],
)
def test_twins_at_one_address_stay_apart(
    store: Store, ola: dict[str, object], per: dict[str, object]
) -> None:
    from datetime import date

    born = date(2001, 3, 9)
    a = person("Ola", "Hansen", birthday=born, addresses=HOME, **ola)
    b = person("Per", "Hansen", birthday=born, addresses=HOME, **per)
    assert score(store, a, b) < DEFAULT_MIN_SCORE


def test_another_given_name_with_nothing_else_to_tell_them_apart_is_one_person(
    store: Store,
) -> None:
    """Twins would have their own phone or e-mail; with none to compare, the same last name,
    birthday and address outweigh a given name typed wrong or replaced (FEBRL has hundreds)."""
    from datetime import date

    born = date(2001, 3, 9)
    a = person("Ola", "Hansen", birthday=born, addresses=HOME)
    b = person("Per", "Hansen", birthday=born, addresses=HOME)
    assert score(store, a, b) >= DEFAULT_MIN_SCORE
    assert score(store, a, replace(b, birthday=date(2003, 6, 1))) < DEFAULT_MIN_SCORE


def test_a_scan_groups_what_blocking_and_scoring_find(store: Store) -> None:
    ids = add(
        store,
        KARI,
        ContactFields(first_name="Kari", last_name="Nordmnan", emails=KARI.emails),
        ContactFields(first_name="K.", last_name="Nordmann", phones=KARI.phones),
        person("Per", "Olsen", company="Fjordkraft AS"),
        person("Robert", "Lie", addresses=(Address(street="Kongens gate 3", postal_code="7011"),)),
        person("Bob", "Lie", addresses=(Address(street="Kongens gt. 3", postal_code="7011"),)),
    )
    with store.session() as session:
        groups = find_duplicate_groups(session)
    assert [g.contact_ids for g in groups] == [(ids[0], ids[1], ids[2]), (ids[4], ids[5])]
    assert all(DEFAULT_MIN_SCORE <= g.score <= 1 for g in groups)


def test_a_street_and_number_pair_contacts_whatever_the_postcode(store: Store) -> None:
    """A postcode and the last letter of the last name typed wrong leave no key on the name or
    on postcode and number: the street with its number and the last name's initial pairs them."""
    ids = add(
        store,
        person("Lara", "White", addresses=(Address("12 Boldrewood Street", postal_code="6066"),)),
        person("Lara", "Whitd", addresses=(Address("12 Boldrewood St", postal_code="6056"),)),
        person("Mia", "Wood", addresses=(Address("12 Boldrewood St", postal_code="6056"),)),
    )
    with store.session() as session:
        groups = find_duplicate_groups(session)
    assert [g.contact_ids for g in groups] == [(ids[0], ids[1])]


def test_not_a_duplicate_is_remembered_and_never_proposed_again(store: Store) -> None:
    ids = add(store, person("Robert", "Lie"), person("Bob", "Lie"), person("Rob", "Lie"))
    with store.session() as session:
        assert [g.contact_ids for g in find_duplicate_groups(session, min_score=0.5)] == [
            tuple(ids)
        ]
        assert mark_not_duplicates(session, ids) == 3
        assert mark_not_duplicates(session, ids[:2]) == 0  # already known
    with store.session() as session:
        assert find_duplicate_groups(session, min_score=0.5) == []


def test_the_trash_is_not_scanned(store: Store) -> None:
    ids = add(store, KARI, KARI)
    with store.session() as session:
        contacts.delete_contact(session, ids[1])
        assert find_duplicate_groups(session) == []


def test_groups_are_connected_pairs_best_first_with_their_weakest_link() -> None:
    groups = group_pairs([(1, 2, 0.95), (2, 3, 0.85), (7, 9, 0.99), (4, 5, 0.9)])
    assert [(g.contact_ids, g.score) for g in groups] == [
        ((7, 9), 0.99),
        ((4, 5), 0.9),
        ((1, 2, 3), 0.85),
    ]


def test_a_scan_can_be_cancelled_and_reports_progress(store: Store) -> None:
    add(store, KARI, KARI)
    steps: list[str] = []
    with store.session() as session, pytest.raises(ScanCancelledError):
        find_duplicate_groups(
            session, progress=lambda step, _d, _o: steps.append(step), cancelled=lambda: True
        )
    assert steps == ["Reading contacts"]


def test_a_contact_about_to_be_saved_is_checked_against_those_there(store: Store) -> None:
    from db.duplicate_check import likely_duplicates

    kari, _per = add(store, KARI, person("Per", "Olsen"))
    typed_again = ContactFields(
        first_name="Kari", last_name="Nordman", emails=(Email("Kari.Nordmann@Fjordkraft.no"),)
    )
    with store.session() as session:
        (found,) = likely_duplicates(session, typed_again)
        assert (found.contact_id, found.name, found.company) == (
            kari,
            "Nordmann, Kari",
            "Fjordkraft AS",
        )
        assert found.score > DEFAULT_MIN_SCORE
        # Editing Kari herself is not a duplicate of Kari; a stranger is nobody's.
        assert likely_duplicates(session, KARI, exclude_id=kari) == []
        assert likely_duplicates(session, person("Ingrid", "Bakke")) == []


def test_two_people_said_to_be_different_never_share_a_group_through_a_third(
    store: Store,
) -> None:
    twin_a = person("Ola", "Hansen", emails=(Email("ola@hansen.no"),))
    twin_b = person("Per", "Hansen", emails=(Email("per@hansen.no"),))
    both = person("O. P.", "Hansen", emails=(Email("ola@hansen.no"), Email("per@hansen.no")))
    a, b, c = add(store, twin_a, twin_b, both)
    with store.session() as session:
        mark_not_duplicates(session, [a, b])
        groups = find_duplicate_groups(session, min_score=0.5)
    for group in groups:
        assert not {a, b} <= set(group.contact_ids)
    assert any(c in g.contact_ids for g in groups)


def test_the_score_of_a_pair_does_not_depend_on_which_is_older(store: Store) -> None:
    john = person("John", "Hansen", emails=(Email("jh@x.no"),))
    swapped = person("Hansen", "J.", emails=(Email("jh@x.no"),))
    forward = score(store, john, swapped)
    backward = score(store, swapped, john)
    assert forward == pytest.approx(backward)
    assert forward > DEFAULT_MIN_SCORE


def test_grouping_leaves_out_the_weaker_link_to_a_refused_pair() -> None:
    groups = group_pairs([(1, 3, 0.99), (2, 3, 0.9)], refused={(1, 2)})
    assert [g.contact_ids for g in groups] == [(1, 3)]


def test_a_space_or_hyphen_in_a_last_name_is_not_a_letter(store: Store) -> None:
    same = score(store, person("Riley", "Ho"), person("Riley", "Ho"))
    assert score(store, person("Riley", "Ho"), person("Riley", "H o")) == pytest.approx(same)
    hyphen = score(store, person("Kari", "Berg-Olsen"), person("Kari", "Bergolsen"))
    assert hyphen == pytest.approx(
        score(store, person("Kari", "Bergolsen"), person("Kari", "Bergolsen"))
    )


def test_another_postcode_at_the_same_street_number_and_city_is_a_postcode_typed_wrong(
    store: Store,
) -> None:
    """A street and number repeat from town to town, not within one: at the same street, number
    and city a postcode that differs was typed wrong, and counts as nearly agreeing."""
    at = Address(street="Kongens gate 3", postal_code="7011", city="Trondheim")
    a = person("Kari", "Nordmann", addresses=(at,))
    b = person("Kari", "Nordmann", addresses=(replace(at, postal_code="7490"),))
    assert score(store, a, b) >= DEFAULT_MIN_SCORE
    for elsewhere in (
        replace(at, postal_code="7490", city="Oslo"),
        replace(at, postal_code="7490", street="Kongens gate 4"),
        replace(at, postal_code="7490", city=""),
        replace(at, postal_code="7490", street="3"),  # which street is not known
    ):
        assert score(store, a, replace(b, addresses=(elsewhere,))) < DEFAULT_MIN_SCORE


def test_a_city_and_house_number_pair_contacts_whatever_the_postcode_and_street(
    store: Store,
) -> None:
    """A postcode typed wrong, a street given only as its number and a typo in the middle of the
    last name leave no other key: the city with the number and the last name's start pairs them."""
    ids = add(
        store,
        person(
            "Lara",
            "Osfield",
            addresses=(Address("144 Hall Street", postal_code="2259", city="Glenwood"),),
        ),
        person("Lara", "Osfoeld", addresses=(Address("144", postal_code="2295", city="Glenwood"),)),
        person("Lara", "Osfoeld", addresses=(Address("145", postal_code="2295", city="Glenwood"),)),
    )
    with store.session() as session:
        groups = find_duplicate_groups(session)
    assert [g.contact_ids for g in groups] == [(ids[0], ids[1])]


def test_streets_named_differently_at_one_building_and_number_weigh_nothing(
    store: Store,
) -> None:
    """ "4 Esperance Street, Landen" and "4 Pearcey Place, Landen": one building named by either
    of its streets, or a street typed wrong. Neither helps nor hurts; another number does hurt."""
    from datetime import date

    born = date(1962, 7, 12)
    here = Address("4 Esperance Street\nLanden", postal_code="2763")
    a = person("Jack", "", birthday=born, addresses=(here,))
    b = person(
        "Jack", "Berry", birthday=born, addresses=(replace(here, street="4 Pearcey Place\nLanden"),)
    )
    assert score(store, a, b) >= DEFAULT_MIN_SCORE
    no_street = (replace(here, street=""),)
    assert score(store, a, b) == pytest.approx(score(store, a, replace(b, addresses=no_street)))
    other = replace(here, street="5 Pearcey Place\nLanden")
    assert score(store, a, replace(b, addresses=(other,))) < DEFAULT_MIN_SCORE


def test_a_birthday_a_typo_away_weighs_a_little_for(store: Store) -> None:
    """A digit changed or two swapped is far more often the same birthday mistyped than
    another's: between the same birthday and none, well above another one."""
    from datetime import date

    a = person("Kari", "Nordmann", birthday=date(1980, 5, 12))
    none = score(store, a, person("Kari", "Nordmann"))
    typo = score(store, a, replace(a, birthday=date(1980, 5, 13)))
    swapped = score(store, a, replace(a, birthday=date(1980, 5, 21)))
    other = score(store, a, replace(a, birthday=date(1962, 11, 3)))
    assert other < none < typo < score(store, a, a)
    assert typo == pytest.approx(swapped)


def test_a_street_s_lines_may_come_in_either_order(store: Store) -> None:
    """The building first or the street first, with a space left out: the same street."""
    street_first = (Address("Kongens gate 3\nNidaros Senter", postal_code="7011"),)
    building_first = (Address("Nidaros Senter\nKongensgate 3", postal_code="7011"),)
    a = person("Kari", "Nordmann", addresses=street_first)
    same = score(store, a, a)
    assert score(store, a, replace(a, addresses=building_first)) == pytest.approx(same)


@pytest.mark.parametrize("split", [300, 1200])
def test_pairs_across_a_split_are_those_of_all_pairs_that_cross_it(
    store: Store, split: int
) -> None:
    """An import's matching asks only for pairs between the stored contacts and the incoming
    ones (from `across` on): exactly the crossing pairs that blocking them all would give,
    with the same e-mail and phone marks."""
    from db.demo import generate_demo
    from db.duplicate_blocking import candidate_pairs
    from db.duplicate_profiles import read_profiles

    generate_demo(store, 1500, seed=5)
    with store.session() as session:
        profiles = read_profiles(session)
    count = len(profiles)
    every, shared = candidate_pairs(profiles)
    crossing = ((every // count) < split) & ((every % count) >= split)
    found, marks = candidate_pairs(profiles, across=split)
    kept = ((found // count) < split) & ((found % count) >= split)
    assert crossing.sum() > 0
    assert found[kept].tolist() == every[crossing].tolist()
    assert marks.email[kept].tolist() == shared.email[crossing].tolist()
    assert marks.phone[kept].tolist() == shared.phone[crossing].tolist()
    assert len(found) < len(every)  # the stored ones' own blocks are left out


def test_a_given_name_only_on_both_agrees_as_far_as_either_was_written(store: Store) -> None:
    """Two contacts written as "Charlie" only, at one address, are one; without the address
    the given name alone is far from enough, and a family name on one only still counts for
    nothing (missing)."""
    home = (Address(street="4 Terewah Circuit\nLegacy Village", postal_code="6167"),)
    typed = (Address(street="4 Terewah Circuit\nLegacy Vlge", postal_code="6167"),)
    charlie = ContactFields(first_name="Charlie", addresses=home)
    assert score(store, charlie, ContactFields(first_name="Charlie", addresses=typed)) >= (
        DEFAULT_MIN_SCORE
    )
    assert (
        score(store, ContactFields(first_name="Charlie"), ContactFields(first_name="Charlie")) < 0.5
    )
    with_family = ContactFields(first_name="Charlie", last_name="Berg", addresses=typed)
    assert score(store, charlie, with_family) < DEFAULT_MIN_SCORE
