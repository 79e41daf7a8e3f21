"""Read a page's forms as a browser would submit them, so route tests post what a person would.

`rendered_form(page, action=..., having=..., form_id=...)` finds one form of a page (a test
client response or its HTML) with the values the page gives its fields: checked boxes and
radios, selected options (else a single select's first), textarea text. The test changes
what a person would change (`set`, `check`) and posts `form.data(button)`. A test that posts
what no page offers (a foreign id, a field the page leaves out) starts from `form.values()`,
a plain dict.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser

from werkzeug.datastructures import MultiDict

NOT_SENT = ("submit", "button", "image", "reset", "file")


@dataclass
class RenderedForm:
    """A form's action and its successful controls with the values the page gave them."""

    action: str
    method: str = "get"
    id: str = ""
    fields: list[list] = field(default_factory=list)  # [name, value, kind], as sent
    names: set[str] = field(default_factory=set)  # every control rendered, sent or not
    options: dict[str, list[str]] = field(default_factory=dict)  # a select's, boxes', radios'
    buttons: list[tuple[str, str, str]] = field(default_factory=list)  # (name, value, label)
    radios: set[str] = field(default_factory=set)

    def set(self, name: str, value) -> "RenderedForm":
        """Give a rendered field a value (a list for checkboxes and multiple selects)."""
        assert name in self.names, f"the page renders no field {name!r}"
        self.fields = [f for f in self.fields if f[0] != name]
        for item in value if isinstance(value, (list, tuple)) else [value]:
            self.fields.append([name, str(item), "set"])
        return self

    def check(self, name: str, value: str, checked: bool = True) -> "RenderedForm":
        """Tick (or untick) a checkbox, or choose a radio button, by its value."""
        assert value in self.options.get(name, []), f"the page has no choice {value!r} for {name!r}"
        self.fields = [f for f in self.fields if f[0] != name
                       or (f[1] != value and name not in self.radios)]
        if checked:
            self.fields.append([name, value, "radio" if name in self.radios else "checkbox"])
        return self

    def data(self, button: str | tuple[str, str] | None = None) -> MultiDict:
        """What pressing a button sends: one given by its label, or as (name, value)."""
        sent = MultiDict([(name, value) for name, value, _kind in self.fields])
        if isinstance(button, str):
            pressed = [b for b in self.buttons if b[2] == button]
            assert pressed, f"no button {button!r}; the form has {self.buttons}"
            button = pressed[0][:2] if pressed[0][0] else None
        if button is not None:
            sent.add(*button)
        return sent

    def values(self) -> dict:
        """The fields as a plain dict: a value, or a list for a name sent more than once."""
        values: dict = {}
        for name, value, _kind in self.fields:
            if name not in values:
                values[name] = value
            elif isinstance(values[name], list):
                values[name].append(value)
            else:
                values[name] = [values[name], value]
        return values


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[RenderedForm] = []
        self._form: RenderedForm | None = None  # the form being read
        self._select: list | None = None  # [form, name, multiple, options, chosen]
        self._option: list | None = None  # [value, selected, text]
        self._textarea: list | None = None  # [form, name, text]
        self._button: list | None = None  # [form, name, value, label]

    def _owner(self, attributes: dict) -> RenderedForm | None:
        """The form a control belongs to: its `form` attribute's, else the enclosing one."""
        if "form" in attributes:
            return next((f for f in self.forms if f.id == attributes["form"]), None)
        return self._form

    def handle_starttag(self, tag, attrs):
        attributes = {key: "" if value is None else value for key, value in attrs}
        if tag == "form":
            self._form = RenderedForm(attributes.get("action") or "",
                                      (attributes.get("method") or "get").lower(),
                                      attributes.get("id", ""))
            self.forms.append(self._form)
            return
        if tag == "option" and self._select is not None:
            self._option = [attributes.get("value"), "selected" in attributes, ""]
            return
        form, name = self._owner(attributes), attributes.get("name")
        if form is None or "disabled" in attributes:
            return
        if tag == "input":
            self._input(form, attributes)
        elif tag == "button" and attributes.get("type", "submit") == "submit":
            self._button = [form, name or "", attributes.get("value", ""), ""]
        elif tag == "select" and name:
            form.names.add(name)
            self._select = [form, name, "multiple" in attributes, [], []]
        elif tag == "textarea" and name:
            form.names.add(name)
            self._textarea = [form, name, ""]

    def _input(self, form: RenderedForm, attributes: dict) -> None:
        name, kind = attributes.get("name"), attributes.get("type", "text").lower()
        if kind in ("submit", "image") and attributes.get("value"):
            form.buttons.append((name or "", attributes["value"], attributes["value"]))
        if not name:
            return
        form.names.add(name)
        if kind in NOT_SENT:
            return
        if kind in ("checkbox", "radio"):
            value = attributes.get("value", "on")
            form.options.setdefault(name, []).append(value)
            if kind == "radio":
                form.radios.add(name)
            if "checked" in attributes:
                form.fields.append([name, value, kind])
            return
        form.fields.append([name, attributes.get("value", ""), kind])

    def handle_data(self, data):
        if self._option is not None:
            self._option[2] += data
        if self._textarea is not None:
            self._textarea[2] += data
        if self._button is not None:
            self._button[3] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "option" and self._option is not None and self._select is not None:
            value, selected, text = self._option
            value = text.strip() if value is None else value
            self._select[3].append(value)
            if selected:
                self._select[4].append(value)
            self._option = None
        elif tag == "select" and self._select is not None:
            form, name, multiple, options, chosen = self._select
            form.options[name] = options
            values = chosen if multiple else (chosen[-1:] or options[:1])
            form.fields += [[name, value, "select"] for value in values]
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            form, name, text = self._textarea
            # the HTML parser keeps the newline browsers drop after <textarea>
            for newline in ("\r\n", "\n"):
                if text.startswith(newline):
                    text = text[len(newline):]
                    break
            form.fields.append([name, text, "textarea"])
            self._textarea = None
        elif tag == "button" and self._button is not None:
            form, name, value, label = self._button
            form.buttons.append((name, value, " ".join(label.split())))
            self._button = None


def rendered_forms(page) -> list[RenderedForm]:
    """Every form of a page (a test client response or its HTML)."""
    html = page if isinstance(page, str) else page.get_data(as_text=True)
    parser = _FormParser()
    parser.feed(html)
    parser.close()
    return parser.forms


def rendered_form(page, action: str | None = None, having: str | None = None,
                  form_id: str | None = None) -> RenderedForm:
    """The page's first form posting to `action` ("" for the page itself), rendering a field
    `having`, with the id `form_id`: each that is given.

    A form without an action posts to the page: its action becomes the page's address when
    `page` is a test client response.
    """
    for form in rendered_forms(page):
        if ((action is None or form.action.split("#")[0] == action)
                and (having is None or having in form.names)
                and (form_id is None or form.id == form_id)):
            if not form.action:
                form.action = getattr(page, "request", None) and page.request.full_path or ""
                form.action = form.action.rstrip("?")
            return form
    raise AssertionError(f"no form with action {action!r}, field {having!r} and id {form_id!r} "
                         "on the page")
