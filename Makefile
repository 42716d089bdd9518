# defgraph: `make demo` installs and ingests the sample corpus; `make test` runs the suite.
# The venv steps are stamped on pyproject.toml, so a second run installs nothing.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
DB     ?= defgraph.db

.PHONY: demo test train install clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed

demo: $(VENV)/.installed
	$(BIN)/defgraph ingest samples/news/ --db $(DB); test $$? -le 1
	@echo
	$(BIN)/defgraph stats --db $(DB)
	@echo
	$(BIN)/defgraph register --db $(DB) --supplier Russia --recipient India
	@echo
	@echo "Next: $(BIN)/defgraph search 'S-400 delivery' --db $(DB)"
	@echo "      $(BIN)/defgraph show entity S-400 --db $(DB)"
	@echo "      $(BIN)/defgraph conflicts --db $(DB)"
	@echo "      $(BIN)/defgraph timeline India Russia --db $(DB)"
	@echo "      $(BIN)/defgraph serve --db $(DB)      (then open http://127.0.0.1:8000)"
	@echo "      $(BIN)/defgraph --help"

# pytest exits with 5 when it collects no test: not a failure of the suite.
# The browser tests drive Debian's Chromium: installed here when missing (dev and CI machines run as root).
test: $(VENV)/.installed-test
	@test -x /usr/bin/chromium || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; } \
		|| echo "make: could not install chromium; the browser tests will fail"
	$(BIN)/python -m pytest -q; rc=$$?; if [ $$rc -eq 5 ]; then echo "no tests collected"; exit 0; fi; exit $$rc

# Rebuild the shipped confidence models from the gold train data (not part of the test suite).
$(VENV)/.installed-train: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[train]'
	touch $@ $(VENV)/.installed

train: $(VENV)/.installed-train
	$(BIN)/defgraph train

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm .pytest_cache
