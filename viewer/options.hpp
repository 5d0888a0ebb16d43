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
  std::string fill = "regency";              ///< --fill regency|district: what the nation and provinces are filled with
  std::optional<std::string> at;             ///< --at "YYYY-MM-DD HH:MM" (embedded night)
  std::optional<std::string> record;         ///< --record DIR: append every document read to an archive
  std::optional<std::string> since;          ///< --since "YYYY-MM-DD HH:MM": the change layer's baseline
  std::optional<int64_t> atMs, sinceMs;      ///< --at and --since as epoch ms (checked when parsed)
  int frames = 1;                            ///< --frames N
  int benchFrames = 0;                       ///< --bench-frames N
  std::string lang = "id";                   ///< --lang id|en
  bool colourBlindSafe = false;              ///< --palette cb
  bool overlay = true;                       ///< --no-overlay: the map alone (figures, tests)
};

/// Says "pantau: <message>" on stderr; returns 1, the exit status of a failed run.
int failWith(const std::string& message);

/// Parses argv; on error or --help prints and sets `exitCode`.
Options parseOptions(int argc, char** argv, std::optional<int>& exitCode);

}  // namespace pantau::viewer
