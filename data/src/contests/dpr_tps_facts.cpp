// A DPR TPS's dapil, party-only ballots, caleg votes and failed checks (dpr_tps_facts.hpp).

#include "pantau/data/contests/dpr_tps_facts.hpp"

#include <algorithm>

#include "pantau/data/contests/legislative_checks.hpp"

namespace pantau::data {

const DprTpsFacts::PartyFacts* DprTpsFacts::find(PartyId party) const {
  auto it = std::find_if(parties.begin(), parties.end(), [&](const PartyFacts& p) { return p.party == party; });
  return it == parties.end() ? nullptr : &*it;
}

void DprTpsTable::take(RegionId tps, const PdprTps& doc) {
  DprTpsFacts& f = m_rows[tps];
  f.dapil = doc.kodeDapil;
  f.parties.clear();
  for (const PartyTally& p : doc.chart) f.parties.push_back({p.party, p.partyOnly, 0});
  for (const CalegTally& v : doc.caleg)
    if (auto it = std::find_if(f.parties.begin(), f.parties.end(), [&](const auto& p) { return p.party == v.party; });
        it != f.parties.end())
      it->caleg += v.votes;
  f.checks.clear();
  for (LegislativeFinding& finding : checkPdprTps(doc))
    if (std::find(f.checks.begin(), f.checks.end(), finding.check) == f.checks.end())
      f.checks.push_back(std::move(finding.check));
}

const DprTpsFacts* DprTpsTable::find(RegionId tps) const {
  auto it = m_rows.find(tps);
  return it == m_rows.end() ? nullptr : &it->second;
}

}  // namespace pantau::data
