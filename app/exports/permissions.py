"""Who may export a document: whoever may edit it."""

from ..drafts.permissions import can_export

ROUTE_POLICIES = {view: can_export for view in (
    "new", "job", "download", "retry", "status", "comment_table")}
