#pragma once
/// The clocks, in milliseconds: one place instead of a chrono cast in every file.

#include <chrono>
#include <cstdint>

namespace pantau::data {

/// Wall-clock time (UTC, ms since the epoch): when something happened, comparable with a
/// document's timestamps.
inline int64_t wallMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

/// Monotonic time (ms, arbitrary origin): for intervals, never steps back.
inline int64_t steadyMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace pantau::data
