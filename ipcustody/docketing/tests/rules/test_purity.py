"""The rules package must stay pure Python: no Django anywhere in it."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2]
ROOT = PACKAGE.parents[1]
# the pure rules; models.py, services.py, views.py … beside them are the Django side of the same app
RULE_MODULES = ["calendar", "tables", "timelimits", "patents", "deadlines", "trademarks", "other_rights", "cli",
                "derive", "levels"]


def test_no_rule_module_imports_django() -> None:
    for name in RULE_MODULES + ["__init__", "__main__"]:
        tree = ast.parse((PACKAGE / f"{name}.py").read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                assert not any(a.name.split(".")[0] == "django" for a in node.names), name
            elif isinstance(node, ast.ImportFrom):
                assert (node.module or "").split(".")[0] != "django", name


def test_the_package_init_is_import_free() -> None:
    tree = ast.parse((PACKAGE / "__init__.py").read_text(encoding="utf-8"))
    assert not [n for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))]


def test_importing_every_rule_module_loads_no_django() -> None:
    code = (
        "import sys\n"
        + "".join(f"import ipcustody.docketing.{m}\n" for m in RULE_MODULES)
        + "assert not [m for m in sys.modules if m == 'django' or m.startswith('django.')], 'django imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=60)


def test_every_file_stays_under_800_lines() -> None:
    for path in PACKAGE.rglob("*.py"):
        assert len(path.read_text(encoding="utf-8").splitlines()) < 800, path
