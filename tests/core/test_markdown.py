"""render_markdown() keeps formatting and removes every script vector."""

import pytest
from markupsafe import Markup

from app.core.markdown import render_markdown


def test_formatting_survives():
    html = render_markdown("# Title\n\n**bold** and *em*\n\n- a\n- b\n\n| h |\n|---|\n| c |")
    for tag in ("<h1>", "<strong>bold</strong>", "<em>em</em>", "<li>a</li>", "<table>"):
        assert tag in html


@pytest.mark.parametrize("source", [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    '<svg onload="alert(1)"></svg>',
    '<iframe src="https://evil.example"></iframe>',
    '<p onclick="alert(1)" style="color:red">x</p>',
    "<object data=x></object><embed src=x>",
    '<form action="https://evil.example"><input name=a></form>',
    '<a href="vbscript:msgbox(1)">x</a>',
    "<style>body{display:none}</style>",
])
def test_script_vectors_are_removed(source):
    html = str(render_markdown(source)).lower()
    for needle in ("<script", "onerror", "onload", "onclick", "javascript:", "vbscript:",
                   "data:", "<iframe", "<svg", "<object", "<embed", "<form", "<input",
                   "<style", "style="):
        assert needle not in html, (source, html)


def test_external_links_get_rel_and_relative_links_do_not():
    html = render_markdown("[ext](https://example.org) [rel](/x)")
    assert 'href="https://example.org" rel="nofollow noopener noreferrer"' in html
    assert '<a href="/x">rel</a>' in html


def test_bare_urls_become_links():
    assert 'href="https://example.org"' in render_markdown("see https://example.org")


def test_empty_text():
    assert render_markdown(None) == "" and render_markdown("") == ""


def test_markdown_filter_escapes_html_entities_in_text(app):
    html = render_markdown("5 < 6 & \"quotes\"")
    assert "5 &lt; 6 &amp;" in html


def test_rendered_texts_are_kept_and_long_ones_rendered_each_time():
    from app.core import markdown

    text = "A *kept* comment <script>alert(1)</script> on https://example.org"
    before = markdown._render_cached.cache_info()
    first, second = render_markdown(text), render_markdown(text)
    after = markdown._render_cached.cache_info()
    assert first == second and isinstance(second, Markup) and "<script" not in second
    assert "<em>kept</em>" in second and 'rel="nofollow' in second
    assert (after.hits - before.hits, after.misses - before.misses) == (1, 1)
    long = "word " * (markdown.CACHE_TEXT_LIMIT // 5) + "<script>x</script> **end**"
    rendered = render_markdown(long)
    assert "<strong>end</strong>" in rendered and "<script" not in rendered
    assert markdown._render_cached.cache_info().currsize == after.currsize


# Hostile texts that stalled or broke pages: each is shown, escaped, as plain text.
PATHOLOGICAL = {
    "600 levels of '- '": "- " * 600 + "deep",
    "600 indented levels": "".join("    " * depth + "- x\n" for depth in range(600)),
    "600 levels of quotes": "> " * 600 + "deep",
    "5,000 '['": "[" * 5_000,
    "10,000-character nested brackets": "[" * 5_000 + "]" * 5_000,
    "nested links": "[a](" * 2_500 + ")" * 2_500,
    "2,000 unclosed links": "[a](b " * 2_000,
    "unclosed tags in many paragraphs": ("<a " * 30 + "\n\n") * 160,
}


@pytest.mark.parametrize("text", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_pathological_text_is_shown_as_escaped_plain_text(text):
    from app.core.markdown import markdown_problem

    hostile = "<script>alert(1)</script>\n" + text
    assert markdown_problem(hostile) is not None
    html = str(render_markdown(hostile))
    assert html.startswith('<p class="plain-text">') and "<li>" not in html
    assert "&lt;script&gt;" in html and "<script" not in html
    assert html.count("[") == text.count("[")  # nothing dropped
    assert html.count("&lt;a ") == text.count("<a ")


def test_text_within_the_bounds_is_still_markdown():
    from app.core.markdown import MAX_BRACKET_DEPTH, MAX_NESTING, markdown_problem

    nested = "".join("    " * depth + "- level\n" for depth in range(MAX_NESTING))
    brackets = "[" * MAX_BRACKET_DEPTH + "]" * MAX_BRACKET_DEPTH
    links = " ".join(f"[link {i}](https://example.org/{i})" for i in range(300))
    for text in (nested, brackets, links, "1. one\n2. two\n   - a\n   - b", "> quote\n> more"):
        assert markdown_problem(text) is None, text
    assert render_markdown(nested).count("<ul>") == MAX_NESTING
    assert render_markdown(links).count("<a ") == 300
    assert markdown_problem("- " * (MAX_NESTING + 1) + "x") is not None
    assert markdown_problem("[" * (MAX_BRACKET_DEPTH + 1)) is not None
    assert markdown_problem(r"\[" * 1_000) is None  # escaped brackets open nothing


def test_messages_say_what_to_change():
    from app.core.markdown import markdown_problem

    assert "nests lists or quotes more than 16 levels" in markdown_problem("- " * 600)
    assert "brackets [ or (" in markdown_problem("[" * 5_000)
    assert r"unclosed < signs before letters; write them as \<" in markdown_problem("<a " * 40)
    assert markdown_problem("a < b, <10 hours, <sup>2</sup> " * 100) is None
    assert "longer than 200000 characters" in markdown_problem("x" * 200_001)


def test_a_text_the_renderer_cannot_handle_is_shown_plain(monkeypatch):
    from app.core import markdown

    def broken(*args, **kwargs):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(markdown.md, "markdown", broken)
    markdown._render_cached.cache_clear()
    try:
        assert render_markdown("*a* <b>") == '<p class="plain-text">*a* &lt;b&gt;</p>'
    finally:
        markdown._render_cached.cache_clear()
