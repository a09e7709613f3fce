#!/bin/bash
# Kafka health check that first provisions security (once per container start), like MongoDB's health check
# initialises its replica set: every topic of kafka-topics.txt (services have no CREATE right), one SCRAM-SHA-256
# user per service principal and the ACLs of kafka-acls.txt (both files generated from the contracts' topic
# catalog), through the loopback-only INTERNAL listener (not reachable from other containers). Then reports whether
# the broker answers. Passwords come from PEIYU_KAFKA_PASSWORD_<SERVICE> (upper case).
set -euo pipefail
BIN=/opt/kafka/bin
BOOT=127.0.0.1:9094
DONE=/tmp/peiyu-kafka-security.done
ACLS=/etc/kafka/peiyu/kafka-acls.txt
TOPICS=/etc/kafka/peiyu/kafka-topics.txt

if [ ! -f "$DONE" ]; then
  grep -v '^#' "$TOPICS" | while read -r name partitions retention; do
    [ -n "$name" ] || continue
    "$BIN/kafka-topics.sh" --bootstrap-server "$BOOT" --create --if-not-exists --topic "$name" \
      --partitions "$partitions" --config "retention.ms=$retention" >/dev/null
  done
  for principal in $(grep -v '^#' "$ACLS" | awk 'NF { print $1 }' | sort -u); do
    var="PEIYU_KAFKA_PASSWORD_$(echo "$principal" | tr 'a-z-' 'A-Z_')"
    password="${!var:?$var is not set}"
    "$BIN/kafka-configs.sh" --bootstrap-server "$BOOT" --alter --entity-type users --entity-name "$principal" \
      --add-config "SCRAM-SHA-256=[iterations=8192,password=$password]" >/dev/null
  done
  grep -v '^#' "$ACLS" | while read -r principal operations resource pattern name; do
    [ -n "$principal" ] || continue
    ops=()
    for op in ${operations//,/ }; do ops+=(--operation "$op"); done
    "$BIN/kafka-acls.sh" --bootstrap-server "$BOOT" --add --allow-principal "User:$principal" "${ops[@]}" \
      "--$resource" "$name" --resource-pattern-type "$pattern" >/dev/null
  done
  touch "$DONE"
fi
"$BIN/kafka-broker-api-versions.sh" --bootstrap-server "$BOOT" >/dev/null 2>&1
