"""The offline Windows bundle (tools/windows_bundle.py, tools/windows/).

Without a network: the builder's logic against a made-up package index (its wheels,
the closure with Windows' markers, the zip's layout and bytes), the .cmd files and the
clerk's instructions as they go into the zip, and the install script (tools/windows/
cai_dat.py) installing made-up wheels into a venv, reinstalling, and failing without
losing the ntm already there. With the package index (marked ``network``): the same
bundle built for this machine from real wheels and installed with the network cut off,
then ntm run from it.
"""

from __future__ import annotations

import base64
import hashlib
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name, parse_wheel_filename

from tests.conftest import ROOT
from tools import windows_bundle as wb
from tools.windows import cai_dat

PYTHONS = ["cp310", "cp311", "cp312", "cp313"]


# -- made-up wheels ----------------------------------------------------------------------


def make_wheel(
    folder: Path,
    name: str,
    version: str,
    tag: str = "py3-none-any",
    requires: tuple[str, ...] = (),
    requires_python: str = "",
    files: dict[str, str] | None = None,
    extras: tuple[str, ...] = (),
) -> Path:
    """A minimal valid wheel that pip installs."""
    dist = f"{name.replace('-', '_')}-{version}"
    meta = [f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n"]
    if requires_python:
        meta.append(f"Requires-Python: {requires_python}\n")
    meta += [f"Provides-Extra: {e}\n" for e in extras]
    meta += [f"Requires-Dist: {r}\n" for r in requires]
    contents = {
        **(files or {}),
        f"{dist}.dist-info/METADATA": "".join(meta),
        f"{dist}.dist-info/WHEEL": f"Wheel-Version: 1.0\nRoot-Is-Purelib: true\nTag: {tag}\n",
    }
    record = []
    for path, text in contents.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest()).rstrip(b"=")
        record.append(f"{path},sha256={digest.decode()},{len(text.encode())}")
    record.append(f"{dist}.dist-info/RECORD,,")
    contents[f"{dist}.dist-info/RECORD"] = "\n".join(record) + "\n"
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / f"{dist}-{tag}.whl"
    with zipfile.ZipFile(out, "w") as z:
        for path, text in contents.items():
            z.writestr(path, text)
    return out


def fake_index(folder: Path) -> Path:
    """Wheels standing for ntm's dependencies, with what makes a Windows bundle hard: a
    dependency only Windows needs (colorama), compiled wheels per CPython and platform,
    and a newer release that drops Python 3.10 (filelock 4.3.2) beside one that has it."""
    wheel = make_wheel
    wheel(
        folder, "typer", "0.28.0", requires=("rich>=13.8", 'colorama; platform_system == "Windows"')
    )
    wheel(folder, "rich", "15.0.0")
    wheel(folder, "colorama", "0.4.6", tag="py2.py3-none-any")
    wheel(folder, "pydantic", "2.14.4", requires=("pydantic-core==2.50.5",))
    for cp in PYTHONS:
        wheel(folder, "pydantic-core", "2.50.5", tag=f"{cp}-{cp}-win_amd64")
        wheel(folder, "pyyaml", "6.0.4", tag=f"{cp}-{cp}-win_amd64")
    wheel(folder, "pydantic-core", "2.50.5", tag="cp311-cp311-manylinux_2_17_x86_64")
    wheel(folder, "filelock", "4.3.2", requires_python=">=3.11")
    wheel(folder, "filelock", "4.1.0", requires_python=">=3.10")
    wheel(folder, "python-docx", "1.2.0")
    wheel(folder, "openpyxl", "3.1.5")
    wheel(folder, "matplotlib", "3.11.2")
    return folder


def fake_ntm(folder: Path, version: str = "0.1.0") -> Path:
    return make_wheel(
        folder,
        "ntm-tracker",
        version,
        requires=(
            "typer<0.29,>=0.26",
            "pydantic<3,>=2.9",
            "PyYAML>=6.0.1",
            "filelock>=3.12",
            'python-docx>=1.1; extra == "docx"',
            'openpyxl>=3.1; extra == "xlsx"',
            'matplotlib>=3.7.3; extra == "charts"',
        ),
    )


def fake_pip(index: Path) -> wb.Download:
    """``pip download`` from ``index``: for each requirement the newest wheel that fits
    the target, then its requirements, whose markers it evaluates (as pip does) for the
    machine it runs on, not for the target. A wheel's path stands for that wheel."""
    here = {key: str(value) for key, value in default_environment().items()}

    def best(req: Requirement, target: wb.Target) -> Path:
        tags, full = target.tags(), target.environment()["python_full_version"]
        fits = []
        for path in index.glob("*.whl"):
            name, version, _, wheel_tags = parse_wheel_filename(path.name)
            python = wb.metadata(path).requires_python
            named = name == canonicalize_name(req.name) and req.specifier.contains(version)
            if named and tags & set(wheel_tags) and python.contains(full):
                fits.append((version, path))
        if not fits:
            raise subprocess.CalledProcessError(1, ["pip", "download", str(req)])
        return max(fits)[1]

    def download(requirements: list[str], target: wb.Target, dest: Path) -> None:
        todo: list[tuple[Requirement, Path | None]] = []
        for line in requirements:
            path, bracket, extras = line.partition("[")
            if path.endswith(".whl"):  # a wheel's path, with its extras
                name = parse_wheel_filename(Path(path).name)[0]
                todo.append((Requirement(f"{name}{bracket}{extras}"), Path(path)))
            else:
                todo.append((Requirement(line), None))
        while todo:
            req, given = todo.pop()
            wheel = given or best(req, target)
            if wheel.parent != dest:
                shutil.copy(wheel, dest)
            asked = req.extras or {""}
            for dep in wb.metadata(wheel).requires:
                if not dep.marker or any(dep.marker.evaluate({**here, "extra": e}) for e in asked):
                    todo.append((dep, None))

    return download


# -- the builder, offline ------------------------------------------------------------------


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    index = fake_index(tmp_path / "index")
    ntm = fake_ntm(tmp_path / "ntm")
    return wb.build(tmp_path / "dist", download=fake_pip(index), ntm_wheel=ntm)


def names(bundle: Path) -> list[str]:
    with zipfile.ZipFile(bundle) as z:
        return z.namelist()


def read(bundle: Path, name: str) -> bytes:
    with zipfile.ZipFile(bundle) as z:
        return z.read(f"ntm-tracker/{name}")


def test_the_bundle_holds_the_scripts_and_a_wheel_of_each_package_for_each_python(
    bundle: Path,
) -> None:
    assert bundle.name == "ntm-tracker-0.1.0-windows.zip"
    compiled = [f"pydantic_core-2.50.5-{cp}-{cp}-win_amd64.whl" for cp in PYTHONS] + [
        f"pyyaml-6.0.4-{cp}-{cp}-win_amd64.whl" for cp in PYTHONS
    ]
    wheels = [
        "colorama-0.4.6-py2.py3-none-any.whl",  # added by the closure check
        "filelock-4.1.0-py3-none-any.whl",  # for 3.10: 4.3.2 needs 3.11
        "filelock-4.3.2-py3-none-any.whl",
        "ntm_tracker-0.1.0-py3-none-any.whl",
        "openpyxl-3.1.5-py3-none-any.whl",
        "pydantic-2.14.4-py3-none-any.whl",
        "python_docx-1.2.0-py3-none-any.whl",
        "rich-15.0.0-py3-none-any.whl",
        "typer-0.28.0-py3-none-any.whl",
        *compiled,
    ]  # not matplotlib (charts), not the manylinux wheel
    scripts = ["HUONG-DAN.txt", "LICENSE.txt", "cai-dat.cmd", "cai_dat.py", "ntm.cmd"]
    expected = [f"ntm-tracker/{n}" for n in scripts] + [f"ntm-tracker/wheels/{w}" for w in wheels]
    assert names(bundle) == sorted(expected)
    assert read(bundle, "cai_dat.py") == (ROOT / "tools/windows/cai_dat.py").read_bytes()
    assert read(bundle, "LICENSE.txt").startswith(b"MIT License\r\n\r\nCopyright (c) 2026")


def test_the_bundle_is_the_same_bytes_each_time(tmp_path: Path, bundle: Path) -> None:
    again = wb.build(
        tmp_path / "again",
        download=fake_pip(tmp_path / "index"),
        ntm_wheel=tmp_path / "ntm" / "ntm_tracker-0.1.0-py3-none-any.whl",
    )
    assert again.read_bytes() == bundle.read_bytes()
    with zipfile.ZipFile(bundle) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_every_python_finds_every_wheel_it_needs(bundle: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(bundle) as z:
        z.extractall(tmp_path / "unzipped")
    wheels = tmp_path / "unzipped" / "ntm-tracker" / "wheels"
    for target in wb.WINDOWS:
        assert wb.missing(wheels, target) == [], target
    assert cai_dat.supported(wheels) == [(3, 10), (3, 11), (3, 12), (3, 13)]


def test_what_pip_on_linux_leaves_out_for_windows_is_found(tmp_path: Path) -> None:
    index = fake_index(tmp_path / "index")
    house = tmp_path / "house"
    house.mkdir()
    shutil.copy(fake_ntm(tmp_path / "ntm"), house)
    target = wb.Target("3.10")
    fake_pip(index)([str(house / "ntm_tracker-0.1.0-py3-none-any.whl[docx,xlsx]")], target, house)
    assert [str(r) for r in wb.missing(house, target)] == ["colorama"]
    here = wb.Target("3.11", None)  # this machine: no colorama (but no Windows wheel fits)
    assert sorted(r.name for r in wb.missing(house, here)) == ["PyYAML", "pydantic-core"]


def test_a_wheel_no_index_has_stops_the_build(tmp_path: Path) -> None:
    index = fake_index(tmp_path / "index")
    (index / "colorama-0.4.6-py2.py3-none-any.whl").unlink()
    with pytest.raises(subprocess.CalledProcessError):
        wb.build(tmp_path / "dist", download=fake_pip(index), ntm_wheel=fake_ntm(tmp_path))
    assert not (tmp_path / "dist" / "ntm-tracker-0.1.0-windows.zip").exists()


# -- what the clerk double-clicks and reads --------------------------------------------------


@pytest.mark.parametrize("name", ["cai-dat.cmd", "ntm.cmd"])
def test_the_cmd_files_are_crlf_utf8_and_ascii_until_chcp(bundle: Path, name: str) -> None:
    data = read(bundle, name)
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    assert not data.startswith(wb.BOM)  # cmd would take a BOM for part of the first command
    text = data.decode("utf-8")
    before, chcp, _ = text.partition("chcp 65001 >nul\r\n")
    assert chcp and before.isascii()  # cmd reads what follows chcp 65001 as UTF-8
    assert text.startswith("@echo off\r\n")
    lines = text.splitlines()
    # no ( ... ) blocks: a folder called "ntm-tracker (1)" would break them
    assert not [ln for ln in lines if ln.rstrip().endswith("(") or ln.strip() == ")"]


def test_cai_dat_finds_python_with_the_launcher_then_on_path(bundle: Path) -> None:
    text = read(bundle, "cai-dat.cmd").decode()
    lines = text.splitlines()
    assert lines.index('py -3 -c "import sys" >nul 2>&1') < lines.index(
        'python -c "import sys" >nul 2>&1'
    )
    assert 'py -3 "%~dp0cai_dat.py" %*' in lines
    assert 'python "%~dp0cai_dat.py" %*' in lines
    assert 'set "PYTHONUTF8=1"' in lines
    assert "Không tìm thấy Python trên máy này, nên chưa cài được ntm." in text
    assert "python.org" in text
    assert lines.count("pause") == 2  # a double-clicked window stays open to be read


def test_cai_dat_installs_offline_into_the_folder_ntm_cmd_runs(
    bundle: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """pip takes the wheels beside the script and nothing else, into the venv that
    ntm.cmd starts, under %LOCALAPPDATA% (the user's own, no admin rights)."""
    assert {"--no-index", "--isolated", "--only-binary=:all:"} <= set(cai_dat.PIP_OPTIONS)
    assert cai_dat.PIP_ENV["PIP_CONFIG_FILE"] == os.devnull  # no pip.ini of the machine
    assert cai_dat.EXTRAS == "docx,xlsx"
    monkeypatch.setattr(cai_dat, "WINDOWS", True)
    monkeypatch.setenv("LOCALAPPDATA", "C:/Users/Nguyễn Văn A/AppData/Local")
    venv = cai_dat.default_venv()
    assert venv.parts[-3:] == ("Local", "ntm-tracker", "venv")
    lines = read(bundle, "ntm.cmd").decode().splitlines()
    assert r'set "NTMCMD_EXE=%LOCALAPPDATA%\ntm-tracker\venv\Scripts\ntm.exe"' in lines
    assert cai_dat.venv_ntm(Path("v")).parts == ("v", "Scripts", "ntm.exe")


def test_ntm_cmd_runs_ntm_in_utf8_mode_with_every_argument(bundle: Path) -> None:
    lines = read(bundle, "ntm.cmd").decode().splitlines()
    assert 'set "PYTHONUTF8=1"' in lines
    assert '"%NTMCMD_EXE%" %*' in lines
    assert "exit /b %ERRORLEVEL%" in lines
    assert 'if not exist "%NTMCMD_EXE%" goto not_installed' in lines
    text = "\n".join(lines)
    assert "ntm chưa được cài đặt cho người dùng này trên máy này." in text


def test_the_instructions_are_for_the_clerk(bundle: Path) -> None:
    data = read(bundle, "HUONG-DAN.txt")
    assert data.startswith(wb.BOM)  # Notepad reads it as UTF-8 whatever its version
    assert b"\n" not in data.replace(b"\r\n", b"")
    text = data.decode("utf-8-sig")
    for needed in [
        "python.org",
        "Install Now",
        "Extract All",
        "cai-dat.cmd",
        "gõ cmd",
        "ntm init",
        "ntm status",
        "ntm record 2025 income 70",
        ".docx",
        ".xlsx",
        "set NTM_LANG=en",
        "Đóng báo cáo trong Word",
        "OneDrive",
        "Chỉ một máy ghi số liệu vào một thư mục data",
    ]:
        assert needed in text, needed


# -- the install script, offline, with made-up wheels -------------------------------------


def fake_ntm_for_install(folder: Path, version: str) -> Path:
    """An ntm whose ``ntm --version`` answers, needing a package for its docx extra."""
    cli = f"def main() -> None:\n    print('ntm-tracker {version}')\n"
    dist = f"ntm_tracker-{version}.dist-info"
    return make_wheel(
        folder,
        "ntm-tracker",
        version,
        requires=('fake-docx; extra == "docx"',),
        extras=("docx", "xlsx"),
        files={
            "ntm_tracker/__init__.py": "",
            "ntm_tracker/cli.py": cli,
            f"{dist}/entry_points.txt": "[console_scripts]\nntm = ntm_tracker.cli:main\n",
        },
    )


def install(wheels: Path, venv: Path) -> subprocess.CompletedProcess[str]:
    """Run the install script as cai-dat.cmd does, with pip settings (a pip.conf, PIP_*
    variables) that would make it fail: it must read none of them."""
    settings = wheels.parent.parent / "settings"
    settings.mkdir(exist_ok=True)
    (settings / "constraints.txt").write_text("fake-docx==9.9\n", encoding="utf-8")
    (settings / "pip.conf").write_text(
        f"[global]\nconstraint = {settings / 'constraints.txt'}\n", encoding="utf-8"
    )
    script = ROOT / "tools" / "windows" / "cai_dat.py"
    env = {**os.environ, "PIP_CONFIG_FILE": str(settings / "pip.conf"),
           "PIP_CONSTRAINT": str(settings / "constraints.txt"), "PYTHONUTF8": "1"}  # fmt: skip
    return subprocess.run(
        [sys.executable, str(script), "--venv", str(venv), "--wheels", str(wheels)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=300,
    )


def installed(venv: Path) -> str:
    done = subprocess.run([cai_dat.venv_ntm(venv), "--version"], capture_output=True, text=True)
    return done.stdout.strip()


def test_install_then_a_failed_reinstall_that_keeps_the_old(tmp_path: Path) -> None:
    wheels = tmp_path / "Tải về" / "ntm-tracker" / "wheels"  # a Vietnamese folder name
    make_wheel(wheels, "fake-docx", "1.0")
    fake_ntm_for_install(wheels, "0.1.0")
    venv = tmp_path / "Nguyễn Văn A" / "ntm-tracker" / "venv"
    r = install(wheels, venv)
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.endswith(f"\nĐã cài đặt xong ntm-tracker 0.1.0.\nntm: {venv}/bin/ntm\n")
    assert installed(venv) == "ntm-tracker 0.1.0"
    site = next(venv.glob("lib/python3*/site-packages"))
    assert (site / "fake_docx-1.0.dist-info").is_dir()  # the extra came along

    # a newer bundle unzipped over the old one, missing a wheel: the newest ntm or none
    (wheels / "fake_docx-1.0-py3-none-any.whl").unlink()
    fake_ntm_for_install(wheels, "0.2.0")
    r = install(wheels, venv)
    assert r.returncode == 1
    assert "Cài đặt ntm không thành công. Thông báo của Python:" in r.stdout
    assert "No matching distribution found for fake-docx" in r.stdout  # pip names it
    assert installed(venv) == "ntm-tracker 0.1.0"  # the old install is back
    assert sorted(p.name for p in venv.parent.iterdir()) == ["venv"]


def test_an_unzipped_folder_without_wheels_says_so(tmp_path: Path) -> None:
    r = install(tmp_path / "wheels", tmp_path / "venv")
    assert r.returncode == 1
    assert r.stdout.startswith(f"Không thấy tệp cài đặt ntm trong {tmp_path / 'wheels'}.\n")
    assert not (tmp_path / "venv").exists()


def test_a_python_the_wheels_are_not_for_is_told_which_to_install(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    fake_ntm_for_install(wheels, "0.1.0")
    make_wheel(wheels, "pyyaml", "6.0.4", tag="cp39-cp39-win_amd64")
    r = install(wheels, tmp_path / "venv")
    assert r.returncode == 1
    running = f"{sys.version_info[0]}.{sys.version_info[1]}"
    assert r.stdout == (
        f"Máy đang dùng Python {running} ở {sys.executable}; bộ cài này dùng được với Python 3.9.\n"
    )


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (
            [f"pyyaml-6.0.4-{cp}-{cp}-win_amd64.whl" for cp in PYTHONS],
            [(3, 10), (3, 11), (3, 12), (3, 13)],
        ),
        (
            [
                "a-1-cp310-cp310-win_amd64.whl",
                "a-1-cp311-cp311-win_amd64.whl",
                "b-1-cp311-cp311-win_amd64.whl",
            ],
            [(3, 11)],
        ),
        (["a-1-cp312-abi3-win_amd64.whl"], [(3, m) for m in range(12, 20)]),
        (["a-1-py3-none-any.whl"], [(3, m) for m in range(7, 20)]),
    ],
)
def test_which_pythons_the_wheels_are_for(
    tmp_path: Path, names: list[str], expected: list[tuple[int, int]]
) -> None:
    for name in names:
        (tmp_path / name).write_bytes(b"")
    assert cai_dat.supported(tmp_path) == expected


# -- with the package index: the real bundle for this machine, installed offline ----------

OFFLINE_WORDS = (
    "NewConnectionError",
    "Failed to establish a new connection",
    "Temporary failure in name resolution",
    "Network is unreachable",
    "Name or service not known",
    "ConnectTimeout",
    "ProxyError",
)


def pip_or_skip(requirements: list[str], target: wb.Target, dest: Path) -> None:
    """``pip download``; without a network, skip (in CI, fail)."""
    command = [
        sys.executable,
        "-m",
        "pip",
        "download",
        "--disable-pip-version-check",
        "--retries",
        "1",
        "--dest",
        str(dest),
        *target.pip_options(),
        *requirements,
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        output = done.stdout + done.stderr
        if any(word in output for word in OFFLINE_WORDS) and not os.environ.get("CI"):
            pytest.skip("the package index cannot be reached")
        raise AssertionError(output[-3000:])


def cut_off() -> list[str]:
    """A prefix that runs a command without a network, where this machine allows it."""
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "-n", "true"], capture_output=True).returncode == 0:
        return [unshare, "-n"]
    return []


@pytest.fixture(scope="module")
def ntm_wheel(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """ntm's real wheel, built offline from a copy of the source."""
    scratch = tmp_path_factory.mktemp("ntm-wheel")
    source = scratch / "src"
    shutil.copytree(
        ROOT, source, ignore=shutil.ignore_patterns(".git", ".venv*", "build", "dist", "*.egg-info")
    )
    yield wb.build_wheel(source, scratch / "out", isolation=False)


@pytest.mark.network
def test_the_real_bundle_for_this_machine_installs_and_runs_offline(
    tmp_path: Path, ntm_wheel: Path
) -> None:
    python = f"{sys.version_info[0]}.{sys.version_info[1]}"
    bundle = wb.build(
        tmp_path / "dist", [wb.Target(python, None)], pip_or_skip, ntm_wheel, name="host"
    )
    folder = tmp_path / "Nguyễn Văn A" / "Tải về"
    with zipfile.ZipFile(bundle) as z:
        z.extractall(folder)
    venv = tmp_path / "Nguyễn Văn A" / "AppData" / "ntm-tracker" / "venv"
    script = folder / "ntm-tracker" / "cai_dat.py"
    r = subprocess.run(
        [*cut_off(), sys.executable, str(script), "--venv", str(venv)],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
        env={"PATH": os.environ["PATH"], "HOME": str(tmp_path), "PYTHONUTF8": "1"},
    )
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.endswith(f"\nĐã cài đặt xong ntm-tracker 0.1.0.\nntm: {venv}/bin/ntm\n")

    work = tmp_path / "work"
    work.mkdir()
    env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path), "NTM_CACHE_DIR": ""}

    def ntm(*args: str) -> str:
        done = subprocess.run(
            [*cut_off(), str(venv / "bin" / "ntm"), *args, "--lang", "en"],
            cwd=work,
            capture_output=True,
            text=True,
            env=env,
            check=False,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    assert ntm("init").startswith("Created the data folder data with the plan")
    assert ntm("record", "2025", "income", "70").startswith("Recorded (3) income 2025 = 70")
    assert ntm("summary", "2025", "--output", "bao-cao.docx") == "Written: bao-cao.docx\n"
    assert ntm("summary", "2025", "--output", "phu-luc.xlsx") == "Written: phu-luc.xlsx\n"
    assert zipfile.is_zipfile(work / "bao-cao.docx") and zipfile.is_zipfile(work / "phu-luc.xlsx")
    assert ntm("--version") == "ntm-tracker 0.1.0\n"
