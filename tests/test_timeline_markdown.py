"""A timeline step's Markdown: data shown as typed, links only to http(s), the quote on hover."""
import re

import pandas as pd
from hypothesis import example, given, settings
from hypothesis import strategies as st

from views.evidence import safe_url, stated_text
from views.timeline import timeline_markdown


def step(**kw) -> pd.DataFrame:
    row = {"kind": "done", "stage_id": "operation", "when": "09/12/2019", "confidence": "confirmed",
           "origin": "public_evidence", "source_label": "VSS", "link": "https://vss.gov.vn/x", "quote_text": "q",
           "overdue": False}
    return pd.DataFrame([{**row, **kw}])


def test_only_http_links_and_parentheses_are_encoded():
    assert safe_url("javascript:alert(1)") is None and safe_url("data:text/html,x") is None and safe_url(None) is None
    assert safe_url("https://a.vn/x_(1).htm") == "https://a.vn/x_%281%29.htm"


def test_month_only_and_undated_steps_say_so():
    assert stated_text("2014-11", "month", pd.Timestamp("2014-11-30"), "vi") == "11/2014"
    assert stated_text(None, "by_source", pd.Timestamp("2022-09-30"), "en") == "by 30/09/2022"


@settings(max_examples=60, deadline=None)
@given(label=st.text(max_size=40), quote=st.text(max_size=80))
@example(label="[x](javascript:alert(1))", quote='a" b) c')
@example(label="\\", quote="\\")
def test_hostile_labels_and_quotes_never_make_another_link(label, quote):
    md = timeline_markdown(step(source_label=label, quote_text=quote), {"operation": "In operation"}, "en")
    assert len(re.findall(r"(?<!\\)(?:\\\\)*\]\(", md)) == 1 and "](https://vss.gov.vn/x" in md   # one link: the source
    title = md.split('](https://vss.gov.vn/x', 1)[1]
    assert title.endswith(")") and (not title.strip(" )") or title.startswith(' "'))
    assert '"' not in title[2:-2].replace('\\"', "")                  # quotes inside the title escaped


def test_levels_are_drawn_differently():
    md = {c: timeline_markdown(step(confidence=c), {"operation": "Op"}, "en") for c in ("confirmed", "likely", "uncertain")}
    assert "**Op**" in md["confirmed"] and "*Op*" in md["likely"] and "~~Op~~" in md["uncertain"]
    assert ":blue-badge[confirmed]" in md["confirmed"] and ":orange-badge[uncertain]" in md["uncertain"]


def test_a_step_without_a_link_beside_one_with_a_link_is_plain_text():
    """pandas 3 reads a text column of links and None as NaN where a link is missing: never a link to "nan"."""
    rows = pd.concat([step(), step(origin="decision", source_label="2618/QĐ-BKHCN", link=None)], ignore_index=True)
    rows["link"] = rows["link"].astype("str")   # the dtype pandas 3 infers for text with a gap
    md = timeline_markdown(rows, {"operation": "Op"}, "vi")
    assert "](nan" not in md and "[2618/QĐ\\-BKHCN](" not in md and "2618/QĐ" in md
    assert md.count("](https://vss.gov.vn/x") == 1
