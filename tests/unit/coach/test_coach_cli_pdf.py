"""`rebuttal-lab report ...` through cli.main, including PDFs whose text is read back with pypdf."""

from __future__ import annotations

import csv
import re

import pypdf
import pytest

from rebuttal_lab import cli


@pytest.fixture
def run(monkeypatch, db_path, capsys, qapp):
    """cli.main, in process.

    pytest-qt's QApplication is made first: the handler's offscreen QGuiApplication would otherwise outlive
    this test and break any widget test run after it in the same process.
    """
    monkeypatch.setattr("rebuttal_lab.services.library.ensure_practice_articles", lambda db: None)

    def run(*argv):
        code = cli.main(["--db", str(db_path), *argv])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


def pdf_text(path) -> str:
    return " ".join(" ".join(page.extract_text() or "" for page in pypdf.PdfReader(path).pages).split())


def test_session_pdf_reads_back(run, db, classroom, tmp_path):
    s = classroom.sessions[7]
    out = tmp_path / "session.pdf"
    code, stdout, stderr = run("report", "--session", s["uuid"][:8], "--format", "pdf", "-o", str(out))
    assert (code, stderr) == (0, "")
    assert "wrote PDF report" in stdout
    text = pdf_text(out)
    assert s["student"] in text and s["article"] in text
    assert f"{round(s['overall'] * 100)}%" in text
    assert len(pypdf.PdfReader(out).pages[0].images) >= 1  # the score chart is in the PDF


def test_student_pdf_has_charts_and_scores(run, db, classroom, tmp_path):
    out = tmp_path / "cleo.pdf"
    assert run("report", "--student", "cleo chen", "-o", str(out))[0] == 0
    text = pdf_text(out)
    cleo = [s for s in classroom.sessions if s["student"] == "Cleo Chen"]
    assert "Cleo Chen" in text and cleo[0]["article"] in text
    assert f"{round(cleo[-1]['overall'] * 100)}%" in text
    assert sum(len(p.images) for p in pypdf.PdfReader(out).pages) >= 3


def test_class_csv_and_html_with_dates(run, db, classroom, tmp_path):
    out = tmp_path / "class.csv"
    assert run("report", "--class", "--from", "2026-01-05", "--to", "2026-01-11", "--format", "csv",
               "-o", str(out))[0] == 0
    with open(out, newline="", encoding="utf-8") as f:
        assert len(list(csv.DictReader(f))) == 7
    html = tmp_path / "class.html"
    assert run("report", "--class", "--format", "html", "-o", str(html))[0] == 0
    assert re.search(r"<svg", html.read_text()) and "Ana Alvarez" in html.read_text()


@pytest.mark.parametrize("argv, message", [
    (["report", "--student", "Zed", "-o", "OUT"], "no student called 'Zed'"),
    (["report", "--session", "ffff", "-o", "OUT"], "no session 'ffff'"),
    (["report", "--session", "x", "--from", "2026-01-01", "-o", "OUT"], "--from and --to apply"),
    (["report", "--class", "--from", "2026-02-01", "--to", "2026-01-01", "-o", "OUT"], "is after --to"),
    (["report", "--class", "-o", "NOFOLDER/x.pdf"], "does not exist"),
])
def test_mistakes_are_one_line_errors(run, db, classroom, tmp_path, argv, message):
    argv = [a.replace("OUT", str(tmp_path / "r.pdf")).replace("NOFOLDER", str(tmp_path / "missing")) for a in argv]
    code, _out, err = run(*argv)
    assert code in (1, 2) and message in err and "Traceback" not in err
    assert not (tmp_path / "r.pdf").exists()
