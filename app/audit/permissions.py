"""Who may use the audit pages: administrators."""

from ..accounts.permissions import can_administer

ROUTE_POLICIES = {view: can_administer for view in (
    "index",)}
