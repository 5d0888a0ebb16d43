#pragma once
// The pantau command line.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pantau::viewer {

/// The embedded night misreads like Sirekap did (thousands of TPS in 2024): half a percent of the
/// TPS, so the integrity layer has something true to show.
inline constexpr const char* kEmbeddedAnomalyRate = "0.005";

/// Form photos kept on disk between runs (oldest evicted first beyond this).
inline constexpr uint64_t kImageCacheBytes = 512ull << 20;

struct Options {
  std::optional<std::string> dataDir;        ///< --data
  std::optional<std::string> source;         ///< --source URL|DIR; none: the embedded night
  /// --boundaries FILE[:LAYER], one to three in any order, each with the --code-field and
  /// --name-field given after it (before any --boundaries, they apply to every file).
  struct BoundaryArg {
    std::string spec, codeField, nameField;
  };
  std::vector<BoundaryArg> boundaries;
  std::string codeField, nameField;
  bool headless = false;
  std::string screenshot;                    ///< --screenshot out.png
  int width = 1920, height = 1080;           ///< --size WxH
  std::string view;                          ///< --view CODE ("" = the nation)
  std::string layer = "winner";              ///< --layer
  std::string contest = "ppwp";              ///< --contest ppwp|pdpr|pdpd
  std::string fill = "regency";              ///< --fill regency|district: what the nation and provinces are filled with
  std::optional<std::string> at;             ///< --at "YYYY-MM-DD HH:MM" (embedded night)
  std::optional<std::string> record;         ///< --record DIR: append every document read to an archive
  std::optional<double> maxRps;              ///< --max-rps N (default data::defaultMaxRps(source))
  std::optional<std::string> since;          ///< --since "YYYY-MM-DD HH:MM": the change layer's baseline
  std::optional<int64_t> atMs, sinceMs;      ///< --at and --since as epoch ms (checked when parsed)
  int frames = 1;                            ///< --frames N
  int benchFrames = 0;                       ///< --bench-frames N
  std::string motion;                        ///< --motion pan|zoom|fly: the bench moves the view every frame
  std::string lang = "id";                   ///< --lang id|en
  bool colourBlindSafe = false;              ///< --palette cb
  bool overlay = true;                       ///< --no-overlay: the map alone (figures, tests)
  std::string wall, tile = "0,0";            ///< --wall COLSxROWS --tile C,R: one tile of a video wall
  int bezel = 0;                             ///< --bezel PX: pixels hidden between two tiles
  std::string wallLog;                       ///< --wall-log FILE: a live tile's switches, one JSON line each
  int wallFps = 60;                          ///< --wall-fps N: a live tile's frame grid
  std::string follow;                        ///< --follow URL: a live tile follows an on-air leader's /program
  int wallLeadMs = 1500;                     ///< --wall-lead-ms: on air, how far ahead a wall is cued
  // On air (viewer/onair/, issue 13).
  std::string onAir;                         ///< --on-air RUNDOWN.toml
  std::string rundown;                       ///< --rundown RUNDOWN.toml (with --headless --out: bulk stills)
  std::string outDir;                        ///< --out DIR
  int monitor = 0;                           ///< --monitor N
  double duration = 0;                       ///< --duration S (0: until SIGINT/SIGTERM)
  bool safeArea = false, alpha = false;      ///< --safe-area, --alpha
  std::string control, controlToken;         ///< --control HOST:PORT, --control-token T
  std::string oscPort;                       ///< --osc-port PORT (OSC on 127.0.0.1; empty: none)
  std::string stream, streamKey;             ///< --stream URL, --stream-key URL
  std::string x264Preset = "ultrafast";      ///< --x264-preset (StreamOptions::preset says why)
  std::string map = "regions";               ///< --map regions|tiles|dapil
};

/// Says "pantau: <message>" on stderr; returns 1, the exit status of a failed run.
int failWith(const std::string& message);

/// Parses argv; on error or --help prints and sets `exitCode`.
Options parseOptions(int argc, char** argv, std::optional<int>& exitCode);

}  // namespace pantau::viewer
