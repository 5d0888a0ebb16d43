// Arithmetic checks of the legislative documents: see legislative_checks.hpp.

#include "pantau/data/contests/legislative_checks.hpp"

#include <map>

namespace pantau::data {

namespace {

/// jml_suara_total against jml_suara_partai + the caleg's votes, party by party.
void partyCalegSums(const std::vector<PartyTally>& parties, const std::vector<CalegTally>& caleg,
                    bool calegKnown, std::vector<LegislativeFinding>& out) {
  if (!calegKnown) return;
  std::map<PartyId, uint64_t> sum;
  for (const CalegTally& c : caleg) sum[c.party] += c.votes;
  for (const PartyTally& p : parties) {
    const uint64_t parts = uint64_t(p.partyOnly) + sum[p.party];
    if (parts != p.total)
      out.push_back(
          {"party_caleg_sum", "party " + std::to_string(p.party) + ": jml_suara_total " +
                                  std::to_string(p.total) +
                                  " but jml_suara_partai + caleg = " + std::to_string(parts)});
  }
}

void overValid(uint64_t sum, const std::optional<Administrasi>& adm,
               std::vector<LegislativeFinding>& out) {
  if (adm && adm->suaraSah > 0 && sum > adm->suaraSah)
    out.push_back({"sum_over_valid", "votes add up to " + std::to_string(sum) + ", suara sah is " +
                                         std::to_string(adm->suaraSah)});
}

}  // namespace

std::vector<LegislativeFinding> checkPdprTps(const PdprTps& tps) {
  std::vector<LegislativeFinding> out;
  partyCalegSums(tps.chart, tps.caleg, !tps.caleg.empty(), out);
  uint64_t sum = 0;
  for (const PartyTally& p : tps.chart) sum += p.total;
  overValid(sum, tps.administrasi, out);
  return out;
}

std::vector<LegislativeFinding> checkPdpdTps(const TpsDetail& tps) {
  std::vector<LegislativeFinding> out;
  uint64_t sum = 0;
  for (const VoteCount& v : tps.chart) sum += v.votes;
  overValid(sum, tps.administrasi, out);
  return out;
}

std::vector<LegislativeFinding> checkDapilRecap(const DapilRecap& recap) {
  std::vector<LegislativeFinding> out;
  partyCalegSums(recap.table, recap.caleg, !recap.caleg.empty(), out);
  for (const PartyTally& t : recap.table)
    for (const VoteCount& c : recap.chart)
      if (c.candidate == t.party && c.votes != t.total)
        out.push_back({"chart_table", "party " + std::to_string(t.party) + ": chart " +
                                          std::to_string(c.votes) + ", table jml_suara_total " +
                                          std::to_string(t.total)});
  return out;
}

std::span<const char* const> tpsCheckIds(Contest contest) {
  static constexpr const char* kDpr[] = {"party_caleg_sum", "sum_over_valid"};
  static constexpr const char* kDpd[] = {"sum_over_valid"};
  switch (contest) {
    case Contest::Pdpr: return kDpr;
    case Contest::Pdpd: return kDpd;
    case Contest::Ppwp: break;
  }
  return {};
}

}  // namespace pantau::data
