# Two commands for a newcomer: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_DB ?= $(CURDIR)/.venv/demo.db
DEMO_URL := sqlite:///$(DEMO_DB)
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | md5sum | cut -c1-12)
DIST_STAMP := $(VENV)/.dist-$(shell cat pyproject.toml | md5sum | cut -c1-12)

.PHONY: run test lint layers pytest demo translations dist clean

$(STAMP):
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $@

# Create or upgrade the demo database (2,000 accounts) and open the window on it.
run: $(STAMP)
	$(BIN)/cashier --db $(DEMO_URL) db upgrade
	$(BIN)/cashier --db $(DEMO_URL) demo --if-empty
	$(BIN)/cashier --db $(DEMO_URL)

# Every check: lint, import layering, the test suite on SQLite and PostgreSQL.
test: lint layers pytest

lint: $(STAMP)
	$(BIN)/ruff check cashier migrations tests

layers: $(STAMP)
	$(BIN)/lint-imports

pytest: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS)

# Re-extract UI strings into resources/i18n/zh_CN/*.ts is done per area; this compiles them.
translations: $(STAMP)
	$(BIN)/pyside6-lrelease resources/i18n/zh_CN/*.ts -qm resources/i18n/cashier_zh_CN.qm

$(DIST_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dist]'
	rm -f $(VENV)/.dist-*
	touch $@

# The bundle dist/cashier/ (PyInstaller, resources/packaging/cashier.spec) and, when makensis
# (NSIS 3) is installed, the Windows installer dist/cashier-VERSION-setup.exe (installer.nsi,
# warnings are errors). DIST_ARGS=--no-installer builds only the bundle. On Windows, without
# make: resources/packaging/build_dist.py.
dist: $(DIST_STAMP)
	$(BIN)/python resources/packaging/build_dist.py $(DIST_ARGS)

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache
