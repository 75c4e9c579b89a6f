# Shared by bench/region/setup and bench/region/measure (sourced, not run): settings, the build, the
# benchmark's own PostgreSQL cluster and the server under test.
#
# Settings (environment): BENCH_DATA (default /var/tmp/regiopool-bench), BENCH_PG_PORT (55432),
# BENCH_API_PORT (28080; the admin port is the next one), BENCH_BARE_PORT (28090; likewise),
# BENCH_DURATION seconds per measured run (30), BENCH_WARMUP seconds of load before each (90),
# BENCH_CONNECTIONS concurrent connections (16), BENCH_JAVA_OPTS the server's JVM flags (see JAVA_OPTS),
# BENCH_WEEKS weeks of shifts per worker (25: 5,000,000 placements; 5 loads a fifth), BENCH_AUDIT_EVENTS
# events appended to one chain (1000000; 0 appends none), BENCH_SKIP_BUILD=1 to use the last build, BENCH_JAR
# another server jar to run (an A/B against an older build).
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE="$ROOT/bench/region"
DATA=${BENCH_DATA:-/var/tmp/regiopool-bench}
PG_PORT=${BENCH_PG_PORT:-55432}
DURATION=${BENCH_DURATION:-30}
WARMUP=${BENCH_WARMUP:-90}
CONNECTIONS=${BENCH_CONNECTIONS:-16}
WRK_THREADS=2
API_PORT=${BENCH_API_PORT:-28080}
BARE_PORT=${BENCH_BARE_PORT:-28090}
WEEKS=${BENCH_WEEKS:-25}
AUDIT_EVENTS=${BENCH_AUDIT_EVENTS:-1000000}
JAR=${BENCH_JAR:-$ROOT/server/target/regiopool-server.jar}
CONFIG="$DATA/bench-config.yml"
# The server's JVM with the flags README "Memory and threads" gives for a small machine (word-split on purpose:
# flags are single words; the bare Dropwizard baseline runs with the same)
# shellcheck disable=SC2206
JAVA_OPTS=(${BENCH_JAVA_OPTS:--Xms192m -Xmx192m -XX:+UseSerialGC -XX:ReservedCodeCacheSize=64m -Xss512k -XX:TrimNativeHeapInterval=5000})

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

ensure_packages() {
  local missing=()
  compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null || missing+=(postgresql postgresql-contrib)
  command -v pgbench >/dev/null || missing+=(postgresql-client)
  command -v wrk >/dev/null || missing+=(wrk)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]} (Debian packages)"
    local sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
}

# The server jar and the bench module (reactor build: nothing is installed into ~/.m2); BENCH_CP is the
# module's classpath (AuditChainLoader, BareBaselineApplication, RegionReport).
build() {
  if [ "${BENCH_SKIP_BUILD:-}" != 1 ]; then
    log "building (mvn -Pbench -pl bench -am package -DskipTests)"
    (cd "$ROOT" && mvn -B -q -Pbench -pl bench -am package -DskipTests)
  fi
  BENCH_CP=$("$ROOT/bench/classpath" 2>/dev/null) || BENCH_CP=""
}

psql_super() { psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres "$@"; }

start_postgres() {
  mkdir -p "$DATA"
  if [ "$(id -u)" = 0 ]; then chown postgres "$DATA"; fi
  if [ ! -f "$DATA/pg/PG_VERSION" ]; then
    log "initdb $DATA/pg"
    as_postgres "$PG_BIN/initdb" -D "$DATA/pg" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    # Loopback only, trust auth: a throwaway benchmark cluster. Sized for the region on a 24 GiB machine.
    as_postgres tee -a "$DATA/pg/postgresql.conf" >/dev/null <<EOF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$DATA'
max_connections = 200
shared_buffers = 4GB
effective_cache_size = 12GB
work_mem = 16MB
maintenance_work_mem = 1GB
max_wal_size = 16GB
checkpoint_timeout = 30min
random_page_cost = 1.1
shared_preload_libraries = 'pg_stat_statements,auto_explain'
pg_stat_statements.track_planning = on
auto_explain.log_min_duration = -1
log_line_prefix = '%m [%p] %u '
EOF
  fi
  if ! as_postgres "$PG_BIN/pg_ctl" -D "$DATA/pg" status >/dev/null 2>&1; then
    log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
    as_postgres "$PG_BIN/pg_ctl" -D "$DATA/pg" -l "$DATA/postgres.log" -w start >/dev/null
  fi
}

stop_postgres() {
  as_postgres "$PG_BIN/pg_ctl" -D "$DATA/pg" -m fast -w stop >/dev/null 2>&1 || true
}

write_configs() {
  [ -f "$DATA/hmac-secret" ] || head -c 48 /dev/urandom | base64 | tr -d '\n/+=' > "$DATA/hmac-secret"
  if [ ! -f "$DATA/checkpoint-key" ]; then # Ed25519: base64 PKCS#8, then base64 SubjectPublicKeyInfo
    openssl genpkey -algorithm ed25519 -outform DER -out "$DATA/checkpoint-key.der"
    { base64 -w0 "$DATA/checkpoint-key.der"; echo
      openssl pkey -inform DER -in "$DATA/checkpoint-key.der" -pubout -outform DER | base64 -w0; echo; } > "$DATA/checkpoint-key"
    rm "$DATA/checkpoint-key.der"
  fi
  cat > "$CONFIG" <<EOF
# Written by bench/region/lib.sh; threads as in config.yml.
server:
  maxThreads: 64
  minThreads: 8
  adminMaxThreads: 16
  adminMinThreads: 1
  applicationConnectors: [{type: http, port: $API_PORT}]
  adminConnectors: [{type: http, port: $((API_PORT + 1))}]
  requestLog: {appenders: []}
database:
  url: jdbc:postgresql://127.0.0.1:$PG_PORT/regiopool
  maxConnections: 32
http:
  # the load comes from one token: the per-token limit would otherwise be what is measured
  requestsPerSecond: 1000000
  burst: 1000000
auth:
  issuer: regiopool-bench
  audience: regiopool-api
  algorithm: HS256
  hmacSecret: $(cat "$DATA/hmac-secret")
audit:
  checkpointPrivateKey: $(sed -n 1p "$DATA/checkpoint-key")
  checkpointPublicKey: $(sed -n 2p "$DATA/checkpoint-key")
logging:
  level: WARN
EOF
  cat > "$DATA/bare-config.yml" <<EOF
server:
  applicationConnectors: [{type: http, port: $BARE_PORT}]
  adminConnectors: [{type: http, port: $((BARE_PORT + 1))}]
  requestLog: {appenders: []}
logging:
  level: WARN
EOF
}

token() { # role tenant [subject]
  java -jar "$JAR" token --role "$1" ${2:+--tenant "$2"} --subject "${3:-bench-$1}" "$CONFIG" 2>/dev/null | tail -1
}

# Refuses ports some other process listens on: its answers would be measured instead of ours.
require_free_ports() { # port...
  local port
  for port in "$@"; do
    if [ -n "$(ss -Hltn "sport = :$port")" ]; then
      log "port $port is taken ($(ss -Hltnp "sport = :$port" | grep -o 'users:.*' | head -1)): set BENCH_API_PORT / BENCH_BARE_PORT"
      exit 1
    fi
  done
}

# Waits for the health check of the process PID on PORT's admin port, and checks that every port it was given
# is listened on by that process and no other (the PID owning the listening socket).
wait_own_http() { # pid port admin-port
  local pid=$1 port
  for _ in $(seq 1 180); do
    kill -0 "$pid" 2>/dev/null || { log "process $pid ended before it answered"; return 1; }
    if curl -sf "http://127.0.0.1:$3/healthcheck" >/dev/null 2>&1; then
      for port in "$2" "$3"; do
        ss -Hltnp "sport = :$port" | grep -q "pid=$pid," \
          || { log "port $port is not served by process $pid: $(ss -Hltnp "sport = :$port")"; return 1; }
      done
      return 0
    fi
    sleep 1
  done
  log "no answer from process $pid on :$3"; return 1
}

migrate() {
  log "db migrate (Liquibase, as the schema owner)"
  java -jar "$JAR" db migrate "$CONFIG" > "$DATA/migrate.log" 2>&1 || { cat "$DATA/migrate.log"; exit 1; }
}

start_server() {
  log "starting the server (shaded jar) against the standalone database on :$API_PORT"
  require_free_ports "$API_PORT" "$((API_PORT + 1))"
  java "${JAVA_OPTS[@]}" -jar "$JAR" server "$CONFIG" > "$DATA/server.log" 2>&1 &
  SERVER_PID=$!
  wait_own_http "$SERVER_PID" "$API_PORT" "$((API_PORT + 1))"
}

stop_server() {
  [ -n "${SERVER_PID:-}" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=
}
