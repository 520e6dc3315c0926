"""README.md's ETL commands run as written, in a copy of the project with a fresh virtual environment."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[1]
PLACEHOLDER = "PATH [PATH ...]"


def readme_commands() -> list[str]:
    """Every line of README.md's bash blocks that runs the ETL, trailing comments removed."""
    text = (PROJECT_DIR / "README.md").read_text(encoding="utf-8")
    lines = []
    for block in re.findall(r"```bash\n(.*?)```", text, flags=re.DOTALL):
        for line in block.splitlines():
            if "scripts/etl.sh" in line:
                lines.append(re.sub(r"\s+#[^'\"]*$", "", line).strip())
    return lines


def project_copy(target: Path) -> Path:
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"],
                            cwd=PROJECT_DIR, capture_output=True, text=True, check=True).stdout.split("\n")
    for name in filter(None, listed):
        source = PROJECT_DIR / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def fresh_venv(project: Path) -> None:
    """A new .venv that reuses this interpreter's installed packages (a .pth file), so set-up
    finds every requirement installed and needs no network."""
    subprocess.run([sys.executable, "-m", "venv", str(project / ".venv")], check=True, timeout=300)
    found = list((project / ".venv" / "lib").glob("python3*/site-packages"))
    assert len(found) == 1, found
    (found[0] / "shared_packages.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")


def test_readme_etl_commands_run_as_written(tmp_path, shared_data):
    commands = readme_commands()
    assert len(commands) >= 4 and any(PLACEHOLDER in c for c in commands)
    assert any("set-password" in c for c in commands)
    project = project_copy(tmp_path / "project")
    fresh_venv(project)
    home = tmp_path / "home"
    home.mkdir()
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("ROCA_", "VIRTUAL_ENV", "PYTHON"))}
    shared_venv = Path(sys.prefix).resolve()
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep)
                                  if p and not Path(p).resolve().is_relative_to(shared_venv))
    env.update(HOME=str(home), PIP_NO_INDEX="1")
    setup = subprocess.run(["bash", "scripts/setup.sh"], cwd=project, env=env, capture_output=True,
                           text=True, timeout=600)
    assert setup.returncode == 0, setup.stderr
    folder = shared_data / "upr_info_export"
    for command in commands:
        line = command.replace(PLACEHOLDER, str(folder))
        done = subprocess.run(["bash", "-c", line], cwd=project, env=env, capture_output=True,
                              text=True, timeout=900)
        assert done.returncode == 0, f"{command}\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
        if " build " in f"{line} ":
            written = re.search(r"warehouse written to (\S+) in ", done.stdout)
            assert written, done.stdout[-500:]
            assert (project / written.group(1)).resolve() == (project / "data" / "warehouse.duckdb").resolve()
        if " check " in line:
            assert "nothing written (check)" in done.stdout and "729" in done.stdout
        if "set-password" in line:
            assert (home / ".config" / "roca-dashboard" / "manager-password.json").is_file()
    assert (project / "data" / "warehouse.duckdb").is_file()
