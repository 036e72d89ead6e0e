"""The architecture checks that `make lint` runs: they pass on the project and would catch
the faults they exist for (a cycle hidden in a function, a model asking the access rules)."""

import importlib.util
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _cycles_module():
    spec = importlib.util.spec_from_file_location("import_cycles", ROOT / ".ci/import_cycles.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_project_has_no_import_cycle():
    assert _cycles_module().find_cycles() == []


def test_a_cycle_through_an_import_inside_a_function_is_found(tmp_path, monkeypatch):
    package = tmp_path / "ringpkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "first.py").write_text("from ringpkg import second\n")
    (package / "second.py").write_text(
        textwrap.dedent(
            """
            def later():
                from ringpkg import first

                return first
            """
        )
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    assert _cycles_module().find_cycles(("ringpkg",)) == [["ringpkg.first", "ringpkg.second"]]


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        (
            "engagement/models/pages.py",
            "from engagement import access  # noqa\n",
            "engagement's models import no views",
        ),
        (
            "engagement/panels/views.py",
            "from engagement.stories import services as _s  # noqa\n",
            "Panels use other rooms only",
        ),
        ("accounts/models.py", "import site_content  # noqa\n", "Apps in layers"),
    ],
)
def test_import_contracts_fail_on_a_forbidden_import(tmp_path, module, line, contract):
    """Copy the project, add one forbidden import and run import-linter on the copy."""
    copy = tmp_path / "project"
    for package in ("accounts", "site_content", "engagement", "events", "guide", "config"):
        shutil.copytree(
            ROOT / package, copy / package, ignore=shutil.ignore_patterns("__pycache__", "*.html")
        )
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    broken = copy / module
    broken.write_text(line + broken.read_text())
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(  # noqa: S603 - our own tool on our own copy
        [str(lint), "--no-cache"], cwd=copy, capture_output=True, text=True
    )
    assert result.returncode == 1, result.stdout
    assert contract in result.stdout and "BROKEN" in result.stdout
