"""Who may use the organisations pages: administrators."""

from ..accounts.permissions import can_administer

ROUTE_POLICIES = {view: can_administer for view in (
    "index", "create", "edit", "toggle_active")}
