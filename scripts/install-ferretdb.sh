#!/usr/bin/env bash
# Builds FerretDB (a MongoDB-wire-compatible server with an SQLite backend) from the Go module
# proxy into "$(go env GOPATH)/bin/ferretdb", unless a working binary is already there.
#
# Why not a plain `go install ...@v1.24.2`: the module as published lacks the generated
# build/version/version.txt, so that binary panics at start ("Invalid build/version/version.txt").
# We build the same module source with that one file written.
set -euo pipefail

version="${FERRETDB_VERSION:-v1.24.2}"
bin_dir="$(go env GOPATH)/bin"
target="$bin_dir/ferretdb"

if "$target" --version >/dev/null 2>&1; then
  echo "ferretdb: reusing $target ($("$target" --version | head -n 1))"
  exit 0
fi

src_dir="$(go mod download -json "github.com/FerretDB/FerretDB@$version" |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["Dir"])')"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r "$src_dir/." "$work/"
chmod -R u+w "$work"
echo "$version" >"$work/build/version/version.txt"
mkdir -p "$bin_dir"
(cd "$work" && go build -o "$target" ./cmd/ferretdb)
echo "ferretdb: built $target ($("$target" --version | head -n 1))"
