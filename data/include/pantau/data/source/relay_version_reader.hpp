#pragma once
/// Whole versions of a pantau-relay, for displays that must switch in step (a video wall's
/// tiles): the reader follows `/latest` every `followMs`; when a newer version is announced it
/// reads the candidate list and every document of its plan from that version's `/v/V/` (with the
/// validators of its last read: the relay's ETags are content hashes, so what did not change
/// answers 304), and only once every one of them is in does it apply them and publish the
/// version with its snapshot. When it holds the version just before the new one, it first reads
/// the new one's `/v/V/changes` and asks only for the documents listed there; the others are the
/// held version's, unchanged (a /changes that fails or is refused: the whole version). A read that fails part-way applies nothing: the last version stays
/// whole and the next poll reads the newest version again, so a published snapshot is always one
/// version, never a mix.
///
/// Threading: start(), stop(), ready() and status() are safe from any thread; poll() is the
/// worker's (or a test's, with the worker not started).

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "pantau/data/model/snapshot.hpp"
#include "pantau/data/source/document_step.hpp"
#include "pantau/data/source/fetch_plan.hpp"
#include "pantau/data/source/relay_source.hpp"

namespace pantau::data {

/// A version read whole: what /latest said of it, and the snapshot of its documents.
struct RelayVersion {
  RelayLatest latest;
  std::shared_ptr<const Snapshot> snapshot;
  int64_t readMs = 0;  ///< wall clock when the last of its documents was in
};

struct RelayReaderStatus {
  uint64_t announced = 0;          ///< the newest version /latest named (0: none yet)
  int64_t announcedApplyAtMs = 0;  ///< its apply_at_ms
  int64_t contactMs = 0;  ///< wall clock of the last /latest answered, 200 or 304 (0: never)
  std::string lastError;  ///< the last failure ("" after a good read)
  uint64_t documentsRequested = 0;  ///< documents asked of the relay (every version read)
  uint64_t changesReads = 0;        ///< versions read through /v/V/changes (only what changed)
  std::string changesRefused;  ///< the last /changes refused (the whole version was read instead)
};

struct RelayReaderOptions {
  int64_t followMs = 250;  ///< /latest is read this often (behind a cache, its max-age serves)
  /// A display's share of the relay: a few connections (a version is tens of documents).
  SourceOptions source = [] {
    SourceOptions o;
    o.maxParallel = 4;
    return o;
  }();
};

class RelayVersionReader {
 public:
  /// `baseUrl`: "http(s)://HOST:PORT" or "relay+http(s)://HOST:PORT". `plan`: the documents a
  /// version is read for (the candidate list comes first, always).
  RelayVersionReader(std::shared_ptr<const RegionTree> tree, std::string baseUrl, FetchPlan plan,
                     RelayReaderOptions options = {});
  ~RelayVersionReader();

  void start();  ///< the worker thread
  void stop();

  /// The newest version read whole (null before the first).
  std::shared_ptr<const RelayVersion> ready() const;
  /// The versions read whole after `version`, oldest first (the last kKeptVersions read): a wall
  /// tile shows each in turn at its apply_at_ms, even when the next one was read before it.
  std::vector<std::shared_ptr<const RelayVersion>> readyAfter(uint64_t version) const;
  static constexpr std::size_t kKeptVersions = 4;
  RelayReaderStatus status() const;

  /// One look: reads /latest and, when it names a version newer than the one held, reads that
  /// version whole. True when a version was published.
  bool poll();

 private:
  bool readVersion(const RelayLatest& latest);
  /// Per m_docs, whether `version` changed it since `held` (from /v/V/changes); nullopt when
  /// the whole version must be read (no /changes, refused, or since another version).
  std::optional<std::vector<bool>> changedSince(uint64_t held, uint64_t version);
  void setError(std::string message);

  std::shared_ptr<const RegionTree> m_tree;
  std::string m_who;
  std::unique_ptr<Source> m_http;
  FetchPlan m_plan;
  RelayReaderOptions m_options;
  DocumentStep m_step;
  std::vector<DocumentRef> m_docs;         ///< the candidate list, then the plan's documents
  std::vector<Validators> m_validators;    ///< per m_docs: from the last version applied
  std::optional<RelayLatest> m_announced;  ///< the last /latest trusted
  Validators m_latestValidators;

  mutable std::mutex m_mutex;                                 ///< guards the three below
  std::vector<std::shared_ptr<const RelayVersion>> m_recent;  ///< oldest first, newest last
  RelayReaderStatus m_status;
  std::condition_variable m_wake;
  std::atomic<bool> m_stop{false};
  std::thread m_worker;
};

}  // namespace pantau::data
