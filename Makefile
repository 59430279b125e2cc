# Developer tasks. `make test` is the README's test command; `.ci/run` runs the same.
PY ?= .venv/bin/python

.PHONY: venv test lint format typecheck bench golden readme

venv:
	python3 -m venv .venv && .venv/bin/pip install -q -e '.[test]'

test:
	$(PY) -m pytest

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
