"""Settings: defaults < machine-wide config < the user's file; locked keys; bad files never crash."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rebuttal_lab.settings import (
    SYSTEM_CONFIG_ENV,
    DrillPreset,
    Settings,
    as_dict,
    load_settings,
)

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def user_dir(tmp_path) -> Path:
    return tmp_path / "user"


@pytest.fixture
def system(tmp_path):
    """Write a machine-wide config and return its path."""
    path = tmp_path / "etc" / "config.toml"

    def write(text: str) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return write


def write_user(user_dir: Path, data) -> None:
    user_dir.mkdir(parents=True, exist_ok=True)
    (user_dir / "settings.json").write_text(data if isinstance(data, str) else json.dumps(data), "utf-8")


def test_defaults_without_any_file(user_dir, tmp_path):
    s = load_settings(user_dir, tmp_path / "missing.toml")
    assert (s.words_per_minute, s.typing_words_per_minute, s.font_point_size) == (150, 40, 12)
    assert s.class_folder == "" and s.student_name == "Student" and s.students_may_import is True
    assert s.locked == frozenset() and s.problems == []
    assert s.user_file == user_dir / "settings.json"
    assert s.writing_factor == pytest.approx(150 / 40)
    # the bundled presets, as data
    assert len(s.drill_presets) >= 5
    assert all(isinstance(p, DrillPreset) and p.speech_minutes > 0 for p in s.drill_presets)
    assert "SPAR" in {p.name for p in s.drill_presets}


def test_default_user_dir_is_the_app_data_folder(isolated_user_dirs, tmp_path):
    s = load_settings(system_file=tmp_path / "missing.toml")
    assert s.user_file == isolated_user_dirs / ".local/share/RebuttalLab/rebuttal-lab/settings.json"


def test_machine_config_is_honoured(user_dir, system):
    path = system(
        'words_per_minute = 120\ntyping_words_per_minute = 30\nfont_point_size = 16\n'
        'class_folder = "/srv/class"\nstudent_name = "Pupil"\nstudents_may_import = false\n'
    )
    s = load_settings(user_dir, path)
    assert (s.words_per_minute, s.typing_words_per_minute, s.font_point_size) == (120, 30, 16)
    assert (s.class_folder, s.student_name, s.students_may_import) == ("/srv/class", "Pupil", False)
    assert s.problems == []
    assert s.writing_factor == pytest.approx(4.0)


def test_machine_config_path_from_environment(user_dir, system, monkeypatch):
    monkeypatch.setenv(SYSTEM_CONFIG_ENV, str(system("words_per_minute = 133\n")))
    assert load_settings(user_dir).words_per_minute == 133


def test_empty_environment_variable_means_the_default_path(user_dir, monkeypatch):
    monkeypatch.setenv(SYSTEM_CONFIG_ENV, "")
    s = load_settings(user_dir)  # /etc/rebuttal-lab/config.toml is absent on test machines
    assert not [p for p in s.problems if "not a file" in p]


@pytest.mark.parametrize(
    ("platform", "expected"),
    [("linux", "/etc/rebuttal-lab/config.toml"),
     ("darwin", "/Library/Application Support/RebuttalLab/config.toml"),
     ("win32", "C:/ProgramData/RebuttalLab/config.toml")],
)
def test_machine_config_location_per_platform(monkeypatch, platform, expected):
    from rebuttal_lab import settings as module

    monkeypatch.setattr(module.sys, "platform", platform)
    monkeypatch.setenv("PROGRAMDATA", "C:/ProgramData")
    assert module.default_system_config().as_posix() == expected


def test_user_file_overrides_machine_config_when_not_locked(user_dir, system):
    path = system("words_per_minute = 120\nfont_point_size = 16\n")
    write_user(user_dir, {"words_per_minute": 170, "student_name": "Ana"})
    s = load_settings(user_dir, path)
    assert (s.words_per_minute, s.font_point_size, s.student_name) == (170, 16, "Ana")


def test_locked_keys_cannot_be_overridden_by_the_user_file(user_dir, system):
    path = system('words_per_minute = 120\nlocked = ["words_per_minute"]\n')
    write_user(user_dir, {"words_per_minute": 170, "font_point_size": 14})
    s = load_settings(user_dir, path)
    assert s.words_per_minute == 120
    assert s.font_point_size == 14
    assert s.locked == {"words_per_minute"}


def test_locked_keys_cannot_be_set(user_dir, system):
    s = load_settings(user_dir, system('font_point_size = 18\nlocked = ["font_point_size"]\n'))
    with pytest.raises(PermissionError):
        s.set("font_point_size", 10)
    assert s.font_point_size == 18
    assert not s.user_file.exists()


def test_locked_key_without_a_value_keeps_the_default(user_dir, system):
    write_user(user_dir, {"typing_words_per_minute": 60})
    s = load_settings(user_dir, system('locked = ["typing_words_per_minute"]\n'))
    assert s.typing_words_per_minute == 40


def test_students_may_import_comes_only_from_the_machine(user_dir, system):
    write_user(user_dir, {"students_may_import": True})
    s = load_settings(user_dir, system("students_may_import = false\n"))
    assert s.students_may_import is False
    with pytest.raises(KeyError):
        s.set("students_may_import", True)


def test_set_saves_and_reloads(user_dir, tmp_path):
    s = load_settings(user_dir, tmp_path / "missing.toml")
    s.set("words_per_minute", 180)
    s.set("student_name", "  Bo ")
    again = load_settings(user_dir, tmp_path / "missing.toml")
    assert (again.words_per_minute, again.student_name) == (180, "Bo")
    assert again.problems == []


def test_set_rejects_bad_values(user_dir, tmp_path):
    s = load_settings(user_dir, tmp_path / "missing.toml")
    for key, value in [("words_per_minute", "fast"), ("words_per_minute", 0), ("font_point_size", True),
                       ("font_point_size", 12.5), ("student_name", 7), ("student_name", " "),
                       ("student_name", "x" * 101)]:
        with pytest.raises(ValueError):
            s.set(key, value)
    with pytest.raises(KeyError):
        s.set("no_such_key", 1)
    assert (s.words_per_minute, s.font_point_size, s.student_name) == (150, 12, "Student")


def test_saving_does_not_freeze_machine_values_into_the_user_file(user_dir, system):
    path = system("words_per_minute = 120\n")
    s = load_settings(user_dir, path)
    s.set("student_name", "Cy")
    saved = json.loads(s.user_file.read_text("utf-8"))
    assert saved == {"student_name": "Cy"}
    # IT changes the machine value later: the student follows it.
    path.write_text("words_per_minute = 110\n", "utf-8")
    assert load_settings(user_dir, path).words_per_minute == 110


@pytest.mark.parametrize(
    "text",
    [
        "words_per_minute = = 3\n",          # not TOML
        "[[[\n",
        "\xff\xfe garbage",                   # not UTF-8 (written as latin-1 below)
    ],
)
def test_malformed_machine_config_gives_a_problem_and_the_defaults(user_dir, tmp_path, text):
    path = tmp_path / "config.toml"
    path.write_bytes(text.encode("latin-1"))
    s = load_settings(user_dir, path)
    assert s.words_per_minute == 150 and s.locked == frozenset()
    assert len(s.problems) == 1 and str(path) in s.problems[0]


@pytest.mark.parametrize(
    "line",
    [
        'words_per_minute = "fast"',
        "words_per_minute = 0",
        "words_per_minute = -5",
        "words_per_minute = inf",
        "words_per_minute = nan",
        "words_per_minute = 0.5",
        "words_per_minute = true",
        "words_per_minute = 100000",
        "font_point_size = [12]",
        "students_may_import = \"no\"",
        "student_name = 3",
        'student_name = "   "',
        'student_name = ""',
        "class_folder = {a = 1}",
    ],
)
def test_wrong_types_in_machine_config_are_reported_and_ignored(user_dir, system, line):
    s = load_settings(user_dir, system(line + "\nfont_point_size = 14\n" if "font" not in line else line + "\n"))
    assert s.problems, line
    defaults = Settings()
    key = line.split(" =")[0]
    assert getattr(s, key) == getattr(defaults, key)


@pytest.mark.parametrize("locked", ['"words_per_minute"', "3", "{a = 1}"])
def test_locked_must_be_a_list(user_dir, system, locked):
    s = load_settings(user_dir, system(f"locked = {locked}\n"))
    assert s.locked == frozenset()
    assert any("locked" in p for p in s.problems)


def test_unknown_keys_are_reported(user_dir, system):
    s = load_settings(user_dir, system('words_per_minut = 120\nlocked = ["nope", "font_point_size"]\n'))
    assert s.locked == {"font_point_size"}
    assert any("words_per_minut" in p for p in s.problems)
    assert any("nope" in p for p in s.problems)


@pytest.mark.parametrize(
    "content",
    ["{not json", "[1, 2]", '"text"', '{"words_per_minute": Infinity}', '{"words_per_minute": "x"}'],
)
def test_malformed_user_file_gives_a_problem_and_the_defaults(user_dir, tmp_path, content):
    write_user(user_dir, content)
    s = load_settings(user_dir, tmp_path / "missing.toml")
    assert s.words_per_minute == 150
    assert s.problems


def test_user_file_that_is_a_folder_does_not_crash(user_dir, tmp_path):
    (user_dir / "settings.json").mkdir(parents=True)
    s = load_settings(user_dir, tmp_path / "missing.toml")
    assert s.problems and s.words_per_minute == 150


def test_machine_config_that_is_a_folder_does_not_crash(user_dir, tmp_path):
    (tmp_path / "etc").mkdir()
    s = load_settings(user_dir, tmp_path / "etc")
    assert s.problems and s.words_per_minute == 150


def test_drill_presets_are_added_by_the_machine_config(user_dir, system):
    path = system(
        '[[drill_presets]]\nname = "Class drill"\nspeech = 3\nprep = 1.5\n\n'
        '[[drill_presets]]\nname = "No prep"\nspeech = 2\n\n'
        '[[drill_presets]]\nspeech = 2\n\n'                 # no name
        '[[drill_presets]]\nname = "Bad"\nspeech = "long"\n\n'
        '[[drill_presets]]\nname = "Negative"\nspeech = -1\n'
    )
    s = load_settings(user_dir, path)
    bundled = load_settings(user_dir, path.parent / "missing.toml").drill_presets
    assert s.drill_presets[: len(bundled)] == bundled
    assert s.drill_presets[len(bundled):] == [
        DrillPreset("Class drill", 3.0, 1.5),
        DrillPreset("No prep", 2.0, 0.0),
    ]
    assert len(s.problems) == 3


@pytest.mark.parametrize("presets", ['drill_presets = 3', '[drill_presets]\nname = "x"\nspeech = 1'])
def test_drill_presets_of_the_wrong_shape_do_not_crash(user_dir, system, presets):
    s = load_settings(user_dir, system(presets + "\n"))
    assert s.problems
    assert len(s.drill_presets) >= 5


def test_example_config_shipped_with_the_package_is_valid_and_all_commented(user_dir):
    example = REPO_ROOT / "packaging" / "config.toml"
    text = example.read_text("utf-8")
    # Installed as-is it changes nothing ...
    s = load_settings(user_dir, example)
    assert s.problems == [] and s.words_per_minute == 150 and s.locked == frozenset()
    # ... and uncommented it is a valid config that documents every key.
    uncommented = "\n".join(line[2:] if line.startswith("# ") and "=" in line or line.startswith("# [[") else line
                            for line in text.splitlines())
    for key in ("words_per_minute", "typing_words_per_minute", "font_point_size", "class_folder",
                "student_name", "students_may_import", "locked", "drill_presets"):
        assert key in text
    path = user_dir / "uncommented.toml"
    path.parent.mkdir(parents=True)
    path.write_text(uncommented, "utf-8")
    s = load_settings(user_dir, path)
    assert s.problems == [], s.problems


def test_as_dict_is_json_ready(user_dir, system):
    s = load_settings(user_dir, system('locked = ["words_per_minute"]\n'))
    data = json.loads(json.dumps(as_dict(s)))
    assert data["locked"] == ["words_per_minute"]
    assert data["words_per_minute"] == 150
    assert "user_values" not in data
