"""Public pages of published final documents: the list, each publication, its downloads."""

from flask import Response, abort, render_template
from flask_login import current_user

from ..drafts import editions
from ..exports import pipeline
from . import services
from .blueprint import bp
from .text import annexes_html


@bp.get("/")
def index():
    """Every published final version, newest first; no sign-in needed."""
    items = services.publications()
    return render_template("publications/index.html", items=items,
                           formats={p.id: services.public_exports(p) for p in items})


@bp.get("/<int:publication_id>")
def publication(publication_id: int):
    """A publication's stable page: the text, the annexes and a download per format."""
    item = services.get_publication(publication_id) or abort(404)
    return render_template("publications/publication.html", publication=item,
                           document=item.document, version=item.document_version,
                           downloads=services.public_exports(item),
                           annexes=annexes_html(item.document_version),
                           original=editions.original_of(current_user, item.document),
                           editions=editions.editions_of(current_user, item.document))


@bp.get("/<int:publication_id>/<any(" + ", ".join(pipeline.FORMATS) + "):fmt>")
def download(publication_id: int, fmt: str):
    """The published export in one format; only exports of published versions are public."""
    item = services.get_publication(publication_id) or abort(404)
    job = services.public_exports(item).get(fmt) or abort(404)
    return Response(job.content, mimetype=job.content_type, headers={
        "Content-Disposition": f'attachment; filename="{job.filename}"',
        "Content-Length": str(job.size)})
