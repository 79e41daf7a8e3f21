"""Hostile Markdown (the attacks listed in shared/domain/PANDOC.md) is shown harmless."""

import base64
import io
import tempfile
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import docx
import pytest
from pypdf import PdfReader

from app.exports import pipeline
from tests.exports.outputs import all_bytes, html_tags, pdf_text, zip_members

FORMATS = ["pdf", "docx", "odt", "html", "epub"]
PASSWD_LINE = b"root:x:0:0"
METADATA = {"title": "Hostile <script>alert(7)</script>", "version": "1", "lang": "en",
            "authors": ["<img src=x onerror=alert(8)>"], "subtitle": "![s](/etc/passwd)"}


def hostile_markdown(secret, server: str) -> str:
    """Every attack in one document; `secret` is a file the output must never contain."""
    return f"""# Hostile input

Images: ![abs]({secret}) ![file](file://{secret}) ![rel](../../secret.png)
![passwd](/etc/passwd) ![remote]({server}/image.png) ![up](assets/../../secret.png)

[![nested]({server}/nested.png)](https://example.org) <{server}/autolink>

<script>alert(1)</script>

<img src=x onerror=alert(1)> <img src="{server}/raw.png">

<a rel="attachment" href="file://{secret}">attachment</a>

```{{=html}}
<script>alert(2)</script>
```

```{{=typst}}
#read("{secret}")
#read("/etc/passwd")
```

`#read("/etc/passwd")`{{=typst}} `<script>alert(3)</script>`{{=html}}

```{{=latex}}
\\input{{/etc/passwd}}
```

\\input{{/etc/passwd}}

[click](javascript:alert(1)) <javascript:alert(1)> [data](data:text/html;base64,PHNjcmlwdD4=)
[file link](file:///etc/passwd) [ref link][evil]

[evil]: javascript:alert(1)

# Heading {{onclick="alert(4)" style="color:red"}}

[span]{{onmouseover="alert(5)"}}

::: {{custom-style="Title" onclick="alert(6)"}}
A div.
:::

---
title: Hijacked
header-includes: <script>alert(9)</script>
fontsize: 1pt); #read("/etc/passwd"
---

Text after the metadata block.
"""


class _RecordingHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        self.server.requests.append(self.path)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture(autouse=True)
def _limiter_follows_the_suite_app():
    """The pipeline is pure: these tests need no application or database."""


@pytest.fixture(scope="module")
def server():
    """A local HTTP server that records every request it receives."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _RecordingHandler)
    httpd.requests = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def secret(tmp_path_factory):
    """Unique bytes in files an attack could reach: by absolute path and by ../../."""
    base = tmp_path_factory.mktemp("exports")
    (base / "work").mkdir()
    content = f"SECRET-{uuid.uuid4().hex}".encode()
    for path in (base / "secret.png", base / "work" / "secret.png"):
        path.write_bytes(content)
    return base, content


@pytest.fixture(scope="module")
def outputs(secret, server):
    base, _content = secret
    markdown = hostile_markdown(base / "secret.png", f"http://127.0.0.1:{server.server_port}")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tempfile, "tempdir", str(base / "work"))
        with ThreadPoolExecutor(max_workers=2) as pool:
            results = pool.map(lambda fmt: pipeline.convert(markdown, METADATA, fmt), FORMATS)
            return dict(zip(FORMATS, results, strict=True))


def test_every_format_converts_the_hostile_document(outputs):
    for fmt, content in outputs.items():
        assert len(content) > 1000, fmt
    assert "Text after the metadata block." in outputs["html"].decode()


def test_no_local_file_reaches_any_output(outputs, secret):
    _base, content = secret
    for fmt, output in outputs.items():
        everything = all_bytes(output)
        assert content not in everything, fmt
        assert base64.b64encode(content)[:24] not in everything, fmt
        assert PASSWD_LINE not in everything, fmt
        assert base64.b64encode(PASSWD_LINE)[:8] not in everything, fmt


def test_pdf_has_no_image_and_no_file_content(outputs, secret):
    _base, content = secret
    reader = PdfReader(io.BytesIO(outputs["pdf"]))
    assert all(not page.images for page in reader.pages)
    text = pdf_text(outputs["pdf"])
    assert content.decode() not in text and "root:x:0" not in text
    assert "Text after the metadata block." in text


def test_no_request_reaches_a_local_server(outputs, server):
    assert outputs and server.requests == []


def test_html_and_epub_have_no_script_event_handler_or_dangerous_link(outputs):
    documents = [outputs["html"].decode()] + [
        content.decode() for name, content in zip_members(outputs["epub"]).items()
        if name.endswith(".xhtml")]
    for markup in documents:
        assert "<script" not in markup.lower()
        for tag, attributes in html_tags(markup):
            assert tag != "script"
            assert not [name for name in attributes if name.startswith("on")], tag
            for name in ("href", "src"):
                value = (attributes.get(name) or "").lower()
                assert not value.startswith(("javascript:", "file:", "data:text")), value
            if tag in ("h1", "span", "div"):
                assert "style" not in attributes, tag


def test_a_javascript_link_leaves_only_its_text():
    html = pipeline.convert("[x](javascript:alert(1)) [y](JavaScript:alert(2))", METADATA, "html")
    assert b"javascript:" not in html.lower()
    assert b"<p>x y</p>" in html


def test_attacks_appear_as_harmless_text(outputs):
    html = outputs["html"].decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "click" in html and "alert(1)</a>" not in html
    links = [attributes["href"] for tag, attributes in html_tags(html) if tag == "a"]
    assert links and all(href.startswith(("#", "https://", "http://")) for href in links)
    assert "Hijacked" not in html.split("<body>")[0]
    assert "<title>Hostile &lt;script&gt;alert(7)&lt;/script&gt;</title>" in html


def test_docx_and_odt_embed_nothing_and_ignore_custom_styles(outputs):
    for fmt in ("docx", "odt"):
        names = zip_members(outputs[fmt])
        assert not [name for name in names if "media/" in name or "Pictures/" in name], fmt
    paragraphs = docx.Document(io.BytesIO(outputs["docx"])).paragraphs
    assert [p.style.name for p in paragraphs if p.text == "A div."] == ["Body Text"]


PATHOLOGICAL = {
    "brackets": "[" * 20_000,
    "nested lists": "- " * 5_000 + "x",
    "indented lists": "".join("  " * depth + "- x\n" for depth in range(800)),
    "backticks": "`" * 20_000,
}


@pytest.mark.parametrize("markdown", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_pathological_input_fails_clearly_or_finishes_in_bounded_time(markdown):
    # the pipeline's own time limit is the bound: asserting the clock here would fail
    # on a busy machine, where even a fast conversion can take longer than expected
    try:
        pipeline.convert(markdown, {"title": "Deep"}, "html", timeout=2)
    except pipeline.ConversionError as error:
        assert "2 seconds" in str(error) or "too complex" in str(error)


def test_oversized_input_is_refused_naming_the_limit():
    with pytest.raises(pipeline.ConversionError) as error:
        pipeline.convert("x" * 2_300_000, {"title": "Big"}, "html")
    assert str(error.value) == "The document is too large: 2.3 MB, the limit is 2 MB"
    with pytest.raises(pipeline.ConversionError, match="the limit is 50 kB"):
        pipeline.convert("€" * 20_000, {"title": "Big"}, "md", max_input_bytes=50_000)
