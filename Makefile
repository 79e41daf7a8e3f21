# make run   – install, migrate, load the demo, serve on http://127.0.0.1:5000
# make test  – install the test dependencies and run the whole suite

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 5000
export FLASK_APP := wsgi
LOCALES := it es fi bg fr nl de

.PHONY: run test install install-test browser-tools lint bench translations clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(VENV)/.installed $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test browser-tools

# axe-core from the npm registry, and Debian's Chromium when running as root with apt.
browser-tools:
	@if command -v npm >/dev/null 2>&1; then \
	  [ -f node_modules/axe-core/axe.min.js ] || npm ci --no-audit --no-fund --silent; \
	else echo "npm not found: the browser tests need axe-core (apt-get install npm)"; fi
	@if ! command -v chromium >/dev/null 2>&1 && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null; \
	fi

run: install
	$(BIN)/flask db upgrade
	$(BIN)/flask vocab load
	$(BIN)/flask demo --if-empty
	@echo ""
	@echo "  Open http://$(HOST):$(PORT)/"
	@echo "  Demo logins (password: $${DEMO_PASSWORD:-mastery-demo}):"
	@echo "    admin@mastery.example          administrator"
	@echo "    facilitator@mastery.example    facilitator"
	@echo "    marco.ferri@mastery.example    stakeholder (public authority, IT)"
	@echo "    sara.greco@mastery.example     stakeholder (start-up, IT)"
	@echo "  Mail is written to instance/mail/*.eml"
	@echo ""
	$(BIN)/flask run --host $(HOST) --port $(PORT)

test: install-test
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Every benchmark with a summary against the goals (bench/README.md); BENCH_ARGS=--quick
bench: install-test
	$(BIN)/python bench/run.py $(BENCH_ARGS)

lint: install-test
	$(BIN)/ruff check .

# Extract every message of the code and templates, merge it into each catalogue, compile.
translations: install
	$(BIN)/pybabel extract -F babel.cfg -k _l --no-location --sort-output --omit-header \
	  -o app/translations/messages.pot .
	@for lang in $(LOCALES); do \
	  if [ -f app/translations/$$lang/LC_MESSAGES/messages.po ]; then \
	    $(BIN)/pybabel update --no-fuzzy-matching --ignore-obsolete -i app/translations/messages.pot \
	      -d app/translations -l $$lang; \
	  else \
	    $(BIN)/pybabel init -i app/translations/messages.pot -d app/translations -l $$lang; \
	  fi; \
	done
	$(BIN)/pybabel compile -d app/translations --statistics

clean:
	rm -rf $(VENV) node_modules .pytest_cache
