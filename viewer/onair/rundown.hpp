#pragma once
// A rundown: what the on-air mode plays (`pantau --on-air RUNDOWN.toml`) and what bulk stills
// render (`--rundown`). Read from TOML with toml++; every entry keeps the line it came from, so a
// mistake is reported as `FILE:LINE: what is wrong` before anything goes on air.
//
// Two steps: parseRundown checks the file's shape (keys, types, ranges) without the data;
// resolveRundown checks what needs the region tree (region codes, layers). Both are pure.
//
// Threading: values; no shared state.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "layer_colours.hpp"
#include "pantau/data/base/result.hpp"
#include "pantau/data/model/region_tree.hpp"

namespace pantau::viewer::onair {

enum class Transition { Cut, Mix, Fly };
enum class MapKind {
  Regions,
  Tiles
};  ///< `map = "regions"` (the boundaries) or `"tiles"` (equal-area provinces)
enum class Panel { None, Moved };  ///< `panel = "moved"`: the last regeneration's "what moved"

const char* transitionName(Transition t);
const char* mapKindName(MapKind m);

/// One page on air, as written ([[item]]) or expanded from a tour.
struct RundownItem {
  std::string name;
  std::string view;              ///< region code, "" = the nation; "seats": the DPR's hemicycle
  std::string contest;           ///< "ppwp", "pdpr"; "" = the show's (--contest)
  bool seats = false;            ///< view = "seats" (resolved)
  std::string layer = "winner";  ///< as --layer
  double seconds = 8;            ///< 0 = hold until the next command
  std::string caption;
  Transition transition = Transition::Cut;
  int transitionFrames = 0;  ///< 0: the default for the transition (mix 12, fly 25)
  MapKind map = MapKind::Regions;
  Panel panel = Panel::None;
  int line = 0;  ///< where it was written (a tour's line for its items)
  // Set by resolveRundown / the tour expansion:
  data::RegionId region = data::kNation;
  LayerChoice layerChoice;
};

/// [[tour]]: items made from the data when the rundown is loaded and again at each loop.
struct TourSpec {
  enum Kind { Provinces, Regencies, Closest, Flipped, Movers } kind = Provinces;
  std::string region;   ///< regencies: whose ("": every regency); "" for the others
  std::string contest;  ///< as an item's
  int count = 10;       ///< closest, flipped, movers: at most this many
  data::Level level = data::Level::Province;  ///< closest, flipped, movers
  double minutes = 60;  ///< flipped: the leader changed within this many minutes
  double seconds = 6;
  std::string layer = "winner";
  MapKind map = MapKind::Regions;
  Transition transition = Transition::Cut;
  int transitionFrames = 0;
  int line = 0;
  data::RegionId regionId = data::kNation;  ///< resolved `region`
  LayerChoice layerChoice;
};

/// [breaking]: when a region's leader changes, jump to it, hold, then return.
struct BreakingSpec {
  bool enabled = false;
  data::Level level = data::Level::Province;
  double holdSeconds = 20;
  std::string layer = "winner";
  int line = 0;
};

/// An [[item]] or a [[tour]], in the order written in the file.
struct RundownEntry {
  std::optional<RundownItem> item;
  std::optional<TourSpec> tour;
  int line() const { return item ? item->line : tour->line; }
};

struct Rundown {
  std::string file;  ///< as given, for messages
  std::string title;
  double fps = 25;
  bool loop = true;
  std::vector<RundownEntry> entries;
  BreakingSpec breaking;
};

/// The file's shape: every key known, of its type and range. Errors read "FILE:LINE: what".
data::Result<Rundown> parseRundown(std::string_view text, const std::string& fileName);
/// Reads and parses a file (an unreadable file is "FILE: cannot read ...").
data::Result<Rundown> loadRundown(const std::string& path);
/// Region codes and layers against the tree; fills RundownItem::region/layerChoice and the tours'.
/// One show reads one contest: an item or tour naming another is an error with its line.
data::Status resolveRundown(Rundown& rundown, const data::RegionTree& tree,
                            data::Contest contest = data::Contest::Ppwp);
/// The contest the rundown's items and tours name first ("" when none names one).
std::string rundownContest(const Rundown& rundown);

}  // namespace pantau::viewer::onair
