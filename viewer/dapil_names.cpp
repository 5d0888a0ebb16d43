#include "dapil_names.hpp"

#include "pantau/data/contests/dpr_votes.hpp"
#include "pantau/data/contests/legislative_parser.hpp"
#include "pantau/data/source/source.hpp"

namespace pantau::viewer {

using namespace pantau::data;

DapilNames::~DapilNames() {
  if (m_inFlight.valid()) m_inFlight.wait();
}

void DapilNames::want(const std::string& dapil, uint64_t version, int64_t momentMs) {
  if (m_inFlight.valid()) return;
  if (auto it = m_readAt.find(dapil); it != m_readAt.end() && it->second >= version) return;
  const DapilInfo* d = m_tables->findDapil(dapil);
  if (!d) return;
  m_readAt[dapil] = version;
  m_inFlight = std::async(std::launch::async, [spec = m_spec, tables = m_tables, info = *d, momentMs] {
    Read out{info.kode, {}, {}};
    SourceOptions so;
    so.archiveAtMs = momentMs;  // archive:DIR only: the recap recorded by the snapshot's moment
    auto source = openSource(spec, so);
    if (!source) return out.error = source.error().message, out;
    const std::string path = "/pemilu/hhcd/pdpr/" + info.kode + ".json";
    const std::vector<FetchRequest> request{{path, {}, 0}};
    (*source)->fetch(request, [&](FetchResult&& r) {
      if (r.outcome != FetchOutcome::Ok) return void(out.error = path + ": " + r.error.message);
      LegislativeParser parser;
      DapilRecap recap;
      if (Status s = parser.parseDapilRecap(r.body, recap); !s)
        return void(out.error = path + ": " + s.error().message);
      out.caleg = dapilVotesFromRecap(info, recap, *tables).caleg;
    });
    return out;
  });
}

bool DapilNames::poll() {
  if (!m_inFlight.valid() ||
      m_inFlight.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
    return false;
  Read r = m_inFlight.get();
  m_error = r.error;
  if (!r.error.empty()) return false;  // the names read before stay
  m_caleg[r.dapil] = std::move(r.caleg);
  return true;
}

bool DapilNames::wait(int timeoutMs) {
  if (m_inFlight.valid() &&
      m_inFlight.wait_for(std::chrono::milliseconds(timeoutMs)) != std::future_status::ready)
    return false;
  poll();
  return true;
}

}  // namespace pantau::viewer
