#pragma once
/// One read of a source: the candidate list, then every document of a plan, once, through the
/// document step; the result is one Snapshot with the integrity checks run. For the tools that
/// read a source once rather than follow it live (`pantau-data check`, `export`), the viewer's
/// headless stills, and replay (an archive read at a moment through its Source).

#include <cstdint>
#include <filesystem>
#include <optional>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "pantau/data/base/result.hpp"
#include "pantau/data/model/snapshot.hpp"
#include "pantau/data/source/fetch_plan.hpp"
#include "pantau/data/source/source.hpp"

namespace pantau::data {

struct ReadOptions {
  std::size_t batch = 2048;  ///< requests handed to the source at once
  int64_t publishAtMs = 0;   ///< the snapshot's time (a replay: its moment)
  /// Whose TPS documents are kept whole (their photos' URLs, for the TPS view).
  std::vector<RegionId> keepDetail;
  /// Snapshots are numbered after this (a replay's moments count up for their readers).
  uint64_t versionAfter = 0;
  std::function<void(std::size_t done, std::size_t total)> progress;  ///< after each batch
  /// A source holding only some documents (scraped TPS files) may lack the candidate list: then
  /// this one names the candidates (the data folder's sample, sampleCandidateList).
  std::optional<CandidateList> fallbackCandidates;
  /// Whose documents (document_step.hpp): the presidential race, the DPR, or one province's DPD
  /// race (`province`: its candidate list and its own documents; the plan should hold no others).
  Contest contest = Contest::Ppwp;
  std::string province;  ///< the DPD's province ("35")
  /// The DPR: called with each TPS document applied, for what the snapshot does not hold (its
  /// party-only ballots, caleg votes, dapil: dpr_tps_facts.hpp). On the reading thread.
  std::function<void(RegionId tps, const PdprTps& doc)> onPdprTps;
  /// Any contest: called with each TPS document applied, as the snapshot read it (the DPD's
  /// chart against its suara sah, legislative_checks.hpp). On the reading thread.
  std::function<void(RegionId tps, const TpsDetail& doc)> onTps;
};

struct ReadStats {
  std::size_t requested = 0, applied = 0, missing = 0, failed = 0;
  std::size_t bytes = 0;
  double checkSeconds = 0;  ///< of it, the integrity checks over the snapshot
  std::string firstError;  ///< "path: reason" of the first failure, for the report
  /// Where the candidates came from when the source had no list ("" when it had one): said once.
  std::string candidatesFrom;
};

/// The data folder's candidate list (kpu2024/samples/ppwp_candidates_transcribed.json), the
/// fallback for a source that holds only some documents; none when it cannot be read.
std::optional<CandidateList> sampleCandidateList(const std::filesystem::path& dataDir);

/// The candidates of a source with no candidate list and none at hand, from a document's votes:
/// by ascending id (KPU numbers its tickets in id order), ballot numbers 1, 2, ... in that order,
/// no name (candidateLabel says the id; the viewer "Paslon N"), distinct colours that are not
/// KPU's (nothing says which ticket wore which).
CandidateList candidatesById(std::span<const VoteCount> chart);

/// Each document counts as confirmed when its source says it was made, where the source knows
/// (an archive's record time), else when it was read. Fails only when the candidate list cannot
/// be read (nothing else can be understood without it); a document that fails is counted, named
/// in the stats and recorded on its region, and the rest go on; a missing one is not published yet.
Result<std::shared_ptr<const Snapshot>> readOnce(Source& source, std::shared_ptr<const RegionTree> tree, const FetchPlan& plan,
                                                 const ReadOptions& options, ReadStats& stats);

}  // namespace pantau::data
