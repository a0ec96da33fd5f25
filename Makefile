# PDX 311 assistant. `make help` lists the targets.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa
STAMPS := .stamps
MODEL := models/current.tar.gz
TRAINING_FILES := config.yml $(shell find domain nlu_data -name '*.yml' 2>/dev/null)
PO_FILES := $(wildcard locales/*/LC_MESSAGES/messages.po)
MO_FILES := $(PO_FILES:.po=.mo)
export PYTHONPATH := $(CURDIR)
export TF_CPP_MIN_LOG_LEVEL := 2
export SQLALCHEMY_SILENCE_UBER_WARNING := 1

.DEFAULT_GOAL := help
.PHONY: help install run test bench chaos train validate lint extract-strings compile-translations migrate admin browser clean

help: ## Show this list
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-22s %s\n", $$1, $$2}'

run: install compile-translations $(MODEL) migrate credentials.yml ## Install what is missing, train if needed, start everything
	$(PY) -m bot.platform.launcher --model $(MODEL)

test: install browser compile-translations $(MODEL) credentials.yml ## Install what is missing and run the whole test suite
	$(PY) -m pytest

bench: install compile-translations $(MODEL) credentials.yml ## Measure accuracy, latency, throughput and memory (figures for the README)
	$(PY) -m bench.run

chaos: install compile-translations $(MODEL) credentials.yml ## A 10-minute soak with a fault every 30 s: messages lost or duplicated
	$(PY) -m bench.chaos

install: $(STAMPS)/install ## Create .venv and install the locked requirements

$(STAMPS)/install: requirements/lock.txt
	@test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --ignore-requires-python -r requirements/lock.txt
	@mkdir -p $(STAMPS) && touch $@

browser: ## Install Debian's headless Chromium for the browser tests, and the word lists the detector's misspelling test reads (if missing)
	@if [ ! -x /usr/bin/chromium ] || [ ! -f /usr/share/dict/american-english ] || [ ! -f /usr/share/dict/spanish ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver wamerican wspanish; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver wamerican wspanish; fi; \
	fi

credentials.yml: credentials.yml.example
	cp $< $@

train: $(MODEL) ## Train the Rasa model (only when the training data changed)

# The data is validated by `make validate` and by the tests, not again on every training.
$(MODEL): $(TRAINING_FILES) | $(STAMPS)/install
	$(RASA) train --data nlu_data --domain domain --config config.yml --out models --fixed-model-name current --skip-validation

validate: install ## Check the training data and domain with Rasa
	$(RASA) data validate --data nlu_data --domain domain --config config.yml --fail-on-warnings

migrate: install ## Create or upgrade the database named by DATABASE_URL (SQLite by default)
	$(VENV)/bin/alembic upgrade head

admin: migrate ## Create the first console admin (asks for email and password)
	@read -p "Admin email: " email; $(PY) -m handoff users add "$$email" --role admin

lint: install ## ruff and mypy over the code
	$(VENV)/bin/ruff check bot actions handoff broadcasts tests bench
	$(VENV)/bin/mypy

extract-strings: install ## Refresh locales/messages.pot and the .po files from the code and domain
	$(PY) -m bot.language.catalogs extract
	$(PY) -m bot.language.catalogs update

compile-translations: $(MO_FILES) ## Compile the .po catalogs

locales/%/LC_MESSAGES/messages.mo: locales/%/LC_MESSAGES/messages.po | $(STAMPS)/install
	$(PY) -m bot.language.catalogs compile

clean: ## Remove trained models, test output and the local database
	rm -rf models results var .pytest_cache
