"""The installer, checked as IT staff and a student would use it.

Builds the package with `make package` (a no-op when build/deb is newer than every input), extracts the
.deb into a scratch root with `dpkg -x`, and runs the packaged program from there with no Python on PATH:
--version, `score` on a bundled practice article, the GUI's --smoke-test offscreen, the machine-wide
config, importing HTML/Word files. Also: the package's layout and metadata, lintian, and (as root) a full
dpkg install / upgrade / remove / purge cycle in a scratch root that must leave users' data alone.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
DEB_DIR = REPO / "build" / "deb"
APP = "opt/rebuttal-lab"
SMOKE_MESSAGE = "smoke-test: painted main window"
MB = 1024 * 1024

needs_dpkg = pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="dpkg-deb is not available")


@pytest.fixture(scope="module")
def deb() -> Path:
    if shutil.which("dpkg-deb") is None or shutil.which("make") is None:
        pytest.skip("building the .deb needs make and dpkg-deb (Debian/Ubuntu)")
    build = subprocess.run(["make", "-C", str(REPO), "package"], capture_output=True, text=True, timeout=3600)
    assert build.returncode == 0, f"make package failed:\n{build.stdout[-4000:]}\n{build.stderr[-4000:]}"
    debs = sorted(DEB_DIR.glob("rebuttal-lab_*.deb"))
    assert len(debs) == 1, debs
    return debs[0]


@pytest.fixture(scope="module")
def root(deb, tmp_path_factory) -> Path:
    """The package's files, as `dpkg -x` lays them out (no maintainer scripts)."""
    target = tmp_path_factory.mktemp("scratch-root")
    subprocess.run(["dpkg-deb", "-x", str(deb), str(target)], check=True)
    return target


@pytest.fixture(scope="module")
def control(deb) -> dict[str, str]:
    text = subprocess.run(["dpkg-deb", "-f", str(deb)], check=True, capture_output=True, text=True).stdout
    fields, key = {}, None
    for line in text.splitlines():
        if line.startswith(" ") and key:
            fields[key] += "\n" + line
        else:
            key, _, value = line.partition(":")
            fields[key] = value.strip()
    return fields


def user_env(home: Path, **extra: str) -> dict[str, str]:
    """A student's environment: their own HOME, no display, and nothing of the developer's Python."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PYTHON", "VIRTUAL_ENV", "REBUTTAL_LAB", "XDG_", "QT_"))}
    env.update(HOME=str(home), PATH="/usr/bin:/bin", QT_QPA_PLATFORM="offscreen", LANG="C.UTF-8",
               REBUTTAL_LAB_SYSTEM_CONFIG=str(home / "no-machine-config.toml"))
    env.update(extra)
    return env


def run_app(root: Path, *args: str, home: Path, timeout: float = 120, **env: str):
    home.mkdir(parents=True, exist_ok=True)
    return subprocess.run([str(root / "usr/bin/rebuttal-lab"), *args], capture_output=True, text=True,
                          env=user_env(home, **env), timeout=timeout, cwd=home)


# --- what is in the package ------------------------------------------------------------------------------

@needs_dpkg
def test_layout_of_the_package(root):
    app = root / APP
    internal = app / "_internal"
    assert os.access(app / "rebuttal-lab", os.X_OK)
    assert os.access(root / "usr/bin/rebuttal-lab", os.X_OK)
    # Bundled data at the top of the data root (sys._MEIPASS), as rebuttal_lab.paths expects.
    for rel in ("resources/drill_presets.toml", "db/migrations/0001_initial.sql", "icons/rebuttal-lab.svg"):
        assert (internal / rel).is_file(), rel
    built = (DEB_DIR / ".built").stat().st_mtime if (DEB_DIR / ".built").exists() else float("inf")
    for rel in sorted(p.relative_to(REPO) for p in (REPO / "resources").rglob("*")
                      if p.is_file() and "__pycache__" not in p.parts and p.stat().st_mtime < built - 300
                      and p.suffix != ".py" and "eval" not in p.parts):  # dev-only, left out by the spec
        assert (internal / rel).is_file(), f"{rel} is not in the bundle"
    assert list((internal / "resources/articles").glob("*.md"))
    assert list((internal / "resources/lexicon").glob("*.txt"))
    assert not (internal / "resources/eval").exists()
    assert {p.name for p in (internal / "db/migrations").iterdir()} >= {
        p.name for p in (REPO / "db/migrations").glob("*.sql") if p.stat().st_mtime < built - 300}
    # Desktop integration.
    desktop = (root / "usr/share/applications/rebuttal-lab.desktop").read_text("utf-8")
    assert "Exec=rebuttal-lab" in desktop and "Icon=rebuttal-lab" in desktop
    for size in (16, 32, 48, 64, 128, 256):
        png = root / f"usr/share/icons/hicolor/{size}x{size}/apps/rebuttal-lab.png"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert int.from_bytes(png.read_bytes()[16:20], "big") == size  # IHDR width
    assert (root / "usr/share/icons/hicolor/scalable/apps/rebuttal-lab.svg").is_file()
    metainfo = (root / "usr/share/metainfo/org.rebuttallab.RebuttalLab.metainfo.xml").read_text("utf-8")
    assert "<launchable type=\"desktop-id\">rebuttal-lab.desktop</launchable>" in metainfo
    assert "@VERSION@" not in metainfo
    mime = (root / "usr/share/mime/packages/rebuttal-lab.xml").read_text("utf-8")
    assert 'pattern="*.rlab"' in mime and 'pattern="*.rlabpack"' in mime
    assert (root / "usr/share/man/man1/rebuttal-lab.1.gz").is_file()
    assert (root / "usr/share/doc/rebuttal-lab/copyright").is_file()
    assert (root / "etc/rebuttal-lab/config.toml").read_text("utf-8") == (
        REPO / "packaging/config.toml").read_text("utf-8")
    # Nothing in users' homes, ever.
    assert not (root / "home").exists() and not (root / "root").exists()


@needs_dpkg
def test_desktop_entry_metainfo_and_mime_types_validate(root, tmp_path):
    """With the freedesktop tools when they are installed (desktop-file-utils, appstream, shared-mime-info)."""
    checks = [
        ("desktop-file-validate", [str(root / "usr/share/applications/rebuttal-lab.desktop")]),
        ("appstreamcli", ["validate", "--no-net",
                          str(root / "usr/share/metainfo/org.rebuttallab.RebuttalLab.metainfo.xml")]),
    ]
    ran = 0
    for tool, args in checks:
        if shutil.which(tool):
            result = subprocess.run([tool, *args], capture_output=True, text=True, timeout=120)
            assert result.returncode == 0, f"{tool}: {result.stdout}{result.stderr}"
            ran += 1
    if shutil.which("update-mime-database"):
        mime = tmp_path / "mime"
        shutil.copytree(root / "usr/share/mime/packages", mime / "packages")
        result = subprocess.run(["update-mime-database", "-V", str(mime)], capture_output=True, text=True)
        assert result.returncode == 0 and "error" not in result.stderr.lower(), result.stderr
        globs = (mime / "globs2").read_text("utf-8")
        assert "application/x-rebuttal-lab-bundle:*.rlab" in globs
        assert "application/x-rebuttal-lab-pack:*.rlabpack" in globs
        ran += 1
    if not ran:
        pytest.skip("desktop-file-validate, appstreamcli and update-mime-database are not installed")


@needs_dpkg
def test_unneeded_parts_are_left_out(root):
    internal = root / APP / "_internal"
    names = {p.relative_to(internal).as_posix() for p in internal.rglob("*")}
    unwanted = re.compile(r"Qt6(Qml|Quick|WebEngine|3D|Multimedia|Pdf|Designer|Network)|/translations/|"
                          r"babel/locale-data/(?!(en|root)\.dat)|tkinter|_pytest|hypothesis|PyInstaller/")
    assert not sorted(n for n in names if unwanted.search(n))
    dangling = [p for p in internal.rglob("*") if p.is_symlink() and not p.exists()]
    assert not dangling


@needs_dpkg
def test_control_metadata(control, deb, root):
    assert control["Package"] == "rebuttal-lab"
    sys.path.insert(0, str(REPO / "desktop"))
    from rebuttal_lab import __version__

    assert control["Version"] == __version__
    depends = {d.split()[0] for d in re.split(r",\s*", control["Depends"])}
    assert depends >= {"libc6", "libegl1", "libxkbcommon0", "libfontconfig1", "libgl1", "libdbus-1-3",
                       "libxcb-cursor0", "libxcb1", "libx11-6", "libglib2.0-0", "libsqlite3-0"}
    conffiles = subprocess.run(["dpkg-deb", "--ctrl-tarfile", str(deb)], check=True, capture_output=True).stdout
    assert b"./conffiles" in conffiles
    listing = subprocess.run(["dpkg-deb", "-I", str(deb), "conffiles"], check=True, capture_output=True,
                             text=True).stdout
    assert listing.split() == ["/etc/rebuttal-lab/config.toml"]


@needs_dpkg
def test_size_budgets(control, deb):
    installed_mb = int(control["Installed-Size"]) / 1024
    assert installed_mb <= 150, f"unpacked install is {installed_mb:.0f} MB (budget 150 MB)"
    assert deb.stat().st_size <= 55 * MB, f".deb is {deb.stat().st_size / MB:.0f} MB (budget 55 MB)"


@needs_dpkg
def test_every_library_the_bundle_links_is_bundled_or_a_dependency(root, control):
    """ldd over the bundle: anything not found must be a system library the package depends on."""
    depends = control["Depends"]
    internal = root / APP / "_internal"
    ours = re.compile(r"^lib(Qt6|icu|pyside6|shiboken6|python3)")
    missing = {}
    for file in [root / APP / "rebuttal-lab", *internal.rglob("*.so*")]:
        if file.is_symlink() or not file.is_file() or file.read_bytes()[:4] != b"\x7fELF":
            continue
        out = subprocess.run(["ldd", str(file)], capture_output=True, text=True,
                             env=dict(os.environ, LD_LIBRARY_PATH=str(internal))).stdout
        for soname in re.findall(r"^\s*(\S+) => not found", out, re.M):
            missing.setdefault(soname, file.name)
    assert not {k: v for k, v in missing.items() if ours.match(k)}, "bundled libraries are missing"
    packages = {"libxcb-icccm.so.4": "libxcb-icccm4", "libxcb-keysyms.so.1": "libxcb-keysyms1",
                "libxcb-cursor.so.0": "libxcb-cursor0", "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
                "libxcb-image.so.0": "libxcb-image0", "libxcb-render-util.so.0": "libxcb-render-util0",
                "libxcb-util.so.1": "libxcb-util1", "libwayland-cursor.so.0": "libwayland-cursor0",
                "libwayland-egl.so.1": "libwayland-egl1", "libwayland-client.so.0": "libwayland-client0"}
    for soname in missing:
        assert packages.get(soname, "?") in depends, f"{soname} (needed by {missing[soname]}) is not covered"


# --- the packaged program ---------------------------------------------------------------------------------

@needs_dpkg
def test_version(root, tmp_path):
    from rebuttal_lab import __version__

    result = run_app(root, "--version", home=tmp_path / "home")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"rebuttal-lab {__version__}"


@needs_dpkg
def test_score_prints_the_scorers_json_contract(root, tmp_path):
    article = root / APP / "_internal/resources/articles/01-school-start-times.md"
    key = json.loads((REPO / "resources/articles/keys/01-school-start-times.json").read_text("utf-8"))
    claims = [{"id": c["id"], "quote": c["quote"]} for c in key["claims"][:3]]
    (tmp_path / "claims.json").write_text(json.dumps(claims), "utf-8")
    (tmp_path / "rebuttal.txt").write_text(
        "My opponent says no school should begin before 9 a.m., but that is wrong: a later start means "
        "later buses and less time for sport. The body clock point is exaggerated, because a 2019 study "
        "found only a twenty-minute shift.", "utf-8")
    result = run_app(root, "score", str(article), "--claims", str(tmp_path / "claims.json"),
                     "--rebuttal", str(tmp_path / "rebuttal.txt"), "--format", "json",
                     home=tmp_path / "home", REBUTTAL_LAB_DB=str(tmp_path / "score.db"))
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert isinstance(report["scorer_version"], str) and 0.0 <= report["overall"] <= 1.0
    assert [c["id"] for c in report["claims"]] == [c["id"] for c in claims]
    for claim in report["claims"]:
        assert 0.0 <= claim["coverage"] <= 1.0
        assert claim["verdict"] in {"rebutted", "touched", "missed"}
        assert all(len(pair) == 2 for pair in claim["sentences"])
        assert all(len(triple) == 3 for triple in claim["matched"])
        assert isinstance(claim["moves"], list) and isinstance(claim["feedback"], str) and claim["feedback"]
    assert report["overall"] > 0.0  # the rebuttal answers something: the bundled lexicons were found
    # Same answer as the source tree gives.
    source = subprocess.run(
        [sys.executable, "-m", "rebuttal_lab", "score", str(REPO / "resources/articles/01-school-start-times.md"),
         "--claims", str(tmp_path / "claims.json"), "--rebuttal", str(tmp_path / "rebuttal.txt"),
         "--format", "json", "--db", str(tmp_path / "source.db")],
        capture_output=True, text=True, cwd=REPO, timeout=120,
        env=dict(os.environ, PYTHONPATH=str(REPO / "desktop")))
    assert source.returncode == 0, source.stderr
    assert json.loads(source.stdout) == report


@needs_dpkg
def test_gui_paints_its_main_window_and_exits(root, tmp_path):
    home = tmp_path / "home"
    result = run_app(root, "--smoke-test", home=home)
    assert result.returncode == 0, result.stderr
    assert SMOKE_MESSAGE in result.stdout
    assert "Traceback" not in result.stderr
    # The database was created in the student's own data folder, with the practice articles.
    db = home / ".local/share/RebuttalLab/rebuttal-lab/rebuttal-lab.db"
    assert db.is_file()
    articles = run_app(root, "articles", "--format", "json", home=home)
    assert articles.returncode == 0, articles.stderr
    assert len(json.loads(articles.stdout)) >= 5


@needs_dpkg
def test_machine_wide_config_is_honoured(root, tmp_path):
    """IT's config names the student; the packaged GUI creates that profile, the CLI then lists it."""
    config = tmp_path / "config.toml"
    config.write_text('student_name = "Pat Config"\nwords_per_minute = 120\nlocked = ["student_name"]\n'
                      '[[drill_presets]]\nname = "Class drill"\nspeech = 3\n', "utf-8")
    home = tmp_path / "home"
    result = run_app(root, "--smoke-test", home=home, REBUTTAL_LAB_SYSTEM_CONFIG=str(config))
    assert result.returncode == 0, result.stderr
    students = run_app(root, "sessions", "--student", "nobody", home=home)
    assert students.returncode == 1
    assert "Pat Config" in students.stderr


@needs_dpkg
def test_machine_wide_class_folder_reaches_the_packaged_cli(root, tmp_path):
    """`bundle collect` reads class_folder from the settings when --folder is not given."""
    home = tmp_path / "home"
    if "bundle" not in run_app(root, "--help", home=home).stdout:
        pytest.skip("this build's CLI has no `bundle` command yet")
    folder = tmp_path / "class folder"
    folder.mkdir()
    config = tmp_path / "config.toml"
    config.write_text(f"class_folder = {json.dumps(str(folder))}\n", "utf-8")
    db = str(tmp_path / "collect.db")
    without = run_app(root, "bundle", "collect", "--db", db, home=home)
    assert without.returncode != 0 and "no class folder" in without.stderr
    with_config = run_app(root, "bundle", "collect", "--db", db, home=home, REBUTTAL_LAB_SYSTEM_CONFIG=str(config))
    assert "no class folder" not in with_config.stderr
    assert with_config.returncode == 0 or str(folder) in with_config.stderr, with_config.stderr


@needs_dpkg
def test_malformed_machine_config_does_not_stop_the_app(root, tmp_path):
    config = tmp_path / "config.toml"
    config.write_text("words_per_minute = = fast\n[[[", "utf-8")
    result = run_app(root, "--smoke-test", home=tmp_path / "home", REBUTTAL_LAB_SYSTEM_CONFIG=str(config))
    assert result.returncode == 0, result.stderr
    assert SMOKE_MESSAGE in result.stdout


@needs_dpkg
def test_importing_html_and_word_files_with_the_packaged_app(root, tmp_path):
    """trafilatura (with babel's locale data trimmed), justext, lxml and python-docx work when frozen."""
    paragraph = ("Homework should be abolished in primary schools because it widens the gap between "
                 "children whose parents can help and children whose parents cannot. ")
    (tmp_path / "homework.html").write_text(
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Abolish homework</title>"
        "<meta name='author' content='Ana Example'><meta name='date' content='2024-05-02'></head><body>"
        "<nav><a href='/'>Home</a> | <a href='/news'>News</a></nav><article><h1>Abolish homework</h1>"
        f"<p>{paragraph * 6}</p><p>Published on 2 May 2024. {paragraph * 4}</p></article>"
        "<footer>Cookie policy</footer></body></html>", "utf-8")
    import docx

    document = docx.Document()
    document.add_heading("Ban phones in class", level=1)
    for _ in range(5):
        document.add_paragraph("Phones in class distract students, so schools should collect them at the "
                               "door and hand them back at the end of the day.")
    document.save(tmp_path / "phones.docx")
    home = tmp_path / "home"
    db = str(tmp_path / "import.db")
    result = run_app(root, "import", str(tmp_path / "homework.html"), str(tmp_path / "phones.docx"),
                     "--db", db, home=home)
    assert result.returncode == 0, result.stdout + result.stderr
    listed = run_app(root, "articles", "--format", "json", "--db", db, home=home)
    assert listed.returncode == 0, listed.stderr
    titles = json.dumps(json.loads(listed.stdout))
    assert "Abolish homework" in titles and "Ban phones in class" in titles


@needs_dpkg
def test_lintian_reports_no_errors(deb):
    if shutil.which("lintian") is None:
        pytest.skip("lintian is not installed (apt-get install lintian)")
    result = subprocess.run(["lintian", "--tag-display-limit", "0", str(deb)], capture_output=True, text=True,
                            timeout=600)
    errors = [line for line in result.stdout.splitlines() if line.startswith("E:")]
    assert not errors, "\n".join(errors)


# --- installing, upgrading and removing with dpkg ---------------------------------------------------------

def dpkg(admin_root: Path, *args: str) -> subprocess.CompletedProcess:
    # --force-script-chrootless: run the maintainer scripts without chroot, with $DPKG_ROOT set (ours
    # honour it); --force-depends: the scratch root has no libc6 etc. registered.
    return subprocess.run(["dpkg", f"--root={admin_root}", "--force-depends", "--force-script-chrootless",
                           "--force-confold", *args], capture_output=True, text=True, timeout=600)


@needs_dpkg
@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="dpkg --root needs root")
def test_install_upgrade_remove_purge_keep_users_data(deb, tmp_path):
    target = tmp_path / "machine"
    for sub in ("info", "updates", "triggers"):
        (target / "var/lib/dpkg" / sub).mkdir(parents=True)
    for name in ("status", "available"):
        (target / "var/lib/dpkg" / name).touch()

    first = dpkg(target, "-i", str(deb))
    assert first.returncode == 0, first.stderr
    assert (target / APP / "rebuttal-lab").is_file()

    # A student uses the app; IT edits the machine config.
    home = target / "home/student"
    started = run_app(target, "--smoke-test", home=home)
    assert started.returncode == 0, started.stderr
    data = home / ".local/share/RebuttalLab/rebuttal-lab"
    db = data / "rebuttal-lab.db"
    assert db.is_file()
    before = {p.relative_to(data): p.read_bytes() for p in data.rglob("*") if p.is_file()}
    config = target / "etc/rebuttal-lab/config.toml"
    config.write_text(config.read_text("utf-8") + '\nstudent_name = "Room 12"\n', "utf-8")

    # Upgrade to a newer version of the same package (re-versioned copy of this build).
    unpacked = tmp_path / "unpacked"
    subprocess.run(["dpkg-deb", "-R", str(deb), str(unpacked)], check=True)
    control = unpacked / "DEBIAN/control"
    version = re.search(r"^Version: (.+)$", control.read_text("utf-8"), re.M).group(1)
    control.write_text(control.read_text("utf-8").replace(f"Version: {version}", f"Version: {version}+up1"))
    newer = tmp_path / "newer.deb"
    subprocess.run(["dpkg-deb", "--root-owner-group", "-Znone", "-b", str(unpacked), str(newer)], check=True,
                   capture_output=True)
    upgrade = dpkg(target, "-i", str(newer))
    assert upgrade.returncode == 0, upgrade.stderr
    assert 'student_name = "Room 12"' in config.read_text("utf-8"), "the conffile edit was lost"
    after = {p.relative_to(data): p.read_bytes() for p in data.rglob("*") if p.is_file()}
    assert after == before, "the package touched a user's data"
    again = run_app(target, "--smoke-test", home=home, REBUTTAL_LAB_SYSTEM_CONFIG=str(config))
    assert again.returncode == 0, again.stderr
    students = run_app(target, "sessions", "--student", "nobody", home=home)
    assert "Room 12" in students.stderr  # the upgraded app read the kept config and the old database

    # Remove: program gone, machine config and user data kept.
    removed = dpkg(target, "-r", "rebuttal-lab")
    assert removed.returncode == 0, removed.stderr
    assert not (target / APP).exists() and not (target / "usr/bin/rebuttal-lab").exists()
    assert config.is_file()
    assert db.is_file()

    # Purge: machine config gone too; user data still kept.
    purged = dpkg(target, "-P", "rebuttal-lab")
    assert purged.returncode == 0, purged.stderr
    assert not (target / "etc/rebuttal-lab").exists()
    assert db.is_file()
