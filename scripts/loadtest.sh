#!/usr/bin/env bash
# Load test: builds the full index with this engine's analyzer and with bleve's
# cjk bigram baseline, serves each with searchd and drives it with wrk, then
# prints one table with both engines side by side and the ratio ours/baseline.
#
#   scripts/loadtest.sh                      # both engines, 2 rounds of 10 s runs
#   ENGINES=ours ROUNDS=1 scripts/loadtest.sh
#
# Environment (paths relative to the repository root):
#   CORPUS    corpus directory                 (../shared/corpus)
#   QUERIES   JSON Lines query set, "query" key (../shared/eval/dev.jsonl)
#   ENGINES   engines to test, in order        ("ours baseline")
#   DURATION  seconds per measured wrk run     (10)
#   ROUNDS    rounds of runs per engine, the engines alternating (2)
#   WARMUP    seconds of load before measuring (3; 0 to skip)
#   KEEP      1 keeps the work directory (indexes, wrk and time outputs)
#   SEARCHD_FLAGS  extra searchd flags, e.g. "-cache 0" to measure every
#             query uncached (the query mix repeats, so by default most
#             answers come from the result cache after the warm-up)
#
# Needs go, wrk, /usr/bin/time, curl and ps; wrk and time are installed with
# apt-get when missing. Exits non-zero when wrk saw non-2xx answers or socket
# errors.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
CORPUS=${CORPUS:-../shared/corpus}
QUERIES=${QUERIES:-../shared/eval/dev.jsonl}
ENGINES=${ENGINES:-ours baseline}
DURATION=${DURATION:-10}
ROUNDS=${ROUNDS:-2}
WARMUP=${WARMUP:-3}
SEARCHD_FLAGS=${SEARCHD_FLAGS:-}
LUA="$ROOT/scripts/queries.lua"

log() { printf '== %s\n' "$*" >&2; }
die() {
	printf 'loadtest: %s\n' "$*" >&2
	exit 1
}

[[ -d $CORPUS ]] || die "corpus directory $CORPUS not found (set CORPUS)"
[[ -f $QUERIES ]] || die "query set $QUERIES not found (set QUERIES)"
CORPUS=$(cd "$CORPUS" && pwd)
QUERIES=$(cd "$(dirname "$QUERIES")" && pwd)/$(basename "$QUERIES")
for e in $ENGINES; do
	[[ $e == ours || $e == baseline ]] || die "unknown engine $e in ENGINES (ours, baseline)"
done

# --- tools -----------------------------------------------------------------

apt_install() {
	local sudo=()
	if [[ $(id -u) -ne 0 ]]; then
		command -v sudo >/dev/null || die "need root or sudo to apt-get install $*"
		sudo=(sudo)
	fi
	log "installing $*"
	"${sudo[@]}" apt-get update
	"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y "$@"
}
command -v go >/dev/null || die "go is required"
command -v wrk >/dev/null || apt_install wrk
[[ -x /usr/bin/time ]] || apt_install time
command -v curl >/dev/null || apt_install curl
command -v ps >/dev/null || apt_install procps

# --- work directory, binaries, cleanup ---------------------------------------

WORK=$(mktemp -d "${TMPDIR:-/tmp}/loadtest.XXXXXX")
declare -A SEARCHD_PIDS PORTS # per engine
SAMPLER_PID=
stop_searchds() {
	local pid
	for pid in "${SEARCHD_PIDS[@]}"; do
		if kill -0 "$pid" 2>/dev/null; then
			kill -TERM "$pid" 2>/dev/null || true
			wait "$pid" 2>/dev/null || true
		fi
	done
	SEARCHD_PIDS=()
}
cleanup() {
	if [[ -n $SAMPLER_PID ]]; then
		kill "$SAMPLER_PID" 2>/dev/null || true
	fi
	stop_searchds
	if [[ ${KEEP:-0} == 1 ]]; then
		log "kept $WORK"
	else
		rm -rf "$WORK"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log "building indexer and searchd into $WORK/bin"
go build -o "$WORK/bin/indexer" ./indexer
go build -o "$WORK/bin/searchd" ./searchd

# --- request paths -------------------------------------------------------------

# urlencode percent-encodes every byte: always valid, and needs no locale.
urlencode() {
	printf '%s' "$1" | od -An -v -tx1 | tr -d ' \n' | sed 's/../%&/g'
}

# prefix_hex prints the hex bytes of the first n UTF-8 characters of s,
# space-separated, or nothing when s is shorter or the prefix ends in a space.
prefix_hex() {
	local s=$1 n=$2 b chars=0 out=()
	for b in $(printf '%s' "$s" | od -An -v -tx1); do
		# A character starts at any byte that is not a continuation (10xxxxxx).
		if ((16#$b < 16#80 || 16#$b >= 16#c0)); then
			((chars == n)) && break
			chars=$((chars + 1))
		fi
		out+=("$b")
	done
	((chars == n)) || return 0
	[[ ${out[-1]} != 20 ]] || return 0
	printf '%s\n' "${out[*]}"
}

# The "query" value of each line, with JSON's \" \\ \/ escapes undone.
sed -n 's/.*"query"[[:space:]]*:[[:space:]]*"\(\([^"\\]\|\\.\)*\)".*/\1/p' "$QUERIES" |
	sed -e 's/\\"/"/g' -e 's/\\\//\//g' -e 's/\\\\/\\/g' >"$WORK/queries.txt"
NQ=$(grep -c . "$WORK/queries.txt" || true)
((NQ > 0)) || die "no \"query\" fields found in $QUERIES"

: >"$WORK/search-paths.txt"
: >"$WORK/date-paths.txt"
: >"$WORK/suggest-hex.txt"
while IFS= read -r q; do
	[[ -n $q ]] || continue
	printf '/api/search?q=%s&size=10\n' "$(urlencode "$q")" >>"$WORK/search-paths.txt"
	printf '/api/search?q=%s&size=10&sort=date\n' "$(urlencode "$q")" >>"$WORK/date-paths.txt"
	for n in 1 2 3; do
		prefix_hex "${q#"${q%%[! ]*}"}" "$n" >>"$WORK/suggest-hex.txt"
	done
done <"$WORK/queries.txt"
sort -u "$WORK/suggest-hex.txt" | sed -e 's/ /%/g' -e 's/^/\/api\/suggest?q=%/' >"$WORK/suggest-paths.txt"
log "$NQ queries, $(wc -l <"$WORK/suggest-paths.txt") suggest prefixes"

# --- measurement helpers -------------------------------------------------------

free_port() {
	local p
	for _ in $(seq 100); do
		p=$((20000 + RANDOM % 40000))
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
			echo "$p"
			return
		fi
	done
	die "no free port found"
}

http_code() { curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$1" || true; }

now_ns() { date +%s%N; }

# wrk_latency FILE PCT: the PCT% latency of wrk --latency output, in ms.
wrk_latency() {
	awk -v pct="$2%" '
		/Latency Distribution/ { in_dist = 1; next }
		in_dist && $1 == pct {
			v = $2
			if (v ~ /us$/)      { sub(/us$/, "", v); v /= 1000 }
			else if (v ~ /ms$/) { sub(/ms$/, "", v) }
			else if (v ~ /s$/)  { sub(/s$/, "", v); v *= 1000 }
			else if (v ~ /m$/)  { sub(/m$/, "", v); v *= 60000 }
			printf "%.2f", v; exit
		}' "$1"
}

wrk_rps() { awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$1"; }

# wrk_check FILE LABEL: records an error when wrk saw non-2xx answers or socket
# errors, or completed no requests.
FAILURES=()
wrk_check() {
	local bad
	bad=$(grep -E 'Non-2xx or 3xx responses|Socket errors' "$1" || true)
	if [[ -n $bad ]]; then
		FAILURES+=("$2: $(echo "$bad" | tr -s ' \n' ' ')")
	fi
	if ! grep -q '^Requests/sec:' "$1"; then
		FAILURES+=("$2: wrk did not finish")
	fi
}

# run_wrk OUT THREADS CONNS SECONDS PATHS
run_wrk() {
	wrk -t"$2" -c"$3" -d"$4"s --timeout 10s --latency -s "$LUA" "http://127.0.0.1:$PORT" -- "$5" >"$1" 2>&1 || true
}

# sample_rss PID OUT: the largest RSS (KiB) seen every 0.2 s, and the largest
# anonymous part of it (the Go heap and stacks; the rest is index file pages
# mapped by bleve, which the kernel can reclaim), written to OUT as "RSS ANON".
sample_rss() {
	local pid=$1 out=$2 max=0 max_anon=0 rss anon
	while kill -0 "$pid" 2>/dev/null; do
		rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2>/dev/null) || break
		anon=$(awk '/^RssAnon:/ { print $2 }' "/proc/$pid/status" 2>/dev/null) || break
		[[ -n $rss ]] && ((rss > max)) && max=$rss
		[[ -n $anon ]] && ((anon > max_anon)) && max_anon=$anon
		echo "$max $max_anon" >"$out"
		sleep 0.2
	done
}

declare -A R # R[engine,metric]

# --- per engine ----------------------------------------------------------------

# Each engine is built and started first; the loads then run in rounds
# that alternate the engines (ours, baseline; then baseline, ours), so that
# a machine whose speed drifts during the run weighs on both alike. Each
# figure is the mean over the rounds.

for engine in $ENGINES; do
	idx="$WORK/idx-$engine"
	args=(-corpus "$CORPUS" -index "$idx")
	[[ $engine == baseline ]] && args+=(-analyzer cjk)

	log "$engine: building the index"
	if ! /usr/bin/time -v -o "$WORK/time-$engine.txt" "$WORK/bin/indexer" "${args[@]}" \
		>"$WORK/indexer-$engine.out" 2>"$WORK/indexer-$engine.err"; then
		tail -n 20 "$WORK/indexer-$engine.err" >&2
		die "$engine: indexer failed"
	fi
	summary=$(tail -n 1 "$WORK/indexer-$engine.out")
	log "$engine: $summary"
	R[$engine,index_s]=$(awk -F': ' '/Elapsed \(wall clock\)/ {
		n = split($2, t, ":"); s = 0
		for (i = 1; i <= n; i++) s = s * 60 + t[i]
		printf "%.1f", s }' "$WORK/time-$engine.txt")
	R[$engine,mbps]=$(sed -n 's/.*(\([0-9.]*\) MB\/s).*/\1/p' <<<"$summary")
	R[$engine,index_rss]=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$WORK/time-$engine.txt")
	R[$engine,index_mib]=$(du -sk "$idx" | awk '{ printf "%.1f", $1 / 1024 }')

	port=$(free_port)
	PORTS[$engine]=$port
	base="http://127.0.0.1:$port"
	first_q=$(head -n 1 "$WORK/search-paths.txt")
	log "$engine: starting searchd on port $port"
	start=$(now_ns)
	"$WORK/bin/searchd" -index "$idx" -addr "127.0.0.1:$port" $SEARCHD_FLAGS 2>"$WORK/searchd-$engine.err" &
	SEARCHD_PIDS[$engine]=$!
	phase=healthz
	deadline=$((start + 300 * 1000000000))
	while :; do
		kill -0 "${SEARCHD_PIDS[$engine]}" 2>/dev/null || {
			tail -n 20 "$WORK/searchd-$engine.err" >&2
			die "$engine: searchd exited during start-up"
		}
		if [[ $phase == healthz ]]; then
			[[ $(http_code "$base/healthz") == 200 ]] && phase=search
		fi
		if [[ $phase == search ]]; then
			[[ $(http_code "$base$first_q") == 200 ]] && break
		fi
		(($(now_ns) < deadline)) || die "$engine: searchd did not answer within 300 s"
		sleep 0.01
	done
	R[$engine,startup_ms]=$((($(now_ns) - start) / 1000000))

	if ((WARMUP > 0)); then
		log "$engine: warming up for ${WARMUP}s"
		PORT=$port run_wrk "$WORK/wrk-warmup-$engine.txt" 2 16 "$WARMUP" "$WORK/search-paths.txt"
	fi
done

# measure ENGINE ROUND: one round of every load on one engine's searchd.
measure() {
	local engine=$1 r=$2 out
	local PORT=${PORTS[$engine]} pid=${SEARCHD_PIDS[$engine]}
	out="$WORK/$engine-$r"

	log "$engine, round $r: search load, 2 threads, 16 connections, ${DURATION}s"
	echo 0 0 >"$out-rss.txt"
	sample_rss "$pid" "$out-rss.txt" &
	SAMPLER_PID=$!
	run_wrk "$out-search.txt" 2 16 "$DURATION" "$WORK/search-paths.txt"
	kill "$SAMPLER_PID" 2>/dev/null || true
	wait "$SAMPLER_PID" 2>/dev/null || true
	SAMPLER_PID=
	wrk_check "$out-search.txt" "$engine search (round $r)"
	add "$engine" rss_mib "$(awk '{ printf "%.0f", $1 / 1024 }' "$out-rss.txt")" max
	add "$engine" anon_mib "$(awk '{ printf "%.0f", $2 / 1024 }' "$out-rss.txt")" max
	add "$engine" rps "$(wrk_rps "$out-search.txt")"
	add "$engine" p50 "$(wrk_latency "$out-search.txt" 50)"
	add "$engine" p99 "$(wrk_latency "$out-search.txt" 99)"

	# Staff sort by date to find the latest notice on a matter: the same
	# queries, newest first.
	log "$engine, round $r: search load in date order, 2 threads, 16 connections, ${DURATION}s"
	run_wrk "$out-date.txt" 2 16 "$DURATION" "$WORK/date-paths.txt"
	wrk_check "$out-date.txt" "$engine date order (round $r)"
	add "$engine" date_rps "$(wrk_rps "$out-date.txt")"
	add "$engine" date_p99 "$(wrk_latency "$out-date.txt" 99)"

	log "$engine, round $r: single client, ${DURATION}s"
	run_wrk "$out-single.txt" 1 1 "$DURATION" "$WORK/search-paths.txt"
	wrk_check "$out-single.txt" "$engine single client (round $r)"
	add "$engine" single_p50 "$(wrk_latency "$out-single.txt" 50)"

	if [[ $(http_code "http://127.0.0.1:$PORT$(head -n 1 "$WORK/suggest-paths.txt")") == 200 ]]; then
		log "$engine, round $r: suggest load, 2 threads, 16 connections, ${DURATION}s"
		run_wrk "$out-suggest.txt" 2 16 "$DURATION" "$WORK/suggest-paths.txt"
		wrk_check "$out-suggest.txt" "$engine suggest (round $r)"
		add "$engine" suggest_p99 "$(wrk_latency "$out-suggest.txt" 99)"
		add "$engine" suggest_rps "$(wrk_rps "$out-suggest.txt")"
		# The same 16 connections from one wrk thread: wrk then competes
		# with searchd's two threads for the two cores with one thread,
		# not two, which shows how much of the tail is the load
		# generator's own scheduling.
		log "$engine, round $r: suggest load, 1 thread, 16 connections, ${DURATION}s"
		run_wrk "$out-suggest1.txt" 1 16 "$DURATION" "$WORK/suggest-paths.txt"
		wrk_check "$out-suggest1.txt" "$engine suggest, one thread (round $r)"
		add "$engine" suggest1_p99 "$(wrk_latency "$out-suggest1.txt" 99)"
		add "$engine" suggest1_rps "$(wrk_rps "$out-suggest1.txt")"
	else
		log "$engine: /api/suggest does not answer 200, skipping the suggest run"
	fi

	# The same load on an answer that takes no work: the p99 that wrk, the
	# scheduler and the HTTP stack alone cost on this machine, the floor
	# under every p99 above.
	log "$engine, round $r: /healthz load (the floor), 2 threads, 16 connections, ${DURATION}s"
	echo /healthz >"$WORK/health-paths.txt"
	run_wrk "$out-health.txt" 2 16 "$DURATION" "$WORK/health-paths.txt"
	wrk_check "$out-health.txt" "$engine healthz (round $r)"
	add "$engine" health_p99 "$(wrk_latency "$out-health.txt" 99)"
}

# add ENGINE METRIC VALUE [max]: accumulates a round's figure; the table shows
# the mean over rounds, or with max the largest.
declare -A SUM COUNT
add() {
	local key="$1,$2"
	[[ -n $3 ]] || return 0
	if [[ ${4:-} == max ]]; then
		SUM[$key]=$(awk -v a="${SUM[$key]:-0}" -v b="$3" 'BEGIN { print (b > a ? b : a) }')
		COUNT[$key]=1
	else
		SUM[$key]=$(awk -v a="${SUM[$key]:-0}" -v b="$3" 'BEGIN { print a + b }')
		COUNT[$key]=$((${COUNT[$key]:-0} + 1))
	fi
}

ENGINE_LIST=($ENGINES)
for ((r = 1; r <= ROUNDS; r++)); do
	order=("${ENGINE_LIST[@]}")
	if ((r % 2 == 0)); then # every other round the other way round
		order=()
		for ((i = ${#ENGINE_LIST[@]} - 1; i >= 0; i--)); do order+=("${ENGINE_LIST[i]}"); done
	fi
	for engine in "${order[@]}"; do
		measure "$engine" "$r"
	done
done
for key in "${!SUM[@]}"; do
	R[$key]=$(awk -v s="${SUM[$key]}" -v n="${COUNT[$key]}" 'BEGIN { v = s / n; if (v == int(v)) printf "%d", v; else printf "%.2f", v }')
done

# --- table ---------------------------------------------------------------------

rows=(
	"index_s|index time (s)"
	"mbps|index MB/s"
	"index_rss|peak RSS indexing (MiB)"
	"index_mib|index size (MiB)"
	"startup_ms|start-up to first answer (ms)"
	"rss_mib|RSS serving under load (MiB)"
	"anon_mib|  of which anonymous (MiB)"
	"rps|search req/s (16 conns)"
	"p50|search p50 (ms)"
	"p99|search p99 (ms)"
	"date_rps|date order req/s (16 conns)"
	"date_p99|date order p99 (ms)"
	"single_p50|single-client p50 (ms)"
	"suggest_rps|suggest req/s (16 conns)"
	"suggest_p99|suggest p99 (ms)"
	"suggest1_p99|  1 wrk thread: p99 (ms)"
	"suggest1_rps|  1 wrk thread: req/s"
	"health_p99|/healthz p99, no work (ms)"
)
echo
printf '%-32s' "metric"
for e in "${ENGINE_LIST[@]}"; do printf '%12s' "$e"; done
[[ -n ${R[ours,index_s]:-} && -n ${R[baseline,index_s]:-} ]] && printf '%14s' "ours/baseline"
echo
for row in "${rows[@]}"; do
	key=${row%%|*}
	printf '%-32s' "${row#*|}"
	for e in "${ENGINE_LIST[@]}"; do printf '%12s' "${R[$e,$key]:--}"; done
	if [[ -n ${R[ours,index_s]:-} && -n ${R[baseline,index_s]:-} ]]; then
		printf '%14s' "$(awk -v a="${R[ours,$key]:-}" -v b="${R[baseline,$key]:-}" \
			'BEGIN { if (a == "" || b == "" || b + 0 == 0) print "-"; else printf "%.2f", a / b }')"
	fi
	echo
done
echo
echo "corpus $CORPUS, $NQ queries from $QUERIES; wrk ${DURATION}s per run, $ROUNDS rounds alternating the engines, means over rounds (RSS: the largest); latencies from wrk --latency"

if ((${#FAILURES[@]} > 0)); then
	printf 'loadtest: wrk saw errors:\n' >&2
	printf '  %s\n' "${FAILURES[@]}" >&2
	# What searchd logged besides its start-up lines (500s are logged with
	# their cause; 503s for requests whose client left are not).
	for f in "$WORK"/searchd-*.err; do
		[[ -f $f ]] || continue
		printf '%s:\n' "$(basename "$f")" >&2
		grep -v 'level=INFO' "$f" | tail -n 20 >&2 || true
	done
	exit 1
fi
