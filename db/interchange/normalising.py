"""The phones and e-mails of a big import of records read here (a vCard file's: a CSV file's
rows are read whole by `db.interchange.import_workers`), normalised in worker processes while
the importer gets on with the rest: parsing a phone number (`phonenumbers`) and checking an
e-mail address (`email_validator`) cost more than everything else an import does per contact.

Only plain strings cross to the workers and back, so that little time goes on copying. The
answers are the same as `to_e164` and `normalise_email` give (a problem comes back as its
message, and is raised again here as the same kind of error).
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from multiprocessing.pool import AsyncResult, Pool
from typing import TYPE_CHECKING

from db.phones import PhoneNumberError, to_e164
from db.validation import normalise_email

if TYPE_CHECKING:
    from db.interchange.incoming import Read

WORKERS = 2
PIECE = 2_000  # strings per task
PROBLEM = "\x00"  # an answer starting with this is a problem's message

Answers = tuple[list[str | None], list[str]]


def _phone_answer(number: str, region: str) -> str | None:
    try:
        return to_e164(number, region)
    except PhoneNumberError as problem:
        return PROBLEM + str(problem)


def _email_answer(address: str) -> str:
    try:
        return normalise_email(address)
    except ValueError as problem:
        return PROBLEM + str(problem)


def _answer(task: tuple[str, Sequence[str], Sequence[str]]) -> Answers:
    region, phones, emails = task
    return [_phone_answer(p, region) for p in phones], [_email_answer(e) for e in emails]


@dataclass
class Known:
    """Answers worked out beforehand, asked for as `to_e164` and `normalise_email` would be."""

    phones: dict[str, str | None] = field(default_factory=dict)
    emails: dict[str, str] = field(default_factory=dict)

    def e164_of(self, number: str, region: str) -> str | None:
        answer = self.phones[number] if number in self.phones else _phone_answer(number, region)
        if answer is not None and answer.startswith(PROBLEM):
            raise PhoneNumberError(answer[1:])
        return answer

    def normalised(self, address: str) -> str:
        answer = self.emails.get(address)
        if answer is None:
            answer = _email_answer(address)
        if answer.startswith(PROBLEM):
            raise ValueError(answer[1:])
        return answer


class Pending:
    """The answers for one chunk, on their way from the workers."""

    def __init__(self, phones: list[str], emails: list[str], results: list[AsyncResult[Answers]]):
        self._phones, self._emails, self._results = phones, emails, results

    def known(self) -> Known:
        known = Known()
        at_phone = at_email = 0
        for result in self._results:
            phones, emails = result.get()
            known.phones.update(
                zip(self._phones[at_phone : at_phone + len(phones)], phones, strict=True)
            )
            known.emails.update(
                zip(self._emails[at_email : at_email + len(emails)], emails, strict=True)
            )
            at_phone += len(phones)
            at_email += len(emails)
        return known


class Normaliser:
    """Worker processes (spawned, not forked: the caller may hold Qt or database connections)."""

    def __init__(self, region: str) -> None:
        self.region = region
        self._pool: Pool = multiprocessing.get_context("spawn").Pool(WORKERS)

    def submit(self, records: Iterable[Read]) -> Pending:
        from db.interchange.incoming import Incoming

        phones: list[str] = []
        emails: list[str] = []
        for record in records:
            if isinstance(record, Incoming):
                phones.extend(p.number.strip() for p in record.fields.phones)
                if not record.normalized_emails:  # (the reader's answers are used as they are)
                    emails.extend(e.address.strip() for e in record.fields.emails)
        phones = list(dict.fromkeys(phones))
        emails = list(dict.fromkeys(emails))
        results = []
        pieces = max(1, -(-max(len(phones), len(emails)) // PIECE))
        for k in range(pieces):
            p = phones[k * len(phones) // pieces : (k + 1) * len(phones) // pieces]
            e = emails[k * len(emails) // pieces : (k + 1) * len(emails) // pieces]
            results.append(self._pool.apply_async(_answer, ((self.region, p, e),)))
        # Each result covers a slice of both lists, in order: `Pending` lines them up again.
        return Pending(phones, emails, results)

    def close(self) -> None:
        self._pool.terminate()
        self._pool.join()
