#include "pantau/data/base/clock.hpp"

#include <curl/curl.h>

#include <string>

namespace pantau::data {

int64_t parseHttpDate(std::string_view text) {
  if (text.empty() || text.size() > 64) return -1;
  const time_t t = curl_getdate(std::string(text).c_str(), nullptr);
  return t < 0 ? -1 : static_cast<int64_t>(t);
}

}  // namespace pantau::data
