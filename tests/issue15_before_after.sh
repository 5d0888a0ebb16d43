#!/usr/bin/env bash
# Issue 15's reproductions, as a user meets them, against one set of binaries:
#   tests/issue15_before_after.sh BIN_DIR WORK_DIR
# One line per item. Run it with the binaries of the commit before the reliability merge
# (1386604, built in a separate worktree) and with today's: README "Reliability" has both.
# Loopback only (pantau-sim on 127.0.0.1); needs python3 and curl; WORK_DIR is emptied.
set -u
BIN=$(cd "$1" && pwd); W=$2; DATA=${PANTAU_DATA:-$(cd "$(dirname "$0")/../../shared/data" && pwd)}
rm -rf "$W"; mkdir -p "$W"; cd "$W"
startsim() {  # startsim ARGS... -> $URL, $SIMPID
  "$BIN/pantau-sim" "$@" > sim.out 2> sim.err & SIMPID=$!
  for i in $(seq 200); do grep -q listening sim.out 2>/dev/null && break; sleep 0.1; done
  URL=$(sed -n 's/^listening on //p' sim.out)
}
stopsim() { kill $SIMPID; wait $SIMPID 2>/dev/null; }
parses() { python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$1" 2>/dev/null && echo parses || echo "does not parse"; }

# 1. A NaN coordinate in a boundary file (GeoJSON, code 11).
cat > nan.geojson <<'J'
{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"kode":"11"},"geometry":{"type":"Polygon","coordinates":[[[NaN,1],[96,2],[97,3],[NaN,1]]]}},
{"type":"Feature","properties":{"kode":"12"},"geometry":{"type":"Polygon","coordinates":[[[98,2],[99,2],[99,3],[98,2]]]}}]}
J
timeout 300 "$BIN/pantau" --headless --boundaries nan.geojson --screenshot nan.png > 1.out 2> 1.err; rc=$?
echo "item 1 (NaN boundary): exit $rc$( [ $rc -ge 128 ] && echo " (signal $((rc-128)))")$( [ -s nan.png ] && echo ", still written")"

# 2. A malformed 200 over a good mirror file.
startsim --final
"$BIN/pantau-data" mirror "$URL" m2 --levels 2 > 2a.out 2> 2a.err
curl -s -d '' -X POST "$URL/_sim/fault?path=/pemilu/hhcw/ppwp/35.json&kind=malformed&count=1000" > /dev/null
rm -rf m2/.pantau-mirror  # no validators: the document is fetched whole (a moving night does the same)
DL=; "$BIN/pantau-data" mirror 2>&1 | grep -q -- --deadline && DL="--deadline 3"
"$BIN/pantau-data" mirror "$URL" m2 --levels 2 $DL > 2b.out 2> 2b.err; rc=$?
echo "item 2 (malformed 200 over a good file): exit $rc, 35.json $(parses m2/pemilu/hhcw/ppwp/35.json), summary: $(grep -o 'errors [0-9]*' 2b.out | head -1)"
stopsim

# 3. A server failing 20% of requests.
startsim --final --fail-rate 0.2
"$BIN/pantau-data" mirror "$URL" m3 --levels 3 > 3.out 2> 3.err; rc=$?
echo "item 3 (--fail-rate 0.2, mirror --levels 3): exit $rc, $(grep -oE 'documents [0-9]+|errors [0-9]+' 3.out | tr '\n' ' ')"
stopsim

# 4. Two recorders into one archive.
startsim --final
"$BIN/pantau-data" mirror "$URL" m4a --levels 3 --record arch > 4a.out 2> 4a.err & A=$!
"$BIN/pantau-data" mirror "$URL" m4b --levels 3 --record arch > 4b.out 2> 4b.err; rcb=$?
wait $A; rca=$?
echo "item 4 (two recorders, one archive): exits $rca/$rcb; $(grep -ho 'another process[^;]*' 4a.err 4b.err | head -1); archive read back: $("$BIN/pantau-data" export archive:arch --level province --format csv 4.csv > 4c.out 2> 4c.err; echo exit $?, $(wc -l < 4.csv 2>/dev/null || echo 0) lines)"
stopsim

# 7a. A FIFO in a mirror.
mkdir -p m7/pemilu && mkfifo m7/pemilu/ppwp.json
timeout 20 "$BIN/pantau-data" check m7 > 7a.out 2> 7a.err; rc=$?
echo "item 7 (FIFO in a mirror, check): exit $rc$( [ $rc = 124 ] && echo ' (hung: killed after 20 s)'): $(head -c 160 7a.err | tr '\n' ' ')"
# 6. A 1x1 PNG whose IDAT inflates to 2 GiB (2 MB on disk), the photo of a TPS in a mirror.
python3 - "$DATA" <<'P'
import json, os, shutil, struct, sys, zlib
def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
c = zlib.compressobj(9); z = b"".join(c.compress(b"\0" * (1 << 24)) for _ in range(128)) + c.flush()
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)) + chunk(b"IDAT", z) + chunk(b"IEND", b"")
samples = sys.argv[1] + "/kpu2024/samples/"
d = json.load(open(samples + "ppwp_hhcw_tps_1101012001001.json"))
d["images"] = ["https://sirekap-obj-formc.kpu.go.id/img/bomb.png", None, None]
at = "bomb/pemilu/hhcw/ppwp/11/1101/110101/1101012001"
os.makedirs(at); os.makedirs("bomb/img")
json.dump(d, open(at + "/1101012001001.json", "w"))
open("bomb/img/bomb.png", "wb").write(png)
shutil.copy(samples + "ppwp_candidates_transcribed.json", "bomb/pemilu/ppwp.json")
P
/usr/bin/time -f "%M" -o 6.rss timeout 300 "$BIN/pantau" --headless --source bomb --view 1101012001001 --screenshot 6.png > 6.out 2> 6.err; rc=$?
echo "item 6 (PNG bomb as a form photo): exit $rc, peak RSS $(( $(tail -1 6.rss) / 1024 )) MB; $(grep -i -m1 'png\|photo\|image' 6.err | head -c 200)"
