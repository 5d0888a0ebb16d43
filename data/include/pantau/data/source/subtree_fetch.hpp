#pragma once
/// One pass over a source for everything under a region: the candidate list, every aggregate from
/// the nation down to the region's villages (the ancestors too, for the hierarchy checks), and
/// optionally every TPS document. For the tools that read a source once (`pantau-data check`,
/// `export`) rather than follow it live.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "pantau/data/model/region_tree.hpp"
#include "pantau/data/base/result.hpp"
#include "pantau/data/model/snapshot.hpp"
#include "pantau/data/source/source.hpp"

namespace pantau::data {

struct SubtreeFetchOptions {
  bool tps = true;              ///< also every TPS document under the region
  Level deepest = Level::Village;  ///< aggregates down to this level (the region's own at least)
  std::size_t batch = 2048;     ///< requests handed to the source at once
  std::function<void(std::size_t done, std::size_t total)> progress;  ///< after each batch
  /// A source holding only some documents (scraped TPS files) may lack the candidate list: then
  /// this one names the candidates (the data folder's sample); without it they come from the
  /// documents' vote keys, named by id.
  std::optional<CandidateList> fallbackCandidates;
};

struct SubtreeFetchStats {
  std::size_t requested = 0, applied = 0, missing = 0, failed = 0;
  std::size_t bytes = 0;
  std::string firstError;  ///< "path: reason" of the first failure, for the report
  /// Where the candidates came from when the source had no list ("" when it had one): said once.
  std::string candidatesFrom;
};

/// The data folder's candidate list (kpu2024/samples/ppwp_candidates_transcribed.json), the
/// fallback for a source that holds only some documents; none when it cannot be read.
std::optional<CandidateList> sampleCandidateList(const std::filesystem::path& dataDir);

/// Fails only when the candidate list cannot be read and no other names the candidates (a list
/// the source lacks is replaced as the options say; one it serves broken is an error); a document
/// that fails is counted and named in the stats, and the rest go on.
Result<std::unique_ptr<SnapshotBuilder>> fetchSubtree(Source& source, std::shared_ptr<const RegionTree> tree,
                                                      RegionId root, const SubtreeFetchOptions& options,
                                                      SubtreeFetchStats& stats);

}  // namespace pantau::data
