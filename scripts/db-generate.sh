#!/usr/bin/env bash
# Generates a drizzle migration from the schema; the lock keeps two generators from writing the journal at once.
set -euo pipefail
cd "$(dirname "$0")/.."
exec flock /tmp/tandem-db-generate.lock npx drizzle-kit generate "$@"
