# Two commands on a fresh machine: `make run` and `make test`. Each installs what it needs.
.PHONY: run test bootstrap

run: bootstrap
	.venv/bin/reader $(ARGS)

test: bootstrap
	.venv/bin/lint-imports
	.venv/bin/mypy --strict reader/core
	QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest -q

bootstrap:
	@bash scripts/bootstrap.sh
