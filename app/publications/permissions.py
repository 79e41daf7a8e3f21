"""Who may read publications: everyone, signed in or not (only published versions are there)."""

from ..core.access import PUBLIC

ROUTE_POLICIES = {"index": PUBLIC, "publication": PUBLIC, "download": PUBLIC}
