#pragma once
/// Time in one place: the clocks in milliseconds, and HTTP dates ("Tue, 14 Feb 2024 13:00:00
/// GMT", as in Last-Modified and Retry-After) read by libcurl's curl_getdate.

#include <chrono>
#include <cstdint>
#include <string_view>

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

/// An HTTP date to epoch seconds (UTC), or -1 when it is not one.
int64_t parseHttpDate(std::string_view text);

}  // namespace pantau::data
