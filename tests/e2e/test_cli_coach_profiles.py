"""`rebuttal-lab coach add | passwd | list`: passphrases come from stdin in scripts (never as arguments),
errors are one plain line, and the store's rules (length, old passphrase, unique names) hold."""

from __future__ import annotations

import io

import pytest

from rebuttal_lab.cli import main
from rebuttal_lab.store import coach, open_database


@pytest.fixture
def coach_cli(tmp_path, monkeypatch, capsys):
    db_file = tmp_path / "class.db"

    def run(*args: str, stdin: str = "") -> tuple[int, str, str]:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        status = main(["--db", str(db_file), "coach", *args])
        captured = capsys.readouterr()
        return status, captured.out.strip(), captured.err.strip()
    run.db_file = db_file
    return run


def test_add_list_and_sign_in_with_the_piped_passphrase(coach_cli):
    assert coach_cli("list")[1].startswith("no coach profiles yet")
    assert coach_cli("add", "Ms Okafor", stdin="correct horse battery\n") == (0, "added coach Ms Okafor", "")
    assert coach_cli("list")[1] == "Ms Okafor"
    db = open_database(coach_cli.db_file)
    assert coach.verify_coach(db, "ms okafor", "correct horse battery").role == "coach"
    db.close()


def test_a_short_passphrase_or_a_second_coach_of_the_same_name_is_refused(coach_cli):
    status, _out, err = coach_cli("add", "Ms Okafor", stdin="short\n")
    assert status == 1 and "at least 8 characters" in err and "Traceback" not in err
    coach_cli("add", "Ms Okafor", stdin="correct horse battery\n")
    status, _out, err = coach_cli("add", "MS OKAFOR", stdin="another passphrase\n")
    assert status == 1 and "already a coach called" in err
    status, _out, err = coach_cli("add", "Mr Reyes")  # nothing on stdin
    assert status == 1 and "no passphrase" in err


def test_passwd_needs_the_old_passphrase(coach_cli):
    coach_cli("add", "Ms Okafor", stdin="correct horse battery\n")
    status, _out, err = coach_cli("passwd", "Ms Okafor", stdin="wrong old one\nbrand new phrase\n")
    assert status == 1 and "wrong passphrase" in err
    assert coach_cli("passwd", "Ms Okafor", stdin="correct horse battery\nbrand new phrase\n")[0] == 0
    db = open_database(coach_cli.db_file)
    assert coach.verify_coach(db, "Ms Okafor", "brand new phrase")
    db.close()
    status, _out, err = coach_cli("passwd", "Nobody", stdin="x\n")
    assert status == 1 and "no coach called 'Nobody'" in err
