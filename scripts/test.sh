#!/usr/bin/env bash
# `npm test`: the whole suite on the server the service would use (MONGODB_URI, else the
# embedded default: FerretDB here), the fault tests after the rest and one at a time, then the database tests again on mongo-java-server, whose
# real unique indexes show what FerretDB's whole-collection scans hide (and the other way
# round). The second pass needs Java 17 and Maven; without them, or with MONGODB_URI set, or
# with SECOND_TEST_SERVER=off, it is skipped with a line saying so. Arguments go to vitest.
set -euo pipefail
cd "$(dirname "$0")/.."

TEST_FAULTS=skip npx vitest run "$@"
# Alone: each fault test runs the service as several processes on a FerretDB of its own.
TEST_FAULTS=only npx vitest run --project db --maxWorkers=1 --passWithNoTests "$@"

if [ -n "${MONGODB_URI:-}" ] || [ "${SECOND_TEST_SERVER:-on}" = off ]; then
  exit 0
fi
if ! command -v java >/dev/null 2>&1 || ! command -v mvn >/dev/null 2>&1; then
  echo "second test server skipped: mongo-java-server needs Java 17 and Maven" >&2
  exit 0
fi
port="$(node -e '
  const s = require("node:net").createServer().listen(0, "127.0.0.1", () => {
    console.log(s.address().port);
    s.close();
  });')"
log="$(mktemp)"
bash scripts/mongo-java-server.sh "$port" >"$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 600); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
  if ! kill -0 "$server" 2>/dev/null; then
    cat "$log" >&2
    echo "mongo-java-server did not start" >&2
    exit 1
  fi
  sleep 0.5
done
echo "second pass: the database tests on mongo-java-server (127.0.0.1:$port)"
MONGODB_URI="mongodb://127.0.0.1:$port" TEST_SERVER=mongo-java-server \
  npx vitest run --project db "$@"
