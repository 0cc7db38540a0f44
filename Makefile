# Two commands do everything on a fresh machine: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: install dev test demo lint bench clean

$(BIN)/mkl: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip >/dev/null 2>&1 || true
	$(BIN)/pip install -q -e . --config-settings editable_mode=compat 2>$(VENV)/install.log || { cat $(VENV)/install.log; exit 1; }
	$(BIN)/python -m compileall -q minikube_lite
	@touch $@

$(VENV)/.dev: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip >/dev/null 2>&1 || true
	$(BIN)/pip install -q -e '.[dev]' --config-settings editable_mode=compat 2>$(VENV)/install.log || { cat $(VENV)/install.log; exit 1; }
	$(BIN)/python -m compileall -q minikube_lite
	@touch $(BIN)/mkl $@

# compileall: an editable install writes no .pyc files when PYTHONDONTWRITEBYTECODE is set, and
# compiling the sources on every run would triple the start-up of each command.
install: $(BIN)/mkl

dev: $(VENV)/.dev

test: $(VENV)/.dev
	$(BIN)/python -m pytest $(PYTEST_ARGS)

demo: $(BIN)/mkl
	@PATH="$(CURDIR)/$(BIN):$$PATH" bash manifests/demo.sh

lint: $(VENV)/.dev
	$(BIN)/pip install -q -e '.[lint]' --config-settings editable_mode=compat
	$(BIN)/ruff check minikube_lite tests bench
	$(BIN)/ruff format --check minikube_lite tests bench
	$(BIN)/mypy minikube_lite

bench: $(VENV)/.dev
	$(BIN)/python -m compileall -q minikube_lite
	$(BIN)/python bench/run.py

# docs/dashboard.png: the dashboard mid-rollout, in headless Chromium (apt-get install chromium)
.PHONY: dashboard-screenshot
dashboard-screenshot: $(VENV)/.dev
	$(BIN)/python -m tests.cli.dashboard_screenshot docs/dashboard.png

clean:
	rm -rf $(VENV) build *.egg-info bench/results.json
