#pragma once
// The DPD at the nation (--contest pdpd without a province): every province's race read as one
// (data::readDpdRace: each province's aggregate and candidate list) and shown as one snapshot
// (data::dpdNationSnapshot), coloured by the race for each province's fourth seat. The read runs
// on a thread of its own, again every few seconds while following a live source; a recorded night
// is read at its moment (--at, else its end) and stands still.
//
// Threading: the UI thread; the reads run on std::async threads through sources of their own.

#include <future>
#include <memory>
#include <optional>
#include <string>

#include "feed.hpp"

namespace pantau::viewer {

/// One read of the race from `spec` (archive:DIR at `atMs`, default its end). The error names the
/// source and the document at fault.
data::Result<std::shared_ptr<const data::Snapshot>> readDpdNation(std::shared_ptr<const data::RegionTree> tree,
                                                                  const std::string& spec, std::optional<int64_t> atMs);

/// `follow`: read again every kDpdNationPollMs (a live source); else once.
std::unique_ptr<Feed> makeDpdNationFeed(std::shared_ptr<const data::RegionTree> tree, std::string spec,
                                        std::optional<int64_t> atMs, bool follow);

inline constexpr int64_t kDpdNationPollMs = 10000;

}  // namespace pantau::viewer
