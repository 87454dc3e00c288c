#!/usr/bin/env bash
# Set everything up and run the whole test suite, slow tests included (Qt offscreen, SoftHSM2 tokens per session).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
# Everything, the slow tests too (pyproject's addopts leave them out of a plain `pytest`).
exec .venv/bin/python -m pytest -q -m "slow or not slow" "$@"
