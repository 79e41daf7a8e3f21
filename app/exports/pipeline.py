"""Convert an assembled Markdown document to PDF, DOCX, ODT, HTML, EPUB or Markdown.

The Markdown's structure comes from the application, but its paragraphs and table cells
hold what people wrote, so it is read as hostile input: raw HTML, TeX, typst and
attributes are switched off in the reader, metadata comes only from a file written here,
``policy_drafts/filters/safe.lua`` drops unsafe links, images and attributes, pandoc runs
in its sandbox with a heap cap, and every child process has a deadline. Everything
happens in a fresh temporary folder; typst may read nothing outside it.

House styles live in ``policy_drafts/<style>/`` (see ``policy_drafts/README.md``).
"""

import hashlib
import json
import logging
import math
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pypandoc

from . import docx_finish

STYLES_DIR = Path(__file__).resolve().parents[2] / "policy_drafts"
SAFE_FILTER = STYLES_DIR / "filters" / "safe.lua"
ANCHORS_FILTER = STYLES_DIR / "filters" / "anchors.lua"
STYLE_FILES = ("header.typ", "style.css", "reference.docx", "reference.odt")

FORMATS = {
    "pdf": (".pdf", "application/pdf"),
    "docx": (".docx",
             "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "odt": (".odt", "application/vnd.oasis.opendocument.text"),
    "html": (".html", "text/html; charset=utf-8"),
    "epub": (".epub", "application/epub+zip"),
    "md": (".md", "text/markdown; charset=utf-8"),
}
METADATA_KEYS = ("title", "subtitle", "version", "status", "date", "created",
                 "working_group", "licence", "authors", "lang", "contents_title", "page_of")

READER = ("markdown-raw_html-raw_attribute-raw_tex-yaml_metadata_block-link_attributes"
          "-pandoc_title_block-tex_math_dollars-citations")
PANDOC_HEAP_CAP = ["+RTS", "-M1g", "-RTS"]
PANDOC_HEAP_EXHAUSTED = 251
ASSET_NAME = re.compile(r"[A-Za-z0-9_-]+\.(svg|png|jpe?g|gif)")
LANGUAGE_TAG = re.compile(r"([A-Za-z]{2,3})(-[A-Za-z]{2})?")
MARKDOWN_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")

# Runs in a child process: typst's in-process caches grow with every distinct document.
TYPST_CHILD = """
import json, resource, sys
resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))
import typst
job = json.load(sys.stdin)
try:
    typst.compile(job["source"], output=job["output"], root=job["root"],
                  ignore_system_fonts=True, sys_inputs=job["inputs"])
except typst.TypstError as error:
    sys.exit(str(error))
"""

log = logging.getLogger(__name__)


class ConversionError(Exception):
    """The document could not be converted; the message says why, for the user."""


class _Deadline:
    """The time left of one conversion's budget."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.ends_at = time.monotonic() + seconds

    def remaining(self) -> float:
        left = self.ends_at - time.monotonic()
        if left <= 0:
            raise self.exceeded()
        return left

    def exceeded(self) -> ConversionError:
        unit = "second" if self.seconds == 1 else "seconds"
        return ConversionError(f"The document took longer than {self.seconds:g} {unit} to convert")


def style_fingerprint(style: str) -> str:
    """A checksum of the files an export in this style reads, so a restyle makes new files."""
    digest = hashlib.sha256()
    for path in sorted([*(STYLES_DIR / style).rglob("*"), *SAFE_FILTER.parent.rglob("*")]):
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def styles() -> list[str]:
    """Names of the house styles whose folder has every required file."""
    return sorted(folder.name for folder in STYLES_DIR.iterdir()
                  if folder.is_dir() and all((folder / name).is_file() for name in STYLE_FILES))


def convert(markdown: str, metadata: dict, fmt: str, style: str = "report",
            assets: dict[str, bytes] | None = None, timeout: float = 60,
            max_input_bytes: int = 2_000_000) -> bytes:
    """Convert Markdown with title-page metadata to ``fmt`` in a house style."""
    _check_request(markdown, fmt, style, max_input_bytes)
    fields = _metadata_fields(metadata)
    if fmt == "md":
        return _with_front_matter(markdown, fields)
    deadline = _Deadline(timeout)
    style_dir = STYLES_DIR / style
    with tempfile.TemporaryDirectory(prefix="export-") as tmp:
        workdir = Path(tmp)
        _write_inputs(workdir, markdown, fields, assets or {})
        if fmt in ("html", "epub"):
            _write_inline_style(workdir, style_dir / "style.css")
        if fmt == "pdf":
            return _pdf(workdir, style_dir, fields, deadline)
        content = _pandoc(workdir, fmt, style_dir, deadline)
    if fmt == "docx":
        return docx_finish.finish(content, fields.get("created"))
    return content


def _check_request(markdown: str, fmt: str, style: str, max_input_bytes: int) -> None:
    if fmt not in FORMATS:
        raise ConversionError(f"Unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if style not in styles():
        raise ConversionError(
            f"Unknown house style {style!r}: choose one of {', '.join(styles())}")
    size = len(markdown.encode("utf-8"))
    if size > max_input_bytes:
        raise ConversionError(f"The document is too large: {_readable_size(size)}, "
                              f"the limit is {_readable_size(max_input_bytes)}")


def _readable_size(size: int) -> str:
    """Rounded up, so that a size just over a limit never reads as equal to it."""
    if size < 100_000:
        return f"{math.ceil(size / 1000)} kB"
    return f"{math.ceil(size / 10_000) / 100:.2f}".rstrip("0").rstrip(".") + " MB"


def _metadata_fields(metadata: dict) -> dict:
    """The known keys only, as single-line printable strings (authors: a list of them)."""
    fields: dict = {}
    for key in METADATA_KEYS:
        value = metadata.get(key)
        if key == "authors":
            names = value if isinstance(value, list | tuple) else [value]
            value = [name for name in map(_one_line, names) if name] or None
        else:
            value = _one_line(value) or None
        if value:
            fields[key] = value
    fields["lang"] = _language(fields.get("lang", ""))
    return fields


def _language(tag: str) -> str:
    """A language code typst and pandoc accept: "bg", "en-GB"; else its language, or "en"."""
    tag = tag.replace("_", "-")
    if LANGUAGE_TAG.fullmatch(tag):
        return tag
    language = LANGUAGE_TAG.match(tag)
    return language.group(1) if language and tag[language.end(1):][:1] == "-" else "en"


def _one_line(value) -> str:
    if value is None:
        return ""
    text = "".join(char for char in str(value) if char.isprintable() or char.isspace())
    return " ".join(text.split())


def _with_front_matter(markdown: str, fields: dict) -> bytes:
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in fields.items()]
    return "\n".join(["---", *lines, "---", "", markdown]).encode("utf-8")


def _write_inputs(workdir: Path, markdown: str, fields: dict, assets: dict[str, bytes]) -> None:
    (workdir / "input.md").write_text(markdown, encoding="utf-8")
    # JSON is YAML too: a safe dump of plain strings that pandoc reads as literal text.
    pandoc_metadata = json.dumps(_pandoc_metadata(fields), ensure_ascii=False)
    (workdir / "metadata.yaml").write_text(pandoc_metadata, encoding="utf-8")
    (workdir / "pandoc-data").mkdir()
    (workdir / "assets").mkdir()
    for name, content in assets.items():
        if not ASSET_NAME.fullmatch(name):
            raise ValueError(f"Asset names are plain file names of images, not {name!r}")
        (workdir / "assets" / name).write_bytes(content)


def _write_inline_style(workdir: Path, css_file: Path) -> None:
    """The style sheet as a header include (the sandbox refuses --css); CDATA for EPUB's XML."""
    css = css_file.read_text(encoding="utf-8")
    style = f"<style>/*<![CDATA[*/\n{css}\n/*]]>*/</style>\n"
    (workdir / "style.html").write_text(style, encoding="utf-8")


def _pandoc_metadata(fields: dict) -> dict:
    """Metadata for pandoc: every value escaped so that pandoc reads it as plain text."""
    details = [fields.get("working_group"), fields.get("status"),
               fields.get("version") and f"v{fields['version']}", fields.get("licence")]
    values = {"title": fields.get("title"), "subtitle": fields.get("subtitle"),
              "date": fields.get("date"), "abstract": " · ".join(filter(None, details))}
    metadata = {key: _literal(value) for key, value in values.items() if value}
    metadata["author"] = [_literal(name) for name in fields.get("authors", [])]
    if fields.get("contents_title"):  # else pandoc's and typst's own word for the language
        metadata["toc-title"] = _literal(fields["contents_title"])
    metadata.update({"lang": fields["lang"], "abstract-title": "", "document-css": False})
    return metadata


def _literal(text: str) -> str:
    return MARKDOWN_PUNCTUATION.sub(r"\\\1", text)


def _pandoc(workdir: Path, fmt: str, style_dir: Path, deadline: _Deadline) -> bytes:
    output = "output" + FORMATS[fmt][0]
    _run_pandoc(workdir, _format_options(fmt, style_dir) + ["--output", output], deadline)
    return (workdir / output).read_bytes()


def _format_options(fmt: str, style_dir: Path) -> list[str]:
    options = {
        "pdf": ["--to=typst", "--standalone", f"--include-in-header={style_dir / 'header.typ'}"],
        "docx": ["--to=docx", f"--reference-doc={style_dir / 'reference.docx'}"],
        "odt": ["--to=odt", f"--reference-doc={style_dir / 'reference.odt'}"],
        "html": ["--to=html5", "--standalone", "--embed-resources",
                 "--include-in-header=style.html"],
        "epub": ["--to=epub3", "--include-in-header=style.html"],
    }
    return options[fmt]


def _run_pandoc(workdir: Path, options: list[str], deadline: _Deadline) -> None:
    command = [str(_pandoc_binary()), "--sandbox", "--data-dir=pandoc-data",
               f"--from={READER}", f"--lua-filter={SAFE_FILTER}",
               f"--lua-filter={ANCHORS_FILTER}",
               "--metadata-file=metadata.yaml", "--toc", *options, "input.md",
               *PANDOC_HEAP_CAP]
    result = _run(command, workdir, deadline)
    if result.returncode == PANDOC_HEAP_EXHAUSTED:
        raise ConversionError("The document is too complex to convert: it needs more than "
                              "1 GB of memory. Look for very deeply nested lists, quotes "
                              "or brackets.")
    if result.returncode != 0:
        raise ConversionError(f"pandoc could not convert the document: {_reason(result)}")


def _pandoc_binary() -> Path:
    """The pandoc shipped inside pypandoc-binary, never another one found on PATH."""
    binary = Path(pypandoc.__file__).resolve().parent / "files" / "pandoc"
    if not binary.is_file():
        raise ConversionError("Exports are unavailable: pandoc is not installed "
                              "(the pypandoc-binary package provides it)")
    return binary


def _pdf(workdir: Path, style_dir: Path, fields: dict, deadline: _Deadline) -> bytes:
    _run_pandoc(workdir, _format_options("pdf", style_dir) + ["--output", "document.typ"],
                deadline)
    inputs = {key: value for key, value in fields.items() if key != "authors"}
    inputs["authors"] = ", ".join(fields.get("authors", []))
    job = {"source": "document.typ", "output": "document.pdf", "root": str(workdir),
           "inputs": inputs}
    command = [sys.executable, "-I", "-c", TYPST_CHILD]
    result = _run(command, workdir, deadline, stdin=json.dumps(job).encode())
    if result.returncode != 0:
        raise ConversionError(f"The PDF could not be typeset: {_reason(result)}")
    return (workdir / "document.pdf").read_bytes()


def _run(command: list[str], workdir: Path, deadline: _Deadline,
         stdin: bytes | None = None) -> subprocess.CompletedProcess:
    """Run a child in the work folder; it is killed when the deadline passes."""
    try:
        result = subprocess.run(command, cwd=workdir, input=stdin, capture_output=True,
                                timeout=deadline.remaining())
    except subprocess.TimeoutExpired:
        raise deadline.exceeded() from None
    if result.stderr:
        log.info("%s: %s", Path(command[0]).name, result.stderr.decode(errors="replace"))
    return result


def _reason(result: subprocess.CompletedProcess) -> str:
    """The first line of a child's error output: the message, before any call stack."""
    lines = result.stderr.decode(errors="replace").strip().splitlines()
    return lines[0][:300] if lines else f"exit status {result.returncode}"
