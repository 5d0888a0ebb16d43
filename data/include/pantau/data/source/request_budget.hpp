#pragma once
/// What a client may ask of its origin: a token bucket of `maxRps` requests a second (`--max-rps`),
/// shared by every reader of a source (the live client, the relay's poller, the one-shot tools
/// through budgetedSource()). The bucket holds at most a second's worth, so a backlog never turns
/// into a burst.
///
/// Polite by default (README "Polite by default"): a remote http(s) origin gets kRemoteMaxRps
/// unless told otherwise; loopback, a relay, a mirror directory and archive:DIR get no cap.
///
/// Threading: a value; one thread at a time.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "pantau/data/source/source.hpp"

namespace pantau::data {

/// Four times KawalPemilu's 5 queries/s: the nation, the provinces and a night's changed rows
/// within a poll interval, and a district sweep (8,089 documents) in under 7 minutes.
constexpr double kRemoteMaxRps = 20;

/// True for an http(s) URL whose host is not loopback (127.x, ::1, localhost).
bool isRemoteOrigin(const std::string& spec);
/// The budget a source gets when none is given: kRemoteMaxRps for a remote origin, else 0 (none).
double defaultMaxRps(const std::string& spec);
/// "--max-rps" text to a rate from 0 to 100000 (0: no cap); false when it is not one.
bool parseMaxRps(std::string_view text, double& out);
/// `--max-rps` given, else defaultMaxRps(spec).
inline double maxRpsFor(const std::string& spec, double given) { return given >= 0 ? given : defaultMaxRps(spec); }

class RequestBudget {
 public:
  /// `maxRps` <= 0: no cap. It starts with one second's worth (at least one request).
  explicit RequestBudget(double maxRps = 0, int64_t nowMs = 0);

  bool capped() const { return m_maxRps > 0; }
  double maxRps() const { return m_maxRps; }
  /// How many of `want` requests may be asked at `nowMs` (all when uncapped); spend() them.
  std::size_t allowed(int64_t nowMs, std::size_t want);
  void spend(std::size_t requests);
  /// Milliseconds until the next request's worth is there (0 when there is one, or no cap).
  int64_t waitMs() const;

 private:
  double m_maxRps;
  double m_tokens;
  int64_t m_atMs;
};

/// `source` asking at most `maxRps` requests a second (a fetch of many requests is cut into
/// what the budget allows, waiting between; cancel() ends the wait). `maxRps` <= 0: `source` as is.
std::unique_ptr<Source> budgetedSource(std::unique_ptr<Source> source, double maxRps);

}  // namespace pantau::data
