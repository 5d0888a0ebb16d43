#include "options.hpp"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <tuple>

#include "camera_motion.hpp"
#include "pantau/data/sirekap/sirekap_types.hpp"
#include "pantau/data/source/request_budget.hpp"

namespace pantau::viewer {

namespace {
constexpr const char* kUsage = R"(usage: pantau [options]

Pantau: live choropleth maps of Indonesia's 2024 presidential count, from KPU's recap API.
In the window: drag to pan, wheel or +/- to zoom, click a region to go down, Backspace or Escape
to go up, Alt+Left/Right for back and forward, / to search, T for the table, L for the next layer,
C for the colour-blind-safe palette, E to export the view (PNG, CSV, GeoPackage), S for the
DPR's seat projection (with --contest pdpr).

  --source URL|DIR|archive:DIR|relay+http://HOST:PORT  a recap API (http/https), a mirror
                          directory, a recorded night or a pantau-relay;
                          default: an embedded simulated election night (pantau-sim on a free
                          loopback port)
  --record DIR            append every document read to an archive (replay with archive:DIR)
  --max-rps N             at most N requests a second to the source (default 20 for a remote
                          URL; none for loopback, a relay, a mirror or an archive; 0 = none)
  --contest ppwp|pdpr|pdpd  the presidential race (default), the DPR by party (the map, the
                          tallies with the 4% threshold, the seat projection) or the DPD: one
                          province's race (--view a province or a region in one: the four seats
                          and the race for the fourth), or at the nation every province's race
                          for its fourth seat (--layer race, the default there, or progress)
  --view CODE             the region to show (11 = Aceh, 3578 = Surabaya); default the nation;
                          `seats` (with --contest pdpr): the hemicycle of the seat projection
  --layer L               winner (default), share:<candidate id> (share:100026), progress,
                          turnout, change[:<candidate id>] (vote share moved since --since),
                          integrity (flagged TPS per 1,000); turnout and integrity read every
                          TPS document under the view; race (--contest pdpd): the fourth seat's
                          lead over the fifth
  --since "YYYY-MM-DD HH:MM"  the change layer's earlier moment (default an hour before)
  --fill regency|district  what the nation and province maps are filled with (default regency;
                          district draws all 7,253 district polygons)
  --palette kpu|cb        winner colours: KPU's warna (default) or safe for colour-blind viewers
  --at "YYYY-MM-DD HH:MM" the embedded night or an archive (WIB): headless shows that moment
                          (default the end); the window plays from it (embedded: default 11:00, at
                          12 simulated minutes a second; an archive: paused there, with a timeline)
  --lang id|en            interface language (default id, Bahasa Indonesia)
  --data DIR              KPU data (default $PANTAU_DATA, else ../shared/data beside the repository)
  --boundaries FILE[:LAYER]  one to three boundary files in any order, each level and code field
                          found from its values (files of names only are joined by name); levels
                          not given keep the GeoPackages in DATA/geo; --code-field F and
                          --name-field F after a --boundaries name that file's fields
  --headless              render offscreen (no window) and exit
  --no-overlay            the map alone: no title, tallies, legend or labels
  --size WxH              frame size (default 1920x1080)
  --frames N              frames to render before the screenshot (default 1)
  --screenshot FILE.png   write the frame; a FILE.png.json beside it lists the regions drawn
  --bench-frames N        render N frames and print one JSON line of timings
  --wall COLSxROWS --tile C,R [--bezel PX]  with --headless: tile C,R (from 0,0 top left) of a
                          video wall whose tiles are --size each: the same map, labels and panels
                          as one screen of COLSxW by ROWSxH (plus bezels), cut at the tile's edges.
                          With --source relay+http://HOST:PORT the tile is live (full screen on
                          --monitor N, or --headless): it switches to each relay version at its
                          apply_at_ms, in the same frame as every other tile; --duration S
  --wall-log FILE         a live tile: append one JSON line per switch ({"tile", "version",
                          "apply_at_ms", "shown_ms", "frame"})
  --wall-fps N            a live tile's frames per second on the wall clock (default 60)
  --follow URL            a live tile follows the on-air program of the leader whose control API
                          is at URL (http://HOST:PORT; --control-token T if it has one): each item
                          goes on the whole wall in the same frame, at the cue's apply_at_ms
  --map regions|tiles|dapil  the boundaries (default), the equal-area tile map of the provinces
                          (on air), or with --contest pdpr the 84 dapil (dissolved from their
                          regencies, filled by each dapil's count; click a dapil for its regency)

On air (a rundown played full screen, or headless to a stream):
  --on-air RUNDOWN.toml   play the rundown (README "On air"); --monitor N, --size WxH, --lang
  --duration S            stop after S seconds (default: until SIGINT/SIGTERM)
  --safe-area             draw EBU R95's action-safe and graphics-safe guides (rehearsal)
  --alpha                 transparent where no map or panel is (PNG stills, ProRes 4444 .mov)
  --control HOST:PORT     the control API (default host 127.0.0.1; port 0 = any free one)
  --control-token T       require 'Authorization: Bearer T' (needed beyond loopback)
  --wall-lead-ms N        GET /program cues a wall N ms ahead of each item's moment (default 1500)
  --osc-port PORT         the same commands over OSC (/pantau/next ...) on 127.0.0.1 (0 = any)
  --stream URL            the program out: a .ts/.mp4/.mov file, srt://, udp://, rtmp://
  --stream-key URL        the key (alpha as grey) as a second H.264 stream
  --x264-preset P         libx264's preset for --stream (default ultrafast: the least CPU, the
                          fewest frames dropped on a small machine; veryfast, faster ... for more
                          picture per bit where the CPU allows)
  --rundown RUNDOWN.toml --out DIR   with --headless: every item once to DIR/NNN-NAME.png
  --motion pan|zoom|fly   with --bench-frames: move the view every frame (a drag, a zoom in, a
                          flight from the nation to --view), so the timings are a moving map's
)";
}  // namespace

int failWith(const std::string& message) {
  std::fprintf(stderr, "pantau: %s\n", message.c_str());
  return 1;
}

Options parseOptions(int argc, char** argv, std::optional<int>& exitCode) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "pantau: %s needs a value\n", a.c_str());
        exitCode = 2;
        return {};
      }
      return argv[++i];
    };
    if (a == "-h" || a == "--help") {
      std::fputs(kUsage, stdout);
      exitCode = 0;
    } else if (a == "--data") o.dataDir = value();
    else if (a == "--source") o.source = value();
    else if (a == "--boundaries") o.boundaries.push_back({value(), o.codeField, o.nameField});
    else if (a == "--code-field") (o.boundaries.empty() ? o.codeField : o.boundaries.back().codeField) = value();
    else if (a == "--name-field") (o.boundaries.empty() ? o.nameField : o.boundaries.back().nameField) = value();
    else if (a == "--headless") o.headless = true;
    else if (a == "--screenshot") o.screenshot = value();
    else if (a == "--view") o.view = value();
    else if (a == "--layer") o.layer = value();
    else if (a == "--contest")
      o.contest = value();
    else if (a == "--fill") o.fill = value();
    else if (a == "--at") o.at = value();
    else if (a == "--since") o.since = value();
    else if (a == "--record") o.record = value();
    else if (a == "--max-rps") {
      const std::string text = value();
      double rps = 0;
      if (data::parseMaxRps(text, rps)) o.maxRps = rps;
      else {
        std::fprintf(stderr, "pantau: --max-rps: '%s' is not a number from 0 to 100000\n", text.c_str());
        exitCode = 2;
      }
    }
    else if (a == "--frames") o.frames = std::atoi(value().c_str());
    else if (a == "--bench-frames") o.benchFrames = std::atoi(value().c_str());
    else if (a == "--lang") o.lang = value();
    else if (a == "--no-overlay") o.overlay = false;
    else if (a == "--wall") o.wall = value();
    else if (a == "--tile") o.tile = value();
    else if (a == "--bezel") o.bezel = std::atoi(value().c_str());
    else if (a == "--wall-log") o.wallLog = value();
    else if (a == "--follow") o.follow = value();
    else if (a == "--wall-lead-ms") {
      o.wallLeadMs = std::atoi(value().c_str());
      if (o.wallLeadMs < 0 || o.wallLeadMs > 60000) {
        std::fputs("pantau: --wall-lead-ms: not a whole number from 0 to 60000\n", stderr);
        exitCode = 2;
      }
    }
    else if (a == "--wall-fps") {
      o.wallFps = std::atoi(value().c_str());
      if (o.wallFps < 1 || o.wallFps > 240) {
        std::fputs("pantau: --wall-fps: not a whole number from 1 to 240\n", stderr);
        exitCode = 2;
      }
    }
    else if (a == "--on-air") o.onAir = value();
    else if (a == "--rundown") o.rundown = value();
    else if (a == "--out") o.outDir = value();
    else if (a == "--monitor") o.monitor = std::atoi(value().c_str());
    else if (a == "--duration") o.duration = std::atof(value().c_str());
    else if (a == "--safe-area") o.safeArea = true;
    else if (a == "--alpha") o.alpha = true;
    else if (a == "--control") o.control = value();
    else if (a == "--control-token") o.controlToken = value();
    else if (a == "--osc-port") o.oscPort = value();
    else if (a == "--stream") o.stream = value();
    else if (a == "--stream-key") o.streamKey = value();
    else if (a == "--x264-preset") o.x264Preset = value();
    else if (a == "--map") o.map = value();
    else if (a == "--motion") {
      o.motion = value();
      if (!exitCode && !parseMotionKind(o.motion)) {
        std::fprintf(stderr, "pantau: --motion: '%s' is not pan, zoom or fly\n", o.motion.c_str());
        exitCode = 2;
      }
    }
    else if (a == "--palette") {
      const std::string v = value();
      if (v == "cb") o.colourBlindSafe = true;
      else if (v != "kpu") {
        std::fprintf(stderr, "pantau: --palette: '%s' is not kpu or cb\n", v.c_str());
        exitCode = 2;
      }
    }
    else if (a == "--size") {
      const std::string v = value();
      if (std::sscanf(v.c_str(), "%dx%d", &o.width, &o.height) != 2 || o.width < 16 || o.height < 16 || o.width > 16384 || o.height > 16384) {
        std::fprintf(stderr, "pantau: --size: '%s' is not WxH (16..16384)\n", v.c_str());
        exitCode = 2;
      }
    } else {
      std::fprintf(stderr, "pantau: unknown option '%s'\n\n%s", a.c_str(), kUsage);
      exitCode = 2;
    }
    if (exitCode) return o;
  }
  if (o.frames < 1) o.frames = 1;
  const bool relayWall = o.source && o.source->starts_with("relay+");
  if (!o.wall.empty() && !o.headless && !relayWall) {
    std::fputs("pantau: --wall in a window follows a relay (--source relay+http://HOST:PORT); a still tile needs --headless\n", stderr);
    exitCode = 2;
  }
  if (!o.wallLog.empty() && (o.wall.empty() || !relayWall)) {
    std::fputs("pantau: --wall-log is for a live wall tile: --wall and --source relay+http://HOST:PORT\n", stderr);
    exitCode = 2;
  }
  if (!o.follow.empty() && (o.wall.empty() || !relayWall || !o.follow.starts_with("http://"))) {
    std::fputs("pantau: --follow http://HOST:PORT is for a live wall tile: --wall and --source relay+http://HOST:PORT\n", stderr);
    exitCode = 2;
  }
  // Moments are checked here, once, so a typo is said as such (not as a simulator that failed).
  for (auto [flag, text, ms] : {std::tuple{"--at", &o.at, &o.atMs}, std::tuple{"--since", &o.since, &o.sinceMs}}) {
    if (!*text) continue;
    *ms = data::parseMinuteMs(**text);
    if (!*ms) {
      std::fprintf(stderr, "pantau: %s: '%s' is not \"YYYY-MM-DD HH:MM\" (WIB)\n", flag, (*text)->c_str());
      exitCode = 2;
    }
  }
  return o;
}

}  // namespace pantau::viewer
