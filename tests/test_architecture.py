"""The layout's promises (docs/architecture.md): who may import whom, where modules live, how long they get."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from bot.platform.settings import ROOT

# Package -> the project packages its modules may import (besides itself). Keep in step with
# docs/architecture.md, "Packages, and which may import which".
ALLOWED: dict[str, set[str]] = {
    "bot.platform": set(),
    "bot.language": {"bot.platform"},
    "bot.reports": {"bot.platform", "bot.language"},
    "bot.safety": {"bot.language"},
    "bot.understanding": {"bot.platform", "bot.language", "bot.safety", "bot.reports"},
    "bot.messaging": {"bot.platform", "bot.language"},
    "bot.channels.sms": {"bot.platform", "bot.language", "bot.messaging"},
    "bot.channels.webchat": {"bot.platform", "bot.language", "bot.messaging"},
    "bot.open311": {"bot.platform", "bot.language", "bot.reports"},
    "handoff": {"bot.platform", "bot.language", "bot.reports", "bot.messaging"},
    "broadcasts": {"bot.platform", "bot.language", "bot.messaging", "handoff"},
    "actions": {
        "bot.platform",
        "bot.language",
        "bot.reports",
        "bot.safety",
        "bot.understanding",
        "bot.messaging",
        "handoff",
        "broadcasts",
    },
}
PROJECT_ROOTS = ("bot", "handoff", "broadcasts", "actions", "tests", "bench")
LONG_MODULE_LINES = 300


def _modules() -> list[Path]:
    return sorted(p for top in ("bot", "handoff", "broadcasts", "actions") for p in (ROOT / top).rglob("*.py"))


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _package_of(module: str) -> str | None:
    matches = [p for p in ALLOWED if module == p or module.startswith(p + ".")]
    return max(matches, key=len) if matches else None


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return {name for name in found if name.split(".")[0] in PROJECT_ROOTS}


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_imports_follow_the_rule(path: Path) -> None:
    module = _module_name(path)
    if module in ("bot", "bot.app", "bot.channels", "broadcasts.__main__"):
        return  # the app factory and the broadcasts command wire everything; the namespace packages import nothing
    package = _package_of(module)
    assert package is not None, f"{module} is in no package of the import rule"
    for imported in _imports(path):
        target = _package_of(imported)
        if target == package or imported == "bot":
            continue
        allowed = ALLOWED[package] | {package}
        assert target in allowed, f"{module} imports {imported}, which {package} may not import"
        assert not imported.startswith("tests"), f"{module} imports test code"


def test_bot_holds_only_packages_and_the_app_factory() -> None:
    loose = sorted(p.name for p in (ROOT / "bot").glob("*.py"))
    assert loose == ["__init__.py", "app.py"]


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_long_modules_say_why(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    if len(lines) <= LONG_MODULE_LINES:
        return
    docstring = ast.get_docstring(ast.parse("\n".join(lines))) or ""
    assert "long" in docstring.lower(), f"{path.name} has {len(lines)} lines and no reason for it in its docstring"


def test_bench_reaches_the_stack_only_through_the_harness() -> None:
    for path in (ROOT / "bench").rglob("*.py"):
        for imported in _imports(path):
            if imported.startswith("tests"):
                assert imported.startswith("tests.harness"), f"{path.name} imports {imported}"
