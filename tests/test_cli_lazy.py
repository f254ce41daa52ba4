"""Commands load when invoked: the map of lazy commands is complete, and a command imports only its own module."""

from __future__ import annotations

import pytest

from entitylist.cli.lazy import LAZY_COMMANDS, module_commands

from .conftest import modules_loaded_by, run_cli


def test_every_lazy_module_adds_exactly_the_commands_mapped_to_it() -> None:
    for module in set(LAZY_COMMANDS.values()):
        mapped = {name for name, owner in LAZY_COMMANDS.items() if owner == module}
        assert set(module_commands(module)) == mapped, module


@pytest.mark.e2e
def test_a_command_imports_only_its_own_command_module(cli_db: str) -> None:
    printed, loaded = modules_loaded_by("--db", cli_db, "screen", "Hikvision", prefixes=("entitylist.cli.",))
    assert "cn-hikvision" in printed
    others = {module for module in LAZY_COMMANDS.values() if module not in ("entitylist.cli.screen", "entitylist.cli.license")}
    assert "entitylist.cli.screen" in loaded
    assert not loaded & others, loaded & others


@pytest.mark.e2e
def test_help_lists_every_command_and_typos_are_suggested_from_all_of_them(cli_db: str) -> None:
    helped = run_cli("--help", db=cli_db, env={"COLUMNS": "200"})
    assert helped.code == 0
    for name in [*LAZY_COMMANDS, "list", "show", "history", "diff", "stats", "db"]:
        assert f" {name} " in helped.stdout, name
    typo = run_cli("portfolyo", db=cli_db)
    assert typo.code == 2 and "Did you mean 'portfolio'" in typo.stderr
    grouped = run_cli("review", "--help", db=cli_db)
    assert grouped.code == 0 and "add" in grouped.stdout and "list" in grouped.stdout
