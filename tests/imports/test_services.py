"""CSV import: every bad line reported (line, column, reason); nothing imported until clean."""

import pytest

from app.accounts import services as accounts
from app.imports import services
from app.organisations import services as organisations

HEADER = "name,stakeholder_type,is_startup,country,region,governance_level,sectors,website\n"
CLEAN = HEADER + (
    "Regione Esempio,public_authority,no,IT,Lombardia,regional,wood;building,https://e.org\n"
    "Startup Oy,Enterprise,yes,fi,,local,Wood,\n"
    '"Comma, Inc.",vet_provider,,BE,Flanders,national,,\n'
)


def _problems(report):
    return [(p.line, p.field) for p in report.problems]


def test_clean_file_checks_clean_and_changes_nothing(db):
    report = services.check("organisations", CLEAN)
    assert report.is_clean and len(report.rows) == 3
    assert organisations.find_by_name("Regione Esempio") is None


def test_every_bad_line_is_reported(db, make_organisation):
    make_organisation(name="Already Here")
    text = HEADER + (
        "Good One,public_authority,no,IT,,regional,,\n"          # line 2: fine
        "Bad Type,ministry,no,IT,,regional,,\n"                   # 3
        ",enterprise,no,IT,,regional,,\n"                          # 4
        "Bad Country,enterprise,no,XX,,regional,,\n"               # 5
        "Bad Start-up,public_authority,yes,IT,,regional,,\n"       # 6
        "Bad Sector,enterprise,no,IT,,regional,wood;mining,\n"     # 7
        "Good One,enterprise,no,IT,,regional,,\n"                  # 8: same as line 2
        "already here,enterprise,no,IT,,regional,,\n"              # 9: exists
        "Bad Bool,enterprise,maybe,IT,,local,,ftp://x\n"           # 10: two problems
    )
    report = services.check("organisations", text)
    assert not report.is_clean
    assert _problems(report) == [
        (3, "stakeholder_type"), (4, "name"), (5, "country"), (6, "is_startup"),
        (7, "sectors"), (8, "name"), (9, "name"), (10, "is_startup"), (10, "website"),
    ]
    reasons = {(p.line, p.field): p.reason for p in report.problems}
    assert reasons[(3, "stakeholder_type")] == 'Unknown value "ministry".'
    assert reasons[(7, "sectors")] == 'Unknown sector "mining".'
    assert reasons[(8, "name")] == "Same value as line 2."


def test_import_refuses_a_file_with_problems_and_imports_nothing(db, admin):
    text = CLEAN + "Broken,unknown,no,IT,,regional,,\n"
    with pytest.raises(services.ImportRejected):
        services.run_import(admin, "organisations", text)
    assert organisations.find_by_name("Regione Esempio") is None


def test_import_clean_organisations(db, admin):
    created = services.run_import(admin, "organisations", CLEAN)
    assert [o.name for o in created] == ["Regione Esempio", "Startup Oy", "Comma, Inc."]
    startup = organisations.find_by_name("Startup Oy")
    assert startup.is_startup and startup.country.key == "FI"
    assert [s.key for s in startup.sectors] == ["wood"]


def test_header_problems(db):
    report = services.check("organisations", "name,colour\nX,blue\n")
    assert _problems(report) == [(1, "colour"), (1, "stakeholder_type"), (1, "country"),
                                 (1, "governance_level")]


def test_semicolon_separated_file_with_bom(db):
    text = ("\ufeffname;stakeholder_type;country;governance_level;sectors\n"
            'Zeta Oy;enterprise;FI;local;"wood;building"\n'
            "Eta, Ltd;other;BE;eu;\n")
    report = services.check("organisations", services.decode(text.encode("utf-8")))
    assert report.is_clean, report.problems
    assert [r["name"] for r in report.rows] == ["Zeta Oy", "Eta, Ltd"]
    assert report.rows[0]["sectors"] == "wood;building"


def test_empty_file_and_blank_lines(db):
    assert _problems(services.check("organisations", HEADER)) == [(2, "")]
    report = services.check("organisations", CLEAN + ",,,,,,,\n\n")
    assert report.is_clean and len(report.rows) == 3


def test_extra_values_are_reported(db):
    report = services.check("organisations", HEADER + "A,enterprise,no,IT,,local,,,extra\n")
    assert _problems(report) == [(2, "")]


def test_non_utf8_file_is_refused_with_a_clear_message():
    with pytest.raises(services.ImportRejected, match="UTF-8"):
        services.decode("name\nPyhäjärvi\n".encode("latin-1"))


USERS = (
    "email,display_name,organisations,roles,preferred_language\n"
    "ana@example.org,Ana López,Org One,,es\n"
    'BOSS@example.org,The Boss,"Org One;Org, Two",facilitator,\n'
)


def test_users_check_and_import_with_invitations(db, admin, make_organisation, outbox):
    make_organisation(name="Org One")
    make_organisation(name="Org, Two")
    report = services.check("users", USERS)
    assert report.is_clean, report.problems
    services.run_import(admin, "users", USERS, send_invitations=True)
    boss = accounts.find_by_email("boss@example.org")
    assert boss.is_facilitator and [o.name for o in boss.organisations] == ["Org One", "Org, Two"]
    assert accounts.find_by_email("ana@example.org").preferred_language == "es"
    db.session.commit()
    assert sorted(m["To"] for m in outbox()) == ["ana@example.org", "boss@example.org"]


def test_users_problems(db, make_user, make_organisation):
    make_user(email="exists@example.org")
    make_organisation(name="Org One")
    text = ("email,display_name,organisations,roles,preferred_language\n"
            "not-an-address,Someone,,,\n"
            "exists@example.org,Someone,,,\n"
            "new@example.org,,Nowhere Ltd,king,xx\n"
            "NEW@example.org,Again,Org One,,\n")
    report = services.check("users", text)
    assert _problems(report) == [(2, "email"), (3, "email"), (4, "display_name"),
                                 (4, "organisations"), (4, "roles"),
                                 (4, "preferred_language"), (5, "email")]


def test_template_files_have_the_documented_columns():
    for kind, columns in services.KINDS.items():
        header = services.template_csv(kind).splitlines()[0]
        assert header == ",".join(c.name for c in columns)
