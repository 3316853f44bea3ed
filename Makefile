# The two commands a new user needs: `make run` and `make test`. Both create .venv when missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Packaging (`make package`, see packaging/README.md); `make test` needs PyInstaller for tests/e2e/test_package.py.
PKG_STAMP := $(VENV)/.installed-package
DIST_DIR := build/dist/rebuttal-lab
DEB_DIR := build/deb
DEB_COMPRESSION ?= xz
# Everything the package is made from: rebuilt only when one of these changes.
PKG_INPUTS := pyproject.toml $(shell find desktop/rebuttal_lab resources db packaging -type f \
	-not -path '*/__pycache__/*' -not -name '*.pyc' 2>/dev/null)

.PHONY: run test lint bench package clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/rebuttal-lab $(ARGS)

lint: $(STAMP)
	$(BIN)/ruff check desktop tests benchmarks packaging

test: $(STAMP) $(PKG_STAMP) lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(STAMP)
	for b in benchmarks/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

# --- packaging: `make package` builds the one-folder app and the .deb (see packaging/README.md) ---------

$(PKG_STAMP): $(STAMP) pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[dev,package]'
	touch $(PKG_STAMP)

$(DEB_DIR)/.built: $(PKG_STAMP) $(PKG_INPUTS)
	rm -f $@
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath build/dist --workpath build/pyinstaller \
		packaging/rebuttal-lab.spec
	$(BIN)/python packaging/build_deb.py --dist $(DIST_DIR) --out $(DEB_DIR) --compression $(DEB_COMPRESSION)
	touch $@

package: $(DEB_DIR)/.built

clean:
	rm -rf $(VENV) build dist *.egg-info
