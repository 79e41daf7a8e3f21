"""The accessibility check itself: it reports blocking violations, with and without JavaScript."""

import pytest

from tests.e2e.axe import AccessibilityError

INACCESSIBLE_PAGE = """<!doctype html>
<html lang="en"><head><title>Broken</title></head>
<body><main><h1>Broken</h1><img src="/static/missing.png"><button></button></main></body></html>
"""


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_blocking_violations_fail_with_rule_help_and_target(javascript, open_tab):
    tab = open_tab(javascript=javascript)
    tab.route("**/inaccessible", lambda route: route.fulfill(
        status=200, content_type="text/html", body=INACCESSIBLE_PAGE))

    with pytest.raises(AccessibilityError) as failure:
        tab.visit("/inaccessible")

    report = str(failure.value)
    assert "2 serious or critical accessibility violation(s)" in report
    assert "- image-alt (critical): Images must have alternative text" in report
    assert "- button-name (critical): Buttons must have discernible text" in report
    assert "    img" in report and "    button" in report
