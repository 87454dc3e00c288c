#!/usr/bin/env bash
# Set everything up and run the whole test suite (Qt offscreen, SoftHSM2 tokens per session).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m pytest -q "$@"
