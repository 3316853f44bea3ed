"""One typed settings object: built-in defaults < machine-wide config < the user's own choices.

The machine-wide file (/etc/rebuttal-lab/config.toml, or $REBUTTAL_LAB_SYSTEM_CONFIG) is written by
classroom IT; keys it lists under `locked` cannot be changed by users. User choices live in
settings.json beside the database. A malformed file is reported in `problems` and ignored: never a crash.
No Qt here, so the CLI and tests can use it too.
"""

from __future__ import annotations

import json
import os
import tomllib
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .paths import app_data_dir, resources_dir

SYSTEM_CONFIG = Path("/etc/rebuttal-lab/config.toml")
SYSTEM_CONFIG_ENV = "REBUTTAL_LAB_SYSTEM_CONFIG"


@dataclass(frozen=True)
class DrillPreset:
    name: str
    speech_minutes: float
    prep_minutes: float


@dataclass
class Settings:
    words_per_minute: int = 150          # speaking pace for "speaking time"
    typing_words_per_minute: int = 40    # writing pace, to size a drill's writing time
    font_point_size: int = 12
    class_folder: str = ""
    students_may_import: bool = True
    student_name: str = "Student"
    drill_presets: list[DrillPreset] = field(default_factory=list)
    locked: frozenset[str] = frozenset()
    problems: list[str] = field(default_factory=list)
    user_file: Path | None = None

    # Only these may come from the user's file (and only when the machine config does not lock them).
    USER_KEYS = ("words_per_minute", "typing_words_per_minute", "font_point_size", "class_folder", "student_name")

    @property
    def writing_factor(self) -> float:
        """How many minutes of typing one minute of speech takes."""
        return self.words_per_minute / max(1, self.typing_words_per_minute)

    def set(self, key: str, value) -> None:
        """Change a user setting and write it to the user's file."""
        if key not in self.USER_KEYS:
            raise KeyError(f"{key} is not a user setting")
        if key in self.locked:
            raise PermissionError(f"{key} is set by this machine's administrator")
        setattr(self, key, value)
        self.save()

    def save(self) -> None:
        if not self.user_file:
            return
        data = {k: getattr(self, k) for k in self.USER_KEYS if k not in self.locked}
        self.user_file.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.user_file.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, indent=2), encoding="utf-8")
        tmp.replace(self.user_file)


# Keys the machine-wide file may set (students_may_import only there: a user cannot grant it to themselves).
SYSTEM_KEYS = Settings.USER_KEYS + ("students_may_import",)


def _presets(raw: list, origin: str, problems: list[str]) -> list[DrillPreset]:
    presets = []
    for item in raw:
        try:
            presets.append(
                DrillPreset(str(item["name"]), float(item["speech"]), float(item.get("prep", 0)))
            )
        except (KeyError, TypeError, ValueError):
            problems.append(f"{origin}: ignored a drill preset without a name and a speech time: {item!r}")
    return presets


def _apply(settings: Settings, data: dict, origin: str, allowed: tuple[str, ...]) -> None:
    defaults = Settings()
    for key, value in data.items():
        if key not in allowed:
            continue
        expected = type(getattr(defaults, key))
        if expected is int and isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
            setattr(settings, key, int(value))
        elif expected is bool and isinstance(value, bool) or expected is str and isinstance(value, str):
            setattr(settings, key, value)
        else:
            settings.problems.append(f"{origin}: ignored {key} = {value!r} (expected {expected.__name__})")


def load_settings(user_dir: Path | None = None, system_file: Path | None = None) -> Settings:
    settings = Settings()
    problems = settings.problems
    try:
        bundled = tomllib.loads((resources_dir() / "drill_presets.toml").read_text(encoding="utf-8"))
        settings.drill_presets = _presets(bundled.get("preset", []), "drill_presets.toml", problems)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        problems.append(f"drill_presets.toml: {exc}")

    system_file = system_file or Path(os.environ.get(SYSTEM_CONFIG_ENV, SYSTEM_CONFIG))
    if system_file.exists():
        try:
            system = tomllib.loads(system_file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            problems.append(f"{system_file}: not valid TOML, using the defaults ({exc})")
            system = {}
        _apply(settings, system, str(system_file), SYSTEM_KEYS)
        settings.drill_presets += _presets(system.get("drill_presets", []), str(system_file), problems)
        locked = system.get("locked", [])
        settings.locked = frozenset(k for k in locked if isinstance(k, str))

    user_dir = user_dir or app_data_dir()
    settings.user_file = user_dir / "settings.json"
    if settings.user_file.exists():
        try:
            user = json.loads(settings.user_file.read_text(encoding="utf-8"))
            if not isinstance(user, dict):
                raise ValueError("not a JSON object")
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            problems.append(f"{settings.user_file}: unreadable, using the defaults ({exc})")
            user = {}
        allowed = tuple(k for k in Settings.USER_KEYS if k not in settings.locked)
        _apply(settings, user, str(settings.user_file), allowed)
    return settings


def as_dict(settings: Settings) -> dict:
    data = asdict(settings)
    data["locked"] = sorted(settings.locked)
    data["user_file"] = str(settings.user_file) if settings.user_file else None
    return data
