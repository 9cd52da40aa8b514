#!/usr/bin/env bash
# Builds reference-impl and this module (no install) and prints the classpath to run them with.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
mvn -q ${MVN_OFFLINE--o} -pl reference-server-cli -am package -DskipTests \
    dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime >&2
echo "$root/reference-server-cli/target/classes:$(cat reference-server-cli/target/classpath.txt)"
