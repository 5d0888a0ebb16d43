#pragma once
// The relay's one client of its source: the live client's scheduler (levels polled at their
// intervals with jitter, conditional requests, exponential backoff with Retry-After) over every
// document down to `levels`. Each document that comes back whole is parsed before it is taken
// (a malformed one keeps the last good copy); the working set is published as a new version
// once the documents due have all been read (so a version is one sweep, not half of one), at
// most once a second and at the latest `maxDirtyMs` after the first change.
//
// Polite by default. The tree is the change index: a parent's table row is its child's totals,
// so below the nation a document is read again when its row in its parent's table changed (at
// once), and otherwise only every `slowMs` (for what rows do not show); with nothing changing the
// relay costs the origin the nation's document (and the candidate list) each interval. A request
// budget (`maxRps`) caps what it asks of the origin, whatever the backlog. Both are the data
// layer's (change_index.hpp, request_budget.hpp), shared with every display's live client.
//
// Threading: run() on one thread; stats() and requestStop() from any thread.

#include <atomic>
#include <cstdint>
#include <memory>

#include "pantau/data/model/region_tree.hpp"
#include "pantau/data/sirekap/sirekap_parser.hpp"
#include "pantau/data/source/change_index.hpp"
#include "pantau/data/source/poll_scheduler.hpp"
#include "pantau/data/source/request_budget.hpp"
#include "pantau/data/source/source.hpp"
#include "relay_store.hpp"

namespace pantau::relay {

struct PollerOptions {
  int levels = 4;  ///< counting from the nation: 1 nation ... 4 districts (carry the villages'
                   ///< rows) ... 6 TPS
  /// The live client's intervals without jitter: jitter spreads many clients apart, and the relay
  /// is one; without it a level's documents fall due together, so a version is one sweep.
  data::PollPolicy policy = [] {
    data::PollPolicy p;
    p.jitter = 0;
    return p;
  }();
  std::size_t batch = 64;
  /// The change index (change_index.hpp): below the nation a document is read when its row in its
  /// parent's table changed, else every `slowMs` (0: every level at its interval, no index).
  data::ChangeIndexOptions changeIndex{.slowMs = 3600000, .fastLevels = 1};
  double maxRps = 0;  ///< requests a second to the source at most (0: no cap)
  int64_t minSpacingMs = 1000;
  int64_t maxDirtyMs = 5000;
};

struct PollerStats {
  std::atomic<uint64_t> requests{0}, changed{0}, notModified{0}, failed{0}, refused{0};
  std::atomic<uint64_t> woken{0};    ///< documents read early because their row changed
  std::atomic<uint64_t> held{0};     ///< documents with a good copy
  std::atomic<uint64_t> planned{0};  ///< documents the relay reads
  std::atomic<uint64_t> backlog{0};  ///< documents due and not yet read (the sweep's remainder)
};

class RelayPoller {
 public:
  RelayPoller(std::shared_ptr<const data::RegionTree> tree, std::unique_ptr<data::Source> source,
              RelayStore& store, PollerOptions options);

  /// Polls until requestStop(). `clockMs`: wall clock in ms.
  void run();
  /// One round: fetches what is due and publishes if it is time. Returns documents fetched.
  std::size_t runOnce(int64_t nowMs);
  void requestStop() { m_stop = true; }
  const PollerStats& stats() const { return m_stats; }

 private:
  void take(data::FetchResult&& r, int64_t nowMs);
  data::Status validate(const std::string& path, const std::string& body);
  void maybePublish(int64_t nowMs, bool drained);
  void reportProgress(int64_t nowMs);

  std::shared_ptr<const data::RegionTree> m_tree;
  std::unique_ptr<data::Source> m_source;
  RelayStore& m_store;
  PollerOptions m_options;
  data::ChangeIndex m_index;
  data::PollScheduler m_scheduler;
  data::RequestBudget m_budget;
  data::SirekapParser m_parser;
  data::Aggregate m_aggregate;
  data::TpsDetail m_tps;
  data::CandidateList m_candidates;
  DocMap m_docs;  ///< the working set: every document as last read whole and valid
  int64_t m_reportedMs = 0;
  std::string m_sourceTs;
  bool m_dirty = false;
  int64_t m_dirtySinceMs = 0, m_publishedMs = 0;
  PollerStats m_stats;
  std::atomic<bool> m_stop{false};
};

int64_t wallMs();

}  // namespace pantau::relay
