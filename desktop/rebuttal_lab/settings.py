"""One typed settings object: built-in defaults < machine-wide config < the user's own choices.

The machine-wide file (/etc/rebuttal-lab/config.toml; %PROGRAMDATA%\\RebuttalLab\\config.toml on Windows;
/Library/Application Support/RebuttalLab/config.toml on macOS; or $REBUTTAL_LAB_SYSTEM_CONFIG) is written by
classroom IT; keys it lists under `locked` cannot be changed by users. User choices live in
settings.json beside the database. A malformed file is reported in `problems` and ignored: never a crash.
No Qt here, so the CLI and tests can use it too.

packaging/config.toml is the documented example of the machine-wide file (installed as the .deb's conffile).
"""

from __future__ import annotations

import json
import math
import os
import sys
import tomllib
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .paths import app_data_dir, resources_dir

SYSTEM_CONFIG = Path("/etc/rebuttal-lab/config.toml")
SYSTEM_CONFIG_ENV = "REBUTTAL_LAB_SYSTEM_CONFIG"


def default_system_config() -> Path:
    """Where the machine-wide file lives on this platform (the installers put the example there)."""
    if sys.platform == "win32":
        return Path(os.environ.get("PROGRAMDATA") or r"C:\ProgramData") / "RebuttalLab" / "config.toml"
    if sys.platform == "darwin":
        return Path("/Library/Application Support/RebuttalLab/config.toml")
    return SYSTEM_CONFIG

# Sensible bounds for the numbers; a value outside them is reported and the default kept.
_RANGES = {
    "words_per_minute": (20, 600),
    "typing_words_per_minute": (1, 300),
    "font_point_size": (6, 72),
}
_TYPES = {
    "words_per_minute": int,
    "typing_words_per_minute": int,
    "font_point_size": int,
    "class_folder": str,
    "student_name": str,
    "students_may_import": bool,
}


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
    # What the user chose themselves (from settings.json or .set); only these are written back, so a
    # value that came from the machine-wide file is not frozen into the user's file by an unrelated save.
    user_values: dict = field(default_factory=dict, repr=False, compare=False)

    # Only these may come from the user's file (and only when the machine config does not lock them).
    USER_KEYS = ("words_per_minute", "typing_words_per_minute", "font_point_size", "class_folder", "student_name")

    @property
    def writing_factor(self) -> float:
        """How many minutes of typing one minute of speech takes."""
        return self.words_per_minute / max(1, self.typing_words_per_minute)

    def set(self, key: str, value) -> None:
        """Change a user setting and write it to the user's file.

        KeyError: not a user setting; PermissionError: locked by the machine config; ValueError: bad value.
        """
        if key not in self.USER_KEYS:
            raise KeyError(f"{key} is not a user setting")
        if key in self.locked:
            raise PermissionError(f"{key} is set by this machine's administrator")
        ok, converted, why = _convert(key, value)
        if not ok:
            raise ValueError(f"{key} = {value!r}: {why}")
        setattr(self, key, converted)
        self.user_values[key] = converted
        self.save()

    def save(self) -> None:
        if not self.user_file:
            return
        data = {k: v for k, v in self.user_values.items() if k in self.USER_KEYS and k not in self.locked}
        self.user_file.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.user_file.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, indent=2), encoding="utf-8")
        tmp.replace(self.user_file)


# Keys the machine-wide file may set (students_may_import only there: a user cannot grant it to themselves).
SYSTEM_KEYS = Settings.USER_KEYS + ("students_may_import",)


def _convert(key: str, value) -> tuple[bool, object, str]:
    """(ok, converted value, reason when not ok) for one setting."""
    expected = _TYPES[key]
    if expected is int:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return False, None, "expected a whole number"
        if not math.isfinite(value) or value != int(value):
            return False, None, "expected a whole number"
        low, high = _RANGES[key]
        if not low <= int(value) <= high:
            return False, None, f"expected a number from {low} to {high}"
        return True, int(value), ""
    if expected is bool:
        return (True, value, "") if isinstance(value, bool) else (False, None, "expected true or false")
    if not isinstance(value, str) or "\x00" in value:
        return False, None, "expected text"
    if key == "student_name":
        value = " ".join(value.split())
        if not value or len(value) > 100:
            return False, None, "expected a name of 1 to 100 characters"
    return True, value, ""


def _number(value) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError("not a number")
    return float(value)


def _presets(raw, origin: str, problems: list[str]) -> list[DrillPreset]:
    if not isinstance(raw, list):
        problems.append(f"{origin}: drill presets must be a list of tables ([[...]]), ignored")
        return []
    presets = []
    for item in raw:
        try:
            name, speech = item["name"], _number(item["speech"])
            prep = _number(item.get("prep", 0))
            if not isinstance(name, str) or not name.strip() or speech <= 0 or prep < 0:
                raise ValueError("bad values")
            presets.append(DrillPreset(name.strip(), speech, prep))
        except (KeyError, TypeError, ValueError, AttributeError):
            problems.append(f"{origin}: ignored a drill preset without a name and a speech time: {item!r}")
    return presets


def _apply(settings: Settings, data: dict, origin: str, allowed: tuple[str, ...]) -> dict:
    """Copy the valid allowed keys of `data` onto settings; return what was applied."""
    applied = {}
    for key, value in data.items():
        if key not in allowed:
            continue
        ok, converted, why = _convert(key, value)
        if ok:
            setattr(settings, key, converted)
            applied[key] = converted
        else:
            settings.problems.append(f"{origin}: ignored {key} = {value!r} ({why})")
    return applied


def _system_path(system_file: Path | None) -> Path:
    if system_file:
        return Path(system_file)
    env = os.environ.get(SYSTEM_CONFIG_ENV)
    return Path(env) if env else default_system_config()


def load_settings(user_dir: Path | None = None, system_file: Path | None = None) -> Settings:
    settings = Settings()
    problems = settings.problems
    try:
        bundled = tomllib.loads((resources_dir() / "drill_presets.toml").read_text(encoding="utf-8-sig"))
        settings.drill_presets = _presets(bundled.get("preset", []), "drill_presets.toml", problems)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        problems.append(f"drill_presets.toml: {exc}")

    system_file = _system_path(system_file)
    if system_file.is_file():
        try:
            system = tomllib.loads(system_file.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            problems.append(f"{system_file}: not valid TOML, using the defaults ({exc})")
            system = {}
        _apply(settings, system, str(system_file), SYSTEM_KEYS)
        unknown = sorted(set(system) - set(SYSTEM_KEYS) - {"locked", "drill_presets"})
        if unknown:
            problems.append(f"{system_file}: unknown keys ignored: {', '.join(unknown)}")
        if "drill_presets" in system:
            settings.drill_presets += _presets(system["drill_presets"], str(system_file), problems)
        locked = system.get("locked", [])
        if not isinstance(locked, list):
            problems.append(f"{system_file}: locked must be a list of key names, e.g. locked = [\"words_per_minute\"]")
            locked = []
        bad = [k for k in locked if k not in SYSTEM_KEYS]
        if bad:
            problems.append(f"{system_file}: locked lists unknown keys, ignored: {bad!r}")
        settings.locked = frozenset(k for k in locked if k in SYSTEM_KEYS)
    elif system_file.exists():
        problems.append(f"{system_file}: not a file, ignored")

    user_dir = Path(user_dir) if user_dir else app_data_dir()
    settings.user_file = user_dir / "settings.json"
    if settings.user_file.exists():
        try:
            user = json.loads(settings.user_file.read_text(encoding="utf-8-sig"))
            if not isinstance(user, dict):
                raise ValueError("not a JSON object")
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            problems.append(f"{settings.user_file}: unreadable, using the defaults ({exc})")
            user = {}
        allowed = tuple(k for k in Settings.USER_KEYS if k not in settings.locked)
        settings.user_values = _apply(settings, user, str(settings.user_file), allowed)
    return settings


def as_dict(settings: Settings) -> dict:
    data = asdict(settings)
    data.pop("user_values", None)
    data["locked"] = sorted(settings.locked)
    data["user_file"] = str(settings.user_file) if settings.user_file else None
    return data
