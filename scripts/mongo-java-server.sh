#!/usr/bin/env bash
# Starts mongo-java-server (in memory, real unique indexes) on 127.0.0.1:${1:-27999}, in the
# foreground, for benchmarks: MONGODB_URI=mongodb://127.0.0.1:27999 npm run bench -- --only X
# Needs Java 17 and Maven (Maven Central). Nothing is kept when it stops.
set -euo pipefail
dir="$(cd "$(dirname "$0")/mongo-java-server" && pwd)"
cp_file="$dir/target/classpath.txt"
if [ ! -s "$cp_file" ]; then
  mkdir -p "$dir/target"
  mvn -q -f "$dir/pom.xml" dependency:build-classpath -Dmdep.outputFile="$cp_file" >&2
fi
exec java -cp "$(cat "$cp_file")" "$dir/Launcher.java" "${1:-27999}"
