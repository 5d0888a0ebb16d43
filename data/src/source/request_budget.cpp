#include "pantau/data/source/request_budget.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace pantau::data {

bool isRemoteOrigin(const std::string& spec) {
  if (!spec.starts_with("http://") && !spec.starts_with("https://")) return false;
  const std::size_t start = spec.find("//") + 2;
  std::string host = spec.substr(start, spec.find_first_of("/?#", start) - start);
  if (const auto at = host.rfind('@'); at != std::string::npos) host = host.substr(at + 1);  // user@host
  if (host.starts_with("["))
    host = host.substr(1, host.find(']') - 1);
  else
    host = host.substr(0, host.find(':'));
  return !(host == "localhost" || host == "::1" || host.starts_with("127."));
}

double defaultMaxRps(const std::string& spec) { return isRemoteOrigin(spec) ? kRemoteMaxRps : 0; }

bool parseMaxRps(std::string_view text, double& out) {
  const std::string s(text);
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (s.empty() || !end || *end != '\0' || !(v >= 0) || v > 100000) return false;
  out = v;
  return true;
}

RequestBudget::RequestBudget(double maxRps, int64_t nowMs)
    : m_maxRps(maxRps > 0 ? maxRps : 0), m_tokens(std::max(1.0, m_maxRps)), m_atMs(nowMs) {}

std::size_t RequestBudget::allowed(int64_t nowMs, std::size_t want) {
  if (!capped()) return want;
  if (nowMs > m_atMs) {
    const double burst = std::max(1.0, m_maxRps);  // at most a second's worth at once
    m_tokens = std::min(burst, m_tokens + static_cast<double>(nowMs - m_atMs) * m_maxRps / 1000.0);
    m_atMs = nowMs;
  }
  return std::min(want, static_cast<std::size_t>(std::max(0.0, m_tokens)));
}

void RequestBudget::spend(std::size_t requests) {
  if (capped()) m_tokens -= static_cast<double>(requests);
}

int64_t RequestBudget::waitMs() const {
  if (!capped() || m_tokens >= 1) return 0;
  return static_cast<int64_t>(std::ceil((1 - m_tokens) * 1000 / m_maxRps));
}

}  // namespace pantau::data
