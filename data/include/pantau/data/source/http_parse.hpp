#pragma once
/// The few pieces of HTTP that Pantau reads from a server's bytes: the host a URL names, response
/// header lines (validators, Retry-After) and Retry-After's two forms. Pure functions over
/// untrusted text, fuzzed (fuzz/fuzz_http_headers.cpp); no allocation beyond the returned values.
///
/// Threading: all functions are pure and may be called from any thread.

#include <ctime>
#include <string>
#include <string_view>

#include "pantau/data/source/source.hpp"

namespace pantau::data {

/// The most a server's Retry-After may park a document: a day. Longer values (or a far-off date)
/// are read as a day, so that a typo or a hostile header never silences a region for good.
inline constexpr int kMaxRetryAfterSeconds = 86400;

/// "scheme://host[:port]" of an http(s) URL, lower-cased, without any user-info; empty otherwise.
std::string urlOrigin(std::string_view url);

/// The host an http(s) URL names, lower-cased, without user-info ("http://a:1@evil/x" is "evil")
/// or port; an IPv6 literal keeps its brackets. Empty when it is not http(s) or has no host.
std::string urlHost(std::string_view url);

/// Seconds from a Retry-After value: delta-seconds or an IMF-fixdate (relative to `now`), clamped
/// to [0, kMaxRetryAfterSeconds]; -1 when it is neither.
int parseRetryAfter(std::string_view value, std::time_t now);

/// What one response header line tells the client. Lines over 256 bytes are ignored (no validator
/// is that long, so none is stored).
struct ResponseHeaders {
  Validators validators;
  int retryAfterSeconds = -1;
};
/// Reads one raw header line ("Name: value\r\n") into `into`; a status line ("HTTP/...") starts a
/// new response and clears it.
void readHeaderLine(std::string_view line, ResponseHeaders& into, std::time_t now);

}  // namespace pantau::data
