"""Read a page's forms as a browser would submit them: inputs, selects and textareas."""

from html.parser import HTMLParser


class _Forms(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._select = None
        self._option = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append({"action": a.get("action", ""), "method": (a.get("method") or
                               "get").lower(), "fields": [], "id": a.get("id", "")})
            return
        if not self.forms:
            return
        fields = self.forms[-1]["fields"]
        if tag == "input" and a.get("name") and "disabled" not in a:
            kind = (a.get("type") or "text").lower()
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind not in ("submit", "button", "image", "reset", "file"):
                fields.append((a["name"], a.get("value", "on" if kind in ("checkbox", "radio")
                                                else "")))
        elif tag == "select" and a.get("name"):
            self._select = {"name": a["name"], "multiple": "multiple" in a, "chosen": [],
                            "first": None}
        elif tag == "option" and self._select is not None:
            self._option = a
            value = a.get("value")
            if self._select["first"] is None:
                self._select["first"] = value
            if "selected" in a:
                self._select["chosen"].append(value)
        elif tag == "textarea" and a.get("name"):
            self._textarea = [a["name"], ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "select" and self._select is not None:
            s = self._select
            chosen = s["chosen"] or ([] if s["multiple"] or s["first"] is None else [s["first"]])
            self.forms[-1]["fields"].extend((s["name"], v) for v in chosen)
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self.forms[-1]["fields"].append(tuple(self._textarea))
            self._textarea = None


def page_forms(html: str) -> list[dict]:
    """Every form of the page: action, method and the (name, value) pairs it would send."""
    parser = _Forms()
    parser.feed(html)
    return parser.forms


def form_data(html: str, index: int = 0, **changes) -> dict:
    """The fields form `index` sends as rendered, as a dict of lists, with `changes` applied."""
    data: dict[str, list] = {}
    for name, value in page_forms(html)[index]["fields"]:
        data.setdefault(name, []).append(value)
    for name, value in changes.items():
        data[name] = value if isinstance(value, list) else [value]
    return data


def form_with(html: str, field: str, **changes) -> dict:
    """The data of the first form that has a field called `field`, with `changes` applied."""
    forms = page_forms(html)
    index = next(i for i, f in enumerate(forms) if any(n == field for n, _ in f["fields"]))
    return form_data(html, index, **changes)
