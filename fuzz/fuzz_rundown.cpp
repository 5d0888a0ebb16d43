// libFuzzer target: an on-air rundown (TOML read with toml++), the file a director edits by hand
// on election night. Whatever the bytes, parseRundown answers a Rundown whose values are in range
// or an error that names the file and a line ("night.toml:LINE: ..."); it never crashes.
// Links pantau_onair (add `rundown` to fuzz/CMakeLists.txt's targets with that library).

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "rundown.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  using namespace pantau::viewer::onair;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto r = parseRundown(text, "night.toml");
  if (!r) {
    const std::string& m = r.error().message;
    // "night.toml:" then a line number then ": "
    if (m.rfind("night.toml:", 0) != 0) __builtin_trap();
    std::size_t i = 11;
    while (i < m.size() && m[i] >= '0' && m[i] <= '9') ++i;
    if (i == 11 || m.compare(i, 2, ": ") != 0) __builtin_trap();
    return 0;
  }
  if (r->entries.empty() || r->fps < 1 || r->fps > 120) __builtin_trap();
  for (const RundownEntry& e : r->entries) {
    if (e.item.has_value() == e.tour.has_value()) __builtin_trap();
    if (e.item && (e.item->seconds < 0 || e.item->transitionFrames < 0 || e.item->name.empty()))
      __builtin_trap();
    if (e.tour && (e.tour->seconds < 0 || e.tour->count < 1)) __builtin_trap();
  }
  return 0;
}
