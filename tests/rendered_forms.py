"""Take a form from a rendered page: its fields with the values a person would start from."""

from html.parser import HTMLParser


class _Forms(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms: list[list[tuple[str, str]]] = []
        self._inside = False
        self._select = None
        self._selected = None
        self._first = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("method", "").lower() == "post":
            self._inside = True
            self.forms.append([])
        elif not self._inside or "disabled" in attrs:
            return
        elif tag == "input" and attrs.get("name") and attrs.get("type") not in ("submit",
                                                                                 "button"):
            if attrs.get("type") not in ("checkbox", "radio") or "checked" in attrs:
                self.forms[-1].append((attrs["name"], attrs.get("value", "")))
        elif tag == "select":
            self._select, self._selected, self._first = attrs.get("name"), None, None
        elif tag == "option" and self._select:
            value = attrs.get("value", "")
            self._first = value if self._first is None else self._first
            if "selected" in attrs:
                self._selected = value
        elif tag == "textarea":
            self._textarea = [attrs.get("name"), ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._inside = False
        elif tag == "select" and self._select:
            value = self._selected if self._selected is not None else self._first
            self.forms[-1].append((self._select, value or ""))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self.forms[-1].append((self._textarea[0], self._textarea[1].lstrip("\n")))
            self._textarea = None


def post_form(page: str, having: str) -> dict[str, str]:
    """The page's first POST form with a field named `having`, as the data it would send."""
    parser = _Forms()
    parser.feed(page)
    return dict(next(form for form in parser.forms if having in dict(form)))
