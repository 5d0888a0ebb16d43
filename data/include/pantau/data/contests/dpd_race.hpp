#pragma once
/// The DPD race (sirekap-pileg.md "From votes to seats" 4): in each province the four candidates
/// with the most votes take its seats. Read one-shot from a Source: `/pemilu/hhcw/pdpd/{p}.json`
/// for every province (abroad has no DPD ballot) and `/pemilu/caleg/dpd/{p}.json` for the names
/// where the source has them. Equal votes go to the lower ballot number, then the lower id.
///
/// Threading: runs on the calling thread; the Source is used by it alone for the call.

#include <string>
#include <vector>

#include "pantau/data/base/result.hpp"
#include "pantau/data/contests/legislative_types.hpp"
#include "pantau/data/model/region_tree.hpp"
#include "pantau/data/source/source.hpp"

namespace pantau::data {

struct DpdStanding {
  CalegId id = 0;
  uint64_t votes = 0;
  std::string nama;  ///< "" when the source has no candidate list
  uint32_t nomorUrut = 0;
};

struct DpdProvince {
  std::string code;
  uint64_t validVotes = 0;             ///< the chart's sum
  uint32_t progressTotal = 0, progressReported = 0;  ///< its TPS, and those counted (`progres`)
  std::vector<DpdStanding> standings;  ///< most votes first; the first four hold the seats
  /// Votes between the fourth and the fifth: the race for the last seat (0 with five or fewer).
  uint64_t fourthMargin() const;
};

struct DpdRace {
  std::vector<DpdProvince>
      provinces;  ///< by code; provinces without a document left out
  Timestamp latest;
};

inline constexpr int kDpdSeatsPerProvince = 4;

Result<DpdRace> readDpdRace(Source& source, const RegionTree& tree);

}  // namespace pantau::data
