# Task runner. `make run` and `make test` are the README's two commands: both install what they need first.
VENV ?= .venv
PY := $(VENV)/bin/python
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install browser office calc run test lint bench demo screenshots

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,bench]'
	touch $@

# Debian's Chromium for the end-to-end tests (Playwright cannot download its own browser here).
browser:
	@test -x /usr/bin/chromium || ($(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q chromium)

# LibreOffice Writer for the PDF of the period report (tests convert one), poppler's pdftoppm for the
# README's picture of it.
office:
	@(dpkg -s libreoffice-writer-nogui && test -x /usr/bin/pdftoppm) >/dev/null 2>&1 || ($(SUDO) apt-get update -q && \
		$(SUDO) apt-get install -y -q libreoffice-writer-nogui poppler-utils)

# LibreOffice Calc for the ingest benchmark, which makes its .ods from the .xlsx as a user would.
calc:
	@dpkg -s libreoffice-calc-nogui >/dev/null 2>&1 || ($(SUDO) apt-get update -q && \
		$(SUDO) apt-get install -y -q libreoffice-calc-nogui)

run: install
	$(VENV)/bin/tthc serve

test: install browser office lint
	$(PY) -m pytest

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# Benchmarks are run by hand (minutes each); figures go into bench/README.md.
bench: install browser office calc
	$(PY) -m bench.bench_ingest
	$(PY) -m bench.bench_kpi
	$(PY) -m bench.bench_pages
	$(PY) -m bench.load_viewers
	$(PY) -m bench.bench_report

# README screenshots from the real app (demo year) in headless Chromium.
screenshots: install browser office
	$(PY) -m scripts.screenshots

demo: install
	$(VENV)/bin/tthc demo
