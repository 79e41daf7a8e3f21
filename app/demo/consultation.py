"""The demo consultation: a closed round 1 full of answers and comments, and an open round 2."""

import random
from datetime import datetime, timedelta

from sqlalchemy import select

from ..analysis import services as analysis
from ..consultations import audience, content, questions, rounds
from ..consultations import services as consultations
from ..extensions import db
from ..responses import services as responses
from ..responses.models import Comment, Response
from ..responses.validation import CommentInput, ResponseInput
from ..vocab import services as vocab
from .consultation_data import (
    BACKGROUND,
    CODEBOOK,
    COMMENTS,
    ITALIAN,
    PHASE_THEMES,
    ROUND_1,
    ROUND_2,
    SUMMARY,
    SYNTHESIS,
    TEXT_ANSWERS,
    TITLE,
)
from .drafts import load_bulgarian_document, load_demo_document, load_earlier_publication
from .groups import load_demo_groups

# How favourable each kind of organisation tends to be, so the statistics show differences.
LEANING = {"public_authority": 0, "enterprise": 1, "vet_provider": 1, "other": 0}


def load_demo_consultation(facilitators: list, stakeholders: list, now: datetime):
    """Create the consultation, answer round 1 as every stakeholder, start round 2."""
    lead = facilitators[0]
    consultation = consultations.create_consultation(
        lead, title=TITLE, summary=SUMMARY, working_group="MASTERY policy working group",
        sectors=vocab.terms("sector"), facilitators=facilitators)
    consultations.save_document(lead, consultation, title=BACKGROUND[0], body=BACKGROUND[1])
    first = _round(lead, consultation, ROUND_1, now - timedelta(days=60), now - timedelta(days=30))
    second = _round(lead, consultation, ROUND_2, now - timedelta(days=2), now + timedelta(days=19))
    _in_italian(lead, consultation, second)
    for round_ in (first, second):
        round_.published_at = round_.opens_at
        audience.invite_audience(lead, round_)
    chance = random.Random(2024)
    comments = iter(COMMENTS * 3)
    for index, person in enumerate(stakeholders):
        moment = first.opens_at + timedelta(days=1 + index, hours=index)
        data = _answers(first, person, chance, comments, index)
        responses.save_response(person, first, data, now=moment, expected_version=None,
                                submit=True)
    _collate(lead, consultation, first, now)
    for mine, theirs in zip(second.questions[:2], first.questions[:2], strict=True):
        mine.source_question_id = theirs.id  # the same statement, rated again
    working_groups = load_demo_groups(lead, facilitators + stakeholders)
    load_earlier_publication(lead, working_groups["MASTERY policy working group"],
                             now - timedelta(days=90))
    original = load_demo_document(lead, consultation, first, second, now,
                                  working_groups["MASTERY policy working group"])
    load_bulgarian_document(lead, consultation, now,
                            working_groups["MASTERY policy working group"],
                            edition_of=original.versions[-1])
    for index, person in enumerate(stakeholders[:5]):
        data = _answers(second, person, chance, iter(()), index)
        responses.save_response(person, second, data, now=now - timedelta(hours=20 - index),
                                expected_version=None, submit=index % 2 == 0)
    return consultation


def _collate(actor, consultation, round_, now: datetime) -> None:
    """A codebook applied to round 1's comments, and its feedback released."""
    comments = db.session.scalars(select(Comment).join(Response).where(
        Response.round_id == round_.id).order_by(Comment.id)).all()
    themes = {}
    for label, children in CODEBOOK:
        theme = analysis.add_code(actor, consultation, label=label)
        themes[label] = theme
        for child in children:
            themes[f"{label}/{child}"] = analysis.add_code(actor, consultation, label=child,
                                                           parent=theme)
    for comment in comments:
        phase = comment.tags("credential_phase")[0].key
        analysis.set_codes(actor, consultation, [("comment", comment.id)],
                           [themes[PHASE_THEMES[phase]]], apply=True)
    shown = [c.id for c in comments if c.proposed_change][:4]
    analysis.save_feedback(actor, round_, synthesis=SYNTHESIS,
                           question_ids=[q.id for q in round_.questions if q.kind != "text"],
                           comment_ids=shown, now=round_.closes_at)
    analysis.release_feedback(actor, round_, now - timedelta(days=20))


def _in_italian(actor, consultation, round_) -> None:
    """Offer the consultation in Italian, with its title, summary and round 2 translated."""
    consultations.update_consultation(actor, consultation, offered_languages=["it"])
    texts = {consultation: ITALIAN["consultation"], round_: ITALIAN["round"]}
    for question, prompt in zip(round_.questions, ITALIAN["questions"], strict=True):
        texts[question] = {"prompt": prompt}
        if question.kind == "scale":
            texts[question]["scale_labels"] = ITALIAN["scale_labels"]
    content.save_translations(actor, "it", texts)


def _round(actor, consultation, spec: dict, opens_at: datetime, closes_at: datetime):
    round_ = rounds.create_round(actor, consultation, title=spec["title"],
                                 introduction=spec["introduction"], opens_at=opens_at,
                                 closes_at=closes_at, timezone="Europe/Brussels",
                                 anonymity="anonymous_to_participants")
    for kind, prompt, phases, extra in spec["questions"]:
        terms = [vocab.term("credential_phase", key) for key in phases]
        questions.add_question(actor, round_, kind=kind, prompt=prompt, terms=terms,
                               is_required=kind == "scale", **extra)
    return round_


def _answers(round_, person, chance: random.Random, comments, index: int) -> ResponseInput:
    kind = person.organisations[0].stakeholder_type.key if person.organisations else "other"
    lean = LEANING[kind]
    data = ResponseInput()
    for question in round_.questions:
        data.answers[question.id] = _value(question, chance, lean, index)
    for _ in range(2):
        phase, sectors, comment_type, body, change, *language = next(comments, (None,) * 5)
        if phase is None:
            break
        question = _question_on(round_, phase, chance)
        data.comments.append(CommentInput(
            question_id=question.id, body=body, proposed_change=change,
            phases=[vocab.term("credential_phase", phase).id],
            sectors=[vocab.term("sector", s).id for s in sectors], comment_type=comment_type,
            language=language[0] if language else "en"))
    return data


def _question_on(round_, phase: str, chance: random.Random):
    """A question of the round about `phase` (any question if none is)."""
    tagged = [q for q in round_.questions
              if phase in {t.key for t in q.tags("credential_phase")}]
    return chance.choice(tagged or list(round_.questions))


def _value(question, chance: random.Random, lean: int, index: int):
    if question.kind == "scale":
        return str(max(1, min(question.scale_points, chance.choice([3, 4, 4, 5]) + lean - 1
                              + chance.choice([0, 0, 1]))))
    if question.kind == "single":
        return str(chance.randrange(len(question.options)))
    if question.kind == "multiple":
        count = chance.randint(1, question.max_choices or len(question.options))
        return [str(i) for i in chance.sample(range(len(question.options)), count)]
    if question.kind == "ranking":
        order = chance.sample(range(1, len(question.options) + 1), len(question.options))
        return {str(i): str(rank) for i, rank in enumerate(order)}
    if question.kind == "number":
        return str(chance.choice([25, 30, 40, 50, 60, 75, 100, 120]))
    return TEXT_ANSWERS[index % len(TEXT_ANSWERS)]
