"""Every route declares the check that guards it."""

from app import create_app
from app.core import access


def _rules(app):
    return [r for r in app.url_map.iter_rules() if r.endpoint != "static"]


def test_every_route_declares_its_policy(app):
    bench = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://",
                        "BENCH_ENDPOINTS": True})
    for application in (app, bench):
        missing = sorted({r.endpoint for r in _rules(application)
                          if access.policy_of(application, r.endpoint) is None})
        assert missing == [], f"routes without a declared access policy: {missing}"


def test_policies_are_can_functions_or_named_kinds(app):
    names = {access.policy_name(access.policy_of(app, r.endpoint)) for r in _rules(app)}
    for name in names:
        assert name in (access.PUBLIC, access.SIGNED_IN, access.TOKEN) or \
            name.rpartition(".")[2].startswith(("can_", "is_")), name


def test_a_route_without_a_policy_is_found(app):
    from flask import Flask

    bare = Flask(__name__)
    bare.add_url_rule("/undeclared", "undeclared", lambda: "")

    @bare.route("/declared")
    @access.access(access.PUBLIC)
    def declared():
        return ""

    assert access.policy_of(bare, "undeclared") is None
    assert access.policy_of(bare, "declared") == access.PUBLIC
