"""The shape of the code, checked from its imports (docs/architecture.md draws it).

Every module of the project sits on a layer, and on an app (a column). An import may go
down to a lower layer, or sideways within a layer to an app that comes earlier in APPS.
Nothing else: so no two files and no two apps import each other in a loop, and the ground
never learns about the product. `make lint` runs this file.
"""

import ast
import os
import subprocess
import sys
from fnmatch import fnmatch
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = [
    "sentra",
    "clients",
    "assessments",
    "casework",
    "residence",
    "activities",
    "reports",
    "privacy",
]

# Lowest first. A module named exactly takes that layer; otherwise the first layer with a
# pattern that matches it.
LAYERS: list[tuple[str, list[str]]] = [
    (
        "ground",
        [
            *APPS,  # the packages themselves (empty but for sentra's Celery app)
            "sentra.celery",
            "sentra.settings",
            "sentra.wsgi",
            "sentra.warmup",  # imports Django only: the views it warms are found by URL
            "sentra.scopes",
            "sentra.models",
            "sentra.audit",
            "sentra.numbering",
            "sentra.uploads",
            "sentra.csvfile",
            "sentra.lists",
            "sentra.inputs",
            "sentra.versioning",
            "sentra.middleware",
            "sentra.mfa",
            "sentra.bounds",
            "sentra.sessions",
            "sentra.mail",
            "sentra.logins",
            "sentra.signals",
            "sentra.apps",
            "sentra.charts",
            "sentra.health",  # /healthz's checks: the database and Redis, no records
            "sentra.backups",  # pg_dump/pg_restore and the private files, no records
            "sentra.replica",  # the database router: chooses a connection, knows no model
        ],
    ),
    (
        "records",
        [
            "*.models",
            "*.models.*",
            "*.apps",
            "*.reference",
            "clients.identity",
            "assessments.schema",
            "assessments.validation",
            "assessments.charts",
            "residence.rules",
            "privacy.processing",
        ],
    ),
    ("policy", ["sentra.access", "sentra.access.*"]),
    (
        "services",
        [
            "*.services",
            "*.services.*",
            "casework.stages",
            "activities.rules",
            "activities.figures",
            "reports.monthly",
            "reports.monthly.*",
            "reports.spreadsheets",
            "reports.letters",
            "reports.letters.*",
            "reports.rendering",
            "reports.case_report",
            "reports.certificates",
            "reports.dashboard",
            "reports.summaries",
            "residence.figures",
            "clients.national",
            "clients.search",
        ],
    ),
    (
        "interface",
        [
            "*.forms",
            "*.forms.*",
            "*.views",
            "sentra.mfa_views",
            "reports.views_letters",
            "*.views.*",
            "*.urls",
            "*.admin",
            "*.tasks",
            "*.home",
            "*.context_processors",
            "*.templatetags",
            "*.templatetags.*",
            "*.demo",
            "*.demo_*",
            "*.management.commands.*",
            "*.management",
            "*.management.commands",
        ],
    ),
    # The project's top: the URL root, the home page and the demo seeding, which gather
    # every app.
    ("project", ["sentra.urls", "sentra.home", "sentra.management.commands.seed_demo"]),
]
LAYER_NAMES = [name for name, _patterns in LAYERS]


def _modules() -> dict[str, Path]:
    found = {}
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            relative = path.relative_to(ROOT)
            if "migrations" in relative.parts:
                continue
            name = ".".join(relative.with_suffix("").parts).removesuffix(".__init__")
            found[name] = path
    return found


MODULES = _modules()


def layer_of(module: str) -> int:
    for index, (_name, patterns) in enumerate(LAYERS):
        if module in patterns:
            return index
    for index, (_name, patterns) in enumerate(LAYERS):
        if any(fnmatch(module, pattern) for pattern in patterns):
            return index
    raise AssertionError(f"{module} is on no layer: add it to LAYERS in {__file__}")


def app_of(module: str) -> int:
    return APPS.index(module.split(".")[0])


def _imports(path: Path):
    """(imported project module, line, at module level?) for every import in `path`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top_level = {id(node) for node in tree.body}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            targets = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        for target in targets:
            if target.split(".")[0] in APPS and target in MODULES:
                yield target, node.lineno, id(node) in top_level
        if targets and targets[0].split(".")[0] not in APPS:
            yield targets[0], node.lineno, id(node) in top_level


def _project_edges():
    for module, path in MODULES.items():
        for target, line, _top in _imports(path):
            if target in MODULES and target != module:
                # A package's __init__ may hand on names of its own submodules.
                if path.name == "__init__.py" and target.startswith(module + "."):
                    continue
                yield module, target, line


def test_every_module_is_on_a_layer():
    for module in MODULES:
        layer_of(module)


def test_imports_run_down_the_layers_and_across_apps_in_order():
    wrong = []
    for module, target, line in _project_edges():
        source_layer, target_layer = layer_of(module), layer_of(target)
        if target_layer > source_layer or (
            target_layer == source_layer and app_of(target) > app_of(module)
        ):
            wrong.append(
                f"{MODULES[module].relative_to(ROOT)}:{line} imports {target} "
                f"({LAYER_NAMES[source_layer]}/{module.split('.')[0]} -> "
                f"{LAYER_NAMES[target_layer]}/{target.split('.')[0]})"
            )
    assert not wrong, "Imports against the layers:\n" + "\n".join(wrong)


def test_no_files_import_each_other_in_a_loop():
    graph: dict[str, set[str]] = {module: set() for module in MODULES}
    for module, target, _line in _project_edges():
        graph[module].add(target)
    loops = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(module, path):
        state[module] = 1
        for target in sorted(graph[module]):
            if state.get(target) == 1:
                loops.append(" -> ".join([*path[path.index(target) :], target]))
            elif target not in state:
                visit(target, [*path, target])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert not loops, "Import loops:\n" + "\n".join(loops)


def test_an_import_inside_a_function_says_why():
    """Imports belong at the top; one inside a function carries a comment on its own line
    or the line above saying why (a heavy library only workers need, say)."""
    unexplained = []
    for path in MODULES.values():
        lines = path.read_text(encoding="utf-8").splitlines()
        for _target, line, top in _imports(path):
            if top:
                continue
            here, above = lines[line - 1], lines[line - 2] if line > 1 else ""
            if "#" not in here and not above.strip().startswith("#"):
                unexplained.append(f"{path.relative_to(ROOT)}:{line}: {here.strip()}")
    assert not unexplained, "Imports inside functions without a reason:\n" + "\n".join(
        sorted(set(unexplained))
    )


def test_no_module_grows_past_400_lines():
    long = [
        f"{path.relative_to(ROOT)} ({count} lines)"
        for path in MODULES.values()
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > 400
    ]
    assert not long, "Split these by sub-domain:\n" + "\n".join(long)


@pytest.mark.parametrize("order", ["forward", "backward"])
def test_every_module_imports_in_any_order(order):
    """Importing one module must never depend on another having been imported first."""
    names = sorted(MODULES)
    if order == "backward":
        names.reverse()
    script = (
        "import django, importlib, os, sys\n"
        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'sentra.settings')\n"
        "django.setup()\n"
        "for name in sys.argv[1:]:\n"
        "    importlib.import_module(name)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, *names],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "DEBUG": "1"},
    )
    assert result.returncode == 0, result.stderr[-3000:]
