"""A small consultation with submitted answers and comments from several kinds of people."""

import pytest

from app.core.types import utcnow
from app.responses import services as responses
from app.responses.validation import CommentInput, ResponseInput
from app.vocab import services as vocab

# (name, stakeholder type, country, scale answer, single, multiple, ranking, number, text,
#  comment, comment phase)
PEOPLE = [
    ("Ana", "public_authority", "ES", 5, 0, [0, 1], {"0": 1, "1": 2, "2": 3}, 40,
     "Recognition needs a register.", "Publish a register of awarding bodies.", "certification"),
    ("Ben", "public_authority", "BE", 4, 0, [1], {"0": 1, "1": 3, "2": 2}, 30,
     "Quality assurance first.", "Publish a register of awarding bodies!", "certification"),
    ("Cai", "enterprise", "IT", 2, 1, [2], {"0": 2, "1": 1, "2": 3}, 20,
     "Short units for companies.", "Allow 25-hour units for furniture makers.", "design"),
    ("Dan", "vet_provider", "FI", 4, 2, [0, 2], {"0": 1, "1": 2, "2": 3}, 60,
     "Workplace assessment works.", "Mentors need training for work-based learning.",
     "delivery"),
    ("Eva", "vet_provider", "FI", 3, 0, [0], {"0": 3, "1": 2, "2": 1}, 50,
     "Europass wallets matter.", "Issue credentials as European Digital Credentials.",
     "portability"),
]


@pytest.fixture
def collated(make_round, make_user, make_organisation, facilitator):
    """A closed round of six question kinds answered by five people; returns (round, people)."""
    from tests.conftest import add_question

    round_ = make_round(questions=())
    for kind in ("scale", "single", "multiple", "ranking", "number", "text"):
        add_question(round_, kind, prompt=f"The {kind} question")
    scale, single, multiple, ranking, number, text = round_.questions
    people = {}
    for (name, kind, country, s, c, m, r, n, t, comment, phase) in PEOPLE:
        organisation = make_organisation(name=f"{name} org", stakeholder_type=kind,
                                         country=country, sectors=("wood",))
        person = make_user(name=name, organisations=[organisation])
        data = ResponseInput(
            {scale.id: str(s), single.id: str(c), multiple.id: [str(i) for i in m],
             ranking.id: r, number.id: str(n), text.id: t},
            [CommentInput(question_id=scale.id, body=comment,
                          phases=[vocab.term("credential_phase", phase).id],
                          sectors=[vocab.term("sector", "wood").id])])
        responses.save_response(person, round_, data, now=utcnow(), expected_version=None,
                                submit=True)
        people[name] = person
    return round_, people
