"""Who may use the vocab pages: administrators."""

from ..accounts.permissions import can_administer

ROUTE_POLICIES = {view: can_administer for view in (
    "index", "vocabulary", "edit_term", "retire", "delete")}
