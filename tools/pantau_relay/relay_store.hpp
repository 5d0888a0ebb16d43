#pragma once
// The relay's versions: each one the complete document set as it stood when published, sharing
// every unchanged document with the versions before it (documents are immutable and named by
// their content hash). The last `keep` versions are kept; older ones answer 410.
//
// A version number never means two different things: the last number and its hash are kept in a
// state file, and a relay that starts again continues after it (the same content keeps its
// number). Without a state file a number is the wall clock's ms when it was published (or the
// last number + 1 if that is larger), so numbers still only grow across restarts as long as the
// clock does not go back.
//
// Threading: every member is safe from any thread (one mutex; readers get immutable versions).

#include <cstdint>
#include <deque>
#include <filesystem>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "pantau/data/base/result.hpp"
#include "pantau/data/source/relay_source.hpp"

namespace pantau::relay {

struct RelayDoc {
  std::string body;
  std::string etag;  ///< "\"<content hash>\""
};
using DocMap = std::map<std::string, std::shared_ptr<const RelayDoc>>;  ///< by API path, sorted

std::shared_ptr<const RelayDoc> makeDoc(std::string body);

struct RelayVersion {
  data::RelayLatest latest;
  std::string latestJson;  ///< what GET /latest answers
  std::string changesJson;  ///< what GET /v/V/changes answers: the paths changed since the last
  std::shared_ptr<const DocMap> docs;
};

struct StoreOptions {
  std::size_t keep = 8;
  int64_t applyDelayMs = 2000;
  std::optional<std::filesystem::path> stateFile;
  std::size_t photoCacheBytes = 256u << 20;
};

class RelayStore {
 public:
  explicit RelayStore(StoreOptions options);

  /// Reads the state file, if any. A state file that is there but unreadable is an error (the
  /// numbers it guards would be reused).
  data::Status loadState();

  /// Publishes `docs` as the next version, unless its content equals the latest's. Returns the
  /// version now current.
  std::shared_ptr<const RelayVersion> publish(DocMap docs, std::string sourceTs, int64_t nowMs);

  std::shared_ptr<const RelayVersion> latest() const;
  enum class Lookup { Found, NotYet, Gone };
  Lookup find(uint64_t number, std::shared_ptr<const RelayVersion>& out) const;

  std::shared_ptr<const RelayDoc> photo(const std::string& path) const;
  void putPhoto(const std::string& path, std::shared_ptr<const RelayDoc> doc);

  uint64_t versionsPublished() const;

 private:
  StoreOptions m_options;
  mutable std::mutex m_mutex;
  std::deque<std::shared_ptr<const RelayVersion>> m_versions;  ///< oldest first
  uint64_t m_lastNumber = 0;  ///< from the state file, or the clock
  std::string m_lastHash;     ///< the state file's hash: the same content keeps its number
  uint64_t m_published = 0;
  // Photos are the same in every version (a photo's path names one upload): a bounded cache.
  mutable std::list<std::string> m_photoOrder;  ///< most recent first
  std::unordered_map<std::string,
                     std::pair<std::shared_ptr<const RelayDoc>, std::list<std::string>::iterator>>
      m_photos;
  std::size_t m_photoBytes = 0;
};

/// The paths whose document differs between `before` and `after` (changed, new or removed).
std::vector<std::string> changedPaths(const DocMap& before, const DocMap& after);

/// The hash of a whole version: of its sorted (path, document hash) pairs.
std::string versionHash(const DocMap& docs);

}  // namespace pantau::relay
