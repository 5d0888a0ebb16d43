#include "tours.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace pantau::viewer::onair {

using namespace pantau::data;

namespace {

/// The region's votes: the nation its own chart, every other region its row in its parent's table.
std::span<const uint32_t> votesOf(const Snapshot& s, RegionId id) {
  return id == kNation ? s.ownVotes(kNation) : s.votes(id);
}

uint64_t sum(std::span<const uint32_t> v) {
  return std::accumulate(v.begin(), v.end(), uint64_t{0});
}

/// Indices of the two largest (first, second); -1 where missing.
std::pair<int, int> topTwo(std::span<const uint32_t> v) {
  int a = -1, b = -1;
  for (int i = 0; i < static_cast<int>(v.size()); ++i) {
    if (a < 0 || v[i] > v[a])
      b = a, a = i;
    else if (b < 0 || v[i] > v[b])
      b = i;
  }
  return {a, b};
}

std::vector<RegionId> regionsAt(const RegionTree& t, Level level) {
  std::vector<RegionId> out;
  for (RegionId id = t.levelBegin(level); id < t.levelEnd(level); ++id)
    if (!t.isOverseas(id)) out.push_back(id);
  return out;
}

RundownItem itemFor(const TourSpec& tour, const RegionTree& t, RegionId id) {
  RundownItem it;
  it.view = std::string(t.code(id));
  it.name = std::string(t.name(id));
  it.region = id;
  it.layer = tour.layer;
  it.layerChoice = tour.layerChoice;
  it.contest = tour.contest;
  it.seconds = tour.seconds;
  it.map = tour.map;
  it.transition = tour.transition;
  it.transitionFrames = tour.transitionFrames;
  it.line = tour.line;
  return it;
}

}  // namespace

int leaderOf(const Snapshot& s, RegionId id) {
  const auto v = votesOf(s, id);
  return sum(v) ? topTwo(v).first : -1;
}

double marginOf(const Snapshot& s, RegionId id) {
  const auto v = votesOf(s, id);
  const uint64_t total = sum(v);
  if (!total) return -1;
  const auto [a, b] = topTwo(v);
  return (static_cast<double>(v[a]) - (b >= 0 ? v[b] : 0)) / static_cast<double>(total);
}

std::vector<RegionId> leaderFlips(const Snapshot& before, const Snapshot& after, Level level) {
  std::vector<RegionId> out;
  for (RegionId id : regionsAt(after.tree(), level)) {
    if (before.sharesChunkWith(after, id)) continue;  // nothing of it changed
    const int was = leaderOf(before, id), is = leaderOf(after, id);
    if (was >= 0 && is >= 0 && was != is) out.push_back(id);
  }
  return out;
}

WhatMoved whatMoved(const Snapshot& before, const Snapshot& after, Level level) {
  WhatMoved w;
  const auto nation = votesOf(after, kNation);
  std::tie(w.leader, w.runnerUp) = topTwo(nation);
  if (w.leader < 0 || w.runnerUp < 0) return w;
  const auto L = static_cast<std::size_t>(w.leader), S = static_cast<std::size_t>(w.runnerUp);
  auto marginPoints = [&](std::span<const uint32_t> v) {
    const uint64_t total = sum(v);
    return total ? 100.0 * (static_cast<double>(v[L]) - static_cast<double>(v[S])) /
                       static_cast<double>(total)
                 : 0.0;
  };
  w.marginBefore = marginPoints(votesOf(before, kNation));
  w.marginAfter = marginPoints(nation);
  const double totalAfter = static_cast<double>(std::max<uint64_t>(1, sum(nation)));
  w.addedVotes =
      static_cast<int64_t>(sum(nation)) - static_cast<int64_t>(sum(votesOf(before, kNation)));
  for (RegionId id : regionsAt(after.tree(), level)) {
    const auto a = votesOf(after, id), b = votesOf(before, id);
    Mover m{id, static_cast<int64_t>(sum(a)) - static_cast<int64_t>(sum(b)), 0};
    const double lead = (static_cast<double>(a[L]) - b[L]) - (static_cast<double>(a[S]) - b[S]);
    m.marginPoints = 100.0 * lead / totalAfter;
    if (m.addedVotes != 0 || lead != 0) w.regions.push_back(m);
  }
  std::stable_sort(w.regions.begin(), w.regions.end(), [](const Mover& x, const Mover& y) {
    return std::abs(x.marginPoints) > std::abs(y.marginPoints);
  });
  return w;
}

std::vector<RundownItem> expandTour(const TourSpec& tour, const TourData& d) {
  std::vector<RundownItem> out;
  if (!d.now) return out;
  const Snapshot& s = *d.now;
  const RegionTree& t = s.tree();
  auto take = [&](const std::vector<RegionId>& ids) {
    for (RegionId id : ids) out.push_back(itemFor(tour, t, id));
  };
  switch (tour.kind) {
    case TourSpec::Provinces:
      take(regionsAt(t, Level::Province));
      break;
    case TourSpec::Regencies: {
      if (tour.regionId == kNation) {  // no region: every regency, province by province
        take(regionsAt(t, Level::Regency));
        break;
      }
      const auto kids = t.children(tour.regionId);
      take({kids.begin(), kids.end()});
      break;
    }
    case TourSpec::Closest: {
      std::vector<std::pair<double, RegionId>> margins;
      for (RegionId id : regionsAt(t, tour.level))
        if (double m = marginOf(s, id); m >= 0) margins.emplace_back(m, id);
      const std::size_t n =
          std::min<std::size_t>(margins.size(), static_cast<std::size_t>(tour.count));
      std::partial_sort(margins.begin(), margins.begin() + static_cast<std::ptrdiff_t>(n),
                        margins.end());
      for (std::size_t i = 0; i < n; ++i) out.push_back(itemFor(tour, t, margins[i].second));
      break;
    }
    case TourSpec::Flipped: {
      const Snapshot* then = d.earlier ? d.earlier(tour.minutes) : nullptr;
      if (!then) break;
      auto flips = leaderFlips(*then, s, tour.level);
      flips.resize(std::min<std::size_t>(flips.size(), static_cast<std::size_t>(tour.count)));
      take(flips);
      break;
    }
    case TourSpec::Movers: {
      if (!d.previous) break;
      const WhatMoved w = whatMoved(*d.previous, s, tour.level);
      for (std::size_t i = 0; i < w.regions.size() && i < static_cast<std::size_t>(tour.count); ++i)
        out.push_back(itemFor(tour, t, w.regions[i].region));
      break;
    }
  }
  return out;
}

std::vector<RundownItem> expandRundown(const Rundown& r, const TourData& d) {
  std::vector<RundownItem> out;
  for (const RundownEntry& e : r.entries) {
    if (e.item)
      out.push_back(*e.item);
    else
      for (RundownItem& it : expandTour(*e.tour, d)) out.push_back(std::move(it));
  }
  return out;
}

}  // namespace pantau::viewer::onair
