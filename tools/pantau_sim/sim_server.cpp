// [SECTION] Set-up and clock
// [SECTION] Routing (Sirekap layout)
// [SECTION] Caching headers and conditional requests
// [SECTION] Fault injection
// [SECTION] /_sim/ control and ground truth

#include "sim_server.hpp"

#include <httplib.h>
#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <ctime>
#include <thread>

#include "documents.hpp"
#include "form_image.hpp"
#include "loopback_http.hpp"
#include "pantau/data/base/clock.hpp"
#include "pantau/data/base/json_writer.hpp"

namespace pantau::sim {

using namespace pantau::data;

namespace {

std::string httpDate(int64_t epoch) {
  std::time_t t = static_cast<std::time_t>(epoch);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return buf;
}

std::string etagOf(std::string_view body) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : body) h = (h ^ c) * 1099511628211ull;
  char buf[24];
  std::snprintf(buf, sizeof buf, "\"%016llx\"", static_cast<unsigned long long>(h));
  return buf;
}

/// "11/1101/110101" (after a prefix, before ".json") to the region it names, checking that every
/// segment is a code one level below the one before. Anything else (.., %2F, lower case) is 404.
RegionId resolve(const RegionTree& tree, std::string_view rest) {
  if (!rest.ends_with(".json")) return kNoRegion;
  rest.remove_suffix(5);
  std::string_view parent;
  RegionId id = kNation;
  while (!rest.empty()) {
    std::size_t slash = rest.find('/');
    std::string_view seg = rest.substr(0, slash);
    if (!isChildCode(parent, seg)) return kNoRegion;
    id = tree.find(seg);
    if (id == kNoRegion) return kNoRegion;
    parent = seg;
    rest.remove_prefix(slash == std::string_view::npos ? rest.size() : slash + 1);
    if (slash != std::string_view::npos && rest.empty()) return kNoRegion;  // trailing slash
  }
  return parent.empty() ? kNoRegion : id;
}

int maxAgeFor(Level level) {
  // Near the top the numbers move fastest and matter most; deeper documents change rarely.
  static constexpr int kMaxAge[] = {30, 30, 60, 120, 300, 300};
  return kMaxAge[static_cast<int>(level)];
}

/// The level of a counts document by its path (/pemilu/hhcw/ppwp.json the nation, one segment more
/// per level down to the TPS); 6 for any other path.
std::size_t countsLevel(std::string_view path) {
  constexpr std::string_view kCounts = "/pemilu/hhcw/ppwp";
  if (!path.starts_with(kCounts)) return 6;
  const auto depth = static_cast<std::size_t>(std::count(path.begin() + kCounts.size(), path.end(), '/'));
  return std::min<std::size_t>(depth, 6);
}

constexpr const char* kJson = "application/json";
constexpr std::size_t kMaxCountedPaths = 2'000'000;  // every real document (~914k) and then some

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Set-up and clock
//-----------------------------------------------------------------------------

SimServer::SimServer(std::shared_ptr<const NightModel> model, ServerOptions options)
    : m_model(std::move(model)), m_options(std::move(options)), m_server(std::make_unique<httplib::Server>()) {
  // Many clients with keep-alive each hold a worker; latency injection holds them longer.
  tools::configureServer(*m_server, 64, m_listenSocket);
  // No request to the simulator has a body worth more: the control endpoint's parameters are a
  // path and a word (cpp-httplib's default is unbounded and buffers the whole body).
  m_server->set_payload_max_length(kMaxControlBody);
  m_server->Get(".*", [this](const httplib::Request& req, httplib::Response& res) { handle(req, res); });
  m_server->Post("/_sim/fault", [this](const httplib::Request& req, httplib::Response& res) { handleControl(req, res); });
}

SimServer::~SimServer() = default;

int SimServer::bind() {
  const int port = tools::bindServer(*m_server, m_options.host, m_options.port, m_listenSocket);
  if (port > 0) m_base = "http://" + m_options.host + ":" + std::to_string(port);
  m_startReal = steadyMs();
  return port;
}

bool SimServer::serve() { return tools::serveServer(*m_server, m_serveEnded); }

void SimServer::stop() {
  tools::stopServer(*m_server, m_serveEnded);
}

int64_t SimServer::now() const {
  if (m_options.final) return NightModel::nightEnd();
  const double elapsed = static_cast<double>(steadyMs() - m_startReal) / 1000.0;
  return m_options.at + static_cast<int64_t>(elapsed * m_options.speed);
}

//-----------------------------------------------------------------------------
// [SECTION] Routing (Sirekap layout)
//-----------------------------------------------------------------------------

void SimServer::handle(const httplib::Request& req, httplib::Response& res) {
  const std::string& path = req.path;
  // Control endpoints are not part of the API and stay out of its statistics.
  if (path == "/_sim/truth") return res.set_content(truthJson(), kJson);
  if (path == "/_sim/stats") return res.set_content(statsJson(req.get_param_value("path"), req.has_param("repeats")), kJson);
  const uint64_t index = m_requests.fetch_add(1);
  {
    // Bounded: a client asking for millions of made-up paths must not grow the sim without end.
    std::lock_guard lock(m_mutex);
    if (auto it = m_pathCounts.find(path); it != m_pathCounts.end()) it->second++;
    else if (m_pathCounts.size() < kMaxCountedPaths) m_pathCounts.emplace(path, 1);
  }

  if (m_options.latencyMs > 0) std::this_thread::sleep_for(std::chrono::milliseconds(m_options.latencyMs));
  if (injectFault(path, res)) return;
  if (m_options.failRate > 0 && unit(mix(mix(m_model->options().seed) ^ index)) < m_options.failRate) {
    m_errors++;
    if (index & 1) {  // a dropped connection: headers promise a body that never finishes
      res.set_content_provider(4096, kJson, [](std::size_t, std::size_t, httplib::DataSink& sink) {
        sink.write("{\"ts\": \"2024", 12);
        return false;
      });
    } else {
      res.status = 503;
      res.set_header("Retry-After", "1");
      res.set_content("{\"error\": \"service unavailable (simulated)\"}", kJson);
    }
    return;
  }

  const NightModel& m = *m_model;
  const RegionTree& tree = m.tree();
  static const int64_t kPublished = NightModel::nightBegin() - 86400;
  const int64_t t = now();

  if (path == "/pemilu/ppwp.json") return serveDocument(req, res, m_options.candidatesJson, kPublished, 3600, kJson);
  if (path == "/wilayah/pemilu/ppwp/0.json")
    return serveDocument(req, res, regionListJson(tree, kNation), kPublished, 86400, kJson);
  if (path.starts_with("/wilayah/pemilu/ppwp/")) {
    RegionId r = resolve(tree, std::string_view(path).substr(21));
    if (r != kNoRegion && tree.level(r) != Level::Tps)
      return serveDocument(req, res, regionListJson(tree, r), kPublished, 86400, kJson);
  }
  if (path == "/pemilu/hhcw/ppwp.json") {
    auto agg = m.aggregatesAt(t);
    return serveDocument(req, res, aggregateJson(m, *agg, kNation), agg->at, maxAgeFor(Level::Nation), kJson);
  }
  if (path.starts_with("/pemilu/hhcw/ppwp/")) {
    RegionId r = resolve(tree, std::string_view(path).substr(18));
    if (r != kNoRegion && tree.level(r) == Level::Tps) {
      const TpsResult& tr = m.tps(r);
      return serveDocument(req, res, tpsJson(m, r, t, m_base), tr.reportedAt <= t ? tr.reportedAt : NightModel::nightBegin(),
                           maxAgeFor(Level::Tps), kJson);
    }
    if (r != kNoRegion) {
      auto agg = m.aggregatesAt(t);
      return serveDocument(req, res, aggregateJson(m, *agg, r), agg->at, maxAgeFor(tree.level(r)), kJson);
    }
  }
  if (path.ends_with(".jpg") && path.find("/pemilu/ppwp/") == 5) {
    // /{h4}/pemilu/ppwp/PP/KK/CC/DD/DD/{tps}-{date}-{time}--{uuid}.jpg
    const std::size_t slash = path.rfind('/');
    const std::string_view code = std::string_view(path).substr(slash + 1, 13);
    RegionId r = tree.find(code);
    if (r != kNoRegion && tree.level(r) == Level::Tps && m.reportedBy(r, t)) {
      for (int page = 0; page < 3; ++page)
        if (formImagePath(m, r, page) == path)
          return serveDocument(req, res, formImageJpeg(m, r, page), m.tps(r).reportedAt, 86400, "image/jpeg");
    }
  }
  if (LegislativeReply leg; m_options.legislative &&
                            legislativeDocument(*m_options.legislative, m_options.contests, m_options.partaiJson, path, t, m_base, leg))
    return serveDocument(req, res, std::move(leg.body), leg.lastModified, leg.maxAge, kJson);
  if (LegislativeReply leg; m_options.legislative && legislativeFormImage(*m_options.legislative, m_options.contests, path, t, leg))
    return serveDocument(req, res, std::move(leg.body), leg.lastModified, leg.maxAge, "image/jpeg");
  res.status = 404;
  res.set_content("{\"error\": \"not found\"}", kJson);
}

//-----------------------------------------------------------------------------
// [SECTION] Caching headers and conditional requests
//-----------------------------------------------------------------------------

void SimServer::serveDocument(const httplib::Request& req, httplib::Response& res, std::string body,
                              int64_t lastModified, int maxAge, const char* contentType) {
  const std::string etag = etagOf(body);
  res.set_header("ETag", etag);
  res.set_header("Last-Modified", httpDate(lastModified));
  res.set_header("Cache-Control", "public, max-age=" + std::to_string(maxAge));
  res.set_header("Vary", "Accept-Encoding");
  bool notModified = false;
  if (req.has_header("If-None-Match")) {
    const std::string inm = req.get_header_value("If-None-Match");
    notModified = inm == "*" || inm.find(etag) != std::string::npos;
  } else if (req.has_header("If-Modified-Since")) {
    const int64_t ims = parseHttpDate(req.get_header_value("If-Modified-Since"));
    notModified = ims >= 0 && lastModified <= ims;
  }
  if (notModified) {
    m_notModified++;
    res.status = 304;
    return;
  }
  m_bytes += body.size();
  res.set_content(std::move(body), contentType);
}

//-----------------------------------------------------------------------------
// [SECTION] Fault injection
//-----------------------------------------------------------------------------

bool SimServer::injectFault(const std::string& path, httplib::Response& res) {
  std::string kind;
  {
    std::lock_guard lock(m_mutex);
    auto it = m_faults.find(path);
    if (it == m_faults.end()) return false;
    kind = it->second.kind;
    if (--it->second.remaining <= 0) {
      m_faultBytes -= it->first.size() + it->second.kind.size();
      m_faults.erase(it);
    }
  }
  m_errors++;
  if (kind == "malformed") {
    res.set_content("{\"ts\": \"2024-02-14 20:00:00\", \"table\": {\"11\": {\"100025\": 12", kJson);
  } else if (kind == "drop") {
    res.set_content_provider(4096, kJson, [](std::size_t, std::size_t, httplib::DataSink& sink) {
      sink.write("{\"ts\": ", 7);
      return false;
    });
  } else if (kind == "huge") {  // 64 MiB: a client must stop at its body limit
    res.set_content_provider(64u << 20, kJson, [](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
      static const std::string chunk(1 << 16, ' ');
      if (offset == 0) return sink.write("{\"pad\": \"", 9);
      return sink.write(chunk.data(), std::min(length, chunk.size()));
    });
  } else if (kind == "slowloris") {  // one byte a second, for at most a minute
    res.set_chunked_content_provider(kJson, [](std::size_t offset, httplib::DataSink& sink) {
      if (offset >= 60 || !sink.is_writable()) return false;
      std::this_thread::sleep_for(std::chrono::seconds(1));
      return sink.write(" ", 1);
    });
  } else if (kind == "redirect" || kind.starts_with("redirect:")) {
    // To another host, by default 127.0.0.2 on our port: loopback, never off this machine.
    const std::string target = kind.size() > 9 ? kind.substr(9) : "127.0.0.2:" + m_base.substr(m_base.rfind(':') + 1);
    res.set_redirect("http://" + target + path);
  } else if (kind.starts_with("status:")) {
    res.status = std::atoi(kind.c_str() + 7);
    if (res.status == 503 || res.status == 429) res.set_header("Retry-After", "2");
    // A 304 or 204 has no body (RFC 9110): one written anyway stays in the connection and the
    // client reads it as the next response ("Received HTTP/0.9"), failing the request after it.
    if (res.status != 304 && res.status != 204) res.set_content("{\"error\": \"injected\"}", kJson);
  } else {
    res.status = 500;
    res.set_content("{\"error\": \"unknown fault kind\"}", kJson);
  }
  return true;
}

//-----------------------------------------------------------------------------
// [SECTION] /_sim/ control and ground truth
//-----------------------------------------------------------------------------

void SimServer::handleControl(const httplib::Request& req, httplib::Response& res) {
  const std::string path = req.get_param_value("path"), kind = req.get_param_value("kind");
  const int count = req.has_param("count") ? std::max(1, std::atoi(req.get_param_value("count").c_str())) : 1;
  if (path.empty() || kind.empty()) {
    res.status = 400;
    return res.set_content("{\"error\": \"need path and kind\"}", kJson);
  }
  if (path.size() > 512 || kind.size() > 32) {
    res.status = 400;
    return res.set_content("{\"error\": \"path or kind too long\"}", kJson);
  }
  std::lock_guard lock(m_mutex);
  auto forget = [&](std::map<std::string, Fault>::iterator it) {
    m_faultBytes -= it->first.size() + it->second.kind.size();
    m_faults.erase(it);
  };
  if (auto it = m_faults.find(path); it != m_faults.end()) forget(it);
  if (kind != "clear") {
    // Bounded in bytes, not only in entries: 10,000 faults of 512-byte paths is 5 MB at most.
    if (m_faults.size() >= 10000 || m_faultBytes + path.size() + kind.size() > kMaxFaultBytes) {
      res.status = 507;
      return res.set_content("{\"error\": \"fault table full\"}", kJson);
    }
    m_faultBytes += path.size() + kind.size();
    m_faults[path] = Fault{kind, count};
  }
  res.set_content("{\"ok\": true}", kJson);
}

std::string SimServer::truthJson() const {
  const NightModel& m = *m_model;
  const RegionTree& t = m.tree();
  const int64_t now = this->now();
  std::string out;
  JsonWriter w(out);
  w.beginArray();
  for (RegionId id = t.levelBegin(Level::Tps); id < t.levelEnd(Level::Tps); ++id) {
    const TpsResult& r = m.tps(id);
    if (r.anomaly != Anomaly::None && r.reportedAt <= now)
    {
      // What the form says (the true count) beside what was served, so a test can score both
      // the detection and the proposed correction.
      w.beginObject().key("tps").string(t.code(id)).key("kind").string(toString(r.anomaly));
      w.key("served_votes").beginArray();
      for (uint32_t v : r.votes) w.number(v);
      w.endArray().key("true_votes").beginArray();
      for (uint32_t v : r.trueVotes) w.number(v);
      w.endArray().key("true_dpt").number(r.trueDpt).endObject();
    }
  }
  w.endArray();
  return out;
}

std::string SimServer::statsJson(const std::string& path, bool repeats) {
  std::string out;
  JsonWriter w(out);
  w.beginObject().key("requests").number(m_requests.load()).key("bytes").number(m_bytes.load())
      .key("not_modified").number(m_notModified.load()).key("errors").number(m_errors.load())
      .key("time").string(formatTimestamp(now()));
  std::lock_guard lock(m_mutex);
  if (!path.empty()) {
    auto it = m_pathCounts.find(path);
    w.key("path_requests").number(it == m_pathCounts.end() ? uint64_t{0} : it->second);
  }
  if (repeats) {
    // Asked again: the requests beyond each path's first, by level of the counts documents
    // (0 the nation .. 5 a TPS; 6 anything else), so a client's re-reads can be told from its first read.
    std::array<uint64_t, 7> again{};
    for (const auto& [p, n] : m_pathCounts) again[countsLevel(p)] += n - 1;
    w.key("paths").number(uint64_t{m_pathCounts.size()}).key("repeats_by_level").beginArray();
    for (uint64_t n : again) w.number(n);
    w.endArray();
  }
  w.endObject();
  return out;
}

}  // namespace pantau::sim
