"""Forms as a page renders them: field names with their default values, and select options."""

from html.parser import HTMLParser


class _FormParser(HTMLParser):
    def __init__(self, action: str | None):
        super().__init__()
        self.action, self.inside, self.select, self.textarea = action, False, None, None
        self.fields: list[tuple[str, str]] = []
        self.options: dict[str, list[str]] = {}
        self.done = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and not self.done and (
                self.action is None or attrs.get("action", "") == self.action):
            self.inside = True
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button"):
            if attrs.get("type") not in ("checkbox", "radio") or "checked" in attrs:
                self.fields.append((name, attrs.get("value", "")))
        elif tag == "select" and name:
            self.select = name
            self.options[name] = []
        elif tag == "option" and self.select:
            self.options[self.select].append(attrs.get("value", ""))
            if "selected" in attrs:
                self.fields.append((self.select, attrs.get("value", "")))
        elif tag == "textarea" and name:
            self.textarea = [name, ""]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "select" and self.select:
            chosen = {n for n, _v in self.fields}
            if self.select not in chosen and self.options[self.select]:
                self.fields.append((self.select, self.options[self.select][0]))
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            self.fields.append((self.textarea[0], self.textarea[1].lstrip("\n")))
            self.textarea = None
        elif tag == "form" and self.inside:
            self.inside, self.done = False, True


def rendered_form(html: str, action: str | None = None) -> tuple[dict, dict]:
    """(fields, select options) of the first form (or the one posting to `action`).

    Fields map a name to its value, or to a list when a name occurs more than once.
    """
    parser = _FormParser(action)
    parser.feed(html)
    fields: dict = {}
    for name, value in parser.fields:
        if name in fields:
            fields[name] = (fields[name] if isinstance(fields[name], list)
                            else [fields[name]]) + [value]
        else:
            fields[name] = value
    return fields, parser.options
