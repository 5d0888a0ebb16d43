#pragma once
/// Any moment of a recorded night as a Snapshot: the archive read through its Source at that
/// moment (every document's latest version at or before it), once, from the nation down to
/// `deepest` plus what a view needs (a district's, a village's and its TPS' documents), through
/// the same document step as the live client. Each moment is built afresh from the archive, so
/// seeking backwards is as exact as forwards and costs the same.
///
/// Threading: one thread at a time; the snapshots it returns are immutable.

#include <memory>

#include "pantau/data/archive/archive.hpp"
#include "pantau/data/model/snapshot.hpp"
#include "pantau/data/source/fetch_plan.hpp"
#include "pantau/data/source/read_once.hpp"

namespace pantau::data {

class Replay {
 public:
  Replay(std::shared_ptr<const ArchiveReader> archive, std::shared_ptr<const RegionTree> tree, Level deepest = Level::Regency);
  const ArchiveReader& archive() const { return *m_archive; }
  /// What the view needs beyond the sweep (kept until changed).
  void setNeeds(ViewNeeds needs) { m_needs = std::move(needs); }
  const ViewNeeds& needs() const { return m_needs; }
  /// The night as it stood at `atMs`. Fails only without a candidate list at that moment.
  /// Successive snapshots count their versions up.
  Result<std::shared_ptr<const Snapshot>> at(int64_t atMs);
  /// What the last at() read: documents applied, missing (not recorded by then) and failed.
  const ReadStats& stats() const { return m_stats; }

 private:
  std::shared_ptr<const ArchiveReader> m_archive;
  std::shared_ptr<const RegionTree> m_tree;
  Level m_deepest;
  ViewNeeds m_needs;
  ReadStats m_stats;
  uint64_t m_version = 0;
};

}  // namespace pantau::data
