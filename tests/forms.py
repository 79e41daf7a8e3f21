"""Read a page's forms as a browser would submit them: inputs, selects and textareas.

Two readers: page_forms/form_data/form_with give plain dicts; rendered_form gives a
RenderedForm that can be filled and posted like a person would.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser

from werkzeug.datastructures import MultiDict


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

@dataclass
class RenderedForm:
    """A form's action and its successful controls with the values the page gave them."""

    action: str
    fields: list[list] = field(default_factory=list)  # [name, value, kind]
    names: set[str] = field(default_factory=set)  # every control rendered, sent or not

    def set(self, name: str, value) -> "RenderedForm":
        """Give a rendered field a value (a list for checkboxes and multiple selects)."""
        assert name in self.names, f"the page renders no field {name!r}"
        self.fields = [f for f in self.fields if f[0] != name]
        for item in value if isinstance(value, (list, tuple)) else [value]:
            self.fields.append([name, str(item), "set"])
        return self

    def data(self, button: tuple[str, str] | None = None) -> MultiDict:
        """What pressing the form's button (name, value) sends."""
        sent = MultiDict([(name, value) for name, value, _kind in self.fields])
        if button is not None:
            sent.add(*button)
        return sent


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[RenderedForm] = []
        self._select: list | None = None  # [name, multiple, options, chosen]
        self._option: list | None = None
        self._textarea: list | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            self.forms.append(RenderedForm(attributes.get("action") or ""))
        if not self.forms:
            return
        form = self.forms[-1]
        name = attributes.get("name")
        if tag == "input" and name:
            form.names.add(name)
            kind = attributes.get("type", "text")
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attributes:
                return
            form.fields.append([name, attributes.get("value", "on" if kind in (
                "checkbox", "radio") else ""), kind])
        elif tag == "select" and name:
            form.names.add(name)
            self._select = [name, "multiple" in attributes, [], []]
        elif tag == "option" and self._select is not None:
            self._option = [attributes.get("value"), "selected" in attributes, ""]
        elif tag == "textarea" and name:
            form.names.add(name)
            self._textarea = [name, ""]

    def handle_data(self, data):
        if self._option is not None:
            self._option[2] += data
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "option" and self._option is not None and self._select is not None:
            value, selected, text = self._option
            value = text.strip() if value is None else value
            self._select[2].append(value)
            if selected:
                self._select[3].append(value)
            self._option = None
        elif tag == "select" and self._select is not None:
            name, multiple, options, chosen = self._select
            values = chosen if multiple else (chosen[-1:] or options[:1])
            self.forms[-1].fields += [[name, value, "select"] for value in values]
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            name, text = self._textarea
            # the HTML parser keeps the newline browsers drop after <textarea>
            for newline in ("\r\n", "\n"):
                if text.startswith(newline):
                    text = text[len(newline):]
                    break
            self.forms[-1].fields.append([name, text, "textarea"])
            self._textarea = None


def rendered_forms(page) -> list[RenderedForm]:
    """Every form of a page (a test client response or its HTML)."""
    html = page if isinstance(page, str) else page.get_data(as_text=True)
    parser = _FormParser()
    parser.feed(html)
    return parser.forms


def rendered_form(page, action: str | None = None, having: str | None = None) -> RenderedForm:
    """The page's form posting to `action` (or the one rendering a field `having`)."""
    for form in rendered_forms(page):
        if (action is None or form.action.split("#")[0] == action) and (
                having is None or having in form.names):
            if not form.action:
                form.action = getattr(page, "request", None) and page.request.full_path or ""
                form.action = form.action.rstrip("?")
            return form
    raise AssertionError(f"no form with action {action!r} and field {having!r} on the page")
