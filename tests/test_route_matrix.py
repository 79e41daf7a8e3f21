"""Every route × every kind of actor, with ids of objects owned by someone else.

The URLs name objects of consultation A (run by `fac_a`: its round, response, comment,
document, version, working group, export...). Every POST also carries, in every id field a
form of the site uses, ids of consultation B's objects (run by `fac_b`), with the actor's own
valid CSRF token. An actor outside the row's allowed set must be refused (4xx, or sent to
sign in); nobody may get a 500. The table below is the expected outcome.

Deciding a comment (drafts.decide) is in the table too: the URL names A's submitted comment
and the body B's block, so even an editor of document A is refused (403) and nothing is stored.
"""

import re

import pytest
from werkzeug.routing.converters import AnyConverter

from app.analysis import services as analysis
from app.consultations import services as consultations
from app.consultations.models import Round
from app.core.types import utcnow
from app.drafts import blocks, versions
from app.exports.models import ExportJob
from app.extensions import db
from app.groups import services as groups
from app.responses import services as responses
from app.responses.validation import CommentInput, ResponseInput
from app.vocab import services as vocab
from tests.clients import Browser
from tests.conftest import PASSWORD

ACTORS = ("anonymous", "stake_in", "stake_other_org", "stake_outside", "member", "chair",
          "fac_a", "fac_b", "admin")
ALL = set(ACTORS)
SIGNED = ALL - {"anonymous"}
ADMIN = {"admin"}
FACILITATORS = {"fac_a", "fac_b", "admin"}
MANAGE_A = {"fac_a", "admin"}
EDIT_DOC_A = {"fac_a", "admin", "member", "chair"}
AUDIENCE_A = {"stake_in", "stake_other_org", "fac_a", "admin"}
ANSWER_A = {"stake_in", "stake_other_org"}

# endpoint → actors who may use it on consultation A's objects (GET and POST alike unless
# the endpoint is listed as "endpoint POST").
EXPECTED = {
    "core.index": ALL, "core.healthz": ALL,
    "accounts.login": ALL, "accounts.forgot_password": ALL, "accounts.set_language": ALL,
    "accounts.reset_password": ALL, "accounts.accept_invitation": ALL,
    "accounts.logout": SIGNED, "accounts.account": SIGNED, "accounts.change_password": SIGNED,
    "accounts.sign_out_everywhere": SIGNED,
    "accounts.users": ADMIN, "accounts.edit_user": ADMIN, "accounts.toggle_user_active": ADMIN,
    "accounts.resend_invitation": ADMIN, "accounts.invite": FACILITATORS,
    "organisations.*": ADMIN, "vocab.*": ADMIN, "imports.*": ADMIN, "audit.*": ADMIN,
    "consultations.index": FACILITATORS, "consultations.create": FACILITATORS,
    "consultations.translations": MANAGE_A, "consultations.round_translations": MANAGE_A,
    "consultations.*": MANAGE_A,
    "responses.my_consultations": SIGNED,
    "responses.round_page": AUDIENCE_A, "responses.document": AUDIENCE_A,
    "responses.save": ANSWER_A, "responses.autosave": ANSWER_A, "responses.confirm": ANSWER_A,
    "responses.history": {"stake_in", "stake_other_org"},
    "responses.download": {"stake_in", "stake_other_org"},
    # both have a response in round A (the second submits it on the confirm route first)
    "analysis.participant_feedback": {"stake_in", "stake_other_org"},
    "analysis.*": MANAGE_A,
    "drafts.documents": FACILITATORS | {"member", "chair"},
    "drafts.new_document": FACILITATORS,
    "drafts.my_input": SIGNED,
    "drafts.published_version": SIGNED,  # round A presents it
    "drafts.comment_on_paragraph": AUDIENCE_A,
    "drafts.comment_on_paragraph POST": ANSWER_A,
    "drafts.publish": {"chair", "admin"}, "drafts.reopen": {"chair", "admin"},
    # only the author of a paragraph comment (A's comment is on a question: none may)
    "drafts.edit_paragraph_comment": set(), "drafts.delete_paragraph_comment": set(),
    "drafts.merge": {"fac_b", "admin"},  # its only ids are in the body: B's block and comment
    "drafts.*": EDIT_DOC_A,
    "exports.*": EDIT_DOC_A,
    "groups.index": FACILITATORS,
    "groups.group": FACILITATORS | {"member", "chair"},
    "groups.group POST": {"fac_a", "admin", "chair"},
    "privacy.notice": ALL, "privacy.seen": SIGNED, "privacy.edit_notice": ADMIN,
    "privacy.consultation_settings": MANAGE_A, "privacy.choose": ANSWER_A,
    "privacy.redact": MANAGE_A, "privacy.request_download": SIGNED,
    "privacy.get_download": SIGNED,  # the actor's own: POST /account/data made it just before
    "privacy.erase": SIGNED,  # the page, and a refusal without password and confirmation
    "publications.*": ALL,  # public; nothing is published in the matrix's world
}
LEFT_OUT = {"static", "benchmarks.bare_insert"}
# Routes that end the actor's session run last.
LAST = ("accounts.change_password", "accounts.logout", "accounts.sign_out_everywhere",
        "privacy.erase")  # the foreign body holds the password and the confirmation
REFUSED = {400, 401, 403, 404, 405, 409, 413, 429}


def expected(endpoint: str, method: str) -> set:
    """The actors allowed on this endpoint and method."""
    blueprint = endpoint.split(".")[0]
    for key in (f"{endpoint} {method}", endpoint, f"{blueprint}.*"):
        if key in EXPECTED:
            return EXPECTED[key]
    raise AssertionError(f"no expected outcome for {endpoint}")


def build_world(make_user, make_organisation, make_consultation, make_round):
    """Consultation A with everything a route can name, and consultation B beside it."""
    it, es, fi = (make_organisation(name=f"Org {c}", country=c) for c in ("IT", "ES", "FI"))
    users = {
        "stake_in": make_user(organisations=[it]),
        "stake_other_org": make_user(organisations=[es]),
        "stake_outside": make_user(organisations=[fi]),
        "member": make_user(), "chair": make_user(),
        "fac_a": make_user(roles=("facilitator",)), "fac_b": make_user(roles=("facilitator",)),
        "admin": make_user(roles=("administrator",)),
    }
    now = utcnow()
    ids = {}
    for side, owner in (("a", users["fac_a"]), ("b", users["fac_b"])):
        consultation = make_consultation(title=f"Consultation {side}", owner=owner)
        round_ = make_round(consultation=consultation, questions=("text",),
                            audience_terms=[vocab.term("country", "IT"),
                                            vocab.term("country", "ES")])
        group = groups.save_group(owner, name=f"Group {side}",
                                  level=vocab.term("governance_level", "eu"))
        document = blocks.create_document(owner, title=f"Document {side}", working_group=group,
                                          consultations=[consultation])
        section = blocks.add_block(owner, document, kind="section", title="One", now=now)
        version = versions.save_version(owner, document, number="0.1")
        round_.document_version_id = version.id
        background = consultations.save_document(owner, consultation, title="Reading",
                                                 body="Text")
        code = analysis.add_code(owner, consultation, label=f"Code {side}")
        question = round_.questions[0]
        ids[side] = {"consultation": consultation.id, "round": round_.id,
                     "question": question.id, "group": group.id, "document": document.id,
                     "block": section.id, "version": version.id,
                     "version_block": version.blocks[0].id, "background": background.id,
                     "code": code.id}
        if side == "a":
            groups.set_member(owner, group, users["chair"], "chair")
            groups.set_member(owner, group, users["member"], "member")
        author = users["stake_in"] if side == "a" else users["stake_other_org"]
        response = responses.save_response(
            author, round_, ResponseInput({question.id: "An answer"}, [CommentInput(
                question_id=question.id, body=f"A comment {side}",
                phases=[vocab.term("credential_phase", "design").id])]),
            now=now, expected_version=None, submit=True).response
        ids[side]["comment"] = response.comments[0].id
        job = ExportJob(document_id=document.id, version_id=version.id, format="md",
                        style="report", options={"annexes": []}, options_key=f"k{side}",
                        state="done", filename="x.md", content=b"x", size=1,
                        content_type="text/markdown; charset=utf-8",
                        requested_by_id=owner.id)
        db.session.add(job)
        db.session.flush()
        ids[side]["job"] = job.id
    # round A: a draft by another organisation, and released feedback
    round_a = db.session.get(Round, ids["a"]["round"])
    responses.save_response(users["stake_other_org"], round_a, ResponseInput(
        {round_a.questions[0].id: "Draft"}, []), now=now, expected_version=None)
    round_a.feedback_released_at = now
    ids["users"] = {k: v.id for k, v in users.items()}
    ids["emails"] = {k: v.email for k, v in users.items()}
    ids["term"] = vocab.term("sector", "wood").id
    ids["org_outside"] = fi.id
    return users, ids


def url_values(rule, endpoint: str, ids: dict) -> list[dict]:
    """Values for the rule's arguments: consultation A's objects; one set per `any` option."""
    a = ids["a"]
    by_name = {
        "consultation_id": a["consultation"], "round_id": a["round"],
        "question_id": a["question"], "version_id": a["version"], "block_id": a["block"],
        "version_block_id": a["version_block"], "job_id": a["job"], "group_id": a["group"],
        "organisation_id": ids["org_outside"], "user_id": ids["users"]["stake_other_org"],
        "term_id": ids["term"], "key": "sector", "token": "not-a-valid-token", "number": 1,
        "download_id": 1, "publication_id": 1,
        "item_id": a["comment"], "code_id": a["code"], "comment_id": a["comment"],
        "kind": "users" if endpoint.startswith("imports.") else "comment",
        "document_id": (a["background"] if endpoint in (
            "consultations.document", "consultations.delete_document", "responses.document")
            else a["document"]),
    }
    values = [{}]
    for name in rule.arguments:
        converter = rule._converters.get(name)
        options = sorted(converter.items) if isinstance(converter, AnyConverter) else [
            by_name[name]]
        if name == "fmt" and "csv" in options:
            options = ["csv"]
        values = [dict(v, **{name: o}) for v in values for o in options]
    return values


def foreign_body(ids: dict, token: str) -> dict:
    """Every id field the site's forms use, naming consultation B's objects."""
    b = ids["b"]
    return {
        "csrf_token": token, "document_version": b["version"], "document": b["document"],
        "document_id": b["document"], "consultation": b["consultation"],
        "consultations": b["consultation"], "facilitators": ids["users"]["fac_b"],
        "organisations": ids["org_outside"], "audience_organisations": ids["org_outside"],
        "working_group": b["group"], "group": b["group"], "item": f"comment:{b['comment']}",
        "code": b["code"], "comment": b["comment"], "comment_id": b["comment"],
        "target": f"block:{b['block']}",
        "block": b["block"], "parent": b["block"], "after": b["block"],
        "question": b["question"], "question_id": b["question"], "round": b["round"],
        "version_block": b["version_block"], "email": ids["emails"]["fac_b"], "role": "chair",
        "action": "member", "title": "Matrix", "label": "Matrix", "body": "Matrix",
        "password": PASSWORD, "confirm": PASSWORD, "number": "9.9",
    }


def _token(browser) -> str:
    page = browser.get("/account").get_data(as_text=True)
    if "csrf_token" not in page:
        page = browser.get("/login").get_data(as_text=True)
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)


def _sign_in(browser, user) -> None:
    token = _token(browser)
    response = browser.post("/login", data={"email": user.email, "password": PASSWORD,
                                            "csrf_token": token})
    assert response.status_code == 302, response.get_data(as_text=True)


def _refused(response) -> bool:
    if response.status_code in REFUSED:
        return True
    return response.status_code == 302 and "/login" in response.headers.get("Location", "")


@pytest.fixture
def csrf_on(app):
    """CSRF protection as in production, for this test only."""
    app.config["WTF_CSRF_ENABLED"] = True
    yield
    app.config["WTF_CSRF_ENABLED"] = False


@pytest.mark.parametrize("actor", ACTORS)
def test_route_matrix(app, db, csrf_on, actor, make_user, make_organisation, make_consultation,
                      make_round):
    users, ids = build_world(make_user, make_organisation, make_consultation, make_round)
    browser = Browser(app.test_client())
    if actor != "anonymous":
        _sign_in(browser, users[actor])
    token = _token(browser)
    assert browser.post("/account/sessions/end" if actor != "anonymous" else "/login",
                        data={}).status_code == 400  # CSRF is really checked
    rules = sorted((r for r in app.url_map.iter_rules() if r.endpoint not in LEFT_OUT),
                   key=lambda r: (r.endpoint in LAST, LAST.index(r.endpoint)
                                  if r.endpoint in LAST else 0, r.rule))
    failures, accepted_posts = [], 0
    for rule in rules:
        for method in sorted(rule.methods & {"GET", "POST"}):
            allowed = actor in expected(rule.endpoint, method)
            for values in url_values(rule, rule.endpoint, ids):
                path = rule.build(values, append_unknown=False)[1]
                data = foreign_body(ids, token) if method == "POST" else None
                try:
                    response = browser.open(path, method=method, data=data)
                except Exception as exc:  # noqa: BLE001 - the suite propagates errors: a 500
                    db.session.rollback()
                    failures.append(f"{method} {path}: raised {exc!r}"[:300])
                    continue
                status = response.status_code
                response.close()
                if status >= 500:
                    failures.append(f"{method} {path}: {status}")
                elif not allowed and not _refused(response):
                    failures.append(f"{method} {path}: {status} for {actor} (expected refusal)")
                elif method == "POST" and allowed and status < 400:
                    accepted_posts += 1
    assert failures == [], "\n".join(failures)
    if actor != "anonymous":
        assert accepted_posts > 0  # the actor's own token was accepted somewhere
