// One pass over a source for the DPR count: the 84 dapil recaps first, then, for any dapil the
// source lacks, its regency aggregates (see dpr_votes.hpp).

#include "pantau/data/contests/dpr_votes.hpp"

#include <map>

#include "contests/fetch_once_more.hpp"
#include "pantau/data/contests/legislative_parser.hpp"
#include "pantau/data/sirekap/sirekap_parser.hpp"

namespace pantau::data {

namespace {

void noteTs(const Timestamp& ts, Timestamp& latest) {
  if (ts.present && (!latest.present || ts.epochUtc > latest.epochUtc)) latest = ts;
}

/// Path of a regency's aggregate: "/pemilu/hhcw/pdpr/11/1101.json"; "99" (all of Luar Negeri) is
/// the province document "/pemilu/hhcw/pdpr/99.json".
std::string regencyPath(std::string_view code) {
  if (code == "99") return "/pemilu/hhcw/pdpr/99.json";
  return "/pemilu/hhcw/pdpr/" + std::string(code.substr(0, 2)) + "/" + std::string(code) + ".json";
}

}  // namespace

DapilVotes dapilVotesFromRecap(const DapilInfo& d, const DapilRecap& r, const DprTables& tables) {
  DapilVotes v{d.kode, d.seats, {}, {}};
  if (!r.table.empty()) {
    for (const PartyTally& t : r.table) v.parties.push_back({t.party, t.total});
  } else {
    for (const VoteCount& c : r.chart) v.parties.push_back({c.candidate, c.votes});
  }
  std::map<CalegId, uint32_t> ballot;
  for (const CalegEntry& c : tables.caleg)
    if (c.dapil == d.kode) ballot[c.id] = c.nomorUrut;
  for (const CalegTally& c : r.caleg) {
    auto it = ballot.find(c.caleg);
    v.caleg.push_back({c.caleg, c.party, it == ballot.end() ? 0 : it->second, c.votes});
  }
  return v;
}

Result<DprCount> readDprCount(Source& source, const DprTables& tables, const RegionTree& tree) {
  DprCount out;
  out.dapil.resize(tables.dapil.size());
  std::vector<FetchRequest> requests;
  for (std::size_t i = 0; i < tables.dapil.size(); ++i)
    requests.push_back({"/pemilu/hhcd/pdpr/" + tables.dapil[i].kode + ".json", {}, i});
  LegislativeParser parser;
  std::vector<bool> have(tables.dapil.size(), false);
  std::optional<Error> failure;
  std::size_t answered = 0;
  fetchOnceMore(source, requests, [&](FetchResult&& r) {
    answered++;
    DapilRecap recap;
    if (Status s = parser.parseDapilRecap(r.body, recap); !s) {
      if (!failure) failure = Error{s.error().code, r.path + ": " + s.error().message};
      return;
    }
    const DapilInfo& d = tables.dapil[r.tag];
    out.dapil[r.tag] = dapilVotesFromRecap(d, recap, tables);
    have[r.tag] = true;
    out.recapDocuments++;
    noteTs(recap.ts, out.latest);
  });
  if (failure) return *failure;

  // Dapil without a recap: their regencies' aggregates, party votes summed.
  requests.clear();
  for (std::size_t i = 0; i < tables.dapil.size(); ++i) {
    out.dapil[i].code = tables.dapil[i].kode;
    out.dapil[i].seats = tables.dapil[i].seats;
    if (have[i]) continue;
    for (const std::string& r : tables.dapil[i].regencies)
      if (r == "99" || tree.find(r) != kNoRegion) requests.push_back({regencyPath(r), {}, i});
  }
  SirekapParser aggParser;
  std::vector<std::map<PartyId, uint64_t>> sums(tables.dapil.size());
  std::vector<bool> summed(tables.dapil.size(), false);
  fetchOnceMore(source, requests, [&](FetchResult&& r) {
    answered++;
    Aggregate agg;
    if (Status s = aggParser.parseAggregate(r.body, agg); !s) {
      if (!failure) failure = Error{s.error().code, r.path + ": " + s.error().message};
      return;
    }
    for (const VoteCount& v : agg.chart) sums[r.tag][v.candidate] += v.votes;
    summed[r.tag] = true;
    out.regionDocuments++;
    noteTs(agg.ts, out.latest);
  });
  if (failure) return *failure;
  if (answered == 0)
    return Error{ErrorCode::Missing,
                 source.describe() + ": no DPR document (hhcd/pdpr or hhcw/pdpr) could be read"};
  for (std::size_t i = 0; i < tables.dapil.size(); ++i) {
    if (have[i]) continue;
    if (!summed[i]) out.missingDapil++;
    for (const auto& [party, votes] : sums[i]) out.dapil[i].parties.push_back({party, votes});
  }
  return out;
}

}  // namespace pantau::data
