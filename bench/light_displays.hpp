#pragma once
// Many relay displays on one curl multi handle, for the 1,000-display benchmark. Each display does
// what a `relay+http` display does on the wire and with the bytes: it follows /latest (with
// If-None-Match, every `pollMs`, the displays spread over the interval), and when a newer version
// is announced reads every one of its documents from /v/V/ with the ETags it holds (304 for what
// did not change), or, holding the version just before (and `readChanges`), only those that
// /v/V/changes lists (the whole version when that fails or is refused), refuses a body that does not hash to its ETag, parses each aggregate, and holds
// the version only once every document is in. What it does not do is build a snapshot of the
// tree (a window's 9-15 MB): the benchmark measures the wire and the origin, not the model.
//
// Threading: one thread drives every display (run()).

#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <vector>

namespace pantau::bench {

struct LightDisplayOptions {
  std::string baseUrl;             ///< the cache tier: http://127.0.0.1:PORT
  std::vector<std::string> paths;  ///< the API paths a display reads of each version
  int displays = 1000;
  int64_t pollMs = 2000;      ///< /latest
  long maxConnections = 256;  ///< transfers in flight to the tier, all displays together
  bool readChanges = true;    ///< holding V-1, read only what /v/V/changes lists
};

struct Held {
  uint64_t version = 0;
  int64_t seenMs = 0;  ///< wall clock when /latest announced it to the display
  int64_t atMs = 0;    ///< wall clock when the display held it whole
};

struct LightDisplayStats {
  uint64_t latestRequests = 0, documentRequests = 0, changesRequests = 0, notModified = 0,
           refused = 0, failed = 0;
  std::vector<std::vector<Held>> held;  ///< per display, in order
  std::set<uint64_t> versionsRead;      ///< every version some display began to read
  /// Per document request of a version: ms waiting for one of the transfers in flight, and ms on
  /// the wire (curl's total time: connect, the tier's answer, the body).
  std::vector<double> documentQueuedMs, documentTransferMs;
};

/// Runs the displays for `warmSeconds`, calls `measuring`, and runs them on for `seconds` (the same
/// displays, so the window is not cut by a thousand fresh starts and their aborted transfers);
/// returns what each held and when, and what was asked, from the call of `measuring` on.
LightDisplayStats runLightDisplays(const LightDisplayOptions& options, double warmSeconds,
                                   const std::function<void()>& measuring, double seconds);

}  // namespace pantau::bench
