#!/usr/bin/env bash
# What `gan4j serve` with a browser open costs a training (docs/dashboard.md, "Cost while a run trains").
#   docs/measurements/dashboard-overhead.sh [ROUNDS] [ITERATIONS]      from the repository root, after ./mvnw package
# 1. Side by side, alternated: the quickstart's first ITERATIONS iterations without the dashboard (A) and with
#    `gan4j serve` and headless Chromium on the run's live page (B): mean and median ms per iteration (timing.csv,
#    after 50 iterations of warm-up).
# 2. In steady state (server warmed up, from 30 s after the page opened): the CPU seconds of the server, the
#    browser and the training while one run trains.
# Uses a copy of the built jars (a rebuild cannot interfere) and ports 8765-8766.
set -u
rounds=${1:-3}
iters=${2:-600}
work=$(mktemp -d /tmp/gan4j-overhead.XXXX)
mkdir -p "$work/dist" "$work/runs"
cp -r gan-cli/target/gan4j.jar gan-cli/target/lib "$work/dist/"
export OMP_WAIT_POLICY=PASSIVE
gan4j() { java -Xmx1g -jar "$work/dist/gan4j.jar" "$@"; }
ticks=$(getconf CLK_TCK)
cpu() { # CPU ticks (user + system) of the processes whose command line contains $1
  local total=0 p stat f
  for p in $(pgrep -f -- "$1"); do
    stat=$(cat /proc/$p/stat 2>/dev/null) || continue
    read -r -a f <<< "${stat##*) }"
    total=$((total + f[11] + f[12]))
  done
  echo $total
}
browse() { # headless Chromium on a page, its profile named $2
  chromium --headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
    --no-first-run --disable-sync --user-data-dir="$work/$2" --remote-debugging-port=0 "$1" > "$work/$2.log" 2>&1 &
}
train() { # trains the quickstart as run $1, first $2 iterations, in the background
  sed "s/^name: quickstart/name: $1/" examples/quickstart.yaml > "$work/$1.yaml"
  gan4j train "$work/$1.yaml" --output "$work/runs" --overwrite --max-iterations "$2" -q &
}
wait_for_rows() { for _ in $(seq 1 900); do [ -s "$work/runs/$1/metrics.csv" ] && return; sleep 0.1; done; }
uptime
for round in $(seq 1 "$rounds"); do
  for mode in A B; do
    name=$mode-$round
    [ $mode = B ] && { gan4j serve "$work/runs" --port 8765 > "$work/serve.log" 2>&1 & }
    train $name "$iters"; pid=$!
    [ $mode = B ] && { wait_for_rows $name; browse "http://127.0.0.1:8765/run/$name" profile-$round; }
    wait $pid
    [ $mode = B ] && { pkill -f "$work/profile-$round"; pkill -f "serve $work/runs --port 8765"; sleep 1; }
    python3 - "$work/runs/$name/timing.csv" $mode $round <<'PY'
import csv, statistics, sys
rows = [float(r["seconds"]) for r in csv.DictReader(open(sys.argv[1]))][50:]
print(f"{sys.argv[2]} round {sys.argv[3]}: {len(rows)} iterations, mean {1000*statistics.mean(rows):.3f} ms, median {1000*statistics.median(rows):.3f} ms")
PY
  done
done
gan4j serve "$work/runs" --port 8766 > "$work/serve-steady.log" 2>&1 &
sleep 20
for _ in $(seq 1 200); do curl -s "http://127.0.0.1:8766/api/run/A-1?from=0" > /dev/null; curl -s "http://127.0.0.1:8766/run/A-1" > /dev/null; done
train steady 1500; pid=$!
wait_for_rows steady
browse "http://127.0.0.1:8766/run/steady" profile-steady
sleep 30
s0=$(cpu "--port 8766"); b0=$(cpu "$work/profile-steady"); t0=$(cpu "$work/steady.yaml"); w0=$(date +%s.%N)
s1=$s0; b1=$b0; t1=$t0; w1=$w0
while kill -0 $pid 2>/dev/null; do
  s=$(cpu "--port 8766"); b=$(cpu "$work/profile-steady"); t=$(cpu "$work/steady.yaml")
  [ "$t" -gt 0 ] && { s1=$s; b1=$b; t1=$t; w1=$(date +%s.%N); }
  sleep 1
done
pkill -f "$work/profile-steady"; pkill -f "serve $work/runs --port 8766"
python3 -c "
w=$w1-$w0; s=($s1-$s0)/$ticks; b=($b1-$b0)/$ticks; t=($t1-$t0)/$ticks
print(f'steady state over {w:.0f} s of training: server {s:.2f} s ({100*s/w:.2f}% of a core), browser {b:.2f} s ({100*b/w:.2f}% of a core), training {t:.1f} s ({100*t/w:.0f}% of a core)')"
uptime
rm -rf "$work"
