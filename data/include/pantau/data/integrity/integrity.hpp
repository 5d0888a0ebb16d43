#pragma once
/// Integrity checks: the arithmetic analysts ran by hand on Sirekap's numbers (sirekap-api.md,
/// "What the numbers should satisfy"), run on every snapshot.
///
/// Three kinds of check, each with a stable id (used by `pantau-data check --json`, the viewer's
/// words for it live in the viewer's UI text):
///  - TPS checks: one TPS document against itself (votes against suara_sah, DPT, the ballot cap);
///  - hierarchy checks: a parent's chart against its table, a child's row against its own document;
///  - time checks: a count that went down without a re-vote, a complete TPS whose votes changed.
///
/// IntegrityEngine runs them incrementally: the document step's publish hands it the snapshot
/// before and after (SnapshotBuilder::publish with its checker()), and it re-checks only the
/// chunks that changed. Its results are an immutable
/// IntegrityState attached to the snapshot, so the viewer, the exporters and the CLI read the
/// same findings. Threading: the engine belongs to the thread that publishes; states are
/// immutable and safe to read anywhere.

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "pantau/data/model/region_tree.hpp"
#include "pantau/data/model/snapshot.hpp"

namespace pantau::data {

enum class Severity : uint8_t { Warning, Error };
const char* toString(Severity s);  ///< "warning", "error"

enum class CheckId : uint8_t {
  VotesSumSah,       ///< sum of candidate votes != suara_sah
  SahTidakSahTotal,  ///< suara_sah + suara_tidak_sah != suara_total
  SexSum,            ///< a `_j` != `_l` + `_p`
  PenggunaSum,       ///< pengguna_dpt + dptb + non_dpt != pengguna_total
  TotalOverVoters,   ///< suara_total > pengguna_total
  VotersOverDpt,     ///< pengguna_dpt > pemilih_dpt (more DPT voters than DPT)
  VotesOverDpt,      ///< sum of votes > 1.02 x DPT (KawalPemilu's rule)
  CandidateOverCap,  ///< one candidate above 300 voters + 2.5% spare ballots (not Papua 91-96, overseas)
  ChartSumTable,     ///< a region's chart != the sum of its table's rows
  RowVsOwn,          ///< a child's row in its parent's table != the child's own document
  CountDecreased,    ///< a count went down between snapshots without a re-vote (psu)
  CompleteChanged,   ///< a TPS with both halves confirmed changed its votes without a re-vote
  kCount
};
inline constexpr std::size_t kCheckCount = static_cast<std::size_t>(CheckId::kCount);

struct CheckInfo {
  const char* id;     ///< stable, snake_case: "votes_sum_sah"
  Severity severity;
  bool tpsOnly;       ///< applies to TPS documents only
};
const CheckInfo& checkInfo(CheckId c);
std::optional<CheckId> checkFromId(std::string_view id);

/// The ballot cap of sirekap-api.md: 300 voters per TPS plus 2.5% spare ballots.
inline constexpr uint32_t kCandidateCap = 308;
/// Papua's noken provinces (91-96) and overseas (99) may exceed the cap.
bool capExempt(std::string_view code);

/// One broken check at one region, with the numbers that broke it.
struct Finding {
  RegionId region = kNoRegion;
  CheckId check = CheckId::VotesSumSah;
  uint8_t aux = 0;  ///< candidate index (votes checks) or sex-sum group (SexSum)
  int64_t a = 0;    ///< the figure found
  int64_t b = 0;    ///< what it should equal or stay within
  Severity severity() const { return checkInfo(check).severity; }
  friend bool operator==(const Finding&, const Finding&) = default;
};

/// The SexSum groups, in Administrasi's order: "pemilih_dpt", "pengguna_dpt", ...
const char* sexSumGroup(uint8_t aux);

/// Runs the TPS checks on one TPS's facts and votes (candidate order of the snapshot); appends
/// what fails. Unfilled administrasi fields (0, as Sirekap serves them) never fail a check.
void checkTps(RegionId id, const TpsFacts& facts, std::span<const uint32_t> votes, bool exemptFromCap,
              std::vector<Finding>& out);

/// The finding in words with its numbers, for reports and logs (English, stable):
/// "sum of votes 1223 != suara_sah 185".
std::string describe(const Finding& f, std::span<const CandidateId> candidates);

/// The immutable results for one snapshot.
class IntegrityState {
 public:
  /// Every finding, ordered by region then check.
  std::span<const Finding> findings() const { return m_findings; }
  std::span<const Finding> findingsFor(RegionId id) const;
  /// TPS whose document has votes, and the TPS with at least one error (warnings alone do not
  /// flag a TPS), under a region (nation to village; 0 for a TPS).
  uint32_t checkedTps(RegionId id) const { return id < m_checked.size() ? m_checked[id] : 0; }
  uint32_t flaggedTps(RegionId id) const { return id < m_flagged.size() ? m_flagged[id] : 0; }
  /// Turnout (voters / DPT) under a region, from the TPS whose administrasi is filled in and
  /// passes every error check (a misread DPT must not move the map); negative when none has.
  double turnout(RegionId id) const {
    return id < m_dpt.size() && m_dpt[id] ? static_cast<double>(m_voters[id]) / static_cast<double>(m_dpt[id]) : -1.0;
  }
  /// Findings per check over the whole country.
  uint32_t countOf(CheckId c) const { return m_perCheck[static_cast<std::size_t>(c)]; }
  /// TPS with findings, worst first (errors, then warnings, then code); at most kWorstListed.
  std::span<const RegionId> worstTps() const { return m_worst; }
  static constexpr std::size_t kWorstListed = 200;

 private:
  friend class IntegrityEngine;
  std::vector<Finding> m_findings;
  std::vector<uint32_t> m_checked, m_flagged;
  std::vector<uint64_t> m_dpt, m_voters;
  std::array<uint32_t, kCheckCount> m_perCheck{};
  std::vector<RegionId> m_worst;
};

class IntegrityEngine {
 public:
  /// Checks what changed between `before` (null: nothing checked yet) and `after`.
  std::shared_ptr<const IntegrityState> update(const Snapshot* before, const Snapshot& after);
  /// update() as the check SnapshotBuilder::publish runs; the engine must outlive its use.
  SnapshotCheck checker() {
    return [this](const Snapshot* before, const Snapshot& after) { return update(before, after); };
  }

 private:
  void checkChunk(const Snapshot* before, const Snapshot& after, std::size_t chunk);
  /// Records what a TPS counts for up the tree (checked, flagged, DPT and voters for turnout)
  /// and moves its ancestors' sums by the difference.
  void setTpsCounts(const RegionTree& t, RegionId tps, uint8_t bits, uint32_t dpt, uint32_t voters);

  std::vector<std::vector<Finding>> m_byChunk;                    ///< state checks, per chunk
  std::unordered_map<RegionId, std::vector<Finding>> m_history;  ///< time checks, kept
  struct TpsCounts {
    uint8_t bits = 0;  ///< 1 checked, 2 flagged by an error
    uint32_t dpt = 0, voters = 0;
  };
  std::vector<TpsCounts> m_tpsCounts;  ///< per TPS: what the sums below hold of it
  std::vector<uint32_t> m_checked, m_flagged;
  std::vector<uint64_t> m_dpt, m_voters;
  std::vector<Finding> m_scratch;
};

}  // namespace pantau::data
