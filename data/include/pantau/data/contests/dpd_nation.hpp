#pragma once
/// The DPD at the nation: every province's race in one snapshot, for one map and one table. Its
/// columns are every province's DPD candidates (each stands in one province); a province's row
/// holds its own candidates' votes (zeros in the others' columns), and each of its regencies
/// repeats that row, so that the nation's map, filled by regency, paints every province with its
/// own race. fourthSeatRace reads the race for the last seat off any such row.
///
/// Threading: pure functions; the snapshot is immutable.

#include <memory>
#include <span>

#include "pantau/data/contests/dpd_race.hpp"
#include "pantau/data/model/snapshot.hpp"

namespace pantau::data {

/// A province's race for its fourth (last) seat.
struct FourthSeatRace {
  int fourth = -1, fifth = -1;  ///< column indexes; -1 with fewer than four (five) candidates
  uint64_t margin = 0;          ///< the fourth's votes over the fifth's
  uint64_t valid = 0;           ///< the row's sum
  /// The margin in percentage points of the valid votes; negative when there is no race (no
  /// votes, or no fifth candidate).
  double marginPoints() const;
};

/// Ranks a row as DpdRace does (votes, then ballot number, then id) and gives the fourth and fifth.
FourthSeatRace fourthSeatRace(std::span<const uint32_t> row, const CandidateList& candidates);

/// The race at `atMs` as one snapshot (see above); null when the race has no province.
std::shared_ptr<const Snapshot> dpdNationSnapshot(const DpdRace& race, std::shared_ptr<const RegionTree> tree,
                                                  int64_t atMs);

}  // namespace pantau::data
