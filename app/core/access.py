"""Which check guards each route: a registry of access policies by endpoint.

Every route declares its policy, either with the `access` decorator placed under the route
decorator, or in the `ROUTE_POLICIES` mapping of its feature's permissions.py (endpoint name
within the blueprint → policy), which `register` reads at start-up. A policy is a `can_*`
function (the route loads its object, 404, then asks that function, 403) or one of the names
below. `tests/core/test_access.py` fails for any route without a policy.
"""

from collections.abc import Callable
from importlib import import_module

from flask import Flask

PUBLIC = "public"  # anyone, signed in or not (sign-in, password reset, health check)
SIGNED_IN = "signed_in"  # any signed-in account, and only its own data
TOKEN = "token"  # whoever holds a valid e-mailed token (invitation, reset)
NOT_SERVED = "not_served"  # only registered in special configurations (benchmarks)

Policy = str | Callable

_REGISTRY: dict[str, Policy] = {}


def policy_name(policy: Policy) -> str:
    """A readable name: `module.can_x` for functions, the constant otherwise."""
    if callable(policy):
        return f"{policy.__module__.removeprefix('app.')}.{policy.__name__}"
    return policy


def access(policy: Policy):
    """Declare the check of a route next to it (put it under `@bp.route`)."""

    def decorate(view):
        view.access_policy = policy
        return view

    return decorate


def declare(endpoint: str, policy: Policy) -> None:
    """Record the policy of an endpoint (`blueprint.view`)."""
    _REGISTRY[endpoint] = policy


def policy_of(app: Flask, endpoint: str) -> Policy | None:
    """The declared policy of an endpoint, or None."""
    view = app.view_functions.get(endpoint)
    return getattr(view, "access_policy", None) or _REGISTRY.get(endpoint)


def register(app: Flask) -> None:
    """Read each blueprint's `ROUTE_POLICIES` from its feature's permissions module."""
    for name, blueprint in app.blueprints.items():
        package = blueprint.import_name.rpartition(".")[0] if blueprint.import_name.endswith(
            (".routes", ".blueprint")) else blueprint.import_name
        try:
            module = import_module(f"{package}.permissions")
        except ModuleNotFoundError as exc:
            if exc.name != f"{package}.permissions":
                raise
            continue
        for view, policy in getattr(module, "ROUTE_POLICIES", {}).items():
            declare(f"{name}.{view}", policy)
