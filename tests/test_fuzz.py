"""Every route and every form field, with hostile values, as each kind of person: never a 500.

The demo instance gives one of everything. Signed in as its administrator, a facilitator and
a stakeholder in turn, the test opens every GET route (ids of real objects, then ids beyond
the database's integers, then hostile query strings), reads every form those pages render,
and posts each form with each field replaced by hostile values (NUL, huge numbers, over-long
text, line separators, markup), with the field missing, with empty bodies and text/plain
bodies. Hypothesis draws the values, derandomised so that every run sends the same requests.
"""

import re
from html.parser import HTMLParser
from urllib.parse import urlencode, urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from app.accounts.models import User
from app.analysis.models import Code
from app.consultations.models import Consultation, Question, Round
from app.drafts.models import Block, DocumentVersion, PolicyDocument, VersionBlock
from app.exports.models import ExportJob
from app.groups.models import WorkingGroup
from app.organisations.models import Organisation
from app.responses.models import Comment, Response
from app.vocab.models import Term

HUGE = [str(2**31), str(2**63), "9" * 40, "-1", "0"]
HOSTILE_TEXT = ["a\x00b", "\x00", "\x1b[31m", "\u2028line\u2029", "x" * 20_000,
                "a\r\n" * 600, "<script>alert(1)</script>", "=HYPERLINK(\"x\")", "\u202eevil",
                "[" * 2_000, "", " "]
# Values sent to one field at a time; Hypothesis adds strings of its own around them.
hostile_values = st.one_of(
    st.sampled_from(HUGE + HOSTILE_TEXT),
    st.text(alphabet=st.sampled_from("a\x00\x01\x7f\u2028\u0085\r\n\t[<&é€"), max_size=40),
    st.integers(min_value=2**31 - 2, max_value=2**70).map(str),
)

ID_MODELS = {
    "consultation_id": Consultation, "round_id": Round, "question_id": Question,
    "document_id": PolicyDocument, "version_id": DocumentVersion, "block_id": Block,
    "comment_id": Comment, "user_id": User, "organisation_id": Organisation,
    "group_id": WorkingGroup, "code_id": Code, "term_id": Term, "job_id": ExportJob,
    "response_id": Response, "version_block_id": VersionBlock, "item_id": Comment,
}
SKIPPED_ENDPOINTS = {"static", "accounts.logout"}
ACTORS = ["admin@mastery.example", "facilitator@mastery.example", "marco.ferri@mastery.example"]


class _Forms(HTMLParser):
    """The POST forms of a page: action and fields with their default values."""

    def __init__(self):
        super().__init__()
        self.forms, self._form, self._select, self._textarea = [], None, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "get").lower() == "post":
            self._form = {"action": a.get("action") or "", "fields": {}}
            self.forms.append(self._form)
        elif self._form is None or not a.get("name"):
            return
        elif tag == "input" and a.get("type") not in ("submit", "button", "file", "image"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                self._form["fields"].setdefault(a["name"], [])
                return
            self._form["fields"].setdefault(a["name"], []).append(a.get("value") or "")
        elif tag == "input" and a.get("type") == "submit" and a.get("value"):
            self._form["fields"].setdefault(a["name"], [a["value"]])
        elif tag == "button" and a.get("value"):
            self._form["fields"].setdefault(a["name"], [a["value"]])
        elif tag == "select":
            self._select = a["name"]
            self._form["fields"].setdefault(a["name"], [])
        elif tag == "textarea":
            self._textarea = a["name"]
            self._form["fields"].setdefault(a["name"], [""])

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea and self._form is not None:
            self._form["fields"][self._textarea] = [data]


def _forms(html: str) -> list[dict]:
    parser = _Forms()
    parser.feed(html)
    # the first option of each select (or the selected one) is its value
    for form in parser.forms:
        for name, values in form["fields"].items():
            if values == [] and (m := re.search(
                    rf'<select[^>]*name="{re.escape(name)}"[^>]*>\s*<option[^>]*value="([^"]*)"',
                    html)):
                values.append(m.group(1))
    return parser.forms


@pytest.fixture
def world(app, db):
    """The demo instance, rolled back after the test."""
    result = app.test_cli_runner().invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    return db


def _first_id(db, model):
    return db.session.scalar(select(model.id).order_by(model.id.desc()).limit(1)) or 1


def _get_urls(app, db) -> list[str]:
    urls = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint in SKIPPED_ENDPOINTS or "GET" not in rule.methods:
            continue
        values = {}
        for name in rule.arguments:
            converter = rule._converters[name]
            if name in ID_MODELS:
                values[name] = _first_id(db, ID_MODELS[name])
            elif hasattr(converter, "items"):
                values[name] = sorted(converter.items)[0]
            elif type(converter).__name__ in ("IntegerConverter", "DatabaseIntConverter"):
                values[name] = 1
            else:
                values[name] = "x"
        with app.test_request_context():
            from flask import url_for

            urls.append(url_for(rule.endpoint, **values))
    return urls


def _login(client, email, app):
    client.post("/logout")
    response = client.post("/login", data={"email": email, "password":
                                           app.config["DEMO_PASSWORD"]})
    assert response.status_code == 302


class _Failures(list):
    """Requests that answered 500, with the request described; reported together."""

    def check(self, response, what):
        if response.status_code >= 500:
            self.append(f"{what} answered {response.status_code}")


def test_no_route_answers_500_to_hostile_input(app, world, client, monkeypatch):
    db = world
    monkeypatch.setitem(app.config, "PROPAGATE_TEST_ERRORS", False)  # a 500 page, logged
    failures = _Failures()
    _check = failures.check
    urls = _get_urls(app, db)
    forms, opened = {}, set()
    for actor in ACTORS:
        _login(client, actor, app)
        for url in urls:
            response = client.get(url)
            _check(response, f"GET {url} as {actor}")
            if response.status_code != 200:
                continue
            if "html" in response.content_type:
                for form in _forms(response.get_data(as_text=True)):
                    action = form["action"] or url
                    path = urlsplit(action).path
                    # one form of each kind: the matrix's row forms differ only by their ids
                    key = (re.sub(r"\d+", "N", path), tuple(sorted(form["fields"])))
                    if path != "/logout":
                        forms.setdefault(key, form | {"action": action, "actor": actor})
            if url in opened:  # hostile variants once per route, by the first who may open it
                continue
            opened.add(url)
            huge_url = re.sub(r"/\d+(?=/|$|\?)", f"/{HUGE[1]}", url, count=1)
            if huge_url != url:
                _check(client.get(huge_url), f"GET {huge_url} as {actor}")
            for value in ("a\x00b", HUGE[1]):
                query = urlencode({k: value for k in ("q", "page", "round", "version", "old",
                                                      "new", "phase", "kind", "sort", "back",
                                                      "organisation", "undecided", "parent")})
                _check(client.get(f"{url}?{query}"), f"GET {url}?… as {actor}")
    assert len(forms) > 30, sorted(forms)

    # Every field of every form, with the core hostile values, missing, and bodies of the
    # wrong kind.
    state = {"actor": None}
    for (path, _names), form in sorted(forms.items(), key=lambda item: item[1]["actor"]):
        actor = form["actor"]
        if state["actor"] != actor:
            _login(client, actor, app)
            state["actor"] = actor
        fields = form["fields"]
        _check(client.post(form["action"], data=""), f"POST {path} empty as {actor}")
        _check(client.post(form["action"], data="a=b\x00", content_type="text/plain"),
               f"POST {path} text/plain as {actor}")
        for name in fields:
            without = {k: v for k, v in fields.items() if k != name}
            _check(client.post(form["action"], data=without), f"POST {path} without {name}")
            for value in ("a\x00b", HUGE[1], "x" * 20_000):
                _check(client.post(form["action"], data=fields | {name: [value]}),
                       f"POST {path} {name}={value[:20]!r} as {actor}")

    # Then Hypothesis pairs fields with values of its own drawing.
    pairs = [(form["actor"], form, name) for _key, form in sorted(forms.items())
             for name in form["fields"]]

    @settings(max_examples=150, derandomize=True, database=None, deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(pair=st.sampled_from(pairs), values=st.lists(hostile_values, min_size=1, max_size=2))
    def post_hostile(pair, values):
        actor, form, name = pair
        if state["actor"] != actor:
            _login(client, actor, app)
            state["actor"] = actor
        _check(client.post(form["action"], data=form["fields"] | {name: values}),
               f"POST {form['action']} {name}={values!r} as {actor}")

    post_hostile()
    assert not failures, "\n".join(failures)
