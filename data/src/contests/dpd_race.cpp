// The DPD race from a source: each province's aggregate, ranked, with the names where listed.

#include "pantau/data/contests/dpd_race.hpp"

#include <algorithm>
#include <map>

#include "contests/fetch_once_more.hpp"
#include "pantau/data/contests/legislative_parser.hpp"
#include "pantau/data/sirekap/sirekap_parser.hpp"

namespace pantau::data {

uint64_t DpdProvince::fourthMargin() const {
  if (standings.size() <= static_cast<std::size_t>(kDpdSeatsPerProvince)) return 0;
  return standings[kDpdSeatsPerProvince - 1].votes - standings[kDpdSeatsPerProvince].votes;
}

Result<DpdRace> readDpdRace(Source& source, const RegionTree& tree) {
  std::vector<FetchRequest> requests;
  std::vector<RegionId> provinces;
  for (RegionId p : tree.children(kNation)) {
    if (tree.isOverseas(p)) continue;
    const std::string code(tree.code(p));
    requests.push_back({"/pemilu/hhcw/pdpd/" + code + ".json", {}, provinces.size() * 2});
    requests.push_back({"/pemilu/caleg/dpd/" + code + ".json", {}, provinces.size() * 2 + 1});
    provinces.push_back(p);
  }
  std::vector<std::optional<Aggregate>> counts(provinces.size());
  std::vector<std::map<CalegId, CalegEntry>> names(provinces.size());
  SirekapParser sp;
  LegislativeParser lp;
  std::optional<Error> failure;
  DpdRace race;
  fetchOnceMore(source, requests, [&](FetchResult&& r) {
    if (failure) return;
    const std::size_t i = r.tag / 2;
    if (r.tag % 2 == 0) {
      Aggregate a;
      if (Status s = sp.parseAggregate(r.body, a); !s)
        return void(failure = Error{s.error().code, r.path + ": " + s.error().message});
      if (a.ts.present && (!race.latest.present || a.ts.epochUtc > race.latest.epochUtc))
        race.latest = a.ts;
      counts[i] = std::move(a);
    } else {
      CalegList list;
      if (Status s = lp.parseDpdCalegList(r.body, list); !s)
        return void(failure = Error{s.error().code, r.path + ": " + s.error().message});
      for (CalegEntry& c : list.caleg) names[i][c.id] = std::move(c);
    }
  });
  if (failure) return *failure;
  for (std::size_t i = 0; i < provinces.size(); ++i) {
    if (!counts[i]) continue;
    DpdProvince p{std::string(tree.code(provinces[i])), 0, counts[i]->progressTotal, counts[i]->progressReported, {}};
    for (const VoteCount& v : counts[i]->chart) {
      DpdStanding s{v.candidate, v.votes, {}, 0};
      if (auto it = names[i].find(v.candidate); it != names[i].end())
        s.nama = it->second.nama, s.nomorUrut = it->second.nomorUrut;
      p.validVotes += v.votes;
      p.standings.push_back(std::move(s));
    }
    std::sort(p.standings.begin(), p.standings.end(),
              [](const DpdStanding& a, const DpdStanding& b) {
                if (a.votes != b.votes) return a.votes > b.votes;
                if (a.nomorUrut != b.nomorUrut) return a.nomorUrut < b.nomorUrut;
                return a.id < b.id;
              });
    race.provinces.push_back(std::move(p));
  }
  std::sort(race.provinces.begin(), race.provinces.end(),
            [](const DpdProvince& a, const DpdProvince& b) { return a.code < b.code; });
  if (race.provinces.empty())
    return Error{ErrorCode::Missing,
                 source.describe() + ": no DPD document (hhcw/pdpd) could be read"};
  return race;
}

}  // namespace pantau::data
