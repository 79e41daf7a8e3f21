"""Hostile Markdown in block text: refused when saved, harmless when already stored."""

from app.drafts import blocks
from app.exports import assemble, pipeline
from app.extensions import db

DEEP_LIST = "- " * 600 + "deep"
BRACKETS = "[" * 5_000
NESTED_BRACKETS = "[" * 5_000 + "]" * 5_000


def _text(response) -> str:
    return response.get_data(as_text=True)


def test_saving_a_block_with_hostile_markdown_is_refused_with_a_message(client, login_as,
                                                                       facilitator, document):
    block = blocks.tree(document)[1].block
    login_as(facilitator)
    for text, message in ((DEEP_LIST, "nests lists or quotes more than 16 levels deep"),
                          (BRACKETS, "brackets [ or ( open at once")):
        response = client.post(f"/manage/documents/blocks/{block.id}", data={
            "title": "Employers", "text": text, "version": block.version,
            "base_text": block.text, "time_horizon": "", "action": "save"})
        assert response.status_code == 200 and message in _text(response)
        assert block.text == "Employers co-design learning outcomes."


def test_stored_hostile_text_leaves_the_editor_and_version_pages_working(client, login_as,
                                                                        facilitator, document):
    block = blocks.tree(document)[1].block
    for text in (DEEP_LIST, NESTED_BRACKETS):
        block.text = text  # stored before the bound existed
        db.session.flush()
        login_as(facilitator)
        editor = client.get(f"/manage/documents/{document.id}")
        assert editor.status_code == 200 and "plain-text" in _text(editor)
        assert client.get(f"/manage/documents/blocks/{block.id}").status_code == 200


def test_export_of_hostile_block_text_is_plain_text(facilitator, document):
    from app.drafts import versions

    block = blocks.tree(document)[1].block
    block.text = "<b>x</b>\n" + DEEP_LIST + "\n" + NESTED_BRACKETS
    db.session.flush()
    version = versions.save_version(facilitator, document, number="0.1")
    markdown, _assets = assemble.assemble(version, ())
    assert "\\- \\- \\- " in markdown and "\\[\\[\\[" in markdown
    html = pipeline.convert(markdown, assemble.metadata(version), "html").decode()
    text = html.split("Employers")[-1].split("Workload", 1)[0]  # after the contents
    assert "deep" in text and "<li" not in text and "&lt;b&gt;x" in text
