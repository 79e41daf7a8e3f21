"""render_markdown() keeps formatting and removes every script vector."""

import pytest

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
