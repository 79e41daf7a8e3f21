"""Mail goes to an SMTP server when one is configured, otherwise into .eml files."""

import socketserver
import threading

import pytest

from app.core.mail import send_mail


class _SMTPHandler(socketserver.StreamRequestHandler):
    """Just enough of SMTP for smtplib: records each message's envelope and data."""

    def handle(self):
        self._reply("220 test ESMTP")
        envelope = {"rcpt": []}
        while line := self.rfile.readline().decode():
            command = line.strip().upper()
            if command.startswith(("EHLO", "HELO")):
                self._reply("250 test")
            elif command.startswith("MAIL FROM"):
                envelope["from"] = line.split(":", 1)[1].strip()
                self._reply("250 OK")
            elif command.startswith("RCPT TO"):
                envelope["rcpt"].append(line.split(":", 1)[1].strip())
                self._reply("250 OK")
            elif command == "DATA":
                self._reply("354 go ahead")
                data = []
                while (chunk := self.rfile.readline().decode()) not in (".\r\n", ""):
                    data.append(chunk)
                envelope["data"] = "".join(data)
                self.server.messages.append(envelope)
                envelope = {"rcpt": []}
                self._reply("250 queued")
            elif command == "QUIT":
                self._reply("221 bye")
                return
            else:
                self._reply("502 not implemented")

    def _reply(self, text: str) -> None:
        self.wfile.write(f"{text}\r\n".encode())


@pytest.fixture
def smtp_server():
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _SMTPHandler)
    server.daemon_threads = True
    server.messages = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join()


def test_smtp_when_configured(app, smtp_server, mail_dir, monkeypatch):
    host, port = smtp_server.server_address
    monkeypatch.setitem(app.config, "MAIL_SERVER", host)
    monkeypatch.setitem(app.config, "MAIL_PORT", port)
    monkeypatch.setitem(app.config, "MAIL_USE_TLS", False)
    with app.app_context():
        assert send_mail("ana@example.org", "Ciao €", "Body with ä and €") is None
    [message] = smtp_server.messages
    assert message["rcpt"] == ["<ana@example.org>"]
    assert "Subject: Ciao =?utf-8?b?4oKs?=" in message["data"]
    assert "Body with ä and €" in message["data"]
    assert list(mail_dir.glob("*.eml")) == []


def test_eml_file_without_smtp(app, outbox, caplog):
    with app.app_context(), caplog.at_level("INFO"):
        path = send_mail("ana@example.org", "Ciao €", "Body with ä and €")
    [message] = outbox()
    assert message["Subject"] == "Ciao €" and message.get_content().strip() == "Body with ä and €"
    assert str(path) in caplog.text
