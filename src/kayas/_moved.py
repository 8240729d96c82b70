"""Old import paths of modules that moved (issue 15), kept working by one table.

`import kayas.config` still gives the settings module, `from kayas.trash import undo` the
trash, and so on: a finder on `sys.meta_path` hands out the module at its new home (the
same module object, so monkeypatching either name patches both) with a DeprecationWarning.
"""
from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import sys
import warnings
from types import ModuleType

MOVED = {
    "kayas.config": "kayas.settings",
    "kayas.workspace": "kayas.backends.paths",
    "kayas.trash": "kayas.backends.trash",
    "kayas.programs": "kayas.backends.programs",
    "kayas.search_index": "kayas.backends.search_index",
    "kayas.sysclipboard": "kayas.backends.clipboard",
    "kayas.router": "kayas.assistant.router",
}


class _Loader(importlib.abc.Loader):
    def __init__(self, target: str) -> None:
        self.target = target
        self.spec: importlib.machinery.ModuleSpec | None = None

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        warnings.warn(f"{spec.name} moved to {self.target}; import it from there", DeprecationWarning, stacklevel=3)
        module = importlib.import_module(self.target)
        self.spec = module.__spec__
        return module

    def exec_module(self, module: ModuleType) -> None:
        """Already run at its new home; only give it back its own spec (the import system set the alias's)."""
        module.__spec__ = self.spec


class _MovedFinder(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname: str, path: object = None, target: object = None) -> importlib.machinery.ModuleSpec | None:
        if fullname not in MOVED:
            return None
        return importlib.machinery.ModuleSpec(fullname, _Loader(MOVED[fullname]))


def install() -> None:
    if not any(isinstance(f, _MovedFinder) for f in sys.meta_path):
        sys.meta_path.append(_MovedFinder())
