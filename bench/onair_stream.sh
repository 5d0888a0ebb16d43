#!/usr/bin/env bash
# On air to a file, measured: plays the night's rundown headless in real time at 1080p25 into an
# MPEG-TS file with libx264 at PRESET for SECONDS, then prints the frames dropped (pantau's own
# count on stderr), the frames the file decodes to (pantau-bench-video-frames, libavcodec), the
# process's CPU time and the load average it ran under (others' builds share this machine).
#
#   bench/onair_stream.sh [PRESET] [SECONDS]        # defaults: ultrafast 120
#   BUILD=build OUT=/tmp/x.ts bench/onair_stream.sh veryfast 120
#   PANTAU=/other/build/bin/pantau bench/onair_stream.sh    # another build's pantau, this decoder
set -euo pipefail

preset=${1:-ultrafast}
seconds=${2:-120}
build=${BUILD:-build}
pantau=${PANTAU:-$build/bin/pantau}
out=${OUT:-$(mktemp -d)/program-$preset.ts}
log=${out%.ts}.stderr
fps=25
here=$(cd "$(dirname "$0")/.." && pwd)

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
TIMEFORMAT='%R %U %S'
{ time "$pantau" --on-air "$here/assets/rundowns/election_night.toml" --headless \
    --at "2024-02-14 20:00" --duration "$seconds" --stream "$out" --x264-preset "$preset" \
    >/dev/null 2>"$log"; } 2>"$log.time"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
read -r real user sys <"$log.time"

summary=$(grep 'on air: stopped' "$log" || true)
if [[ -z $summary ]]; then
  echo "onair_stream: pantau did not finish; its stderr ($log):" >&2
  tail -5 "$log" >&2
  exit 1
fi
dropped=$(sed -E 's/.*stopped, ([0-9]+) frames dropped.*/\1/' <<<"$summary")
late=$(sed -E 's/.*\(([0-9]+) rendered late.*/\1/' <<<"$summary")
refused=$(sed -E 's/.*, ([0-9]+) refused.*/\1/' <<<"$summary")
decoded=$("$build/bin/pantau-bench-video-frames" "$out")
expected=$((seconds * fps))

echo "preset $preset, $seconds s at $fps fps: $dropped of $expected frames dropped ($late rendered late, $refused refused by the encoder)"
echo "decoded: $decoded (expected $expected)"
echo "process: ${real} s wall, $(awk -v u="$user" -v s="$sys" 'BEGIN{printf "%.1f", u+s}') s CPU; load average before $load_before, after $load_after"
echo "pantau: ${summary#pantau: }"
echo "stream: $out"
