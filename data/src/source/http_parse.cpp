// HTTP pieces read from a server's bytes: URL hosts, header lines, Retry-After.

#include "pantau/data/source/http_parse.hpp"

#include <algorithm>
#include <charconv>

namespace pantau::data {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

/// The authority of an http(s) URL ("user@host:port"), or nullopt-like empty with ok=false.
bool authorityOf(std::string_view url, std::string_view& scheme, std::string_view& authority) {
  const std::size_t sep = url.find("://");
  if (sep == std::string_view::npos) return false;
  scheme = url.substr(0, sep);
  const std::string s = lower(scheme);
  if (s != "http" && s != "https") return false;
  std::string_view rest = url.substr(sep + 3);
  authority = rest.substr(0, std::min(rest.find_first_of("/?#"), rest.size()));
  return true;
}

std::string_view trimmed(std::string_view v) {
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
  while (!v.empty() && (v.back() == '\r' || v.back() == '\n' || v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
  return v;
}

}  // namespace

std::string urlOrigin(std::string_view url) {
  std::string_view scheme, authority;
  if (!authorityOf(url, scheme, authority)) return {};
  // User-info is the browser-spoofing part ("http://trusted@evil/"): it never names the origin.
  if (const std::size_t at = authority.rfind('@'); at != std::string_view::npos) authority.remove_prefix(at + 1);
  if (authority.empty()) return {};
  return lower(scheme) + "://" + lower(authority);
}

std::string urlHost(std::string_view url) {
  const std::string origin = urlOrigin(url);
  if (origin.empty()) return {};
  std::string_view hostPort = std::string_view(origin).substr(origin.find("://") + 3);
  if (hostPort.starts_with('[')) {  // IPv6 literal: the port is after the bracket
    const std::size_t close = hostPort.find(']');
    return close == std::string_view::npos ? std::string{} : std::string(hostPort.substr(0, close + 1));
  }
  return std::string(hostPort.substr(0, std::min(hostPort.find(':'), hostPort.size())));
}

int parseRetryAfter(std::string_view v, std::time_t now) {
  v = trimmed(v);
  if (v.empty()) return -1;
  if (std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    // Any run of digits: a value past the cap (or past 64 bits) is the cap.
    uint64_t seconds = 0;
    const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), seconds);
    if (ec != std::errc{} || end != v.data() + v.size() || seconds > uint64_t{kMaxRetryAfterSeconds}) return kMaxRetryAfterSeconds;
    return static_cast<int>(seconds);
  }
  if (v.size() > 64) return -1;
  std::tm tm{};
  const std::string text(v);
  const char* end = strptime(text.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm);
  if (!end || *end != '\0') return -1;
  const std::time_t at = timegm(&tm);
  if (at == static_cast<std::time_t>(-1)) return -1;
  if (at <= now) return 0;
  // Compare before subtracting: both are far from the 64-bit limits, but a year 9999 is not.
  return at - now > kMaxRetryAfterSeconds ? kMaxRetryAfterSeconds : static_cast<int>(at - now);
}

void readHeaderLine(std::string_view line, ResponseHeaders& into, std::time_t now) {
  if (line.starts_with("HTTP/")) {  // a new response (after a 100 Continue, say): start over
    into = {};
    return;
  }
  const std::size_t colon = line.find(':');
  if (colon == std::string_view::npos || colon > 64) return;
  const std::string name = lower(line.substr(0, colon));
  const std::string_view value = trimmed(line.substr(colon + 1));
  if (value.size() > 256) return;  // no validator is that long; ignore, never store
  if (name == "etag") into.validators.etag = value;
  else if (name == "last-modified") into.validators.lastModified = value;
  else if (name == "retry-after") into.retryAfterSeconds = parseRetryAfter(value, now);
}

}  // namespace pantau::data
