"""Install ntm-tracker from the wheels beside this file: no internet, no admin rights.

Shipped in the Windows bundle (``make windows-bundle``) and run by ``cai-dat.cmd``, which
finds Python with the ``py`` launcher. It makes a virtual environment for this user,
``%LOCALAPPDATA%\\ntm-tracker\\venv`` on Windows (``ntm.cmd`` runs its ``ntm.exe``), or
``--venv DIR`` (default ``~/.local/share/ntm-tracker/venv``) elsewhere, then installs
``ntm-tracker[docx,xlsx]`` with pip from ``wheels/`` alone (``--no-index``).

The standard library only, and nothing newer than Python 3.7 outside annotations: a clerk
with an old Python gets the message saying which one to install, not a SyntaxError. What
the clerk reads is in Vietnamese.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path
from typing import NamedTuple

HERE = Path(__file__).resolve().parent
WINDOWS = os.name == "nt"
EXTRAS = "docx,xlsx"  # Word and Excel files; not charts: matplotlib and numpy are big
# pip reads nothing but the wheels given: no index, no pip settings (--isolated ignores
# PIP_* variables and the user's pip.ini; PIP_CONFIG_FILE=os.devnull in PIP_ENV, the
# machine's), no source builds, no cache in the clerk's profile, no questions.
PIP_ENV = {"PIP_CONFIG_FILE": os.devnull}
PIP_OPTIONS = [
    "--isolated",
    "--no-index",
    "--only-binary=:all:",
    "--no-cache-dir",
    "--disable-pip-version-check",
    "--no-input",
]
AGAIN = "NTM_CAI_DAT_AGAIN"  # set when this script runs itself again with another Python
PROBE = (
    "import json, sys, sysconfig; print(json.dumps([*sys.version_info[:2], "
    "sysconfig.get_platform(), sys.executable, sys.base_prefix]))"
)
GET_PYTHON = (
    "Cách khắc phục: tải Python bản Windows 64-bit ('Windows installer (64-bit)') tại trang "
    "python.org (mục Downloads), phiên bản {versions}; chạy tệp tải về và bấm 'Install Now' "
    "(không cần quyền quản trị). Sau đó bấm đúp lại vào cai-dat.cmd."
)


class Failed(Exception):
    """A step failed; the message says what to do, in Vietnamese."""


def say(text: str = "") -> None:
    print(text, flush=True)


def default_venv() -> Path:
    if WINDOWS:
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "ntm-tracker" / "venv"
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "ntm-tracker" / "venv"


def venv_python(folder: Path) -> Path:
    if WINDOWS:
        return folder / "Scripts" / "python.exe"
    return folder / "bin" / "python"


def venv_ntm(folder: Path) -> Path:
    """The ``ntm`` that pip makes in the venv: what ntm.cmd runs."""
    if WINDOWS:
        return folder / "Scripts" / "ntm.exe"
    return folder / "bin" / "ntm"


# -- which Python the wheels are for ------------------------------------------------------

_WHEEL = re.compile(r"^(?P<name>[^-]+)-[^-]+(-\d[^-]*)?-(?P<py>[^-]+)-(?P<abi>[^-]+)-[^-]+\.whl$")


def compiled_tags(wheels: Path) -> dict[str, list[tuple[str, str]]]:
    """{project: [(python tag, abi tag)]} of the wheels built for CPython versions."""
    found: dict[str, list[tuple[str, str]]] = {}
    for path in sorted(wheels.glob("*.whl")):
        m = _WHEEL.match(path.name)
        if m and m.group("abi") != "none":
            found.setdefault(m.group("name").lower(), []).append((m.group("py"), m.group("abi")))
    return found


def runs_on(version: tuple[int, int], wheels: Path) -> bool:
    """Whether every compiled project of the wheelhouse has a wheel for this CPython
    (one built for it, or a stable-ABI one built for an older 3.x)."""
    tag = f"cp{version[0]}{version[1]}"
    for tags in compiled_tags(wheels).values():
        exact = any(tag in py.split(".") for py, abi in tags if abi != "abi3")
        stable = any(
            abi == "abi3" and py.startswith("cp3") and int(py[3:]) <= version[1] for py, abi in tags
        )
        if not (exact or stable):
            return False
    return True


def supported(wheels: Path) -> list[tuple[int, int]]:
    return [(3, minor) for minor in range(7, 20) if runs_on((3, minor), wheels)]


def versions_text(versions: list[tuple[int, int]]) -> str:
    names = [f"{major}.{minor}" for major, minor in versions]
    if len(names) > 2:
        return f"{names[0]} đến {names[-1]}"
    return " hoặc ".join(names) or "?"


class Python(NamedTuple):
    version: tuple[int, int]
    platform: str  # sysconfig.get_platform(): win-amd64, win32, linux-x86_64...
    executable: str
    base_prefix: str

    @classmethod
    def running(cls) -> Python:
        major, minor = sys.version_info[:2]
        return cls((major, minor), sysconfig.get_platform(), sys.executable, sys.base_prefix)

    @classmethod
    def probe(cls, command: list[str]) -> Python | None:
        """The Python that ``command`` starts, or None if none starts."""
        try:
            done = subprocess.run(
                [*command, "-c", PROBE], capture_output=True, text=True, timeout=60, check=False
            )
            major, minor, platform, executable, base_prefix = json.loads(done.stdout)
            return cls((int(major), int(minor)), str(platform), str(executable), str(base_prefix))
        except (OSError, subprocess.SubprocessError, ValueError, TypeError):
            return None

    def unsuitable(self, wheels: Path) -> str | None:
        """Why this Python cannot take the wheels, in the clerk's words; None if it can."""
        name = f"Python {self.version[0]}.{self.version[1]} ở {self.executable}"
        if WINDOWS and "WindowsApps" in self.executable + self.base_prefix:
            # The Microsoft Store's Python keeps what it writes under AppData to itself: the
            # venv it made would not be where ntm.cmd looks for it.
            return f"{name} là bản của Microsoft Store, bản này không dùng được cho ntm."
        if WINDOWS and self.platform != "win-amd64":
            return f"{name} không phải bản 64-bit."
        if not runs_on(self.version, wheels):
            return (
                f"Máy đang dùng {name}; bộ cài này dùng được với Python "
                f"{versions_text(supported(wheels))}."
            )
        return None


def other_python(wheels: Path) -> str | None:
    """A Python the ``py`` launcher knows that suits the wheels (newest first), if any."""
    if not WINDOWS or shutil.which("py") is None:
        return None
    for major, minor in reversed(supported(wheels)):
        found = Python.probe(["py", f"-{major}.{minor}"])
        if found is not None and found.unsuitable(wheels) is None:
            return found.executable
    return None


# -- the install ----------------------------------------------------------------------------


def run(command: list[str], step: str, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        command,
        env=None if env is None else {**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    output = done.stdout.decode("utf-8", "replace")
    if done.returncode != 0:
        tail = "\n".join(output.strip().splitlines()[-20:])
        raise Failed(f"{step} không thành công. Thông báo của Python:\n{tail}")
    return output


def newest_ntm(wheels: Path) -> str | None:
    """The version of the newest ntm wheel in ``wheels`` (a bundle unzipped over an older
    one leaves both): installed exactly, so pip cannot fall back to the older one."""
    versions = [p.name.split("-")[1] for p in wheels.glob("ntm_tracker-*.whl")]
    if not versions:
        return None
    return max(versions, key=lambda v: [int(n) for n in re.findall(r"\d+", v)])


def install(folder: Path, wheels: Path, extras: str) -> str:
    """Make the venv at ``folder`` and install ntm into it; return ``ntm --version``.

    An earlier install is moved aside first and put back if this one fails: a failed
    reinstall leaves the old ntm working."""
    old = folder.with_name(folder.name + ".old")
    try:
        if old.exists():  # left by an install that was cut off
            shutil.rmtree(old)
        if folder.exists():
            folder.rename(old)
    except OSError:
        raise Failed(
            f"Không thay được bản ntm đã cài ở {folder}: có thể ntm đang chạy. Hãy đóng các "
            "cửa sổ đang dùng ntm rồi bấm đúp lại vào cai-dat.cmd."
        ) from None
    try:
        say(f"Đang tạo môi trường Python riêng cho ntm tại {folder} ...")
        try:
            venv.EnvBuilder(with_pip=True).create(folder)
        except (OSError, subprocess.CalledProcessError) as exc:
            raise Failed(f"Tạo môi trường Python không thành công: {exc}") from None
        python = str(venv_python(folder))
        say(f"Đang cài ntm từ thư mục {wheels} (không cần mạng) ...")
        run(
            [python, "-m", "pip", "install", *PIP_OPTIONS, "--find-links",
             str(wheels), f"ntm-tracker[{extras}]=={newest_ntm(wheels)}"],
            "Cài đặt ntm",
            PIP_ENV,
        )  # fmt: skip
        version = run([str(venv_ntm(folder)), "--version"], "Chạy thử ntm").strip()
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        if old.exists():
            old.rename(folder)
        raise
    shutil.rmtree(old, ignore_errors=True)
    return version


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
    parser = argparse.ArgumentParser(description="Cài đặt ntm-tracker, không cần mạng.")
    parser.add_argument("--venv", type=Path, default=None, help="thư mục môi trường Python")
    parser.add_argument("--wheels", type=Path, default=HERE / "wheels", help="thư mục wheels")
    parser.add_argument("--extras", default=EXTRAS, help="gói thêm (mặc định: %(default)s)")
    given = sys.argv[1:] if argv is None else argv
    args = parser.parse_args(given)
    wheels = args.wheels.resolve()
    folder = (args.venv or default_venv()).absolute()

    if newest_ntm(wheels) is None:
        say(f"Không thấy tệp cài đặt ntm trong {wheels}.")
        say("Hãy giải nén cả tệp .zip (bấm chuột phải > Extract All) rồi bấm đúp vào "
            "cai-dat.cmd trong thư mục vừa giải nén.")  # fmt: skip
        return 1
    problem = Python.running().unsuitable(wheels)
    if problem is not None:
        other = None if os.environ.get(AGAIN) else other_python(wheels)
        if other is not None:
            say(f"Dùng Python ở {other}.")
            return subprocess.call(
                [other, str(Path(__file__).resolve()), *given], env={**os.environ, AGAIN: "1"}
            )
        say(problem)
        if WINDOWS:
            say(GET_PYTHON.format(versions=versions_text(supported(wheels))))
        return 1
    try:
        version = install(folder, wheels, args.extras)
    except Failed as exc:
        say()
        say(str(exc))
        return 1
    except KeyboardInterrupt:
        say()
        say("Đã dừng; chưa cài gì (bản ntm cài trước đó, nếu có, vẫn giữ nguyên).")
        return 130
    say()
    say(f"Đã cài đặt xong {version}.")
    if WINDOWS:
        say("Cách dùng: mở thư mục có tệp ntm.cmd, bấm vào thanh địa chỉ phía trên, gõ cmd "
            "rồi bấm Enter. Trong cửa sổ hiện ra, gõ từng lệnh rồi bấm Enter, ví dụ:")  # fmt: skip
        say("    ntm init      (lần đầu: tạo thư mục dữ liệu data)")
        say("    ntm status    (xem tình hình các chỉ tiêu)")
        say("Xem thêm trong tệp HUONG-DAN.txt.")
    else:
        say(f"ntm: {venv_ntm(folder)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
