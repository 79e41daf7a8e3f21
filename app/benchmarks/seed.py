"""Deterministic, realistic data in bulk, for benchmarks: `flask bench seed`."""

import random
from datetime import timedelta

from sqlalchemy import insert, select

from ..accounts import services as accounts
from ..accounts.models import User
from ..analysis.models import Code, comment_code
from ..consultations import questions
from ..consultations import rounds as round_services
from ..consultations import services as consultations
from ..consultations.models import Consultation, Question, Round, question_term
from ..core.types import utcnow
from ..drafts import blocks, versions
from ..drafts.models import Disposition
from ..extensions import db
from ..organisations import services as organisations
from ..organisations.models import Organisation, membership, organisation_sector
from ..responses import services as responses
from ..responses.models import Answer, Comment, Response, comment_term
from ..responses.validation import ResponseInput
from ..vocab import services as vocab

COUNTRIES = ("IT", "ES", "FI", "BG", "BE")
SECTORS = ("wood", "agrofood", "building", "manufacturing")
PHASES = ("design", "delivery", "certification", "portability")
KINDS = ("scale", "scale", "scale", "single", "multiple", "ranking", "number", "text")
ROUNDS = 3
BATCH = 5_000
WORDS = ("micro-credential", "learning outcomes", "employers", "assessment", "wallet",
         "recognition", "work-based learning", "quality assurance", "ECTS", "EQF level 5",
         "green skills", "furniture", "renovation", "food processing", "mentors", "Europass",
         "portability", "awarding body", "stackable", "start-ups", "regional authority")


def seed(comments: int, answers: int, seed_value: int = 1) -> Consultation:
    """A consultation of three rounds with `answers` answers and `comments` comments."""
    chance = random.Random(seed_value)
    vocab.load_vocabularies()
    terms = {(t.vocabulary, t.key): t.id for v in ("country", "sector", "credential_phase",
                                                   "stakeholder_type", "governance_level")
             for t in vocab.terms(v, include_retired=True)}
    now = utcnow()
    consultation = Consultation(title=f"Benchmark consultation {seed_value}", summary="")
    db.session.add(consultation)
    db.session.flush()
    rounds = _rounds(consultation, now, terms)
    per_round = max(1, -(-answers // (ROUNDS * len(KINDS))))
    organisations = _organisations(chance, terms, max(20, per_round // 10), seed_value)
    users = _users(chance, organisations, per_round, seed_value)
    responses = _responses(rounds, users, organisations, terms, now)
    _answers(chance, rounds, responses, answers)
    _comments(chance, rounds, responses, comments, terms, now)
    _codes(chance, consultation, comments)
    db.session.flush()
    return consultation


def _bulk(table, rows: list[dict]) -> None:
    for start in range(0, len(rows), BATCH):
        db.session.execute(insert(table), rows[start:start + BATCH])


def _rounds(consultation, now, terms) -> list[Round]:
    rounds = []
    for position in range(1, ROUNDS + 1):
        opens = now - timedelta(days=120 - 40 * position)
        round_ = Round(consultation_id=consultation.id, position=position,
                       title=f"Round {position}", opens_at=opens,
                       closes_at=opens + timedelta(days=30), published_at=opens,
                       anonymity="attributed")
        db.session.add(round_)
        db.session.flush()
        for index, kind in enumerate(KINDS, start=1):
            options = [f"Option {i}" for i in range(1, 5)] if kind in ("single", "multiple",
                                                                         "ranking") else []
            question = Question(round_id=round_.id, position=index, kind=kind,
                                prompt=f"Question {index} of round {position}",
                                scale_points=5 if kind == "scale" else None,
                                scale_labels=["1", "2", "3", "4", "5"] if kind == "scale" else [],
                                options=options, min_value=0 if kind == "number" else None,
                                max_value=300 if kind == "number" else None)
            db.session.add(question)
            db.session.flush()
            db.session.execute(insert(question_term).values(
                question_id=question.id,
                term_id=terms[("credential_phase", PHASES[index % 4])]))
        rounds.append(round_)
    return rounds


def _organisations(chance, terms, count: int, seed_value: int) -> list[dict]:
    kinds = ("public_authority", "enterprise", "vet_provider", "other")
    levels = ("local", "regional", "national", "eu")
    rows = [{"name": f"Benchmark organisation {seed_value}.{i} ({chance.random():.6f})",
             "stakeholder_type_id": terms[("stakeholder_type", kinds[i % 4])],
             "country_id": terms[("country", COUNTRIES[i % 5])],
             "governance_level_id": terms[("governance_level", levels[i % 4])],
             "is_startup": False, "region": "", "website": "", "is_active": True,
             "created_at": utcnow(), "version": 1} for i in range(count)]
    _bulk(Organisation.__table__, rows)
    organisations = db.session.execute(select(
        Organisation.id, Organisation.stakeholder_type_id, Organisation.country_id,
        Organisation.governance_level_id).where(
        Organisation.name.like(f"Benchmark organisation {seed_value}.%"))).all()
    _bulk(organisation_sector, [{"organisation_id": o.id,
                                 "term_id": terms[("sector", SECTORS[o.id % 4])]}
                                for o in organisations])
    return [o._asdict() for o in organisations]


def _users(chance, organisations, count: int, seed_value: int) -> list[dict]:
    rows = [{"email": f"bench{seed_value}.{i}@example.org", "display_name": f"Respondent {i}",
             "password_hash": None, "is_active": True, "is_administrator": False,
             "is_facilitator": False, "preferred_language": "en", "timezone": "UTC",
             "created_at": utcnow(), "version": 1} for i in range(count)]
    _bulk(User.__table__, rows)
    users = db.session.scalars(select(User.id).where(
        User.email.like(f"bench{seed_value}.%"))).all()
    _bulk(membership, [{"user_id": user_id, "organisation_id": organisations[
        i % len(organisations)]["id"]} for i, user_id in enumerate(users)])
    return [{"id": user_id, "organisation": organisations[i % len(organisations)]}
            for i, user_id in enumerate(users)]


def _responses(rounds, users, organisations, terms, now) -> dict[int, list[int]]:
    by_round = {}
    for round_ in rounds:
        rows = [{"round_id": round_.id, "owner_key": f"u:{u['id']}", "user_id": u["id"],
                 "organisation_id": u["organisation"]["id"],
                 "stakeholder_type_id": u["organisation"]["stakeholder_type_id"],
                 "country_id": u["organisation"]["country_id"],
                 "governance_level_id": u["organisation"]["governance_level_id"],
                 "submitted_at": round_.opens_at + timedelta(days=1),
                 "first_submitted_at": round_.opens_at + timedelta(days=1),
                 "created_at": round_.opens_at, "updated_at": round_.opens_at, "version": 1}
                for u in users]
        _bulk(Response.__table__, rows)
        by_round[round_.id] = db.session.scalars(select(Response.id).where(
            Response.round_id == round_.id).order_by(Response.id)).all()
    return by_round


def _value(chance, kind: str):
    if kind == "scale":
        return chance.choice([2, 3, 4, 4, 5])
    if kind == "single":
        return chance.randrange(4)
    if kind == "multiple":
        return sorted(chance.sample(range(4), chance.randint(1, 3)))
    if kind == "ranking":
        order = chance.sample(range(1, 5), 4)
        return {str(i): rank for i, rank in enumerate(order)}
    if kind == "number":
        return chance.choice([20, 25, 30, 40, 50, 60, 100])
    return " ".join(chance.sample(WORDS, 6))


def _answers(chance, rounds, responses, total: int) -> None:
    rows = []
    for round_ in rounds:
        for response_id in responses[round_.id]:
            for question in round_.questions:
                if len(rows) >= total:
                    break
                value = _value(chance, question.kind)
                rows.append({"response_id": response_id, "question_id": question.id,
                             "value": value, "updated_at": round_.opens_at,
                             "text_value": value if question.kind == "text" else None})
    _bulk(Answer.__table__, rows)


def _comments(chance, rounds, responses, total: int, terms, now) -> None:
    pool = [(round_, rid) for round_ in rounds for rid in responses[round_.id]]
    rows, tags = [], []
    for index in range(total):
        round_, response_id = pool[index % len(pool)]
        question = round_.questions[chance.randrange(len(round_.questions))]
        rows.append({"response_id": response_id, "question_id": question.id,
                     "comment_type": chance.choice(("general", "technical", "editorial")),
                     "body": "We suggest " + " and ".join(chance.sample(WORDS, 4)) + ".",
                     "proposed_change": "", "created_at": round_.opens_at + timedelta(
                         seconds=index), "updated_at": round_.opens_at})
    _bulk(Comment.__table__, rows)
    comment_ids = db.session.scalars(select(Comment.id).order_by(Comment.id)).all()
    for comment_id in comment_ids[-total:] if total else []:
        tags.append({"comment_id": comment_id,
                     "term_id": terms[("credential_phase", PHASES[comment_id % 4])]})
        tags.append({"comment_id": comment_id,
                     "term_id": terms[("sector", SECTORS[comment_id % 4])]})
    _bulk(comment_term, tags)
    db.session.execute(Comment.__table__.update().values(cluster_id=Comment.__table__.c.id))


def _codes(chance, consultation, total: int) -> None:
    codes = [Code(consultation_id=consultation.id, label=f"Theme {i}", position=i)
             for i in range(1, 7)]
    db.session.add_all(codes)
    db.session.flush()
    comment_ids = db.session.scalars(select(Comment.id).order_by(Comment.id)).all()[-total:] \
        if total else []
    _bulk(comment_code, [{"comment_id": cid, "code_id": codes[cid % 6].id}
                         for cid in comment_ids if chance.random() < 0.3])


def seed_document(actor, consultation: Consultation, recommendations: int = 60,
                  seed_value: int = 1):
    """A document on `consultation`, every comment decided, saved as version 1.0."""
    chance = random.Random(seed_value)
    now = utcnow()
    document = blocks.create_document(actor, title=f"Benchmark recommendations {seed_value}",
                                      consultations=[consultation])
    sections = [blocks.add_block(actor, document, kind="section", title=phase.title(), now=now)
                for phase in PHASES]
    made = [blocks.add_block(actor, document, kind="recommendation",
                             parent=sections[i % len(sections)], title=f"Recommendation title {i}",
                             text=" ".join(chance.sample(WORDS, 8)) + ".", now=now)
            for i in range(1, recommendations + 1)]
    comment_ids = db.session.scalars(select(Comment.id).join(Response).join(
        Round, Response.round_id == Round.id).where(Round.consultation_id == consultation.id)
        .order_by(Comment.id)).all()
    _bulk(Disposition.__table__, [
        {"document_id": document.id, "comment_id": cid, "block_id": made[i % len(made)].id,
         "status": "accepted",
         "reason": f"Reason {i}", "decided_at": now, "version": 1}
        for i, cid in enumerate(comment_ids)])
    return versions.save_version(actor, document, number="1.0")


def deadline_round(people: int, password: str) -> tuple[Round, dict[str, str]]:
    """An open round of one text question with a saved draft by each of `people` people.

    For the deadline-rush test and benchmark; returns the round and each person's draft
    text by e-mail address (rush0@example.org, rush1@example.org, …).
    """
    lead = accounts.create_user(None, "lead@example.org", "Lead", is_facilitator=True)
    organisation = organisations.create_organisation(
        None, name="Rush org", stakeholder_type=vocab.term("stakeholder_type", "enterprise"),
        country=vocab.term("country", "IT"),
        governance_level=vocab.term("governance_level", "local"))
    consultation = consultations.create_consultation(lead, title="Rush")
    now = utcnow()
    round_ = round_services.create_round(lead, consultation, title="Rush round",
                                         opens_at=now - timedelta(hours=1),
                                         closes_at=now + timedelta(hours=1))
    question = questions.add_question(lead, round_, kind="text", prompt="Why?",
                                      terms=[vocab.term("credential_phase", "design")])
    round_.published_at = now
    drafts = {}
    for index in range(people):
        email = f"rush{index}@example.org"
        person = accounts.create_user(None, email, f"Rusher {index}",
                                      organisations=[organisation], password=password)
        text = f"Draft {index}: the deadline should not eat my answer."
        responses.save_response(person, round_, ResponseInput({question.id: text}),
                                now=now, expected_version=None)
        drafts[email] = text
    return round_, drafts
