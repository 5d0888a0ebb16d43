#pragma once
// The legislative documents the simulator serves (sirekap-pileg.md), rendered from the
// LegislativeModel, and the routing of their paths.

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "legislative_model.hpp"

namespace pantau::sim {

/// Which legislative contests a sim serves (`--contests`).
struct ContestSet {
  bool pdpr = true;
  bool pdpd = true;
};

/// The legislative model, built on first use: a client of the presidential race alone (most
/// tests) never pays the seconds its 15 million party votes take. Thread-safe.
class LazyLegislative {
 public:
  explicit LazyLegislative(std::function<std::shared_ptr<const LegislativeModel>()> build)
      : m_build(std::move(build)) {}
  const LegislativeModel& get() {
    std::call_once(m_once, [&] { m_model = m_build(); });
    return *m_model;
  }

 private:
  std::function<std::shared_ptr<const LegislativeModel>()> m_build;
  std::once_flag m_once;
  std::shared_ptr<const LegislativeModel> m_model;
};

struct LegislativeReply {
  std::string body;
  int64_t lastModified = 0;
  int maxAge = 60;
};

/// The DPR form's C1 pages (voters; the party totals; the ballots) and the DPD's (voters; the
/// candidates over three pages; the ballots), as the TPS documents list them.
inline constexpr int kDprFormPages = 3, kDpdFormPages = 5;

/// The document at `path` at simulated time `t`, if `path` is a legislative one this sim serves.
/// `partaiJson` is /pemilu/partai.json as KPU published it; TPS documents' image URLs start with
/// `imageBase` (the sim itself).
bool legislativeDocument(LazyLegislative& model, const ContestSet& contests,
                         const std::string& partaiJson, const std::string& path, int64_t t,
                         const std::string& imageBase, LegislativeReply& out);

/// The JPEG at `path` if it is a page of a legislative C1 form this sim serves and its TPS has
/// reported by `t` (the photos are uploaded with the count).
bool legislativeFormImage(LazyLegislative& model, const ContestSet& contests, const std::string& path, int64_t t,
                          LegislativeReply& out);

}  // namespace pantau::sim
