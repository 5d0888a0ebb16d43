#include "pantau/data/contests/dpd_nation.hpp"

#include <algorithm>
#include <numeric>

namespace pantau::data {

double FourthSeatRace::marginPoints() const {
  if (fifth < 0 || valid == 0) return -1;
  return 100.0 * static_cast<double>(margin) / static_cast<double>(valid);
}

FourthSeatRace fourthSeatRace(std::span<const uint32_t> row, const CandidateList& candidates) {
  FourthSeatRace out;
  std::vector<int> order;
  for (std::size_t c = 0; c < row.size() && c < candidates.candidates.size(); ++c) {
    out.valid += row[c];
    if (row[c] > 0) order.push_back(static_cast<int>(c));
  }
  const auto& cs = candidates.candidates;
  std::sort(order.begin(), order.end(), [&](int a, int b) {
    if (row[a] != row[b]) return row[a] > row[b];
    if (cs[a].nomorUrut != cs[b].nomorUrut) return cs[a].nomorUrut < cs[b].nomorUrut;
    return cs[a].id < cs[b].id;
  });
  constexpr std::size_t kFourth = kDpdSeatsPerProvince - 1;
  if (order.size() > kFourth) out.fourth = order[kFourth];
  if (order.size() > kFourth + 1) {
    out.fifth = order[kFourth + 1];
    out.margin = row[out.fourth] - row[out.fifth];
  }
  return out;
}

std::shared_ptr<const Snapshot> dpdNationSnapshot(const DpdRace& race, std::shared_ptr<const RegionTree> tree,
                                                  int64_t atMs) {
  if (race.provinces.empty()) return nullptr;
  CandidateList columns;
  for (const DpdProvince& p : race.provinces)
    for (const DpdStanding& s : p.standings)
      columns.candidates.push_back(Candidate{s.id, s.nama, "#888888", 0x888888, s.nomorUrut, {}});
  const RegionTree& t = *tree;
  SnapshotBuilder b(tree, columns);
  std::size_t column = 0;
  for (const DpdProvince& p : race.provinces) {
    const RegionId province = t.find(p.code);
    const std::size_t first = column;
    column += p.standings.size();
    if (province == kNoRegion) continue;
    // The province and each of its regencies carry the province's row (see the header).
    std::vector<RegionId> painted{province};
    for (RegionId r : t.children(province)) painted.push_back(r);
    for (RegionId r : painted) {
      auto votes = b.mutableVotes(r);
      for (std::size_t k = 0; k < p.standings.size(); ++k)
        votes[first + k] = static_cast<uint32_t>(std::min<uint64_t>(p.standings[k].votes, UINT32_MAX));
      RegionStatus& st = b.mutableStatus(r);
      st.flags = static_cast<uint8_t>(RegionStatus::kHasRow | (p.validVotes ? RegionStatus::kReported : 0));
      st.progressTotal = p.progressTotal, st.progressReported = p.progressReported;
      st.persen = p.progressTotal ? static_cast<float>(100.0 * p.progressReported / p.progressTotal) : 0.f;
      st.sourceTs = race.latest.present ? race.latest.epochUtc : 0;
      st.confirmedAtMs = atMs;
    }
  }
  // The nation: the TPS behind every province's count, and the newest document's time.
  RegionStatus& nation = b.mutableStatus(kNation);
  for (const DpdProvince& p : race.provinces)
    nation.progressTotal += p.progressTotal, nation.progressReported += p.progressReported;
  nation.persen = nation.progressTotal ? static_cast<float>(100.0 * nation.progressReported / nation.progressTotal) : 0.f;
  nation.sourceTs = race.latest.present ? race.latest.epochUtc : 0;
  nation.confirmedAtMs = atMs;
  return b.publish(atMs);
}

}  // namespace pantau::data
