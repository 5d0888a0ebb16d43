#include "seat_board.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace pantau::viewer {

using namespace pantau::data;

std::vector<DapilVotes> dapilVotesOf(const Snapshot& s, const DprTables& tables) {
  const RegionTree& tree = s.tree();
  std::vector<DapilVotes> out;
  out.reserve(tables.dapil.size());
  for (const DapilInfo& d : tables.dapil) {
    DapilVotes v{d.kode, d.seats, {}, {}};
    std::vector<uint64_t> sum(s.candidateCount(), 0);
    for (const std::string& code : d.regencies) {
      const RegionId r = tree.find(code);
      if (r == kNoRegion) continue;
      const auto votes = s.status(r).has(RegionStatus::kHasOwn) ? s.ownVotes(r) : s.votes(r);
      for (std::size_t i = 0; i < votes.size(); ++i) sum[i] += votes[i];
    }
    for (std::size_t i = 0; i < sum.size(); ++i) v.parties.push_back({s.candidates()[i], sum[i]});
    out.push_back(std::move(v));
  }
  return out;
}

SeatProjection projectFromSnapshot(const Snapshot& s, const DprTables& tables,
                                   const std::map<std::string, std::vector<CalegVotes>>& caleg) {
  std::vector<DapilVotes> dapil = dapilVotesOf(s, tables);
  for (DapilVotes& d : dapil)
    if (auto it = caleg.find(d.code); it != caleg.end()) d.caleg = it->second;
  return projectSeats(dapil);
}

std::shared_ptr<const Snapshot> dapilSnapshot(const Snapshot& s, const DprTables& tables) {
  const RegionTree& tree = s.tree();
  SnapshotBuilder b(s.treePtr(), s.candidateList());
  for (const DapilInfo& d : tables.dapil) {
    std::vector<uint32_t> sum(s.candidateCount(), 0);
    uint64_t reported = 0, total = 0;
    bool any = false;
    std::vector<RegionId> members;
    for (const std::string& code : d.regencies) {
      const RegionId r = tree.find(code);
      if (r == kNoRegion) continue;
      const RegionStatus& st = s.status(r);
      const auto votes = st.has(RegionStatus::kHasOwn) ? s.ownVotes(r) : s.votes(r);
      for (std::size_t i = 0; i < votes.size(); ++i) sum[i] += votes[i];
      any |= st.has(RegionStatus::kReported);
      reported += st.progressReported, total += st.progressTotal;
      if (tree.level(r) == Level::Regency) members.push_back(r);
    }
    for (RegionId r : members) {
      std::copy(sum.begin(), sum.end(), b.mutableVotes(r).begin());
      RegionStatus& st = b.mutableStatus(r);
      st = s.status(r);
      st.flags = static_cast<uint8_t>(RegionStatus::kHasRow | (any ? RegionStatus::kReported : 0));
      st.persen = total ? static_cast<float>(100.0 * static_cast<double>(reported) /
                                             static_cast<double>(total))
                        : s.status(r).persen;
    }
  }
  return b.publish(s.publishedAtMs());
}

const DapilInfo* dapilOfRegion(const RegionTree& tree, const DprTables& tables, RegionId id) {
  if (id == kNoRegion || tree.level(id) == Level::Nation) return nullptr;
  const std::string_view code = tree.code(id);
  if (code.starts_with("99")) return tables.dapilOfRegency("99");
  if (tree.level(id) < Level::Regency) return nullptr;
  return tables.dapilOfRegency(code.substr(0, 4));
}

const CalegEntry* findCaleg(const DprTables& tables, CalegId id) {
  for (const CalegEntry& c : tables.caleg)
    if (c.id == id) return &c;
  return nullptr;
}

std::vector<SeatSpot> hemicycleSpots(uint32_t total, int rows, float inner, float& seatRadius) {
  // Rows share the band from `inner` to 1; a row's seats are in proportion to its length, so the
  // seats are evenly spaced across the whole hemicycle.
  const float band = (1.0f - inner) / static_cast<float>(rows);
  std::vector<float> radius(static_cast<std::size_t>(rows));
  float sumR = 0;
  for (int r = 0; r < rows; ++r)
    sumR += radius[static_cast<std::size_t>(r)] = inner + band * (static_cast<float>(r) + 0.5f);
  std::vector<uint32_t> perRow(static_cast<std::size_t>(rows));
  uint32_t given = 0;
  for (int r = 0; r < rows; ++r)
    given += perRow[static_cast<std::size_t>(r)] = static_cast<uint32_t>(
        std::floor(static_cast<float>(total) * radius[static_cast<std::size_t>(r)] / sumR));
  for (int r = rows - 1; given < total; r = (r + rows - 1) % rows)
    ++perRow[static_cast<std::size_t>(r)], ++given;  // outer rows first
  // A seat's size: under half the distance to its neighbours, across rows and along its row.
  float gap = band;
  for (int r = 0; r < rows; ++r)
    if (perRow[static_cast<std::size_t>(r)] > 1)
      gap = std::min(gap, std::numbers::pi_v<float> * radius[static_cast<std::size_t>(r)] /
                              static_cast<float>(perRow[static_cast<std::size_t>(r)] - 1));
  seatRadius = gap * 0.44f;
  struct Spot {
    float angle, radius;
  };
  std::vector<Spot> spots;
  for (int r = 0; r < rows; ++r) {
    const uint32_t n = perRow[static_cast<std::size_t>(r)];
    for (uint32_t i = 0; i < n; ++i) {
      const float a = n == 1 ? std::numbers::pi_v<float> / 2
                             : std::numbers::pi_v<float> *
                                   (1.0f - static_cast<float>(i) / static_cast<float>(n - 1));
      spots.push_back({a, radius[static_cast<std::size_t>(r)]});
    }
  }
  // Left to right: by angle, the inner row first at equal angles.
  std::stable_sort(spots.begin(), spots.end(), [](const Spot& a, const Spot& b) {
    return a.angle != b.angle ? a.angle > b.angle : a.radius < b.radius;
  });
  std::vector<SeatSpot> out;
  out.reserve(spots.size());
  for (const Spot& sp : spots)
    out.push_back({sp.radius * std::cos(sp.angle), sp.radius * std::sin(sp.angle)});
  return out;
}

}  // namespace pantau::viewer
