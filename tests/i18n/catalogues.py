"""What is wrong with a catalogue: messages of the code missing, empty or fuzzy, placeholders
or markup that differ from the English, plural forms that do not fit the language.

Run as `python -m tests.i18n.catalogues it` to list the problems of one catalogue.
"""

import re
import sys
from io import BytesIO
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "app" / "translations"
LOCALES = ("it", "es", "fi", "bg", "fr", "nl", "de")
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdfir]|%[sd]|\{\w*\}")
MARKUP = re.compile(r"</?[a-z][^>]*>|&\w+;|\*\*|`")


def extracted() -> set[str | tuple[str, ...]]:
    """Every message of the code and templates, as babel.cfg extracts it."""
    method_map = [("app/**.py", "python"), ("app/**/templates/**.html", "jinja2"),
                  ("app/**/templates/**.txt", "jinja2")]
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None,
                "lazy_gettext": None, "pgettext": ((1, "c"), 2), "npgettext": ((1, "c"), 2, 3)}
    found = set()
    for _file, _line, message, _comments, context in extract_from_dir(
            str(ROOT), method_map, keywords=keywords):
        key = message if isinstance(message, str) else tuple(message)
        found.add((context, key) if context else key)
    return found


def catalogue(locale: str):
    with open(TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po", "rb") as po:
        return read_po(po, locale=locale)


def _placeholders(text: str) -> list[str]:
    return sorted(m.group(0) for m in PLACEHOLDER.finditer(text))


def _markup(text: str) -> list[str]:
    return sorted(MARKUP.findall(text))


def problems(locale: str) -> list[str]:
    """Every problem of one catalogue, one line each."""
    found = []
    po = catalogue(locale)
    entries = {}
    for message in po:
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else tuple(message.id)
        entries[(message.context, key) if message.context else key] = message
    expected_plurals = po.num_plurals
    for key in sorted(extracted(), key=str):
        message = entries.get(key)
        if message is None:
            found.append(f"{locale}: missing {key!r}")
            continue
        if message.fuzzy:
            found.append(f"{locale}: fuzzy {key!r}")
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        if isinstance(message.id, tuple) and len(strings) != expected_plurals:
            found.append(f"{locale}: {len(strings)} plural forms, the language has "
                         f"{expected_plurals}: {key!r}")
        if not all(strings):
            found.append(f"{locale}: untranslated {key!r}")
            continue
        wanted = _placeholders(ids[-1])
        for string in strings:
            names = _placeholders(string)
            # a singular form may leave out the count ("one comment"), never another name
            if names != wanted and not (isinstance(message.id, tuple)
                                        and set(names) <= set(wanted)):
                found.append(f"{locale}: placeholders {names} instead of {wanted} in {key!r}")
            if _markup(string) != _markup(ids[-1]) and _markup(string) != _markup(ids[0]):
                found.append(f"{locale}: markup {_markup(string)} instead of "
                             f"{_markup(ids[-1])} in {key!r}")
    return found


def stale_compiled(locale: str) -> bool:
    """True when messages.mo does not hold what messages.po says (run `make translations`)."""
    mo_path = TRANSLATIONS / locale / "LC_MESSAGES" / "messages.mo"
    if not mo_path.exists():
        return True
    with open(mo_path, "rb") as mo:
        compiled = read_mo(BytesIO(mo.read()))
    po = catalogue(locale)
    wanted = {(m.context, m.id if isinstance(m.id, str) else tuple(m.id)):
              m.string if isinstance(m.string, str) else tuple(m.string)
              for m in po if m.id and not m.fuzzy and all(
                  [m.string] if isinstance(m.string, str) else m.string)}
    have = {(m.context, m.id if isinstance(m.id, str) else tuple(m.id)):
            m.string if isinstance(m.string, str) else tuple(m.string)
            for m in compiled if m.id}
    return wanted != have


if __name__ == "__main__":
    for lang in sys.argv[1:] or LOCALES:
        listed = problems(lang)
        print("\n".join(listed) or f"{lang}: no problem")
        print(f"{lang}: {len(listed)} problems", file=sys.stderr)
