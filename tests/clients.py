"""Test clients that behave as separate browsers within the suite's one app context."""

from flask import g


class Browser:
    """A test client as one browser: the signed-in user that the suite's shared application
    context caches (flask.g) is forgotten before each of its requests."""

    def __init__(self, client):
        self.client = client

    def __getattr__(self, name):
        return getattr(self.client, name)

    def open(self, *args, **kwargs):
        """Send a request as this browser."""
        g.pop("_login_user", None)
        return self.client.open(*args, **kwargs)

    def get(self, *args, **kwargs):
        """GET as this browser."""
        return self.open(*args, method="GET", **kwargs)

    def post(self, *args, **kwargs):
        """POST as this browser."""
        return self.open(*args, method="POST", **kwargs)
