# Two commands on a fresh machine: `make run` and `make test`. Each installs what it needs.
.PHONY: run test bootstrap lint

run: bootstrap
	.venv/bin/reader $(ARGS)

test: bootstrap
	QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest -q
	.venv/bin/lint-imports

bootstrap:
	@bash scripts/bootstrap.sh
