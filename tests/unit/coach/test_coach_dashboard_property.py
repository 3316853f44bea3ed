"""Property: any filter, sort and page size gives, page after page, exactly what a plain Python filter and
sort of the class gives."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rebuttal_lab.store import dashboard
from rebuttal_lab.store.dashboard import Filters

KEYS = {"student": "student", "article": "article", "started_at": "day", "mode": "mode",
        "time_used_s": "time_used_s", "overall": "overall", "breadth": "breadth", "evidence": "evidence",
        "reviewed": "reviewed"}

filters = st.builds(
    Filters,
    mode=st.sampled_from([None, "practice", "drill", "spotting"]),
    reviewed=st.sampled_from([None, True, False]),
    score_min=st.sampled_from([None, 0.2, 0.5]),
    score_max=st.sampled_from([None, 0.6, 0.9]),
    search=st.sampled_from(["", "an", "phones", "cleo later", "zzz"]),
    date_from=st.sampled_from([None, "2026-01-09"]),
    date_to=st.sampled_from([None, "2026-01-25"]),
)


def expected(sessions, f: Filters, sort: str, descending: bool) -> list[str]:
    def keep(s) -> bool:
        day = s["day"].isoformat()
        words = f.search.casefold().split()
        return ((f.mode is None or s["mode"] == f.mode) and (f.reviewed is None or s["reviewed"] == f.reviewed)
                and (f.score_min is None or s["overall"] >= f.score_min)
                and (f.score_max is None or s["overall"] <= f.score_max)
                and (f.date_from is None or day >= f.date_from) and (f.date_to is None or day <= f.date_to)
                and all(w in s["student"].casefold() or w in s["article"].casefold() for w in words))

    def key(s):
        value = s[KEYS[sort]]
        return (value.casefold() if isinstance(value, str) else value), s["day"]

    return [s["uuid"] for s in sorted(filter(keep, sessions), key=key, reverse=descending)]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(f=filters, sort=st.sampled_from(list(KEYS)), descending=st.booleans(), size=st.integers(1, 12))
def test_pages_match_a_plain_filter_and_sort(db, classroom, f, sort, descending, size):
    want = expected(classroom.sessions, f, sort, descending)
    got, offset = [], 0
    while True:
        rows = dashboard.page(db, f, sort, descending, offset=offset, limit=size)
        assert len(rows) <= size
        got += [r["uuid"] for r in rows]
        if len(rows) < size:
            break
        offset += size
    assert got == want
    assert dashboard.count(db, f) == len(want)
