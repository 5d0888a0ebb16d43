#pragma once
// What the on-air leader tells a video wall (`GET /program` on its control port): the item on
// air as a cue, and the wall-clock moment every tile puts it on screen (apply_at_ms: the first
// frame of the wall's frame grid at or after it, the same frame on every tile). A cue's bytes
// come from the network: parseProgramCue refuses anything malformed, oversized or out of range
// with a message naming the field, and the follower keeps its last good cue.
//
// Threading: plain values and pure functions.

#include <cstdint>
#include <string>
#include <string_view>

#include "pantau/data/base/result.hpp"

namespace pantau::viewer::onair {

struct ProgramCue {
  uint64_t seq = 0;  ///< the leader's wall clock in ms when it cued (only grows, across restarts)
  int item = -1;     ///< the rundown's index, -1 for an ad-hoc or breaking item
  std::string name;
  std::string view;               ///< a region code; empty = the nation
  std::string layer = "winner";   ///< as --layer
  std::string map = "regions";    ///< or "tiles"
  std::string contest = "ppwp";   ///< ppwp, pdpr, pdpd
  std::string caption;            ///< the item's caption under its title ("": the race's title)
  bool breaking = false;          ///< a breaking jump: the red strap
  int64_t applyAtMs = 0;          ///< wall-clock ms from 1970
  friend bool operator==(const ProgramCue&, const ProgramCue&) = default;
};

/// A cue's JSON is a few hundred bytes; anything longer is not one.
constexpr std::size_t kProgramCueMaxBytes = 4096;

/// `{"seq": n, "item": i, "name": ..., "view": ..., "layer": ..., "map": ..., "contest": ...,
/// "caption": ..., "breaking": b, "apply_at_ms": T}`. Every field is required but name, caption
/// and breaking (absent: none, false); the error names the one at fault.
data::Result<ProgramCue> parseProgramCue(std::string_view json);
std::string programCueJson(const ProgramCue& cue);
/// Whether `next` may follow the last good cue `known` (none: anything may): a seq going back,
/// or the same seq saying something else, is refused (a leader's seq only grows).
data::Status cueFollows(const ProgramCue* known, const ProgramCue& next);

}  // namespace pantau::viewer::onair
