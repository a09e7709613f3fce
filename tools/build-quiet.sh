#!/bin/sh
# Builds the named workspaces (and what they depend on) through turbo, served from its cache when nothing
# changed. Turbo's lines are shown only when the build fails, so the small CLIs' output is theirs alone
# (e.g. TOKEN=$(npm run -s token -- …) with nothing else on the terminal).
filters=""
for w in "$@"; do filters="$filters --filter=$w"; done
# shellcheck disable=SC2086
out=$("$(dirname "$0")/../node_modules/.bin/turbo" run build --env-mode=loose --output-logs=errors-only $filters 2>&1) || {
  printf '%s\n' "$out" >&2
  exit 1
}
