#!/bin/sh
# npm audit of the production dependencies: needs the npm registry, so it is a script (npm run
# audit:prod), not a unit test. Fails (exit 1) when any advisory is high or critical.
set -eu
cd "$(dirname "$0")/../.."
npm audit --omit=dev --audit-level=high
