"""The explorer: filters, facets equal to filtered totals, search, near-duplicates, keyset."""

import pytest
from werkzeug.datastructures import MultiDict

from app.analysis import explorer, services
from app.extensions import db
from app.vocab import services as vocab


def dialect():
    return db.session.get_bind().dialect.name


def run(round_, **args):
    filters = explorer.Filters.from_args(MultiDict(args))
    return explorer.page(round_.consultation_id, filters, dialect(), size=50), filters


def bodies(page):
    return sorted(row.body for row in page.rows)


def test_all_submitted_comments_and_text_answers(collated):
    round_, _people = collated
    page, _filters = run(round_)
    assert page.total == 10
    assert {row.kind for row in page.rows} == {"comment", "answer"}


def test_filters(collated):
    round_, _people = collated
    phase = vocab.term("credential_phase", "certification").id
    page, _ = run(round_, kind="comment", phase=str(phase))
    assert bodies(page) == ["Publish a register of awarding bodies!",
                            "Publish a register of awarding bodies."]
    finland = vocab.term("country", "FI").id
    page, _ = run(round_, country=str(finland), kind="answer")
    assert bodies(page) == ["Europass wallets matter.", "Workplace assessment works."]
    enterprise = vocab.term("stakeholder_type", "enterprise").id
    page, _ = run(round_, stakeholder_type=str(enterprise))
    assert page.total == 2
    text_question = round_.questions[-1].id
    page, _ = run(round_, question=str(text_question))
    assert {row.kind for row in page.rows} == {"answer"} and page.total == 5


@pytest.mark.parametrize(("query", "expected"), [
    ("register", 3), ("Europass", 1), ("REGISTER awarding", 2), ("nothing-like-this", 0),
    ('"quoted" OR', 0), ("units", 2),
    # prefixes, phrases, OR and leaving out, as in web search boxes
    ("regist*", 3), ("cred*", 1), ("work*", 2), ("unit*", 2), ('"awarding bodies"', 2),
    ('"bodies awarding"', 0), ('"register of awarding"', 2), ('"awarding bod"*', 2),
    ("wallets OR mentors", 2), ("wallets or mentors OR quality", 3),
    ("register -recognition", 2), ('register -"awarding bodies"', 1),
    # what the query languages of the databases would take as syntax is only text here
    ("'); DROP TABLE comment; --", 0), (":* & | ! ( ) <-> NEAR AND NOT", 0),
    ('"unclosed phrase', 0), ("OR or OR", 10), ("-register", 10), ("***", 10),
    ("Ελλάδα* OR Europass", 1), ("-", 10), ('"', 10),
])
def test_full_text_search(collated, query, expected):
    round_, _people = collated
    page, _ = run(round_, q=query)
    assert page.total == expected, [row.body for row in page.rows]


def test_search_matches_are_highlighted_escape_safe():
    from markupsafe import Markup

    from app.analysis.search import highlight

    html = Markup('<p>Registers &amp; <a href="/register">registered</a> <code>regist</code> '
                  "amp</p>")  # as the Markdown filter returns it
    assert str(highlight(html, "regist* amp")) == (
        '<p><mark>Registers</mark> &amp; <a href="/register"><mark>registered</mark></a> '
        "<code><mark>regist</mark></code> <mark>amp</mark></p>")
    assert str(highlight("<script>x</script> script", "script")) == (
        "&lt;<mark>script</mark>&gt;x&lt;/<mark>script</mark>&gt; <mark>script</mark>")
    assert str(highlight("register registers", '"register" -registers')) == (
        "<mark>register</mark> registers")
    assert str(highlight("<b>as is</b>", "")) == "&lt;b&gt;as is&lt;/b&gt;"


def test_facet_counts_equal_filtered_totals(collated):
    round_, _people = collated
    filters = explorer.Filters.from_args(MultiDict({"kind": "comment"}))
    facets = explorer.facets(round_.consultation_id, filters, dialect())
    for name in ("phase", "stakeholder_type", "country", "question", "round"):
        for value, count in facets[name].items():
            page, _ = run(round_, kind="comment", **{name: str(value)})
            assert page.total == count, (name, value)
    assert facets["kind"] == {"comment": 5, "answer": 5}
    assert sum(facets["phase"].values()) == 5


def test_codes_filter_and_facet(collated, facilitator):
    round_, _people = collated
    consultation = round_.consultation
    theme = services.add_code(facilitator, consultation, label="Recognition")
    page, _ = run(round_, q="register awarding")
    services.set_codes(facilitator, consultation, [(r.kind, r.id) for r in page.rows], [theme],
                       apply=True)
    page, _ = run(round_, code=str(theme.id))
    assert page.total == 2
    facets = explorer.facets(round_.consultation_id, explorer.Filters(), dialect())
    assert facets["code"] == {theme.id: 2}


def test_near_duplicates_fold_but_still_count(collated):
    round_, _people = collated
    page, _ = run(round_, kind="comment", fold="1")
    assert page.total == 5  # the campaign is counted
    assert len(page.rows) == 4  # and shown once
    assert sorted(page.similar.values()) == [1, 1, 1, 2]


def test_keyset_pages_cover_everything_once(collated):
    round_, _people = collated
    seen, after = [], ""
    for _ in range(10):
        filters = explorer.Filters.from_args(MultiDict({"after": after} if after else {}))
        page = explorer.page(round_.consultation_id, filters, dialect(), size=3)
        seen += [(r.kind, r.id) for r in page.rows]
        if not page.next_cursor:
            break
        after = page.next_cursor
    assert len(seen) == 10 and len(set(seen)) == 10


def test_filters_round_trip_through_the_url():
    filters = explorer.Filters.from_args(MultiDict([("phase", "3"), ("phase", "4"),
                                                    ("q", " wallets "), ("fold", "1"),
                                                    ("sort", "oldest"), ("kind", "weird")]))
    assert filters.phase == [3, 4] and filters.q == "wallets" and filters.fold
    assert filters.kind == ""
    assert filters.to_args() == {"phase": [3, 4], "q": "wallets", "fold": "1", "sort": "oldest"}


def test_disposition_filter_and_facet(collated, facilitator):
    from app.core.types import utcnow
    from app.drafts import blocks, dispositions
    from app.responses.models import Comment

    round_, _people = collated
    document = blocks.create_document(facilitator, title="Recs",
                                      consultations=[round_.consultation])
    first = db.session.scalars(db.select(Comment).order_by(Comment.id)).first()
    dispositions.decide(facilitator, document, first, status="noted", reason="", block=None,
                        expected_version=None, now=utcnow())
    page, filters = run(round_, disposition="noted")
    assert [r.id for r in page.rows] == [first.id]
    page, _ = run(round_, disposition="undecided")
    assert page.total == 4 and {r.kind for r in page.rows} == {"comment"}
    facets = explorer.facets(round_.consultation_id, explorer.Filters(), dialect())
    assert facets["disposition"] == {"noted": 1, "undecided": 4}
    assert explorer.Filters.from_args(MultiDict({"disposition": "bogus"})).disposition == ""
