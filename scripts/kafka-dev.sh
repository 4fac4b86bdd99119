#!/usr/bin/env bash
# A real single-node Kafka 3.9 (KRaft) on 127.0.0.1 for development and the integration suites.
# Jars come from Maven Central into a cache outside the repo (KAFKA_CACHE, default ~/.cache/dnr-kafka).
#   scripts/kafka-dev.sh fetch                 gather the jars (idempotent)
#   scripts/kafka-dev.sh start [PORT] [DIR]    format DIR and start a broker on PORT (default 19092, DIR a temp dir); prints DIR
#   scripts/kafka-dev.sh stop  [DIR]           stop the broker started in DIR
set -euo pipefail
KAFKA_VERSION=3.9.1
CACHE="${KAFKA_CACHE:-$HOME/.cache/dnr-kafka}/$KAFKA_VERSION"
LIB="$CACHE/lib"

fetch() {
  if [ -f "$LIB/.complete" ]; then return 0; fi
  mkdir -p "$CACHE"
  cat > "$CACHE/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dnr</groupId><artifactId>kafka-dev</artifactId><version>1</version>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId><version>$KAFKA_VERSION</version></dependency>
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-reload4j</artifactId><version>1.7.36</version></dependency>
    <dependency><groupId>ch.qos.reload4j</groupId><artifactId>reload4j</artifactId><version>1.2.25</version></dependency>
  </dependencies>
</project>
POM
  (cd "$CACHE" && mvn -q -B dependency:copy-dependencies -DoutputDirectory=lib -DincludeScope=runtime >&2)
  touch "$LIB/.complete"
}

start() {
  local port="${1:-19092}" dir="${2:-$(mktemp -d -t dnr-kafka-XXXXXX)}"
  local controller=$((port + 1))
  fetch
  mkdir -p "$dir/data"
  cat > "$dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$dir/data
num.partitions=3
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
PROPS
  cat > "$dir/log4j.properties" <<'LOG'
log4j.rootLogger=WARN, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
LOG
  if [ ! -f "$dir/data/meta.properties" ]; then
    java -Dlog4j.configuration="file:$dir/log4j.properties" -cp "$LIB/*" kafka.tools.StorageTool format -t "$(cat /proc/sys/kernel/random/uuid | tr -d '-' | head -c 22)" -c "$dir/server.properties" >"$dir/format.log" 2>&1
  fi
  nohup java -Xms256m -Xmx512m -Dlog4j.configuration="file:$dir/log4j.properties" -cp "$LIB/*" kafka.Kafka "$dir/server.properties" >"$dir/broker.log" 2>&1 &
  echo $! > "$dir/broker.pid"
  for _ in $(seq 1 120); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$dir"; return 0; fi
    if ! kill -0 "$(cat "$dir/broker.pid")" 2>/dev/null; then cat "$dir/broker.log" >&2; return 1; fi
    sleep 0.5
  done
  echo "broker did not open port $port" >&2; return 1
}

stop() {
  local dir="$1"
  [ -f "$dir/broker.pid" ] || return 0
  local pid; pid="$(cat "$dir/broker.pid")"
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || { rm -f "$dir/broker.pid"; return 0; }; sleep 0.5; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$dir/broker.pid"
}

cmd="${1:-}"; shift || true
case "$cmd" in
  fetch) fetch ;;
  start) start "$@" ;;
  stop) stop "$@" ;;
  *) echo "usage: $0 fetch|start [PORT] [DIR]|stop DIR" >&2; exit 2 ;;
esac
