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
