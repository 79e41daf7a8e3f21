"""The load benchmark's bare endpoint is served only with BENCH_ENDPOINTS=1."""

from ..core.access import NOT_SERVED

ROUTE_POLICIES = {"bare_insert": NOT_SERVED}
