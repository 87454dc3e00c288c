#!/usr/bin/env bash
# Set everything up, build the demo station (SoftHSM2 token, seals, documents) and start it.
# Extra arguments go to 'sealstation demo' (e.g. --no-gui, --home DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/sealstation demo "$@"
