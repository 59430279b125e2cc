# Developer tasks. `make test` is the README's test command; `.ci/run` runs the same.
PY ?= .venv/bin/python

.PHONY: venv test test-lowest lint format typecheck bench golden readme windows-bundle

venv:
	python3 -m venv .venv && .venv/bin/pip install -q -e '.[test]'

test:
	$(PY) -m pytest

# The tests with the lowest versions pyproject.toml allows (.ci/lowest.txt), as CI runs them.
test-lowest:
	python3 -m venv .venv-lowest && .venv-lowest/bin/pip install -q -c .ci/lowest.txt -e ".[test]"
	.venv-lowest/bin/python -m pytest -m "not network"

lint:
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy

format:
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

typecheck:
	$(PY) -m mypy

bench:
	$(PY) benchmarks/bench.py --json bench-results.json

# Rewrite the golden files after an intended output change; review the diff!
golden:
	NTM_UPDATE_GOLDEN=1 $(PY) -m pytest tests -q -k golden

# Rewrite the outputs shown in the README's console examples (tests check them).
readme:
	$(PY) -m tests.readme_examples

# The offline install for a clerk's Windows PC: dist/ntm-tracker-VERSION-windows.zip with
# the win_amd64 wheels for CPython 3.10-3.13 (downloads them: needs the package index).
windows-bundle:
	$(PY) -m tools.windows_bundle
