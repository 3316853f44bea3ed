"""Text and JSON output of the CLI: tables for people, JSON for scripts. No Qt, no database here."""

from __future__ import annotations

import json
import textwrap
from dataclasses import asdict, is_dataclass
from enum import Enum

from rebuttal_lab.core.models import Verdict

WIDTH = 100


def plain(value):
    """A scorer or store value as JSON-ready data (dataclasses and enums become dicts and strings)."""
    if is_dataclass(value) and not isinstance(value, type):
        return plain(asdict(value))
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def to_json(value) -> str:
    return json.dumps(plain(value), ensure_ascii=False, indent=2)


def shorten(text, width: int) -> str:
    text = " ".join(str("" if text is None else text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def table(headers: list[str], rows: list[list], widths: list[int | None]) -> str:
    """Left-aligned columns; a width caps a column (long text is cut with …), None lets it grow."""
    cells = [[shorten(c, w or 10_000) for c, w in zip(row, widths, strict=True)] for row in rows]
    sizes = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(s) for h, s in zip(headers, sizes, strict=True)).rstrip()]
    lines += ["  ".join(c.ljust(s) for c, s in zip(r, sizes, strict=True)).rstrip() for r in cells]
    return "\n".join(lines)


def percent(value) -> str:
    return "-" if value is None else f"{round(float(value) * 100)}%"


def verdict_word(verdict: str) -> str:
    try:
        return Verdict(verdict).debate_word
    except ValueError:
        return str(verdict)


def articles_table(rows: list[dict]) -> str:
    if not rows:
        return "The library is empty: add articles with `rebuttal-lab import PATH...`."
    return table(["ID", "TITLE", "AUTHOR", "WORDS", "SESSIONS"],
                 [[r["uuid"][:8], r["title"], r["author"], r["words"], r["sessions"]] for r in rows],
                 [8, 60, 24, None, None])


def suggestions_text(article, suggestions: list[dict]) -> str:
    if not suggestions:
        return f"No claims to suggest in “{article.title}”."
    lines = [f"Claims worth answering in “{article.title}”:", ""]
    for number, s in enumerate(suggestions, start=1):
        lines.append(f"{number:>2}. {percent(s.get('confidence')):>4}  [{s.get('start')}-{s.get('end')}]  "
                     f"{shorten(s.get('text'), WIDTH - 24)}")
        if s.get("why"):
            lines.append(f"          {shorten(s['why'], WIDTH - 10)}")
    return "\n".join(lines)


def _claim_rows(claims: list[dict], quotes: dict[str, str]) -> list[str]:
    rows = [[c.get("id", ""), verdict_word(c.get("verdict", "")), percent(c.get("coverage")),
             quotes.get(str(c.get("id")), "")] for c in claims]
    lines = table(["ID", "VERDICT", "COVERAGE", "CLAIM"], rows, [12, None, None, 60]).splitlines()
    out = [lines[0]]
    for line, claim in zip(lines[1:], claims, strict=True):
        out.append(line)
        if claim.get("feedback"):
            out.extend(textwrap.wrap(str(claim["feedback"]), WIDTH, initial_indent="    → ",
                                     subsequent_indent="      "))
    return out


def _tally(claims: list[dict]) -> str:
    counts = {v: sum(c.get("verdict") == v.value for c in claims) for v in Verdict}
    return ", ".join(f"{counts[v]} {v.debate_word.lower()}" for v in Verdict)


def report_text(article, spec: list[dict], report: dict) -> str:
    quotes = {item["id"]: item.get("quote") or f"[{item.get('start')}-{item.get('end')}]" for item in spec}
    claims = report.get("claims", [])
    lines = [f"“{article.title}”: overall {percent(report.get('overall'))} "
             f"(scorer {report.get('scorer_version', '?')})", ""]
    lines += _claim_rows(claims, quotes)
    lines += ["", _tally(claims)]
    return "\n".join(lines)


def sessions_table(rows: list[dict]) -> str:
    if not rows:
        return "No sessions yet."
    return table(
        ["ID", "STARTED", "STUDENT", "ARTICLE", "WRITING", "CLAIMS", "SCORE", "STATUS"],
        [[r["uuid"][:8], (r["started_at"] or "")[:16].replace("T", " "), r["student"], r["article_title"],
          r["writing"], r["claims"], percent(r["score"]), r["status"]] for r in rows],
        [8, None, 20, 40, None, None, None, None],
    )


def _indent(text: str, prefix: str = "    ") -> list[str]:
    lines = []
    for paragraph in (text or "").splitlines() or [""]:
        lines.extend(textwrap.wrap(paragraph, WIDTH - len(prefix), initial_indent=prefix,
                                   subsequent_indent=prefix) or [prefix.rstrip()])
    return lines


def session_text(snap: dict, student: str = "") -> str:
    s, a = snap["session"], snap["article"]
    status = s["status"] + (f" {s['submitted_at'][:16].replace('T', ' ')}" if s.get("submitted_at") else "")
    lines = [f"Session {s['uuid']}",
             f"  Student:  {student or s['profile_uuid']}",
             f"  Article:  {a['title']}" + (f" ({a['author']})" if a.get("author") else ""),
             f"  Mode:     {s['mode']}, {s['writing']}; {status}",
             f"  Started:  {s['started_at'][:16].replace('T', ' ')}", ""]
    score = snap.get("score") or {}
    verdicts = {c.get("id"): c for c in score.get("claims", [])}
    answers = {r["claim_uuid"]: r["text"] for r in snap["rebuttals"]}
    lines.append(f"Claims ({len(snap['claims'])})")
    for number, claim in enumerate(snap["claims"], start=1):
        v = verdicts.get(claim["uuid"])
        verdict = f"  [{verdict_word(v.get('verdict', ''))} {percent(v.get('coverage'))}]" if v else ""
        lines.append(f"{number:>3}. “{shorten(claim['quote'], WIDTH - 30)}” ({claim['kind']}){verdict}")
        if s["writing"] == "flow":
            lines.extend(_indent(answers.get(claim["uuid"], "") or "(no answer)", "       "))
    if s["writing"] == "speech":
        lines += ["", "Speech"] + _indent(answers.get(None, "") or "(empty)")
    if score:
        lines += ["", f"Score: overall {percent(score.get('overall'))} "
                      f"(scorer {score.get('scorer_version', '?')}); {_tally(score.get('claims', []))}"]
    else:
        lines += ["", "Not scored yet."]
    return "\n".join(lines)
