# Sentra: the two commands are `make demo` and `make test` (see README).
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

# The test suite runs against real PostgreSQL and Redis (both on 127.0.0.1 here and in CI).
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/sentra
TEST_REDIS_URL ?= redis://127.0.0.1:6379/15
TEST_ENV := DEBUG=0 SECRET_KEY=test-only-secret-key-not-for-production \
	ALLOWED_HOSTS=localhost,127.0.0.1,testserver ALLOW_PLAIN_HTTP=1 \
	DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) \
	PRIVATE_STORAGE_ROOT=$(CURDIR)/private-test DJANGO_ALLOW_ASYNC_UNSAFE=true

.PHONY: icons help demo test install messages catalogue lint checks ci lock clean

help: ## Show this help
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): requirements.lock
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install the locked dependencies

messages: install ## Compile the translation catalogues (needs gettext; compiled files are committed)
	@if command -v msgfmt >/dev/null; then DEBUG=1 $(PY) manage.py compilemessages --ignore=.venv -v0; fi

catalogue: install ## Add new strings of the code to the Indonesian catalogue (then translate them)
	DEBUG=1 $(PY) manage.py makemessages -l id --no-location --ignore=.venv --ignore=tests \
	  --ignore='private*' --ignore=staticfiles --ignore=bench -v0
	@echo "Translate the new entries in locale/id/LC_MESSAGES/django.po, then: make messages"

demo: install messages ## Set up and start the app with demo data at http://127.0.0.1:8000
	@# A developer machine: plain manage.py commands run in debug mode from now on.
	@test -f .env || echo "DEBUG=1" > .env
	DEBUG=1 $(PY) manage.py migrate --noinput -v0
	DEBUG=1 $(PY) manage.py seed_demo
	DEBUG=1 $(PY) manage.py runserver 127.0.0.1:8000

test: install messages ## Set up and run the whole test suite (PostgreSQL, Redis, Chromium)
	@command -v chromium >/dev/null || .ci/install-system-packages
	$(TEST_ENV) $(PY) manage.py collectstatic --noinput -v0
	$(TEST_ENV) $(PY) -m pytest $(PYTEST_ARGS)

icons: install ## Cut the icon font down to the icons the templates use (after adding one)
	$(PY) .ci/subset-icons

lint: install ## ruff lint and format check, mypy with django-stubs, the import layers
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	DEBUG=1 $(PY) -m mypy sentra clients casework assessments residence activities reports privacy
	DEBUG=1 $(PY) -m pytest -q -p no:cacheprovider tests/test_architecture.py

checks: install ## Migrations in step with models; production settings pass check --deploy
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run
	@# Only the three variables every production host needs: the rest is secure by default.
	DEBUG=0 SECRET_KEY=$$(head -c 48 /dev/urandom | base64) ALLOWED_HOSTS=sentra.example \
	  $(PY) manage.py check --deploy --fail-level WARNING

ci: test lint checks ## Everything CI runs

lock: ## Re-resolve pyproject.toml (runtime and dev) into requirements.lock
	rm -rf /tmp/sentra-lock && python3 -m venv /tmp/sentra-lock
	/tmp/sentra-lock/bin/pip install --quiet $$(python3 -c 'import tomllib; d = tomllib.load(open("pyproject.toml", "rb")); print(" ".join(repr(x) for x in d["project"]["dependencies"] + d["dependency-groups"]["dev"]))')
	(echo "# Fully pinned dependencies (runtime and test) of pyproject.toml. Regenerate: make lock"; \
	  /tmp/sentra-lock/bin/pip freeze) > requirements.lock

clean: ## Remove the local database, private files and build output
	rm -rf db.sqlite3 private private-test staticfiles
