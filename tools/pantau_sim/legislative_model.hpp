#pragma once
// The legislative night (sirekap-pileg.md): the DPR and the DPD counted at the same TPS, at the
// same moments, as the presidential race (NightModel). Like it, a pure function of (seed, simulated
// time): party votes per TPS from hashes, calibrated so that the national party shares at the end
// of the night match KPU's real 2024 result; the caleg's and the DPD candidates' votes split from
// those by fixed weights. Every aggregate is the sum of what its TPS serve at that time.
//
// Thread-safety: immutable after construction except the aggregate caches, which are guarded.

#include <array>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "night_model.hpp"
#include "pantau/data/contests/dpr_tables.hpp"

namespace pantau::sim {

inline constexpr int kDprParties = 18;  // id_pilihan 1..17 and 24 (18-23 are Aceh's, DPRD only)

/// One DPD candidate of a province; the names are invented for the simulation and say so.
struct DpdCandidate {
  data::CalegId id = 0;
  std::string nama;
  uint32_t nomorUrut = 0;
  char jenisKelamin = 'L';
};

/// DPR sums at one moment, by RegionId.
struct PdprAggregates {
  int64_t at = 0;
  std::vector<std::array<uint64_t, kDprParties>> votes;  ///< jml_suara_total by party
  std::vector<uint32_t> reported;
};

/// Per dapil at one moment: party totals, party-only ballots and every caleg's votes.
struct DapilTotals {
  int64_t at = 0;
  std::vector<std::array<uint64_t, kDprParties>> total, partyOnly;  ///< by dapil index
  std::vector<std::vector<uint64_t>> caleg;  ///< by dapil index, aligned with calegOf(dapil)
  std::vector<uint32_t> reported, tpsTotal;  ///< TPS by dapil
};

/// DPD sums at one moment: each region's row of its province's candidates.
struct PdpdAggregates {
  int64_t at = 0;
  std::vector<uint64_t>
      votes;  ///< flat; region r's are [dpdOffset(r), + candidates of its province)
};

class LegislativeModel {
 public:
  LegislativeModel(std::shared_ptr<const NightModel> night,
                   std::shared_ptr<const data::DprTables> tables);

  const NightModel& night() const { return *m_night; }
  const data::RegionTree& tree() const { return m_night->tree(); }
  const data::DprTables& tables() const { return *m_tables; }
  static const std::array<data::PartyId, kDprParties>& partyIds();

  /// Dapil index (into tables().dapil) of a region at regency level or below; -1 above.
  int dapilOf(data::RegionId region) const;
  /// The caleg of dapil `d` (by party then nomor_urut), and where party index `p`'s begin and end.
  std::span<const data::CalegEntry> calegOf(int d) const;
  std::pair<uint32_t, uint32_t> partyRange(int d, int p) const;

  // --- One TPS (served figures, misreads included) ---
  uint32_t dprValid(data::RegionId tps) const { return m_dprValid[index(tps)]; }
  uint32_t partyTotal(data::RegionId tps, int p) const {
    return m_partyVotes[index(tps) * kDprParties + p];
  }
  uint32_t partyOnly(data::RegionId tps, int p) const;
  /// The caleg's votes of party `p` at `tps`, aligned with partyRange(dapil, p); they add up to the
  /// party's true total minus its party-only ballots.
  void calegVotes(data::RegionId tps, int p, std::vector<uint32_t>& out) const;
  /// The misread added to a party's jml_suara_total at a TPS Sirekap misread (0 elsewhere).
  uint32_t misread(data::RegionId tps, int& party) const;

  // --- DPD ---
  bool hasDpd(data::RegionId region) const {
    return region != data::kNation && !tree().isOverseas(region);
  }
  std::span<const DpdCandidate> dpdCandidates(data::RegionId region) const;  ///< of its province
  /// A TPS's DPD votes as served (a misread TPS's leading candidate carries the misread).
  void dpdVotes(data::RegionId tps, std::vector<uint32_t>& out) const;
  /// As the officials wrote them on the form (what the C1 photo shows).
  void dpdTrueVotes(data::RegionId tps, std::vector<uint32_t>& out) const;
  std::size_t dpdOffset(data::RegionId region) const { return m_dpdOffset[region]; }

  std::shared_ptr<const PdprAggregates> pdprAt(int64_t t) const;
  std::shared_ptr<const DapilTotals> dapilAt(int64_t t) const;
  std::shared_ptr<const PdpdAggregates> pdpdAt(int64_t t) const;

 private:
  std::size_t index(data::RegionId tps) const { return tps - tree().levelBegin(data::Level::Tps); }
  int provinceIndex(data::RegionId region) const;
  void buildVoters();
  void buildParties(const std::array<double, kDprParties>& factor);
  void calibrate();
  void buildCaleg();
  void buildDpd();

  std::shared_ptr<const NightModel> m_night;
  std::shared_ptr<const data::DprTables> m_tables;
  uint64_t m_seed = 0;
  std::vector<int16_t> m_dapilOfRegency;  ///< by RegionId - levelBegin(Regency)
  std::vector<uint32_t> m_dprValid;       ///< by TPS index
  std::vector<uint16_t> m_partyVotes;     ///< TPS index * kDprParties + party
  std::unordered_map<data::RegionId, std::pair<int, uint32_t>>
      m_misreads;                                                   ///< tps -> (party, added)
  std::vector<std::array<uint32_t, kDprParties + 1>> m_partyBegin;  ///< by dapil: caleg offsets
  std::vector<std::pair<uint32_t, uint32_t>>
      m_dapilCaleg;                               ///< by dapil: [begin, end) in tables.caleg
  std::vector<std::vector<float>> m_calegWeight;  ///< by regency index: dapil's caleg
  std::vector<std::vector<DpdCandidate>> m_dpd;   ///< by province index
  std::vector<std::vector<float>> m_dpdWeight;    ///< by regency index
  std::vector<std::size_t> m_dpdOffset;           ///< by RegionId
  std::size_t m_dpdSize = 0;
  mutable std::mutex m_cacheMutex;
  mutable std::shared_ptr<const PdprAggregates> m_pdpr;
  mutable std::shared_ptr<const DapilTotals> m_dapil;
  mutable std::shared_ptr<const PdpdAggregates> m_pdpd;
};

/// Splits `total` in proportion to `weights` (largest remainder; ties to the lower index).
void splitVotes(uint32_t total, std::span<const float> weights, std::vector<uint32_t>& out);

}  // namespace pantau::sim
