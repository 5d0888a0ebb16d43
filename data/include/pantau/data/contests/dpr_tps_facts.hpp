#pragma once
/// What a DPR TPS document says beyond its party totals (which a snapshot holds as the TPS's
/// votes, document_step.hpp): its dapil, each party's party-only ballots (`jml_suara_partai`) and
/// its caleg's votes, and the legislative checks it fails (legislative_checks.hpp). The TPS export
/// of the DPR (`pantau-data --contest pdpr export --level tps`) writes them beside the votes, so
/// that each row carries the arithmetic party + caleg = jml_suara_total.
///
/// Filled by one reader thread (ReadOptions::onPdprTps), then only read.

#include <string>
#include <unordered_map>
#include <vector>

#include "pantau/data/contests/legislative_types.hpp"
#include "pantau/data/model/region_tree.hpp"

namespace pantau::data {

struct DprTpsFacts {
  struct PartyFacts {
    PartyId party = 0;
    uint32_t partyOnly = 0;  ///< `jml_suara_partai`
    uint32_t caleg = 0;      ///< the sum of its caleg's votes
  };
  std::string dapil;                ///< `kode_dapil` ("3501"); "" when the document has none
  std::vector<PartyFacts> parties;  ///< the chart's parties, in its order
  std::vector<std::string> checks;  ///< the legislative checks that failed ("party_caleg_sum")
  const PartyFacts* find(PartyId party) const;
};

class DprTpsTable {
 public:
  /// Keeps what `doc`, the DPR document of TPS `tps`, says beyond its party totals.
  void take(RegionId tps, const PdprTps& doc);
  /// Null when no DPR document of that TPS was taken.
  const DprTpsFacts* find(RegionId tps) const;
  std::size_t size() const { return m_rows.size(); }

 private:
  std::unordered_map<RegionId, DprTpsFacts> m_rows;
};

}  // namespace pantau::data
