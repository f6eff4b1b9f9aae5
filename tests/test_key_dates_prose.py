"""The shipped regulation pages: their key dates and their prose cannot disagree.

Both directions, in each language:
- every key date is written in the page's text (in the section its `anchor` names, when it names
  one), as that language writes dates ('18 February 2027', '2027年2月18日') or as an ISO date;
- every full date the prose states in the History section, and every full date from 2024 on
  anywhere in the body (what a reader of the timeline can still meet), is a key date of the page;
  the page's own `updated` date is the exception ("status on 3 December 2026" is no event).
So a date changed in the prose but not in the header, or the reverse, fails here.
"""

import datetime as dt

import pytest

from indexer.corpus.corpus import load_corpus
from indexer.corpus.key_dates import as_date, dates_in_text, key_dates
from tests.conftest import ROOT

FLOOR = dt.date(2024, 1, 1)
HISTORY = "history"
# Dates the prose states that are no key date, each with the reason (reviewed, not a way to silence
# a new page: add one only when the sentence says the date is not an event of the act).
NOT_KEY_DATES = {
    ("machinery", dt.date(2027, 1, 14)): "the date of the first publication, corrected to 20 January 2027",
    ("machinery", dt.date(2027, 1, 19)): "the Directive's last day, the eve of the key date 20 January 2027",
}
DOCUMENTS = [d for d in load_corpus(ROOT / "corpus").documents if d.type == "regulation"]


def sections(doc) -> dict[str, str]:
    return {s.anchor: s.text for s in doc.sections}


@pytest.mark.parametrize("doc", DOCUMENTS, ids=lambda d: d.key)
def test_every_key_date_is_stated_in_its_passage(doc):
    text = sections(doc)
    for entry in key_dates(doc):
        where = text.get(entry.anchor, "") if entry.anchor else doc.body
        assert entry.date in dates_in_text(where, doc.lang), (
            f"{doc.path.name}: key date {entry.date} ('{entry.what}') is not written in "
            + (f"section #{entry.anchor}" if entry.anchor else "the page")
        )


@pytest.mark.parametrize("doc", DOCUMENTS, ids=lambda d: d.key)
def test_every_date_the_prose_states_is_a_key_date(doc):
    listed = {entry.date for entry in key_dates(doc)}
    stated = set()
    for section in doc.sections:
        dates = dates_in_text(section.text, doc.lang)
        stated |= {d for d in dates if section.anchor == HISTORY or d >= FLOOR}
    checked = as_date(doc.meta.get("updated"))
    exceptions = {date for (doc_id, date) in NOT_KEY_DATES if doc_id == doc.id}
    missing = sorted(stated - listed - {checked} - exceptions)
    assert not missing, (
        f"{doc.path.name}: the prose states {', '.join(map(str, missing))} but key_dates does not list it"
    )


def test_the_shipped_pages_have_key_dates():
    # The checks above pass trivially on pages without dates; this one keeps them honest.
    with_dates = {d.id for d in DOCUMENTS if key_dates(d)}
    assert {"batteries", "cbam", "ppwr", "espr", "rohs", "ce-marking"} <= with_dates
