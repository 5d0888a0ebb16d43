#pragma once
// Tours and the breaking trigger: the rundown's [[tour]] entries turned into items from the data
// (when the rundown is loaded and again each loop), and the regions whose leader just changed.
// Pure functions over snapshots: tested as values.
//
// Threading: any; snapshots are immutable.

#include <cstdint>
#include <functional>
#include <vector>

#include "pantau/data/model/snapshot.hpp"
#include "rundown.hpp"

namespace pantau::viewer::onair {

/// What the tours read: the newest snapshot, the one of the regeneration before it (movers), and
/// an earlier one at a given age (flipped; null when the night is younger than that).
struct TourData {
  const data::Snapshot* now = nullptr;
  const data::Snapshot* previous = nullptr;
  std::function<const data::Snapshot*(double minutesAgo)> earlier;
};

/// The leading candidate's index in the region's row, -1 without votes.
int leaderOf(const data::Snapshot& s, data::RegionId id);
/// (first - second) / all votes, 0..1; -1 without votes.
double marginOf(const data::Snapshot& s, data::RegionId id);
/// Regions of `level` whose leader in `after` differs from the one in `before` (both with votes),
/// in id order.
std::vector<data::RegionId> leaderFlips(const data::Snapshot& before, const data::Snapshot& after,
                                        data::Level level);

/// One region's part in how the national margin moved between two snapshots.
struct Mover {
  data::RegionId region = data::kNoRegion;
  int64_t addedVotes = 0;  ///< all candidates' votes added in the region
  double marginPoints =
      0;  ///< what its added votes did to the national margin (leader minus runner-up), in points
};
struct WhatMoved {
  double marginBefore = 0, marginAfter = 0;  ///< national margin, percentage points
  int leader = -1, runnerUp = -1;            ///< candidate indices (in `after`)
  int64_t addedVotes = 0;                    ///< nation-wide
  std::vector<Mover> regions;                ///< largest |marginPoints| first
};
/// The last regeneration: added votes by region of `level` and the national margin's move.
WhatMoved whatMoved(const data::Snapshot& before, const data::Snapshot& after, data::Level level);

/// Every entry in order, tours expanded from `data` (a tour with nothing to show adds nothing).
/// Items keep their resolved regions and layers.
std::vector<RundownItem> expandRundown(const Rundown& rundown, const TourData& data);
std::vector<RundownItem> expandTour(const TourSpec& tour, const TourData& data);

}  // namespace pantau::viewer::onair
