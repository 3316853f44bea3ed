"""The class key in the GUI: made on the coach's machine, entered on a student's, and a bundle signed
with another key then refused."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog

from rebuttal_lab.services import exchange, library, practice
from rebuttal_lab.store import open_database
from rebuttal_lab.store.profiles import get_or_create_student
from rebuttal_lab.ui.class_key_dialog import ClassKeyDialog


def test_a_key_made_here_and_entered_there_lets_only_the_class_in(qtbot, db, tmp_path, monkeypatch, dialogs,
                                                                  article_file):
    coach_side = ClassKeyDialog(db)
    qtbot.addWidget(coach_side)
    assert "No class key" in coach_side.state.text() and not coach_side.clear_button.isEnabled()
    coach_side.generate_button.click()
    key = coach_side.key_field.text()
    assert len(key) == 64 and exchange.get_class_key(db).hex() == key

    student_db = open_database(tmp_path / "student.db")
    student_side = ClassKeyDialog(student_db)
    qtbot.addWidget(student_side)
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *_a, **_k: ("not a key", True)))
    student_side.enter_button.click()
    assert "hexadecimal" in dialogs.texts("warning")[-1] and exchange.get_class_key(student_db) is None
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *_a, **_k: (f" {key[:32]} {key[32:]} ", True)))
    student_side.enter_button.click()
    assert exchange.get_class_key(student_db).hex() == key

    article = library.import_paths(student_db, [article_file])[0].article
    practice.start_session(student_db, article, get_or_create_student(student_db, "Ana").uuid)
    signed = tmp_path / "ana.rlab"
    exchange.export_bundle(student_db, signed, everything=True)
    assert exchange.import_bundle(db, signed).ok  # same key: accepted

    outsider = open_database(tmp_path / "outsider.db")
    exchange.set_class_key(outsider, exchange.new_class_key())
    exchange.export_bundle(student_db, tmp_path / "plain.rlab", everything=True,
                           class_key=exchange.get_class_key(outsider))
    assert not exchange.import_bundle(db, tmp_path / "plain.rlab").ok
    student_side.clear_button.click()  # the dialogs fixture answers Yes
    assert exchange.get_class_key(student_db) is None and "No class key" in student_side.state.text()
    student_db.close()
    outsider.close()
