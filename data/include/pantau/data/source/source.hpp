#pragma once
/// Where Sirekap documents come from: the recap API over HTTP(S), a local mirror directory, or
/// (later) a recorded archive. One interface, so that everything that reads a source accepts any.
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
};

/// "http://..." or "https://..." gives an HttpSource; "archive:DIR" a recorded night at one moment;
/// anything else is a mirror directory (it must exist). Fails with a message naming the spec.
Result<std::unique_ptr<Source>> openSource(const std::string& spec, const SourceOptions& options = {});

std::unique_ptr<Source> makeHttpSource(std::string baseUrl, const SourceOptions& options);
std::unique_ptr<Source> makeDirSource(std::string directory);

/// True for a path Pantau may request: "/" then [A-Za-z0-9._-] segments, no "." or ".." segment.
bool isSafeApiPath(std::string_view path);

}  // namespace pantau::data
