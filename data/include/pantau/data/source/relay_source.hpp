#pragma once
/// A Source over a pantau-relay ("relay+http://HOST:PORT"): the relay publishes numbered
/// versions of the whole document set; this source follows its `/latest` (at most once a second)
/// and reads every document of one fetch() from one version's immutable `/v/V/...` URLs, so what
/// one fetch returns never mixes versions. Moving from the version it read to the next, it reads
/// that one's `/v/V/changes`: a request whose validators name what it read and that is not listed
/// there is answered 304 without asking the relay. With SourceOptions::pinVersion it keeps the first
/// version for its whole life (a mirror or a check is one version from end to end).
///
/// Nothing the relay (or a cache between) sends is trusted: a `/latest` that is malformed,
/// oversized, goes back in version, or gives a known version another hash is refused and the last
/// good version stays; a document whose body does not hash to its ETag (truncated, altered) is
/// refused like any failed transfer, so the reader keeps its last good copy.
///
/// Threading: as every Source, one thread at a time; version() from any thread.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "pantau/data/base/result.hpp"
#include "pantau/data/source/source.hpp"

namespace pantau::data {

/// What the relay's `GET /latest` says.
struct RelayLatest {
  uint64_t version = 0;     ///< 1 and up
  std::string hash;         ///< the version's content hash: 32 hex digits
  std::string sourceTs;     ///< the nation document's "ts" ("YYYY-MM-DD HH:MM:SS"), may be empty
  int64_t publishedMs = 0;  ///< wall clock, ms since 1970
  int64_t applyAtMs = 0;    ///< when every display of a wall shows it (>= publishedMs)
  uint64_t documents = 0;
};

constexpr std::size_t kRelayLatestMaxBytes = 4096;  ///< a real /latest is ~170 bytes

/// Parses and checks a `/latest` body; every field is required, unknown fields are ignored.
Result<RelayLatest> parseRelayLatest(std::string_view json);

/// The `/latest` JSON for a version (the relay writes it; the parser above reads it back).
std::string relayLatestJson(const RelayLatest& latest);

/// Whether `next` may follow `known` (the /latest held before, null for none): never back in
/// version, never another hash for a version already seen. The error says which, for `who`.
Status relayLatestFollows(const RelayLatest* known, const RelayLatest& next,
                          const std::string& who);

/// Reads `/latest` through `http` (a conditional request with `validators`, which a 200
/// replaces): the new /latest when it changed and may follow `known`; nullopt when it did not
/// change (304, with `known` held); else an error naming `who`, and `known` stays good.
Result<std::optional<RelayLatest>> fetchRelayLatest(Source& http, const std::string& who,
                                                    const RelayLatest* known,
                                                    Validators& validators);

/// Fetches `requests` (API paths) from version `version` of the relay that `http` reaches: each
/// result comes back with its request's path and tag, and its index in `requests`. A 404 (the
/// version lacks the path) is Failed with ErrorCode::Missing; a 410 (no longer kept) is Failed
/// with httpStatus 410; a body that does not hash to its ETag is Failed (Refused). `who` names
/// the relay in messages. On the calling thread, as Source::fetch.
void fetchRelayVersion(Source& http, const std::string& who, uint64_t version,
                       std::span<const FetchRequest> requests,
                       const std::function<void(FetchResult&&, std::size_t index)>& onDone);

/// `baseUrl` is "http(s)://HOST:PORT" (without the "relay+" prefix).
std::unique_ptr<Source> makeRelaySource(std::string baseUrl, const SourceOptions& options);

}  // namespace pantau::data
