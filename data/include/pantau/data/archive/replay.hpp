#pragma once
/// Any moment of a recorded night as a Snapshot: the archive read through its Source at that
/// moment (every document's latest version at or before it), once, from the nation down to
/// `deepest` plus what a view needs (a district's, a village's and its TPS' documents), through
/// the same document step as the live client. Each moment is built afresh from the archive, so
/// seeking backwards is as exact as forwards and costs the same.
///
/// ReplayClient runs a Replay on its own worker, as LiveClient runs the live source: the moments
/// asked for are built there and published through mailboxes, so a viewer only ever takes finished
/// snapshots (design.md: the render thread never builds one). Its worker runs from construction
/// to stop() or destruction, and nothing else builds: there is no way to build on the asking thread.
///
/// Threading: a Replay is used by one thread at a time; the snapshots it returns are immutable.
/// ReplayClient: every public member is safe from any thread.

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "pantau/data/archive/archive.hpp"
#include "pantau/data/model/snapshot.hpp"
#include "pantau/data/source/fetch_plan.hpp"
#include "pantau/data/source/read_once.hpp"

namespace pantau::data {

/// What a replay reads: the levels swept, and whose race (a recorded night holds every contest
/// its recorder read: the DPR's `hhcw/pdpr` documents and party list, a DPD province's
/// `hhcw/pdpd` documents and candidate list).
struct ReplayOptions {
  Level deepest = Level::Regency;
  Contest contest = Contest::Ppwp;
  std::string province;  ///< the DPD's ("35"): its documents alone are read
};

class Replay {
 public:
  Replay(std::shared_ptr<const ArchiveReader> archive, std::shared_ptr<const RegionTree> tree, ReplayOptions options = {});
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
  ReplayOptions m_options;
  ViewNeeds m_needs;
  ReadStats m_stats;
  uint64_t m_version = 0;
};

class ReplayClient {
 public:
  /// What to build: the moment, the earlier moment the change layer compares with (none: no
  /// baseline), and what the view needs beyond the sweep (for both).
  struct Ask {
    int64_t atMs = 0;
    std::optional<int64_t> baselineAtMs;
    ViewNeeds needs;
  };

  ReplayClient(std::shared_ptr<const ArchiveReader> archive, std::shared_ptr<const RegionTree> tree, ReplayOptions options = {});
  ~ReplayClient();

  /// The moment last asked for, once built (its publishedAtMs is the moment).
  SnapshotMailbox& mailbox() { return m_mailbox; }
  /// Its baseline, published before the moment it goes with (null when it cannot be built).
  SnapshotMailbox& baselineMailbox() { return m_baselineMailbox; }
  /// Latest wins: replaces whatever was asked before and is not built yet. A moment is rebuilt
  /// only when what it shows changes (another recorded change is current, or other needs).
  void ask(Ask ask);
  /// Nothing asked for is waiting or being built.
  bool idle() const;

  /// Ends the worker (the destructor does too); nothing is built after.
  void stop();
  /// The thread that built the last moment (tests: it is the worker, never the asker).
  std::thread::id builtOn() const;

 private:
  /// What a moment's content depends on: the last recorded change at or before it, and the needs.
  struct Built {
    int64_t changeMs = INT64_MIN;
    ViewNeeds needs;
    bool valid = false;
    bool same(int64_t change, const ViewNeeds& n) const { return valid && changeMs == change && needs == n; }
  };
  int64_t lastChangeAt(int64_t ms) const;
  /// Builds what was asked for, if it is new; true when it built something. The worker's alone.
  bool runOnce();
  void workerLoop();

  Replay m_replay;  ///< the worker's alone
  SnapshotMailbox m_mailbox, m_baselineMailbox;
  mutable std::mutex m_mutex;  ///< guards the ask, the flags and builtOn
  std::condition_variable m_wake;
  std::optional<Ask> m_asked;  ///< waiting to be built
  bool m_building = false;
  std::thread::id m_builtOn;
  std::thread::id m_workerId;  ///< set by the worker itself
  Built m_moment, m_baseline;  ///< the worker's: what was last published
  std::atomic<bool> m_stop{false};
  std::thread m_worker;  ///< last: started once everything above is
};

}  // namespace pantau::data
