#pragma once
/// The relay's `GET /v/V/changes`: which documents version V changed against the version
/// published just before it (`since`), so a display holding `since` reads only those instead of
/// the whole version. Written by pantau-relay, read by relay+http displays; nothing in it is
/// trusted (it comes through caches): a body that is oversized, malformed, names a path that is
/// not a Sirekap API path, or names other versions is refused, and the display reads the whole
/// version instead.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "pantau/data/base/result.hpp"

namespace pantau::data {

struct RelayChanges {
  uint64_t version = 0;  ///< V
  uint64_t since = 0;    ///< the version published before V (0: V is the relay's first)
  std::vector<std::string> paths;  ///< API paths new, changed or removed in V, sorted, unique
};

/// A changes document lists a few of a version's documents; a relay at the TPS level may list
/// thousands. Beyond this the display reads the whole version (as it would anyway).
constexpr std::size_t kRelayChangesMaxBytes = 1u << 20;
constexpr std::size_t kRelayChangesMaxPaths = 16384;

/// Parses and checks a `/v/V/changes` body; every field is required, unknown fields ignored.
Result<RelayChanges> parseRelayChanges(std::string_view json);

/// The `/v/V/changes` JSON (the relay writes it; the parser above reads it back).
std::string relayChangesJson(const RelayChanges& changes);

class Source;

/// Reads `/v/V/changes` of `version` through `http` (the relay that `who` names): checked as
/// parseRelayChanges does, its body against its ETag, and that it is V's; else an error that
/// says why, for the caller to read the whole version instead.
Result<RelayChanges> fetchRelayChanges(Source& http, const std::string& who, uint64_t version);

}  // namespace pantau::data
