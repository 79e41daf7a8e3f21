"""The demo instance and the command-line commands."""

from sqlalchemy import func, select

from app.accounts import services as accounts
from app.accounts.models import User
from app.demo.data import PARTNERS, PEOPLE
from app.organisations.models import Organisation


def _count(db, model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_demo_loads_a_realistic_instance(app, db):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    assert "admin@mastery.example" in result.output
    assert _count(db, User) == len(PEOPLE) == 17
    organisations = db.session.scalars(select(Organisation)).all()
    assert len(organisations) >= 26
    assert {o.country.key for o in organisations} == {"IT", "ES", "FI", "BG", "BE"}
    assert {o.stakeholder_type.key for o in organisations} == {
        "public_authority", "enterprise", "vet_provider", "other"}
    assert {o.governance_level.key for o in organisations} == {"local", "regional",
                                                                "national", "eu"}
    assert sum(o.is_startup for o in organisations) >= 3
    partner_names = {p[0] for p in PARTNERS}
    assert len(partner_names & {o.name for o in organisations}) == 8
    admin = accounts.authenticate("admin@mastery.example", app.config["DEMO_PASSWORD"])
    assert admin is not None and admin.is_administrator
    facilitators = [u for u in db.session.scalars(select(User)) if u.is_facilitator]
    assert len(facilitators) == 2
    assert all(u.organisations for u in db.session.scalars(select(User)))


def test_demo_refuses_a_database_with_accounts(app, db, stakeholder):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["demo"])
    assert result.exit_code != 0 and "has accounts already" in result.output
    result = runner.invoke(args=["demo", "--if-empty"])
    assert result.exit_code == 0 and _count(db, User) == 1


def test_vocab_load_command(app, db):
    result = app.test_cli_runner().invoke(args=["vocab", "load"])
    assert result.exit_code == 0 and "0 terms added" in result.output


def test_create_admin_command(app, db):
    result = app.test_cli_runner().invoke(args=[
        "users", "create-admin", "--email", "Root@Example.org", "--name", "Root",
        "--password", "a long admin password"])
    assert result.exit_code == 0, result.output
    user = accounts.authenticate("root@example.org", "a long admin password")
    assert user.is_administrator
    again = app.test_cli_runner().invoke(args=[
        "users", "create-admin", "--email", "root@example.org", "--name", "Root",
        "--password", "a long admin password"])
    assert again.exit_code != 0 and "exists already" in again.output


def test_demo_consultation_has_a_closed_and_an_open_round(app, db):
    from app.consultations.models import Consultation
    from app.core.types import utcnow
    from app.responses.models import Comment, Response

    app.test_cli_runner().invoke(args=["demo"])
    consultation = db.session.scalars(select(Consultation).where(
        Consultation.title.startswith("Joint multi-stakeholder"))).one()
    first, second = consultation.rounds
    now = utcnow()
    assert (first.state(now), second.state(now)) == ("feedback_released", "open")
    assert second.questions[0].source_question_id == first.questions[0].id
    submitted = db.session.scalars(select(Response).where(
        Response.round_id == first.id, Response.submitted_at.is_not(None))).all()
    assert len(submitted) == 14
    assert {r.stakeholder_type.key for r in submitted} == {
        "public_authority", "enterprise", "vet_provider", "other"}
    assert {r.country.key for r in submitted} == {"IT", "ES", "FI", "BG", "BE"}
    comments = db.session.scalars(select(Comment).join(Response).where(
        Response.round_id == first.id)).all()
    assert {c.tags("credential_phase")[0].key for c in comments} == {
        "design", "delivery", "certification", "portability"}
    assert all(len(r.answers) == len(first.questions) for r in submitted)
    from app.analysis import services as analysis

    assert len(analysis.codebook(consultation)) == 4
    assert all(analysis.codes_of("comment", [c.id]).get(c.id) for c in comments)
    assert analysis.feedback_for(first).synthesis.startswith("Fourteen organisations")
    drafts = db.session.scalars(select(Response).where(Response.round_id == second.id)).all()
    assert {r.is_submitted for r in drafts} == {True, False}


def test_demo_policy_document(app, db):
    from app.consultations.models import Round
    from app.drafts import blocks, dispositions
    from app.drafts.models import PolicyDocument

    result = app.test_cli_runner().invoke(args=["demo"])
    assert "6 exports of the published documents made." in result.output
    document = db.session.scalars(select(PolicyDocument).where(
        PolicyDocument.title == "Policy recommendations for green-skills micro-credentials")
    ).one()
    nodes = blocks.tree(document)
    assert [n.block.title for n in nodes if n.block.kind == "section"] == [
        "Design", "Delivery", "Certification", "Portability"]
    assert len([n for n in nodes if n.block.kind == "recommendation"]) == 20
    assert [v.number for v in document.versions] == ["0.1", "0.2"]
    second = db.session.scalars(select(Round).where(Round.position == 2,
                                                    Round.document_version_id.is_not(None))).one()
    assert second.document_version.number == "0.2"
    progress = dispositions.progress(document)
    assert progress.decided == progress.total > 0
    assert document.dispositions_released_at is not None
    bulgarian = db.session.scalars(select(PolicyDocument).where(
        PolicyDocument.language == "bg")).one()
    assert bulgarian.edition_of is document.versions[-1]  # the translation of version 0.2


def test_demo_anonymous_round_shows_generalisation(app, db):
    from collections import Counter

    from app.analysis import anonymity
    from app.consultations.models import Round

    app.test_cli_runner().invoke(args=["demo"])
    round_ = db.session.scalars(select(Round).where(Round.anonymity == "anonymous")).one()
    from app.responses.models import Response

    shown = anonymity.round_profiles(round_.id)
    raw = [(r.stakeholder_type_id, r.country_id, r.governance_level_id)
           for r in db.session.scalars(select(Response).where(Response.round_id == round_.id))]
    assert len(raw) >= 14
    kinds = Counter("other" if shown[p] == anonymity.OTHER else
                    "kept" if shown[p] == p else "coarser" for p in raw)
    assert kinds["coarser"] >= anonymity.K  # profiles shown without their country
    assert all(n >= anonymity.K for n in Counter(shown[p] for p in raw).values())


def test_demo_decisions_follow_the_comments_and_an_earlier_document_is_published(app, db):
    from app.drafts import blocks, dispositions
    from app.drafts.models import PolicyDocument
    from app.publications import services as publications

    app.test_cli_runner().invoke(args=["demo"])
    document = db.session.scalars(select(PolicyDocument).where(
        PolicyDocument.title.startswith("Policy recommendations"))).one()
    titles = {n.block.id: n.block.title for n in blocks.tree(document)}
    rows = dispositions.matrix(document)
    by_text: dict[str, set] = {}
    for comment, disposition in rows:
        by_text.setdefault(comment.body, set()).add(
            (disposition.status, disposition.reason, disposition.block_id))
    assert len(rows) == 28 and len(by_text) == 16
    assert all(len(decisions) == 1 for decisions in by_text.values())  # same text, same fate
    accepted = {body: titles[block_id] for body, [(status, _r, block_id)] in by_text.items()
                if status.startswith("accepted")}
    assert accepted["Food processors want stackable units leading to a full EQF 5 "
                    "qualification in sustainable production."] == \
        "Stackable towards qualifications"
    assert accepted["Shift workers can only attend online or at the workplace; "
                    "classroom-only delivery excludes them."] == "Flexible participation"
    assert accepted["“Blended” should be defined; partners use it for very different "
                    "things."] == "Define blended learning"
    [publication] = publications.publications()
    assert publication.document.title.startswith("MASTERY position paper")
    assert publication.document.status == "final"
    assert sorted(publications.public_exports(publication)) == [
        "docx", "epub", "html", "md", "odt", "pdf"]


def test_demo_comments_are_written_in_five_languages_and_found_by_their_stems(app, db):
    from app.analysis.search import matching_ids
    from app.responses.models import Comment

    assert app.test_cli_runner().invoke(args=["demo"]).exit_code == 0
    languages = set(db.session.scalars(select(Comment.language).distinct()))
    assert {"en", "it", "es", "bg", "nl"} <= languages
    italian = db.session.scalars(select(Comment.id).where(Comment.language == "it")).all()
    found, _answers = matching_ids("riqualificazioni", db.engine.dialect.name)
    assert set(italian) <= set(found)  # the plural finds the singular, stemmed in Italian
