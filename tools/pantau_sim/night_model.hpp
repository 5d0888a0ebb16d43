#pragma once
// The simulated election night: a pure function of (seed, simulated time) over KPU's real region
// tree. Every TPS gets its DPT, turnout, votes, report time and (rarely) an OCR-style misread from
// hashes of (seed, TPS); every aggregate is the sum of what its TPS serve at that time. Two sims
// with the same flags therefore serve identical bytes.
//
// Thread-safety: immutable after construction except the aggregate cache, which is guarded.

#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "pantau/data/model/region_tree.hpp"
#include "pantau/data/sirekap/sirekap_types.hpp"

namespace pantau::sim {

inline constexpr int kCandidates = 3;  // the 2024 presidential race

enum class Anomaly : uint8_t { None, HundredsDigit, SumMismatch, DptMisread };
const char* toString(Anomaly a);  ///< "hundreds_digit", "sum_mismatch", "dpt_misread"

/// One TPS as the sim serves it once it has reported.
struct TpsResult {
  std::array<uint32_t, kCandidates> votes{};  ///< as served (misread included)
  std::array<uint32_t, kCandidates> trueVotes{};
  data::Administrasi adm;                     ///< as served
  uint32_t trueDpt = 0;
  int64_t reportedAt = 0;  ///< epoch UTC; INT64_MAX when it never reports tonight
  Anomaly anomaly = Anomaly::None;
};

/// Sums for every region at one moment.
struct Aggregates {
  int64_t at = 0;  ///< epoch UTC (quantised)
  std::vector<std::array<uint64_t, kCandidates>> votes;  ///< by RegionId
  std::vector<uint32_t> reported;                        ///< TPS reported, by RegionId
};

struct NightOptions {
  uint64_t seed = 1;
  double anomalyRate = 0;
};

class NightModel {
 public:
  /// `provinceShares`: candidate shares per province code, from the real national table.
  NightModel(std::shared_ptr<const data::RegionTree> tree, const data::Aggregate& nationalSample,
             NightOptions options);

  const data::RegionTree& tree() const { return *m_tree; }
  std::shared_ptr<const data::RegionTree> treePtr() const { return m_tree; }
  const NightOptions& options() const { return m_options; }
  const std::array<data::CandidateId, kCandidates>& candidateIds() const { return m_candidateIds; }

  /// Night from the first poll closing (13:00 WIT = 11:00 WIB) to 2024-02-15 00:00 WIB.
  static int64_t nightBegin();
  static int64_t nightEnd();
  /// Aggregates are regenerated on this period of simulated time, like Sirekap's (hourly) files.
  static constexpr int64_t kAggregatePeriod = 60;

  const TpsResult& tps(data::RegionId id) const { return m_tps[id - m_tree->levelBegin(data::Level::Tps)]; }
  bool reportedBy(data::RegionId tps, int64_t t) const { return this->tps(tps).reportedAt <= t; }
  uint32_t tpsTotal(data::RegionId region) const { return m_tpsTotal[region]; }

  /// Aggregates at `t` rounded down to the period. Cached: the latest one is kept.
  std::shared_ptr<const Aggregates> aggregatesAt(int64_t t) const;

 private:
  void buildTps(const std::vector<std::array<double, kCandidates>>& provinceShares);

  std::shared_ptr<const data::RegionTree> m_tree;
  NightOptions m_options;
  std::array<data::CandidateId, kCandidates> m_candidateIds{};
  std::vector<TpsResult> m_tps;      ///< by RegionId - levelBegin(Tps)
  std::vector<uint32_t> m_tpsTotal;  ///< TPS under each region
  mutable std::mutex m_cacheMutex;
  mutable std::shared_ptr<const Aggregates> m_cache;
};

/// Deterministic hashing (splitmix64) for the model and for fault injection.
uint64_t mix(uint64_t x);
inline double unit(uint64_t h) { return static_cast<double>(h >> 11) * 0x1.0p-53; }
/// Roughly standard normal from one hash (Irwin-Hall of four uniforms).
double gauss(uint64_t h);

}  // namespace pantau::sim
