"""Absolute links for e-mails, inside or outside a request."""

from flask import current_app, has_request_context, url_for


def external_url(endpoint: str, **values) -> str:
    """An absolute URL: the request's host in a request, BASE_URL in CLI commands and jobs."""
    if has_request_context():
        return url_for(endpoint, _external=True, **values)
    base = current_app.config["SERVER_NAME_FOR_MAIL"].rstrip("/")
    return base + current_app.url_map.bind("localhost").build(endpoint, values)
