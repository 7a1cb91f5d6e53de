# Quick start: `make run` (set up, load demo data, serve on http://127.0.0.1:8000) and `make test`.
# Both create their own virtual environment (.venv) and install front-end packages from the npm registry.

PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_SETTINGS_MODULE := ipcustody.settings

.PHONY: run test setup deps frontend messages browser-deps migrate demo lint makemessages bench clean

run: setup
	DEBUG=1 $(PY) manage.py migrate --no-input
	DEBUG=1 $(PY) manage.py load_demo
	@echo "Serving on http://$(HOST):$(PORT)/  (Ctrl-C to stop)"
	DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

test: setup browser-deps
	$(PY) -m pytest $(PYTEST_ARGS)

setup: deps frontend messages var

var:
	mkdir -p var

deps: $(VENV)/.installed

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

frontend: node_modules/.installed

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

messages: deps
	$(PY) tools/compile_messages.py

# Browser tests drive Debian's chromium; screenshots need CJK fonts. Installed once, as root, from apt.
browser-deps:
	@if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then \
		echo "Installing chromium and fonts-noto-cjk from Debian's packages"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	fi

# Developers: refresh the catalogue after adding strings (needs gettext's xgettext), then translate in the .po.
makemessages: deps
	cd ipcustody && DEBUG=1 ../$(PY) ../manage.py makemessages -l zh_Hans --no-obsolete --no-location --ignore "*/tests/*"

lint: deps
	$(PY) -m ruff check ipcustody tests

bench: setup
	$(PY) -m bench

clean:
	rm -rf $(VENV) node_modules var
