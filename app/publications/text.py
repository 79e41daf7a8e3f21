"""The annexes of a published version as HTML for its public page."""

import bleach
import markdown as md
from markupsafe import Markup

from ..core.markdown import ALLOWED_ATTRIBUTES, ALLOWED_PROTOCOLS, ALLOWED_TAGS
from ..exports import assemble

# assemble.plain() escapes every Markdown punctuation character; Python-Markdown knows
# only some of them as escapes, so the others are added to print without a backslash.
EXTRA_ESCAPES = list("|<>~^$@:&=\"'")


def annexes_html(version) -> Markup:
    """The annexes (method, participation, dispositions, glossary), headings one level down."""
    text = assemble.annexes_markdown(version)
    text = "\n".join("#" + line if line.startswith("#") else line for line in text.split("\n"))
    renderer = md.Markdown(extensions=["tables", "def_list"], output_format="html")
    renderer.ESCAPED_CHARS = renderer.ESCAPED_CHARS + EXTRA_ESCAPES
    html = renderer.convert(text)
    return Markup(bleach.clean(html, tags=ALLOWED_TAGS | {"dl", "dt", "dd"},
                               attributes=ALLOWED_ATTRIBUTES, protocols=ALLOWED_PROTOCOLS,
                               strip=True, strip_comments=True))
