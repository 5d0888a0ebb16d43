// The DPR's hhcw aggregates into a Snapshot with the parties as its vote columns
// (pdpr_snapshot.hpp).

#include "pantau/data/contests/pdpr_snapshot.hpp"

#include <chrono>

#include "contests/fetch_once_more.hpp"
#include "pantau/data/sirekap/sirekap_parser.hpp"

namespace pantau::data {

CandidateList dprPartyColumns(const PartyList& parties) {
  CandidateList out;
  for (const Party& p : parties.parties) {
    if (p.isAceh) continue;  // Aceh's local parties stand for DPRD Aceh only
    Candidate c;
    c.id = p.id;
    c.nama = p.nama;
    c.warna = p.warna;
    c.rgb = p.rgb;
    c.nomorUrut = p.id;  // the ballot number is the id_pilihan: "01".."17", "24"
    out.candidates.push_back(std::move(c));
  }
  return out;
}

std::string pdprCountsPath(const RegionTree& tree, RegionId region) {
  std::string path = countsPath(tree, region);  // "/pemilu/hhcw/ppwp/..."
  if (const std::size_t at = path.find("/ppwp"); at != std::string::npos)
    path.replace(at, 5, "/pdpr");
  return path;
}

Result<std::shared_ptr<const Snapshot>> readPdprSnapshot(Source& source,
                                                         std::shared_ptr<const RegionTree> tree,
                                                         const CandidateList& parties,
                                                         RegionId under, Level level,
                                                         PdprReadStats& stats) {
  if (level == Level::Tps || level == Level::Nation)
    return Error{
        ErrorCode::Range,
        std::string("the DPR is read down to province, regency, district or village, not ") +
            levelName(level)};
  const RegionTree& t = *tree;
  std::vector<FetchRequest> requests;
  std::vector<RegionId> stack{under};
  while (!stack.empty()) {  // `under` and its subtree down to `level`
    const RegionId r = stack.back();
    stack.pop_back();
    requests.push_back({pdprCountsPath(t, r), {}, r});
    if (t.level(r) < level)
      for (RegionId c : t.children(r)) stack.push_back(c);
  }
  const std::size_t asked = requests.size();
  SnapshotBuilder builder(tree, parties);
  SirekapParser parser;
  Aggregate agg;
  std::optional<Error> failure;
  const int64_t nowMs = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
  fetchOnceMore(source, std::move(requests), [&](FetchResult&& r) {
    if (failure) return;
    Status s = parser.parseAggregate(r.body, agg);
    if (s) s = applyAggregate(builder, static_cast<RegionId>(r.tag), agg, nowMs);
    if (!s)
      failure = Error{s.error().code, r.path + ": " + s.error().message};
    else
      stats.applied++;
  });
  if (failure) return *failure;
  stats.missing = asked - stats.applied;
  if (stats.applied == 0)
    return Error{ErrorCode::Missing,
                 source.describe() + ": no DPR aggregate (hhcw/pdpr) could be read"};
  return builder.publish(nowMs);
}

}  // namespace pantau::data
