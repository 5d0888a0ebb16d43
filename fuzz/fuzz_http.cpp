// libFuzzer target: what Pantau reads from a server's headers and URLs: response header lines
// (validators, Retry-After in both forms), redirect targets' hosts and origins, Last-Modified dates.

#include <cstddef>
#include <cstdint>
#include <string>

#include "pantau/data/archive/archive.hpp"
#include "pantau/data/source/http_parse.hpp"
#include "pantau/data/source/poll_scheduler.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  using namespace pantau::data;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  ResponseHeaders h;
  std::size_t start = 0;
  while (start <= text.size()) {  // one header line per line, as curl hands them over
    const std::size_t nl = text.find('\n', start);
    const std::string_view line = text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start + 1);
    readHeaderLine(line, h, 1'707'900'000);
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  if (h.retryAfterSeconds > kMaxRetryAfterSeconds || h.retryAfterSeconds < -1) __builtin_trap();
  if (h.validators.etag.size() > 256 || h.validators.lastModified.size() > 256) __builtin_trap();
  const std::string host = urlHost(text), origin = urlOrigin(text);
  if (host.find('@') != std::string::npos || origin.find('@') != std::string::npos) __builtin_trap();
  (void)parseHttpDate(std::string(text));
  // The scheduler with whatever the server said.
  PollScheduler s;
  const auto id = s.add("/x", 0, Level::Nation, 0);
  s.failed(id, 0, "x", h.retryAfterSeconds);
  if (s.doc(id).nextDueMs > int64_t{kMaxRetryAfterSeconds} * 1000 + PollPolicy{}.backoffMaxMs) __builtin_trap();
  return 0;
}
