"""Read a form as the page renders it, so route tests post what a person would post.

`PageForm.from_page(html, form_id)` collects the fields a browser would send with their
default values (checked boxes and radios, selected options, textarea text); tests change
what a person would change and post `form.data(button)`.
"""

import re
from html.parser import HTMLParser

from werkzeug.datastructures import MultiDict


class _FormParser(HTMLParser):
    def __init__(self, wanted: str | None):
        super().__init__(convert_charrefs=True)
        self.wanted = wanted
        self.inside = False
        self.found = False
        self.action = None
        self.fields: list[list] = []  # [name, value, kind]
        self.buttons: list[tuple[str, str, str]] = []  # (name, value, label)
        self._textarea = None
        self._select = None
        self._button = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and not self.found and (
                self.wanted is None or attrs.get("id") == self.wanted
                or attrs.get("action") == self.wanted):
            self.inside = self.found = True
            self.action = attrs.get("action")
            return
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                self.fields.append([name, None, kind, attrs.get("value", "on")])
            elif kind in ("checkbox", "radio"):
                self.fields.append([name, attrs.get("value", "on"), kind, attrs.get("value")])
            elif kind not in ("submit", "button", "file"):
                self.fields.append([name, attrs.get("value", ""), kind, None])
        elif tag == "textarea" and name:
            self._textarea = [name, "", "textarea", None]
            self.fields.append(self._textarea)
        elif tag == "select" and name:
            self._select = [name, None, "select", None]
            self.fields.append(self._select)
        elif tag == "option" and self._select is not None:
            if self._select[1] is None or "selected" in attrs:
                self._select[1] = attrs.get("value", "")
        elif tag == "button":
            self._button = [attrs.get("name") or "", attrs.get("value") or "", ""]

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "button" and self._button is not None and self.inside:
            self.buttons.append(tuple(self._button))
            self._button = None

    def handle_data(self, data):
        if self._textarea is not None:
            # a browser drops the one newline that follows <textarea>
            text = data[1:] if not self._textarea[1] and data.startswith("\n") else data
            self._textarea[1] += text
        elif self._button is not None:
            self._button[2] += data.strip()


class PageForm:
    """The fields of one form of a page, with their values as rendered."""

    def __init__(self, parser: _FormParser):
        self.action = parser.action
        self.fields = parser.fields
        self.buttons = parser.buttons

    @classmethod
    def from_page(cls, html: str, form: str | None = None,
                  containing: str | None = None) -> "PageForm":
        """The form with this id or action, or the first one with a field of that name."""
        if containing is not None:
            for action in re.findall(r"<form\b[^>]*>", html):
                parser = _FormParser(None)
                parser.feed(html[html.index(action):])
                if containing in {f[0] for f in parser.fields}:
                    return cls(parser)
            raise AssertionError(f"no form with a field {containing!r} on the page")
        parser = _FormParser(form)
        parser.feed(html)
        assert parser.found, f"no form {form!r} on the page"
        return cls(parser)

    def names(self) -> set[str]:
        """Every field name the page renders."""
        return {f[0] for f in self.fields}

    def fill(self, name: str, value: str) -> "PageForm":
        """Type into a text field, textarea or choose in a select."""
        matches = [f for f in self.fields if f[0] == name and f[2] not in ("checkbox", "radio")]
        assert matches, f"the page has no field {name!r}"
        matches[0][1] = value
        return self

    def check(self, name: str, value: str, checked: bool = True) -> "PageForm":
        """Tick (or untick) a checkbox, or choose a radio button, by its value."""
        matches = [f for f in self.fields if f[0] == name and f[3] == value]
        assert matches, f"the page has no choice {value!r} for {name!r}"
        for field in self.fields:
            if field[0] == name and field[2] == "radio":
                field[1] = None
        matches[0][1] = value if checked else None
        return self

    def data(self, button: str | None = None) -> MultiDict:
        """What the browser sends when the button with this label is pressed."""
        sent = MultiDict((f[0], f[1]) for f in self.fields if f[1] is not None)
        if button is not None:
            chosen = [b for b in self.buttons if b[2] == button]
            assert chosen, f"no button {button!r}; the form has {self.buttons}"
            if chosen[0][0]:
                sent.add(chosen[0][0], chosen[0][1])
        return sent
