"""Who may use the home page and the health check: anyone."""

from .access import PUBLIC

ROUTE_POLICIES = {"index": PUBLIC, "healthz": PUBLIC}
