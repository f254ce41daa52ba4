"""The layers hold: import-linter checks the contracts in pyproject.toml (matching core, domain,
interfaces) on every run of the test suite."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO


def test_import_contracts_hold() -> None:
    program = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run(
        [str(program), "--no-cache"], cwd=REPO, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "BROKEN" not in result.stdout and "KEPT" in result.stdout
