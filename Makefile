# The two commands: `make run` and `make test`. Each creates .venv when it is missing.
# `make package` builds the application with PyInstaller; `make package-check` builds and tries it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP_RUN := $(VENV)/.installed-run
STAMP_TEST := $(VENV)/.installed-test
STAMP_BENCH := $(VENV)/.installed-bench
STAMP_PACKAGE := $(VENV)/.installed-package
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test lint typecheck pytest bench screenshots package package-tools package-check clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP_RUN): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(STAMP_TEST): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@ $(STAMP_RUN)

run: $(STAMP_RUN)
	$(BIN)/cardfile --demo-if-new

lint: $(STAMP_TEST)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP_TEST)
	$(BIN)/mypy

pytest: $(STAMP_TEST)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

test: lint typecheck pytest

$(STAMP_BENCH): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test,bench]"
	touch $@ $(STAMP_TEST) $(STAMP_RUN)

bench: $(STAMP_BENCH)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest tests/benchmarks -s -p no:randomly

screenshots: $(STAMP_RUN)
	mkdir -p build
	$(BIN)/cardfile --db build/screenshots.sqlite --demo-if-new --screenshots build/screenshots

$(STAMP_PACKAGE): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[package]"
	touch $@ $(STAMP_RUN)

# The one-folder application for this platform: dist/cardfile/ (and dist/Cardfile.app on macOS).
package: $(STAMP_PACKAGE)
	$(BIN)/python -m PyInstaller --noconfirm --log-level WARN \
		--distpath dist --workpath build/pyinstaller packaging/cardfile.spec

# Debian's validators for the .desktop file and the AppStream metainfo, when missing.
package-tools:
	@missing=""; \
	command -v desktop-file-validate >/dev/null || missing="desktop-file-utils"; \
	command -v appstreamcli >/dev/null || missing="$$missing appstream"; \
	if [ -n "$$missing" ]; then \
		echo "Installing $$missing"; \
		$(SUDO) apt-get update && $(SUDO) apt-get install -y --no-install-recommends $$missing; \
	fi

# Not part of `make test`: builds the Linux bundle, validates the desktop files, starts the
# bundle (--version, a demo database, --screenshots offscreen) and prints its size and start-up.
package-check: package-tools package
	$(BIN)/python packaging/check_bundle.py dist/cardfile

clean:
	rm -rf build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
