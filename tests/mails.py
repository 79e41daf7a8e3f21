"""Reading the messages the application wrote."""

from email.message import EmailMessage


def plain(message: EmailMessage) -> str:
    """The plain-text part of a message (every message also has an HTML part)."""
    return message.get_body(preferencelist=("plain",)).get_content()


def html(message: EmailMessage) -> str:
    """The HTML part of a message."""
    return message.get_body(preferencelist=("html",)).get_content()
