#!/usr/bin/env bash
# Runs the official MCP conformance suite (@modelcontextprotocol/conformance, pinned) against the server's
# Streamable HTTP mode on the built-in sandbox, with the expected failures of conformance-baseline.yml.
# Builds nothing: run `npm run build` first. Exits with the suite's status (0: only baselined failures).
#
# The suite needs Node 22 (it calls fs.globSync); it runs under `npx -p node@22`, fetched from the npm registry.
# The server itself runs on the machine's Node. IM_ADMIN_HTTP_AUTH=none is accepted only on a loopback host.
set -euo pipefail
cd "$(dirname "$0")/../.."

CONFORMANCE_VERSION=0.1.16
CLI=dist/bundle/cli.js
BASELINE="$PWD/conformance-baseline.yml"
[ -f "$CLI" ] || { echo "conformance.sh: $CLI is missing: run npm run build first" >&2; exit 2; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/im-admin-conformance.XXXXXX")
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# A clean environment (no credentials, filters or HTTP token from the caller's shell): the sandbox, no bearer token
# on loopback, its own audit log.
: >"$WORK/server.err"
env -i PATH="$PATH" HOME="$HOME" TMPDIR="${TMPDIR:-/tmp}" \
  IM_ADMIN_HTTP_AUTH=none IM_ADMIN_LOG_LEVEL=warn IM_ADMIN_AUDIT_LOG="$WORK/audit.jsonl" \
  node "$CLI" --http --host 127.0.0.1 --port 0 --sandbox 2>"$WORK/server.err" &
SERVER_PID=$!

URL=""
# A generous bound (60 s), not a speed check: a loaded 2-core machine can take several seconds to start it.
for _ in $(seq 1 600); do
  URL=$(sed -n 's/^im-admin-mcp: MCP over HTTP at \([^ ]*\).*/\1/p' "$WORK/server.err" | head -n 1)
  [ -n "$URL" ] && break
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "conformance.sh: the server exited before listening:" >&2
    cat "$WORK/server.err" >&2
    exit 2
  fi
  sleep 0.1
done
[ -n "$URL" ] || { echo "conformance.sh: no 'MCP over HTTP at' line within 60 s:" >&2; cat "$WORK/server.err" >&2; exit 2; }
echo "conformance.sh: server at $URL (pid $SERVER_PID)"

# Run from the scratch folder so any results the suite writes land there, not in the repository.
status=0
(
  cd "$WORK"
  npx -y -p node@22 -p "@modelcontextprotocol/conformance@$CONFORMANCE_VERSION" -c \
    "conformance server --url '$URL' --expected-failures '$BASELINE'"
) || status=$?

if ! kill -0 "$SERVER_PID" 2>/dev/null; then
  echo "conformance.sh: the server died during the run:" >&2
  cat "$WORK/server.err" >&2
  [ "$status" -ne 0 ] || status=1
fi
echo "conformance.sh: suite exit status $status"
exit "$status"
