"""Hostile text at the door and in mail: line separators, control characters, huge numbers."""

import io
import smtplib

import pytest

from app.consultations.models import Invitation
from app.core import mail
from app.core.input import MAX_DB_INT
from app.core.urls import same_site_path
from app.extensions import db
from app.responses import services as responses
from app.vocab import services as vocab

LINE_BREAKS = ["\u2028", "\u2029", "\u0085", "\r", "\n", "\r\n"]


def _text(response) -> str:
    return response.get_data(as_text=True)


# --- mail headers built from user text --------------------------------------------------------


@pytest.mark.parametrize("brk", LINE_BREAKS)
def test_header_values_collapse_every_line_break(app, brk):
    with app.app_context():
        message = mail.build_message("ana@example.org", f"Invitation: Round{brk}one", "Body")
    assert message["Subject"] == "Invitation: Round one"


@pytest.mark.parametrize("brk", LINE_BREAKS)
def test_round_title_with_a_line_break_reaches_invitation_and_reminder(
        brk, client, login_as, facilitator, participant, make_round, outbox):
    round_ = make_round(title=f"Skills{brk}for all")
    login_as(facilitator)
    assert client.post(f"/manage/rounds/{round_.id}/invite").status_code == 302
    assert client.post(f"/manage/rounds/{round_.id}/remind").status_code == 302
    assert [m["Subject"] for m in outbox()] == [
        "Invitation: Skills for all", "Reminder: Skills for all closes soon"]


@pytest.mark.parametrize("brk", LINE_BREAKS)
def test_consultation_and_names_with_line_breaks_do_not_stop_invitations(
        brk, client, login_as, facilitator, make_user, make_organisation, make_consultation,
        make_round, outbox):
    organisation = make_organisation(name=f"Istituto{brk}Tecnico")
    person = make_user(name=f"Paola{brk}Rossi", organisations=[organisation])
    round_ = make_round(consultation=make_consultation(title=f"Green{brk}skills"),
                        title=f"Round{brk}1")
    login_as(facilitator)
    response = client.post(f"/manage/rounds/{round_.id}/participation",
                           data={"emails": person.email}, follow_redirects=True)
    assert "1 people invited." in _text(response)
    [message] = outbox()
    assert message["To"] == person.email and message["Subject"] == "Invitation: Round 1"


@pytest.mark.parametrize("brk", LINE_BREAKS)
def test_submission_with_a_line_break_in_the_round_title_commits_and_mails(
        brk, client, login_as, participant, make_round, outbox):
    round_ = make_round(title=f"Round{brk}one", questions=("text",))
    login_as(participant)
    client.post(f"/rounds/{round_.id}", data={"version": 0, "action": "save",
                                              f"comments-{round_.questions[0].id}": "new"})
    saved = responses.find_response(participant, round_)
    response = client.post(f"/rounds/{round_.id}/confirm", data={"version": saved.version})
    assert response.status_code == 302
    assert saved.is_submitted
    assert outbox()[-1]["Subject"] == "Receipt: your answers to Round one"


def _failing_mail_server(monkeypatch):
    def refuse(message):
        raise smtplib.SMTPServerDisconnected("the mail server went away")

    monkeypatch.setattr(mail, "_deliver", refuse)


def test_a_mail_failure_never_fails_a_submission(client, login_as, participant, make_round,
                                                  monkeypatch):
    round_ = make_round(questions=("text",))
    login_as(participant)
    client.post(f"/rounds/{round_.id}", data={"version": 0, "action": "save",
                                              f"comments-{round_.questions[0].id}": "new"})
    saved = responses.find_response(participant, round_)
    _failing_mail_server(monkeypatch)
    response = client.post(f"/rounds/{round_.id}/confirm", data={"version": saved.version})
    assert response.status_code == 302 and saved.is_submitted


def test_a_mail_failure_never_fails_an_invitation_batch(
        client, login_as, facilitator, participant, make_user, make_round, monkeypatch):
    round_ = make_round()
    login_as(facilitator)
    _failing_mail_server(monkeypatch)
    response = client.post(f"/manage/rounds/{round_.id}/participation",
                           data={"emails": "new.person@example.org\nparticipant@example.org"},
                           follow_redirects=True)
    page = _text(response)
    assert response.status_code == 200 and "2 people invited." in page
    # the new person's account invitation and both round invitations
    # (the account invitation leaves after the response, so that it tells nothing of who has
    # an account: its failure is logged, not shown)
    assert "2 messages could not be sent" in page and "new.person@example.org" in page
    invited = db.session.scalars(db.select(Invitation).filter_by(round_id=round_.id)).all()
    assert len(invited) == 2
    response = client.post(f"/manage/rounds/{round_.id}/remind", follow_redirects=True)
    assert "2 reminders sent." in _text(response)
    assert "2 messages could not be sent" in _text(response)


def test_invitation_and_reminder_mails_leave_after_the_commit(tmp_path, monkeypatch):
    """The mail server is called only once the invitation rows are visible to others."""
    from datetime import timedelta

    from sqlalchemy import create_engine, func, select

    from app.accounts import services as accounts
    from app.consultations import audience, rounds
    from app.consultations import services as consultations
    from app.core.types import utcnow
    from tests.databases import scratch_app

    with scratch_app("mailcommit", tmp_path, MAIL_FILE_DIR=str(tmp_path / "mail")) as app:
        other = create_engine(app.config["SQLALCHEMY_DATABASE_URI"])
        seen = []

        def deliver(message):
            with other.connect() as connection:
                seen.append((message["Subject"].split(":")[0], connection.scalar(
                    select(func.count()).select_from(Invitation.__table__))))

        monkeypatch.setattr(mail, "_deliver", deliver)
        with app.app_context():
            owner = accounts.create_user(None, "fac@example.org", "Fran", password="x" * 12,
                                         is_facilitator=True)
            accounts.create_user(None, "p@example.org", "Paola", password="x" * 12)
            consultation = consultations.create_consultation(owner, title="C")
            now = utcnow()
            round_ = rounds.create_round(owner, consultation, title="R",
                                         opens_at=now - timedelta(hours=1),
                                         closes_at=now + timedelta(days=1))
            db.session.commit()
            audience.invite_emails(owner, round_, "p@example.org")
            assert seen == []  # nothing leaves inside the transaction
            db.session.commit()
            audience.send_reminders(owner, round_, utcnow())
            assert seen == [("Invitation", 1)]
            db.session.commit()
            assert seen == [("Invitation", 1), ("Reminder", 1)]
        other.dispose()


# --- control characters and NUL -----------------------------------------------------------------


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\x9b"])
def test_control_characters_are_refused_in_forms(char, client, login_as, facilitator,
                                                 make_consultation):
    consultation = make_consultation()
    login_as(facilitator)
    response = client.post("/manage/new",
                           data={"title": f"Bad{char}title", "description": "x"})
    assert response.status_code == 400
    assert "contains a control character" in _text(response) and "“title”" in _text(response)
    assert client.get(f"/manage/{consultation.id}/explore?q=a{char}b").status_code == 400


def test_tabs_and_line_breaks_are_accepted(client, login_as, participant, make_round):
    round_ = make_round(questions=("text",))
    login_as(participant)
    question = round_.questions[0]
    response = client.post(f"/rounds/{round_.id}", data={
        "version": 0, "action": "save", f"comments-{question.id}": "new",
        f"c-{question.id}-new-body": "a\tb\r\nc\u2028d\u0085e", f"c-{question.id}-new-type":
        "general", f"c-{question.id}-new-phases": [vocab.term("credential_phase", "design").id]})
    assert response.status_code == 302
    [comment] = responses.find_response(participant, round_).comments
    assert comment.body == "a\tb\nc\u2028d\u0085e"  # CRLF arrives as the browser counted it


def test_a_csv_with_a_nul_byte_is_refused_at_the_dry_run(client, login_as, admin):
    login_as(admin)
    data = {"kind": "organisations",
            "file": (io.BytesIO(b"name,stakeholder_type,country,governance_level\n"
                                b"A\x00B,other,IT,local\n"), "orgs.csv")}
    response = client.post("/admin/import/check", data=data, content_type="multipart/form-data")
    assert response.status_code == 400 and "control characters" in _text(response)


def test_a_csv_cell_over_128_kib_is_a_problem_on_the_report(client, login_as, admin):
    login_as(admin)
    body = ("name,stakeholder_type,country,governance_level\n"
            f"\"{'x' * (129 * 1024)}\",other,IT,local\n").encode()
    response = client.post("/admin/import/check", data={
        "kind": "organisations", "file": (io.BytesIO(body), "orgs.csv")},
        content_type="multipart/form-data")
    assert response.status_code == 200 and "A cell holds at most 131072 characters" in _text(
        response)


def test_a_csv_over_the_row_limit_is_refused_up_front(app, monkeypatch):
    from app.imports import services

    with app.app_context():
        rows = "".join(f"person{n}@example.org,Person {n}\n" for n in range(20_000))
        calls = []
        monkeypatch.setattr(services.UserChecker, "check", lambda *a: calls.append(a) or [])
        report = services.check("users", "email,display_name\n" + rows)
    assert not report.is_clean and "Too many lines" in report.problems[0].reason
    assert calls == []  # refused before any row was checked


def test_the_csv_check_reads_existing_addresses_in_one_query(app, db, make_user):
    from sqlalchemy import event

    from app.imports import services

    make_user(email="taken@example.org")
    rows = "".join(f"person{n}@example.org,Person {n}\n" for n in range(200))
    statements = []

    def count(*args):
        statements.append(args)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        report = services.check("users", "email,display_name\ntaken@example.org,T\n" + rows)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert [p.reason for p in report.problems] == [
        "An account with this e-mail address exists already."]
    assert len(statements) <= 3


# --- numbers and ids ----------------------------------------------------------------------------


def test_ids_beyond_the_database_integer_are_not_found(client, login_as, facilitator,
                                                       make_round):
    round_ = make_round()
    login_as(facilitator)
    for number in (MAX_DB_INT + 1, 2**63, 10**30):
        assert client.get(f"/manage/rounds/{number}/participation").status_code == 404
        assert client.get(f"/rounds/{number}").status_code == 404
    assert client.get(f"/manage/rounds/{round_.id}/participation").status_code == 200


def test_huge_numbers_in_query_strings_and_forms(client, login_as, admin):
    login_as(admin)
    for number in (MAX_DB_INT + 1, 10**30):
        assert client.get(f"/admin/users/?page={number}").status_code == 200
        assert client.get(f"/admin/audit/?page={number}").status_code == 200


# --- back -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("back", ["//evil.example/", "https://evil.example/", "/\\evil.example",
                                  "/ok\r\nSet-Cookie: x=1", "/ok\u2028", "javascript:alert(1)",
                                  ""])
def test_back_is_a_same_site_path_or_the_default(back):
    assert same_site_path(back, "/default") == "/default"


def test_back_keeps_a_same_site_path():
    assert same_site_path("/manage/1/explore?q=a#item-2", "/d") == "/manage/1/explore?q=a#item-2"


# --- lengths ------------------------------------------------------------------------------------


def test_a_full_description_with_browser_line_breaks_fits_and_a_longer_one_is_refused(
        client, login_as, facilitator):
    from app.groups.models import WorkingGroup

    login_as(facilitator)
    level = vocab.term("governance_level", "regional").id
    lines = ("x" * 99 + "\r\n") * 10  # 1,000 characters as the browser counts, 1,010 sent
    response = client.post("/manage/working-groups/", data={
        "name": "Group A", "level": level, "description": lines.strip("\r\n"),
        "action": "details"})
    assert response.status_code == 302
    saved = db.session.scalar(db.select(WorkingGroup).filter_by(name="Group A"))
    assert len(saved.description) == 999 and "\r" not in saved.description
    response = client.post("/manage/working-groups/", data={
        "name": "Group B", "level": level, "description": "y" * 1_001, "action": "details"})
    assert response.status_code < 500 and "longer than 1000 characters" in _text(response)
    assert db.session.scalar(db.select(WorkingGroup).filter_by(name="Group B")) is None
