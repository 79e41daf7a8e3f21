"""Statistics pages and raw-data exports."""

from datetime import UTC, datetime

from flask import Response as HTTPResponse
from flask import abort, render_template, request, stream_with_context

from ..accounts.permissions import facilitator_required
from ..consultations import audience
from ..consultations.loaders import managed_consultation, managed_round
from . import charts, exports, report
from .blueprint import bp

GROUPINGS = {"stakeholder_type", "country", "sector"}


@bp.get("/manage/rounds/<int:round_id>/statistics")
@facilitator_required
def statistics(round_id: int):
    """Per-question statistics and consensus, overall and by group, with charts."""
    round_ = managed_round(round_id)
    grouping = request.args.get("group", "stakeholder_type")
    if grouping not in GROUPINGS:
        abort(404)
    suppress = round_.anonymity == "anonymous"
    reports = report.round_report(round_, grouping, suppress_small=suppress)
    table = audience.participation(round_)
    by_type: dict[str, int] = {}
    by_country: dict[str, int] = {}
    for (kind, country), counts in table["rows"]:
        by_type[kind] = by_type.get(kind, 0) + counts["submitted"]
        by_country[country] = by_country.get(country, 0) + counts["submitted"]
    return render_template(
        "analysis/statistics.html", round=round_, reports=reports, grouping=grouping,
        suppress=suppress, rule=round_.consultation.consensus_rule,
        chart=charts, participation=table,
        type_chart=charts.horizontal_bars(sorted(by_type.items())),
        country_chart=charts.horizontal_bars(sorted(by_country.items())))


@bp.get("/manage/<int:consultation_id>/export/<any(answers, comments):what>."
        "<any(csv, xlsx):fmt>")
@facilitator_required
def export(consultation_id: int, what: str, fmt: str):
    """All answers or all comments of the consultation, streamed as CSV or XLSX."""
    consultation = managed_consultation(consultation_id)
    # Facilitators may see who answered, except in rounds anonymous to everyone (per row).
    show_identity = True
    columns = exports.ANSWER_COLUMNS if what == "answers" else exports.COMMENT_COLUMNS
    rows = (exports.answer_rows if what == "answers" else exports.comment_rows)(
        consultation, show_identity)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M")
    filename = f"consultation-{consultation.id}-{what}-{stamp}.{fmt}"
    if fmt == "csv":
        body, mimetype = exports.stream_csv(columns, rows), "text/csv; charset=utf-8"
    else:
        body = exports.stream_xlsx(what, columns, rows)
        mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return HTTPResponse(stream_with_context(body), content_type=mimetype, headers={
        "Content-Disposition": f"attachment; filename={filename}"})
