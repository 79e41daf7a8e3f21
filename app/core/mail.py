"""Outgoing e-mail: SMTP when configured, otherwise an .eml file per message (demo, tests)."""

import logging
import re
import smtplib
import ssl
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path

from flask import after_this_request, current_app, has_request_context, render_template, request
from markupsafe import Markup, escape
from sqlalchemy import event
from sqlalchemy.orm import Session

from ..extensions import db
from .i18n import recipient_locale

log = logging.getLogger(__name__)


# Every character str.splitlines() breaks on: pasted from PDF or Word, U+2028 and friends
# reach titles and names, and the mail library refuses a header holding any of them.
_LINE_BREAKS = re.compile(r"[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+")


def header_value(text: str) -> str:
    """Text fit for a mail header: line breaks collapsed to one space, trimmed."""
    return _LINE_BREAKS.sub(" ", text).strip()


def build_message(to: str, subject: str, body: str, html: str | None = None) -> EmailMessage:
    """Compose a UTF-8 message: plain text, and the same in HTML when given."""
    message = EmailMessage()
    message["From"] = header_value(current_app.config["MAIL_DEFAULT_SENDER"])
    message["To"] = header_value(to)
    message["Subject"] = header_value(subject)
    message["Date"] = datetime.now(UTC)
    message["Message-ID"] = make_msgid(domain="consultations")
    message.set_content(body)
    if html is not None:
        message.add_alternative(html, subtype="html")
    return message


def send_mail(to: str, subject: str, body: str, html: str | None = None) -> Path | None:
    """Send a message; returns the .eml path when written to the mail folder."""
    return _deliver(build_message(to, subject, body, html))


@dataclass(frozen=True)
class Letter:
    """A message written for one person: subject, plain text and HTML in their language."""

    to: str
    subject: str
    body: str
    html: str


_URL = re.compile(r"https?://[^\s<>\"]+[^\s<>\".,;:!?)\]]")


def letter(user, subject, template: str, **context) -> Letter:
    """Render `template` (plain text) and `subject` (a lazy string) for the recipient.

    Written in the recipient's language and time zone (core.i18n.recipient_locale); the HTML
    part holds the same text, its paragraphs and links marked up, so both parts always agree.
    """
    with recipient_locale(user) as language:
        text = render_template(template, user=user, **context)
        title = str(subject)
        html = render_template("email/layout.html", language=language, subject=title,
                               paragraphs=_paragraphs(text))
    return Letter(user.email, title, text, html)


def _paragraphs(text: str) -> list[Markup]:
    marked = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = []
        for line in block.splitlines():
            pieces, last = [], 0
            for match in _URL.finditer(line):
                pieces.append(escape(line[last:match.start()]))
                url = escape(match.group(0))
                pieces.append(Markup(f'<a href="{url}">{url}</a>'))
                last = match.end()
            pieces.append(escape(line[last:]))
            lines.append(Markup("").join(pieces))
        marked.append(Markup("<br>\n").join(lines))
    return marked


def send_letter(letter_: Letter, *, after_response: bool = False) -> None:
    """Queue a letter like send_after_commit (or send_after_response)."""
    if after_response:
        send_after_response(letter_.to, letter_.subject, letter_.body, letter_.html)
    else:
        send_after_commit(letter_.to, letter_.subject, letter_.body, letter_.html)


def send_after_commit(to: str, subject: str, body: str, html: str | None = None) -> None:
    """Send a message once the session's transaction commits, and never if it rolls back.

    For confirmations of what the transaction records (a submission's receipt): the message
    is composed now, sent after the commit, and a failure to send it is logged without
    undoing what was committed, so a mail outage costs a receipt, never a submission. The
    request holds no database lock while the mail server answers. A message that cannot be
    sent is listed by undelivered() once the transaction has committed.
    """
    db.session.info.setdefault(_PENDING, []).append((to, subject, body, html))


def undelivered() -> list[str]:
    """The addresses whose messages failed since the last call (after commits), and forget them."""
    return db.session.info.pop(_FAILED, [])


def flash_undelivered() -> None:
    """After a commit: tell the person on the page which messages could not be sent."""
    from flask import flash
    from flask_babel import gettext as _

    failed = undelivered()
    if failed:
        flash(_("%(n)d messages could not be sent (the mail server refused or did not answer): "
                "%(addresses)s. What was saved stays saved; try sending again later.",
                n=len(failed), addresses=", ".join(sorted(set(failed)))), "error")


def send_after_response(to: str, subject: str, body: str, html: str | None = None) -> None:
    """Like send_after_commit, but in a request the message leaves once the response is sent.

    For answers that must not tell whether an address has an account: the request does the
    same work either way and answers before any mail server is contacted. Outside a request
    the message is sent at once.
    """
    message = build_message(to, subject, body, html)
    if not has_request_context():  # CLI commands and jobs: as send_mail
        _deliver(message)
        return
    message.after_response = True
    db.session.info.setdefault(_PENDING, []).append(message)


def _deliver_logged(message: EmailMessage) -> None:
    try:
        _deliver(message)
    except Exception:  # noqa: BLE001 - the commit stands; the failure is logged
        log.exception("Mail to %s could not be sent: %s", message["To"], message["Subject"])


def _after_response(message: EmailMessage) -> None:
    queue = request.environ.get(_AFTER_RESPONSE)  # per request (g can outlive one in tests)
    if queue is None:
        queue = request.environ[_AFTER_RESPONSE] = []
        app = current_app._get_current_object()

        @after_this_request
        def _send_on_close(response):
            def send():
                with app.app_context():
                    for item in queue:
                        _deliver_logged(item)

            response.call_on_close(send)
            return response

    queue.append(message)


_AFTER_RESPONSE = "app.mail_after_response"


def _deliver(message: EmailMessage) -> Path | None:
    config = current_app.config
    if config.get("MAIL_SERVER"):
        _send_smtp(message, config)
        log.info("Mail sent to %s: %s", message["To"], message["Subject"])
        return None
    return _write_eml(message)


_PENDING = "mail_after_commit"
_FAILED = "mail_undelivered"


@event.listens_for(Session, "after_commit")
def _send_pending(session) -> None:
    if session.in_nested_transaction():  # a savepoint was released: wait for the whole
        return
    for item in session.info.pop(_PENDING, []):
        if isinstance(item, EmailMessage):  # from send_after_response
            if has_request_context():
                _after_response(item)
            else:
                _deliver_logged(item)
            continue
        to, subject, body, html = item
        try:
            _deliver(build_message(to, subject, body, html))
        except Exception:  # noqa: BLE001 - the commit stands; the failure is logged and listed
            log.exception("Mail to %s could not be sent: %s", to, header_value(subject))
            session.info.setdefault(_FAILED, []).append(to)


@event.listens_for(Session, "after_transaction_end")
def _drop_pending(session, transaction) -> None:
    if transaction.parent is None:  # committed (and sent) or rolled back: nothing is pending
        session.info.pop(_PENDING, None)


def mail_folder() -> Path:
    """The folder where messages are written when no SMTP server is configured."""
    folder = current_app.config.get("MAIL_FILE_DIR") or Path(current_app.instance_path) / "mail"
    return Path(folder)


def _write_eml(message: EmailMessage) -> Path:
    folder = mail_folder()
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    path = folder / f"{stamp}-{message['Message-ID'].strip('<>').split('@')[0]}.eml"
    path.write_bytes(bytes(message))
    log.info("Mail to %s written to %s: %s", message["To"], path, message["Subject"])
    return path


def _send_smtp(message: EmailMessage, config) -> None:
    host, port = config["MAIL_SERVER"], config["MAIL_PORT"]
    if config.get("MAIL_USE_SSL"):
        smtp = smtplib.SMTP_SSL(host, port, context=ssl.create_default_context(), timeout=30)
    else:
        smtp = smtplib.SMTP(host, port, timeout=30)
    with smtp:
        if config.get("MAIL_USE_TLS") and not config.get("MAIL_USE_SSL"):
            smtp.starttls(context=ssl.create_default_context())
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
        smtp.send_message(message)
