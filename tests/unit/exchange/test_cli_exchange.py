"""`rebuttal-lab bundle ...` and `pack ...` through cli.main, as a user would run them."""

from __future__ import annotations

import pytest
from exchange_helpers import add_feedback, add_session, dump, open_db

from rebuttal_lab import cli
from rebuttal_lab.services import exchange, library


@pytest.fixture
def machines(tmp_path):
    a_path, b_path = tmp_path / "a.db", tmp_path / "b.db"
    a = open_db(a_path)
    session = add_session(a, "Ana", answers=("an answer",))
    add_feedback(a, session.uuid, "well argued")
    a.close()
    return a_path, b_path, session.uuid


def run(capsys, *argv):
    status = cli.main([str(a) for a in argv])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_bundle_export_and_import(machines, tmp_path, capsys):
    a, b, session = machines
    status, out, err = run(capsys, "--db", a, "bundle", "export", "--student", "ana",
                           "-o", tmp_path / "ana.rlab")
    assert status == 0 and "exported 1 session" in out and err == ""
    status, out, err = run(capsys, "bundle", "export", "--session", session[:8], "-o", tmp_path / "s.rlab",
                           "--db", a)
    assert status == 0, err
    status, out, _ = run(capsys, "--db", b, "bundle", "import", tmp_path / "ana.rlab", tmp_path / "s.rlab")
    assert status == 0
    lines = out.splitlines()
    assert lines[0].startswith("imported  ana.rlab: 1 new session, ")
    assert lines[1].startswith("unchanged  s.rlab:")
    assert "1 imported, 1 already up to date" in lines[2]


def test_bundle_import_reports_each_file_and_fails_if_any_is_refused(machines, tmp_path, capsys):
    a, b, _ = machines
    run(capsys, "--db", a, "bundle", "export", "--all", "-o", tmp_path / "all.rlab")
    (tmp_path / "junk.rlab").write_text("not a zip")
    status, out, err = run(capsys, "--db", b, "bundle", "import", tmp_path / "junk.rlab",
                           tmp_path / "all.rlab")
    assert status == 1 and "Traceback" not in out + err
    assert "refused  junk.rlab: is not a Rebuttal Lab bundle (not a zip file)" in out
    assert "imported  all.rlab" in out


def test_bundle_export_errors_are_one_line(machines, tmp_path, capsys):
    a, _, _ = machines
    status, _, err = run(capsys, "--db", a, "bundle", "export", "--student", "Nobody",
                         "-o", tmp_path / "x.rlab")
    assert status == 1 and err.strip() == "rebuttal-lab: no student called 'Nobody'"
    status, _, err = run(capsys, "--db", a, "bundle", "export", "--all", "-o", tmp_path / "no" / "x.rlab")
    assert status == 1 and "does not exist" in err and len(err.strip().splitlines()) == 1
    status, _, err = run(capsys, "--db", a, "bundle", "export", "--all", "--student", "Ana", "-o", "x.rlab")
    assert status == 2  # argparse: the scopes exclude each other


def test_class_key_is_required_on_import(machines, tmp_path, capsys):
    a, b, _ = machines
    run(capsys, "--db", a, "bundle", "export", "--all", "-o", tmp_path / "all.rlab")
    db = open_db(b)
    library.ensure_practice_articles(db)  # what the CLI does on every start, so it is not a change
    exchange.set_class_key(db, b"k" * 32)
    before = dump(db)
    db.close()
    status, out, _ = run(capsys, "--db", b, "bundle", "import", tmp_path / "all.rlab")
    assert status == 1 and "not from this class" in out
    db = open_db(b)
    assert dump(db) == before
    db.close()


def test_pack_export_and_import(tmp_path, capsys):
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    status, out, err = run(capsys, "--db", a, "pack", "export", "Let Them Sleep",
                           "-o", tmp_path / "p.rlabpack")
    assert status == 0 and "1 article with 1 answer key to" in out, err
    status, out, err = run(capsys, "--db", b, "pack", "import", tmp_path / "p.rlabpack")
    assert status == 0 and out.startswith("imported  p.rlabpack: 1 answer keys"), out + err
    status, out, _ = run(capsys, "--db", b, "pack", "import", tmp_path / "missing.rlabpack")
    assert status == 1 and "refused  missing.rlabpack: no such file" in out
    status, _, err = run(capsys, "--db", a, "pack", "export", "Let Them Sleep", "--coach", "Nobody",
                         "-o", tmp_path / "q.rlabpack")
    assert status == 1 and "no coach called 'Nobody'" in err


def test_class_folder_drop_and_collect(machines, tmp_path, capsys, monkeypatch):
    a, b, _ = machines
    folder = tmp_path / "stick"
    folder.mkdir()
    status, out, err = run(capsys, "--db", a, "bundle", "drop", "--student", "Ana", "--folder", folder)
    assert status == 0 and out.startswith("dropped ") and "Ana-" in out, err
    status, _, err = run(capsys, "--db", a, "bundle", "drop", "--student", "Ana")
    assert status == 1 and "no class folder" in err
    # The folder can come from the settings (here the machine-wide file classroom IT writes).
    system = tmp_path / "config.toml"
    system.write_text(f'class_folder = "{folder.as_posix()}"\n')
    monkeypatch.setenv("REBUTTAL_LAB_SYSTEM_CONFIG", str(system))
    status, out, _ = run(capsys, "--db", b, "bundle", "collect")
    assert status == 0 and out.startswith("imported  Ana-") and "1 imported" in out
    status, out, _ = run(capsys, "--db", b, "bundle", "collect")
    assert status == 0 and out.startswith("skipped  Ana-")
    status, _, err = run(capsys, "--db", b, "bundle", "collect", "--folder", tmp_path / "unplugged")
    assert status == 1 and "is not there" in err


def test_class_key_command(machines, tmp_path, capsys):
    a, b, _ = machines
    status, out, _ = run(capsys, "--db", a, "bundle", "class-key")
    assert status == 0 and out.strip() == "no class key set"
    status, out, _ = run(capsys, "--db", a, "bundle", "class-key", "--generate")
    key = out.split()[3]
    assert status == 0 and len(key) == 64
    assert run(capsys, "--db", b, "bundle", "class-key", "--set", key)[0] == 0
    run(capsys, "--db", a, "bundle", "export", "--all", "-o", tmp_path / "signed.rlab")
    status, out, _ = run(capsys, "--db", b, "bundle", "import", tmp_path / "signed.rlab")
    assert status == 0 and out.startswith("imported")
    status, _, err = run(capsys, "--db", b, "bundle", "class-key", "--set", "xyz")
    assert status == 1 and "hexadecimal" in err
    status, out, _ = run(capsys, "--db", b, "bundle", "class-key", "--clear")
    assert status == 0 and run(capsys, "--db", b, "bundle", "class-key")[1].strip() == "no class key set"
