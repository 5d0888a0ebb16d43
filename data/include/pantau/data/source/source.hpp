#pragma once
/// Where Sirekap documents come from: the recap API over HTTP(S), a local mirror directory, or a
/// recorded night at one moment (archive.hpp). One interface, so that everything that reads a
/// source accepts any; what it fetched becomes snapshot state through the document step
/// (document_step.hpp), driven live (live_client.hpp) or once (read_once.hpp).
///
/// Paths are the API's own, from the data host's root: "/pemilu/hhcw/ppwp/11.json". They are
/// built by Pantau from validated region codes, never taken from documents.
///
/// Threading: a Source is used by one thread at a time (the fetcher's worker).

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "pantau/data/base/result.hpp"

namespace pantau::data {

/// What a conditional request sends back: the validators the last good response carried.
struct Validators {
  std::string etag;
  std::string lastModified;
  bool empty() const { return etag.empty() && lastModified.empty(); }
};

struct FetchRequest {
  std::string path;
  Validators validators;  ///< sent as If-None-Match / If-Modified-Since when present
  uint64_t tag = 0;       ///< the caller's, handed back in the result
};

enum class FetchOutcome : uint8_t { Ok, NotModified, Failed };

struct FetchResult {
  uint64_t tag = 0;
  std::string path;
  FetchOutcome outcome = FetchOutcome::Failed;
  std::string body;          ///< Ok only; reserved with padding for the parser
  Validators validators;     ///< Ok and NotModified
  int httpStatus = 0;        ///< 0 when no response came
  int retryAfterSeconds = -1;  ///< from a 429/503 Retry-After, else -1
  std::size_t wireBytes = 0;   ///< bytes received (compressed)
  /// Ok only: when this version was made, in the source's own clock, where the source knows it to
  /// the millisecond (an archive: its record time); else -1.
  int64_t versionTimeMs = -1;
  Error error{ErrorCode::Network, {}};  ///< Failed only
};

struct SourceOptions {
  int maxParallel = 16;                    ///< transfers in flight at once
  long connectTimeoutMs = 5000;
  long transferTimeoutMs = 30000;          ///< a whole transfer, slow or not
  long lowSpeedBytesPerSec = 64;           ///< below this for lowSpeedSeconds: abort (slow loris)
  long lowSpeedSeconds = 5;
  std::size_t maxBodyBytes = 16u << 20;    ///< larger bodies are cut off and refused
  std::vector<std::string> allowRedirectHosts;  ///< redirects elsewhere are refused
  std::optional<int64_t> archiveAtMs;      ///< archive:DIR: the moment to serve (default its end)
  /// relay+http: read the version current at the first fetch for the source's whole life (the
  /// one-shot tools: a mirror or a check is one version); otherwise follow the relay's /latest.
  bool pinVersion = false;
  int64_t relayFollowMs = 1000;  ///< relay+http: /latest is read at most this often (its max-age)
};

class Source {
 public:
  virtual ~Source() = default;
  virtual std::string describe() const = 0;  ///< the URL or directory, for messages
  /// Fetches every request (at most maxParallel at a time) and calls onDone once per request, on
  /// the calling thread, as each completes. Returns when all are done.
  virtual void fetch(std::span<const FetchRequest> requests,
                     const std::function<void(FetchResult&&)>& onDone) = 0;
  /// From any thread: abandons the fetch in flight (what is unfinished comes back Failed,
  /// "cancelled") and every later one. How a viewer stops at once instead of waiting out
  /// timeouts against a trickling server. Sources that never block need not override it.
  virtual void cancel() {}
  /// A relay source: the version its last fetch read (0 before any, and for every other
  /// source). Safe from any thread.
  virtual uint64_t version() const { return 0; }
};

/// "http://..." or "https://..." gives an HttpSource; "relay+http://HOST:PORT" a pantau-relay (one
/// version at a time, see relay_source.hpp); "archive:DIR" a recorded night at one moment;
/// anything else is a mirror directory (it must exist). Fails with a message naming the spec.
Result<std::unique_ptr<Source>> openSource(const std::string& spec, const SourceOptions& options = {});

std::unique_ptr<Source> makeHttpSource(std::string baseUrl, const SourceOptions& options);
std::unique_ptr<Source> makeDirSource(std::string directory);

/// True for a path Pantau may request: "/" then [A-Za-z0-9._-] segments, no "." or ".." segment.
bool isSafeApiPath(std::string_view path);

}  // namespace pantau::data
