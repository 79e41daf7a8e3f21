"""A second, small demo consultation: one round anonymous to everyone, answered by all.

It shows generalisation at work: in its explorer, statistics and exports, facilitators see a
respondent's type, country and governance level only where three respondents share them.
"""

import random
from datetime import datetime, timedelta

from ..consultations import questions, rounds
from ..consultations import services as consultations
from ..responses import services as responses
from ..responses.validation import CommentInput, ResponseInput
from ..vocab import services as vocab

TITLE = "Pulse check: recognising micro-credentials in hiring (anonymous)"
SUMMARY = ("A short round, anonymous to everyone: not even the facilitators see who answered. "
           "It asks how employers and public services recognise micro-credentials today.")
QUESTIONS = [
    ("scale", "Employers in my region already recognise micro-credentials when hiring.",
     ["portability"]),
    ("single", "Who should guarantee the quality of a micro-credential?", ["certification"]),
    ("text", "What would make you trust a micro-credential from another country?",
     ["portability"]),
]
OPTIONS = ["The awarding body", "A national agency", "Sector associations"]
COMMENTS = [
    "A public register of awarding bodies would settle most doubts.",
    "We look at the workload in hours and at who assessed the learner.",
    "Recognition depends on the sector: construction asks for site experience.",
    "Europass wallets make checking easy, but few applicants use them yet.",
]


def load_demo_anonymous(lead, stakeholders: list, now: datetime) -> None:
    """Create the consultation and its closed anonymous round, answered by every stakeholder."""
    consultation = consultations.create_consultation(
        lead, title=TITLE, summary=SUMMARY, facilitators=[lead],
        sectors=vocab.terms("sector"))
    round_ = rounds.create_round(
        lead, consultation, title="Pulse check", introduction=SUMMARY,
        opens_at=now - timedelta(days=40), closes_at=now - timedelta(days=25),
        timezone="Europe/Brussels", anonymity="anonymous")
    for kind, prompt, phases in QUESTIONS:
        extra = {"options": OPTIONS} if kind == "single" else {}
        questions.add_question(lead, round_, kind=kind, prompt=prompt,
                               terms=[vocab.term("credential_phase", p) for p in phases],
                               **extra)
    round_.published_at = round_.opens_at
    chance = random.Random(7)
    scale, single, text = round_.questions
    for index, person in enumerate(stakeholders):
        data = ResponseInput({scale.id: str(chance.randint(2, 5)),
                              single.id: str(chance.randrange(len(OPTIONS))),
                              text.id: COMMENTS[index % len(COMMENTS)]})
        data.comments.append(CommentInput(
            question_id=scale.id, body=COMMENTS[(index + 1) % len(COMMENTS)],
            phases=[vocab.term("credential_phase", "portability").id]))
        responses.save_response(person, round_, data,
                                now=round_.opens_at + timedelta(days=1, hours=index),
                                expected_version=None, submit=True)
