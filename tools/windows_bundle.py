"""Build the offline Windows bundle: ``make windows-bundle`` (``python -m tools.windows_bundle``).

One zip, ``dist/ntm-tracker-VERSION-windows.zip``, holding a folder ``ntm-tracker/`` with

- ``wheels/``: ntm's wheel and every wheel ``ntm-tracker[docx,xlsx]`` needs on 64-bit
  Windows for CPython 3.10 to 3.13, one file once (pure-Python wheels serve all four);
- ``cai_dat.py``: the install (a venv for the user, pip ``--no-index`` from ``wheels/``);
- ``cai-dat.cmd`` (double-clicked: finds Python with ``py``, runs ``cai_dat.py``) and
  ``ntm.cmd`` (runs the installed ntm in UTF-8 mode), with CRLF line ends;
- ``HUONG-DAN.txt``, the clerk's instructions (UTF-8 with a BOM, which every Notepad
  reads as UTF-8), and ``LICENSE.txt``.

The wheels come from ``pip download --only-binary=:all: --platform win_amd64
--python-version 3.X``. pip evaluates environment markers for the machine it runs on, not
for the target, so a dependency that only Windows needs (typer's ``colorama;
platform_system == "Windows"``) is not fetched that way: after each download the builder
walks the requirements of the wheels itself, with Windows' markers, and fetches what is
missing. The file list depends only on what the index serves; the zip's bytes on nothing
else (sorted entries, fixed times and modes).

``--platform host`` builds the same bundle for this machine instead (wheels for the
running Python), which is how the install is tried on Linux.
"""

from __future__ import annotations

import argparse
import email.parser
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.tags import Tag, compatible_tags, cpython_tags, sys_tags
from packaging.utils import canonicalize_name, parse_wheel_filename
from packaging.version import Version

from tools.windows import cai_dat

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = Path(__file__).resolve().parent / "windows"
PYTHONS = ("3.10", "3.11", "3.12", "3.13")
TOP = "ntm-tracker"  # the folder the zip unpacks to; no version, so a new one goes over it
ROOT_REQUIREMENT = f"ntm-tracker[{cai_dat.EXTRAS}]"
BOM = b"\xef\xbb\xbf"
# name in the bundle: (file in the repository, CRLF line ends, UTF-8 BOM)
FILES = {
    "cai-dat.cmd": (SCRIPTS / "cai-dat.cmd", True, False),
    "ntm.cmd": (SCRIPTS / "ntm.cmd", True, False),
    "HUONG-DAN.txt": (SCRIPTS / "HUONG-DAN.txt", True, True),
    "cai_dat.py": (SCRIPTS / "cai_dat.py", False, False),
    "LICENSE.txt": (ROOT / "LICENSE", True, False),
}


@dataclass(frozen=True)
class Target:
    """A Python the wheels are for: CPython ``python`` on ``platform`` (None: this one)."""

    python: str
    platform: str | None = "win_amd64"

    @property
    def version(self) -> tuple[int, int]:
        major, minor = self.python.split(".")
        return int(major), int(minor)

    def pip_options(self) -> list[str]:
        """Wheels only (the office's PCs have no compiler), for this target."""
        if self.platform is None:
            return ["--only-binary=:all:"]
        return ["--only-binary=:all:", "--platform", self.platform,
                "--python-version", self.python, "--implementation", "cp"]  # fmt: skip

    def tags(self) -> set[Tag]:
        if self.platform is None:
            return set(sys_tags())
        platforms = [self.platform]
        return {
            *cpython_tags(self.version, platforms=platforms),
            *compatible_tags(self.version, f"cp{self.version[0]}{self.version[1]}", platforms),
        }

    def environment(self) -> dict[str, str]:
        """The values of environment markers on this target."""
        env = {key: str(value) for key, value in default_environment().items()}
        if self.platform is None:
            return env
        env.update(
            implementation_name="cpython",
            platform_python_implementation="CPython",
            python_version=self.python,
            python_full_version=f"{self.python}.0",
            implementation_version=f"{self.python}.0",
        )
        if self.platform.startswith("win"):
            env.update(os_name="nt", sys_platform="win32", platform_system="Windows",
                       platform_machine="AMD64", platform_release="10",
                       platform_version="10.0.19045")  # fmt: skip
        return env


WINDOWS = tuple(Target(p) for p in PYTHONS)
Download = Callable[[list[str], Target, Path], None]


def pip_download(requirements: list[str], target: Target, dest: Path) -> None:
    """``pip download`` into ``dest`` (a file already there is not fetched again)."""
    command = [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check",
               "--dest", str(dest), *target.pip_options(), *requirements]  # fmt: skip
    subprocess.run(command, check=True)


def build_wheel(source: Path, dest: Path, isolation: bool = True) -> Path:
    """ntm's own wheel, built from ``source`` into ``dest``."""
    with tempfile.TemporaryDirectory() as scratch:
        offline = [] if isolation else ["--no-build-isolation"]
        command = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", *offline,
                   "--disable-pip-version-check", "--wheel-dir", scratch, str(source)]  # fmt: skip
        # file times in the wheel from SOURCE_DATE_EPOCH: the same source, the same bytes
        env = {"SOURCE_DATE_EPOCH": "315532800", **os.environ}
        subprocess.run(command, check=True, env=env)
        (built,) = Path(scratch).glob("ntm_tracker-*.whl")
        dest.mkdir(parents=True, exist_ok=True)
        return Path(shutil.copy2(built, dest))


class Metadata(NamedTuple):
    requires_python: SpecifierSet
    requires: list[Requirement]


def metadata(wheel: Path) -> Metadata:
    with zipfile.ZipFile(wheel) as z:
        (name,) = [n for n in z.namelist() if n.endswith(".dist-info/METADATA")]
        fields = email.parser.BytesHeaderParser().parsebytes(z.read(name))
    return Metadata(
        SpecifierSet(fields.get("Requires-Python") or ""),
        [Requirement(line) for line in fields.get_all("Requires-Dist") or []],
    )


def missing(wheelhouse: Path, target: Target, root: str = ROOT_REQUIREMENT) -> list[Requirement]:
    """What ``root`` needs on ``target`` that no wheel of the wheelhouse provides.

    Picks, as pip does, the newest wheel that fits the target (its tags and its
    Requires-Python) and the requirement, and follows that wheel's requirements whose
    markers hold on the target (with the extras asked)."""
    tags, env = target.tags(), target.environment()
    available: dict[str, list[tuple[Version, Path]]] = {}
    known: dict[Path, Metadata] = {}
    for path in wheelhouse.glob("*.whl"):
        name, version, _, wheel_tags = parse_wheel_filename(path.name)
        if tags & set(wheel_tags):
            known[path] = metadata(path)
            if known[path].requires_python.contains(env["python_full_version"], True):
                available.setdefault(name, []).append((version, path))
    todo, done, absent = [Requirement(root)], set(), []
    while todo:
        req = todo.pop()
        name = canonicalize_name(req.name)
        fits = [(v, p) for v, p in available.get(name, []) if req.specifier.contains(v, True)]
        if not fits:
            absent.append(req)
            continue
        key = (name, frozenset(req.extras), str(req.specifier))
        if key in done:
            continue
        done.add(key)
        for dep in known[max(fits)[1]].requires:
            extras = sorted(req.extras) or [""]
            if dep.marker is None or any(dep.marker.evaluate({**env, "extra": e}) for e in extras):
                dep.marker = None
                todo.append(dep)
    return sorted(absent, key=str)


def fill_wheelhouse(
    wheelhouse: Path, ntm_wheel: Path, targets: Iterable[Target], download: Download
) -> None:
    """Every wheel ntm needs on each target, into ``wheelhouse`` (which holds ntm's)."""
    for target in targets:
        download([f"{ntm_wheel.resolve()}[{cai_dat.EXTRAS}]"], target, wheelhouse)
        for _ in range(10):
            absent = missing(wheelhouse, target)
            if not absent:
                break
            download([str(r) for r in absent], target, wheelhouse)
        else:
            raise SystemExit(f"no wheel for {', '.join(map(str, absent))} ({target})")


def text_file(path: Path, crlf: bool, bom: bool) -> bytes:
    data = path.read_bytes().replace(b"\r\n", b"\n")
    if crlf:
        data = data.replace(b"\n", b"\r\n")
    return (BOM if bom else b"") + data.removeprefix(BOM)


def write_zip(out: Path, files: dict[str, bytes]) -> None:
    """A zip whose bytes depend on the files alone: sorted, fixed times and modes."""
    with zipfile.ZipFile(out, "w") as z:
        for name in sorted(files):
            info = zipfile.ZipInfo(f"{TOP}/{name}", date_time=(1980, 1, 1, 0, 0, 0))
            info.create_system = 3  # the mode bits below are Unix ones
            info.external_attr = 0o644 << 16
            stored = name.endswith(".whl")  # wheels are zips already
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            z.writestr(info, files[name])


def build(
    out_dir: Path,
    targets: Iterable[Target] = WINDOWS,
    download: Download = pip_download,
    ntm_wheel: Path | None = None,
    name: str = "windows",
) -> Path:
    """Build the bundle into ``out_dir``; return the zip's path."""
    with tempfile.TemporaryDirectory() as scratch:
        wheelhouse = Path(scratch) / "wheels"
        wheelhouse.mkdir()
        if ntm_wheel is None:
            ntm_wheel = build_wheel(ROOT, wheelhouse)
        else:
            ntm_wheel = Path(shutil.copy2(ntm_wheel, wheelhouse))
        fill_wheelhouse(wheelhouse, ntm_wheel, targets, download)
        files = {f"wheels/{p.name}": p.read_bytes() for p in wheelhouse.glob("*.whl")}
        files.update({n: text_file(path, crlf, bom) for n, (path, crlf, bom) in FILES.items()})
        version = parse_wheel_filename(ntm_wheel.name)[1]
        out_dir.mkdir(parents=True, exist_ok=True)
        out = out_dir / f"ntm-tracker-{version}-{name}.zip"
        write_zip(out, files)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--output-dir", type=Path, default=ROOT / "dist")
    parser.add_argument(
        "--platform",
        choices=["windows", "host"],
        default="windows",
        help="windows: win_amd64 wheels for CPython 3.10-3.13 (the default); host: wheels "
        "for this machine and the running Python, to try the install here",
    )
    args = parser.parse_args(argv)
    if args.platform == "host":
        targets: tuple[Target, ...] = (
            Target(f"{sys.version_info[0]}.{sys.version_info[1]}", None),
        )
    else:
        targets = WINDOWS
    out = build(args.output_dir, targets, name=args.platform)
    with zipfile.ZipFile(out) as z:
        for info in z.infolist():
            print(f"{info.file_size:>12,}  {info.filename}")
    print(f"{out.stat().st_size:>12,}  {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
