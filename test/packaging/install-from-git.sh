#!/usr/bin/env bash
# Installs podsecrets as an operator would from a git URL (`npm install git+file://...#<commit>`: npm clones,
# installs the dev dependencies, runs `prepare`, which builds, and packs), then checks that the installed
# `podsecrets` command runs and that the plugin API (`podsecrets/core`) and the conformance suite
# (`podsecrets/conformance`) import. A script run by .ci/run, not a unit test: it builds the package from
# scratch (a few minutes) and needs the npm registry or its cache. Exit 1 names the step that failed.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
commit="$(git -C "$repo" rev-parse HEAD)"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
cd "$scratch"
printf '{ "name": "git-install-check", "version": "0.0.0", "private": true, "type": "module" }\n' >package.json

step() { echo "--- install from git: $1"; }
step "npm install git+file://$repo#$commit"
npm install --no-audit --no-fund --loglevel=error "git+file://$repo#$commit" chai@"$(node -p "require('$repo/package.json').devDependencies.chai")" kubernetes-models@"$(node -p "require('$repo/package.json').devDependencies['kubernetes-models']")"

step "the podsecrets command"
help="$(./node_modules/.bin/podsecrets --help)"
grep -q '^usage: podsecrets <command>' <<<"$help" || { echo "podsecrets --help printed no usage:"; echo "$help"; exit 1; }

step "podsecrets/core and podsecrets/conformance"
node --input-type=module -e "
const core = await import('podsecrets/core');
for (const name of ['SecretInjector', 'InjectionError', 'defineSettings']) if (!(name in core)) throw new Error('podsecrets/core lacks ' + name);
const conformance = await import('podsecrets/conformance');
if (Object.keys(conformance).length === 0) throw new Error('podsecrets/conformance exports nothing');
console.log('podsecrets/core: ' + Object.keys(core).length + ' names; podsecrets/conformance: ' + Object.keys(conformance).join(', '));
"
echo "--- install from git: ok"
