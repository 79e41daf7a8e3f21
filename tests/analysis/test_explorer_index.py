"""The explorer's in-memory index: the same answers as SQL, kept until the data changes."""

import random
from datetime import timedelta

import pytest
from sqlalchemy import event, insert, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.sql.util import find_tables
from werkzeug.datastructures import MultiDict

from app.accounts.models import User
from app.analysis import changes, explorer, services
from app.analysis import index as item_index
from app.analysis.models import ChangeToken, CollatedChange
from app.benchmarks.seed import seed
from app.consultations.models import Round
from app.core.types import utcnow
from app.drafts.models import Disposition, PolicyDocument
from app.extensions import db
from app.responses import services as responses
from app.responses.models import Comment, Response
from app.responses.validation import CommentInput, ResponseInput
from app.vocab import services as vocab
from app.vocab.models import Term
from tests.analysis import sql_reference


def dialect():
    return db.session.get_bind().dialect.name


@pytest.fixture
def seeded(db):
    """120 comments and 240 answers with codes, near-duplicate groups, decisions, and some
    comments on a draft's paragraphs rather than on a question."""
    consultation = seed(comments=120, answers=240, seed_value=7)
    chance = random.Random(7)
    comment_ids = db.session.scalars(
        select(Comment.id).join(Response).join(Round, Response.round_id == Round.id)
        .where(Round.consultation_id == consultation.id).order_by(Comment.id)).all()
    for first in comment_ids[::10]:  # groups of up to four near-duplicates
        group = [first] + chance.sample(comment_ids, 3)
        db.session.execute(update(Comment).where(Comment.id.in_(group)).values(cluster_id=first))
    # comments on a draft's paragraphs answer no question
    db.session.execute(update(Comment).where(Comment.id.in_(comment_ids[5::17]))
                       .values(question_id=None))
    states = [s for s in explorer.DISPOSITION_STATES if s != "undecided"] + [None]
    document = PolicyDocument(title="Decisions", consultations=[consultation])
    db.session.add(document)
    db.session.flush()
    db.session.execute(insert(Disposition), [
        {"document_id": document.id, "comment_id": cid, "status": chance.choice(states),
         "reason": "", "version": 1}
        for cid in chance.sample(comment_ids, 70)])
    db.session.commit()
    return consultation


def _random_args(chance: random.Random) -> MultiDict:
    terms = {v: [t.id for t in vocab.terms(v)] for v in (
        "credential_phase", "sector", "country", "stakeholder_type", "governance_level")}
    args = MultiDict()
    for name, vocabulary in (("phase", "credential_phase"), ("sector", "sector"),
                             ("country", "country"), ("stakeholder_type", "stakeholder_type"),
                             ("governance_level", "governance_level")):
        for _ in range(chance.choice((0, 0, 1, 2))):
            args.add(name, str(chance.choice(terms[vocabulary])))
    if chance.random() < 0.3:
        args["kind"] = chance.choice(("comment", "answer"))
    if chance.random() < 0.25:
        args["disposition"] = chance.choice(explorer.DISPOSITION_STATES)
    if chance.random() < 0.3:
        args["fold"] = "1"
    if chance.random() < 0.4:
        args["sort"] = "oldest"
    args["q"] = chance.choice(("", "", "wallet", "recognition employers", "ECTS"))
    return args


def _same(found, expected) -> None:
    assert found.total == expected.total
    assert [(r.kind, r.id) for r in found.rows] == [(r.kind, r.id) for r in expected.rows]
    assert found.next_cursor == expected.next_cursor
    assert found.similar == expected.similar


def test_pages_and_facets_equal_plain_sql(seeded):
    chance = random.Random(11)
    rounds = db.session.scalars(select(Round.id).where(Round.consultation_id == seeded.id)).all()
    for _trial in range(60):
        args = _random_args(chance)
        if chance.random() < 0.3:
            args.add("round", str(chance.choice(rounds)))
        filters = explorer.Filters.from_args(args)
        found, facets = explorer.explore(seeded.id, filters, dialect(), size=7)
        expected = sql_reference.page(seeded.id, filters, dialect(), size=7)
        _same(found, expected)
        assert facets == sql_reference.facets(seeded.id, filters, dialect()), dict(args.lists())
        if found.next_cursor:  # and the page after it
            after = explorer.Filters.from_args(MultiDict(
                list(args.items(multi=True)) + [("after", found.next_cursor)]))
            _same(explorer.page(seeded.id, after, dialect(), size=7),
                  sql_reference.page(seeded.id, after, dialect(), size=7))


def test_paging_through_everything_visits_each_item_once(seeded):
    seen, cursor = [], ""
    while True:
        filters = explorer.Filters.from_args(MultiDict({"after": cursor, "sort": "oldest"}))
        page = explorer.page(seeded.id, filters, dialect(), size=50)
        seen += [(row.kind, row.id) for row in page.rows]
        stamps = [row.created_at for row in page.rows]
        assert stamps == sorted(stamps)
        if not page.next_cursor:
            break
        cursor = page.next_cursor
    assert len(seen) == len(set(seen)) == page.total


def test_a_malformed_cursor_starts_from_the_beginning(seeded):
    first = [r.id for r in explorer.page(seeded.id, explorer.Filters(), dialect()).rows]
    for cursor in ("nonsense", "2026-01-01T00:00:00+00:00|comment|x",
                   "2026-01-01T00:00:00+00:00|x|1", "2026-01-01T00:00:00|comment|1"):
        page = explorer.page(seeded.id, explorer.Filters(after=cursor), dialect())
        assert [r.id for r in page.rows] == first, cursor
    past = explorer.page(seeded.id, explorer.Filters(after="2000-01-01T00:00:00+00:00|answer|1"),
                         dialect())
    assert past.rows == [] and past.next_cursor is None


# tables the index reads whose changes need no new index
UNTRACKED = {ChangeToken.__table__.name: "the tokens themselves",
             CollatedChange.__table__.name: "the log of changed responses, written with a token",
             Term.__table__.name: "a term's vocabulary never changes"}


def test_every_table_the_index_reads_replaces_a_token(seeded):
    read = set()

    def record(_conn, statement, *_args):
        read.update(table.name for table in find_tables(
            statement, include_aliases=True, include_joins=True, include_selects=True)
            if hasattr(table, "name"))

    item_index.forget()
    event.listen(Engine, "before_execute", record)
    try:
        explorer.page(seeded.id, explorer.Filters(q="credentials"), dialect())
        explorer.facets(seeded.id, explorer.Filters(), dialect())
    finally:
        event.remove(Engine, "before_execute", record)
    assert {"comment", "answer", "code", "disposition", "question_term"} <= read
    assert read - set(UNTRACKED) - set(changes.TRACKED) == set()


def test_the_index_is_kept_until_the_data_changes(seeded, facilitator):
    first = item_index.for_consultation(seeded.id)
    assert item_index.for_consultation(seeded.id) is first
    db.session.get(User, facilitator.id).display_name = "Renamed"  # not collated data
    db.session.commit()
    assert item_index.for_consultation(seeded.id) is first


def test_coding_rereads_only_the_codes(seeded, admin):
    first = item_index.for_consultation(seeded.id)
    code = services.add_code(admin, seeded, label="Fresh code")
    page = explorer.page(seeded.id, explorer.Filters(), dialect(), size=3)
    services.set_codes(admin, seeded, [(r.kind, r.id) for r in page.rows], [code],
                       apply=True)
    db.session.commit()
    second = item_index.for_consultation(seeded.id)
    assert second is not first and second.id is first.id  # same items, new codes
    facets = explorer.facets(seeded.id, explorer.Filters(), dialect())
    assert facets["code"][code.id] == 3


def test_a_decision_rereads_only_the_dispositions(seeded):
    first = item_index.for_consultation(seeded.id)
    undecided = explorer.facets(seeded.id, explorer.Filters(), dialect())["disposition"]
    comment_id = explorer.page(seeded.id, explorer.Filters(kind="comment",
                                                           disposition="undecided"),
                               dialect(), size=1).rows[0].id
    document_id = db.session.scalar(select(PolicyDocument.id).where(
        PolicyDocument.title == "Decisions"))
    db.session.add(Disposition(document_id=document_id, comment_id=comment_id,
                               status="deferred", reason="Later."))
    db.session.commit()
    second = item_index.for_consultation(seeded.id)
    assert second.id is first.id and second.status is not first.status
    counts = explorer.facets(seeded.id, explorer.Filters(), dialect())["disposition"]
    assert counts["undecided"] == undecided["undecided"] - 1
    assert counts["deferred"] == undecided.get("deferred", 0) + 1



def test_searches_are_kept_until_the_texts_change(seeded, admin, monkeypatch):
    asked = []
    real = item_index.matching_ids
    monkeypatch.setattr(item_index, "matching_ids",
                        lambda query, dialect: asked.append(query) or real(query, dialect))
    comment = db.session.scalar(select(Comment).join(Response).where(
        Response.submitted_at.is_not(None), Comment.question_id.is_not(None))
        .order_by(Comment.id))
    comment_id = comment.id
    comment.body = "Aardvark credentials for the furniture sector."
    db.session.commit()

    def found(query):
        return [(row.kind, row.id) for row in
                explorer.page(seeded.id, explorer.Filters(q=query), dialect()).rows]

    assert found("aardvark") == found("aardvark") == [("comment", comment_id)]
    assert asked == ["aardvark"]
    code = services.add_code(admin, seeded, label="Kept search")
    services.set_codes(admin, seeded, [("comment", comment_id)], [code], apply=True)
    db.session.commit()
    assert explorer.facets(seeded.id, explorer.Filters(q="aardvark"),
                           dialect())["code"][code.id] == 1
    assert asked == ["aardvark"]  # coding changes no text
    db.session.get(Comment, comment_id).body = "Pangolin credentials instead."
    db.session.commit()
    assert found("aardvark") == [] and found("pangolin") == [("comment", comment_id)]
    assert asked == ["aardvark", "aardvark", "pangolin"]

def test_a_new_submission_rebuilds_the_index(collated, make_user, make_organisation):
    round_, _people = collated
    consultation_id = round_.consultation_id
    db.session.commit()
    first = item_index.for_consultation(consultation_id)
    round_.closes_at = utcnow() + timedelta(days=1)
    person = make_user(organisations=[make_organisation(country="BG")])
    text_question = round_.questions[-1]
    responses.save_response(
        person, round_, ResponseInput({text_question.id: "Latecomer text."},
                                      [CommentInput(question_id=text_question.id,
                                                    body="Latecomer comment.",
                                                    phases=[vocab.term("credential_phase",
                                                                       "design").id])]),
        now=utcnow(), expected_version=None, submit=True)
    db.session.commit()
    second = item_index.for_consultation(consultation_id)
    assert second.id is not first.id and len(second) == len(first) + 2
    page = explorer.page(consultation_id, explorer.Filters(q="Latecomer"), dialect())
    assert sorted(r.body for r in page.rows) == ["Latecomer comment.", "Latecomer text."]


def test_uncommitted_changes_are_seen_and_not_kept(seeded, admin):
    kept = item_index.for_consultation(seeded.id)
    code = services.add_code(admin, seeded, label="Pending code")
    row = explorer.page(seeded.id, explorer.Filters(), dialect(), size=1).rows[0]
    services.set_codes(admin, seeded, [(row.kind, row.id)], [code], apply=True)
    assert changes.current(db.session) is None
    assert explorer.facets(seeded.id, explorer.Filters(), dialect())["code"][code.id] == 1
    db.session.rollback()
    assert item_index.for_consultation(seeded.id) is kept


def test_tokens_change_with_their_tables_and_roll_back_with_them(seeded, admin):
    before = changes.current(db.session)
    services.add_code(admin, seeded, label="Another code")
    db.session.commit()
    after = changes.current(db.session)
    assert after["codes"] != before["codes"]
    assert after["items"] == before["items"] and after["dispositions"] == before["dispositions"]
    db.session.execute(update(Comment).where(Comment.id == select(Comment.id).limit(1)
                                             .scalar_subquery()).values(cluster_id=None))
    db.session.rollback()
    assert changes.current(db.session) == after
    assert db.session.scalar(select(ChangeToken.token).where(ChangeToken.name == "items")) \
        == after["items"]


def test_saving_drafts_leaves_the_index_and_submitting_updates_it(collated, make_user,
                                                                  make_organisation):
    round_, _people = collated
    consultation_id = round_.consultation_id
    round_.closes_at = utcnow() + timedelta(days=1)
    text_question = round_.questions[-1]
    person = make_user(organisations=[make_organisation(country="BG")])
    db.session.commit()
    first = item_index.for_consultation(consultation_id)
    tokens = changes.current(db.session)
    draft = None
    for step in range(3):  # autosaves of a response nobody has submitted yet
        draft = responses.save_response(
            person, round_, ResponseInput({text_question.id: f"Draft {step}."},
                                          [CommentInput(question_id=text_question.id,
                                                        body=f"Draft comment {step}.",
                                                        phases=[vocab.term("credential_phase",
                                                                           "design").id])]),
            now=utcnow(), expected_version=draft.version if draft else None).response
        db.session.commit()
        assert changes.current(db.session) == tokens
        assert item_index.for_consultation(consultation_id) is first
    responses.save_response(person, round_, ResponseInput({text_question.id: "Final."}),
                            now=utcnow(), expected_version=draft.version, submit=True)
    db.session.commit()
    now = changes.current(db.session)
    assert now["items"] == tokens["items"] and now["responses"] != tokens["responses"]
    second = item_index.for_consultation(consultation_id)
    assert len(second) == len(first) + 4  # the text answer and the draft's three comments
