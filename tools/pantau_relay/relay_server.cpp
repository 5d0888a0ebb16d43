#include "relay_server.hpp"

#include <httplib.h>
#include <sys/socket.h>

#include <charconv>
#include <thread>

#include "loopback_http.hpp"
#include "pantau/data/base/clock.hpp"
#include "pantau/data/base/content_hash.hpp"
#include "pantau/data/base/json_writer.hpp"

namespace pantau::relay {

using namespace pantau::data;

namespace {

constexpr int kServerThreads = 128;

constexpr const char* kJson = "application/json";
constexpr const char* kImmutable = "public, max-age=31536000, immutable";

bool etagMatches(const httplib::Request& req, const std::string& etag) {
  if (!req.has_header("If-None-Match")) return false;
  const std::string inm = req.get_header_value("If-None-Match");
  return inm == "*" || inm.find(etag) != std::string::npos;
}

void error(httplib::Response& res, int status, const std::string& message,
           const char* cacheControl) {
  res.status = status;
  res.set_header("Cache-Control", cacheControl);
  std::string body;
  JsonWriter(body).beginObject().key("error").string(message).endObject();
  res.set_content(body, kJson);
}

bool isPhoto(std::string_view path) {
  return path.ends_with(".jpg") || path.ends_with(".jpeg") || path.ends_with(".png");
}

}  // namespace

RelayServer::RelayServer(RelayStore& store, const PollerStats& originStats,
                         std::unique_ptr<Source> photoSource, std::string host, int port)
    : m_store(store),
      m_origin(originStats),
      m_photoSource(std::move(photoSource)),
      m_host(std::move(host)),
      m_port(port),
      m_server(std::make_unique<httplib::Server>()) {
  // A thread per keep-alive connection (cpp-httplib): a cache tier's few, or a wall's tiles read
  // straight from the relay (4 connections each); a connection beyond the pool waits for one to
  // idle out (5 s), which would make a tile miss its moment.
  tools::configureServer(*m_server, kServerThreads, m_listenSocket);
  m_server->Get("/latest", [this](const httplib::Request& req, httplib::Response& res) {
    handleLatest(req, res);
  });
  m_server->Get("/_relay/stats", [this](const httplib::Request&, httplib::Response& res) {
    res.set_content(statsJson(), kJson);
  });
  m_server->Get("/v/.*", [this](const httplib::Request& req, httplib::Response& res) {
    handleVersioned(req, res);
  });
  m_server->Get(".*", [](const httplib::Request&, httplib::Response& res) {
    error(res, 404, "not found (GET /latest, /v/VERSION/changes or /v/VERSION/<API path>)", "public, max-age=60");
  });
}

RelayServer::~RelayServer() = default;

int RelayServer::bind() {
  return tools::bindServer(*m_server, m_host, m_port, m_listenSocket);
}

bool RelayServer::serve() {
  return tools::serveServer(*m_server, m_serveEnded);
}

void RelayServer::stop() {
  tools::stopServer(*m_server, m_serveEnded);
}

void RelayServer::handleLatest(const httplib::Request& req, httplib::Response& res) {
  m_latestRequests++;
  auto v = m_store.latest();
  if (!v) {
    res.set_header("Retry-After", "1");
    return error(res, 503, "no version yet: the relay is still reading its source", "no-store");
  }
  const std::string etag = "\"" + std::to_string(v->latest.version) + "-" + v->latest.hash + "\"";
  res.set_header("ETag", etag);
  res.set_header("Vary", "Accept-Encoding");  // gzip when asked: caches keep the variants apart
  // A second: a cache in front answers the many, and a display sees a new version within it.
  res.set_header("Cache-Control", "public, max-age=1");
  // nginx counts a cached answer's life in whole seconds of its clock and serves it while that
  // second has not passed, so max-age=1 kept /latest for 1 to 2 s (up to 2 s of a new version
  // hidden). X-Accel-Expires "@T" (absolute, seconds since 1970; nginx reads it and passes it on
  // to no one) ends it with the current second: at most 1 s, the max-age the displays count on.
  res.set_header("X-Accel-Expires", "@" + std::to_string(wallMs() / 1000));
  if (etagMatches(req, etag)) {
    m_notModified++;
    res.status = 304;
    return;
  }
  res.set_content(v->latestJson, kJson);
}

void RelayServer::handleVersioned(const httplib::Request& req, httplib::Response& res) {
  // /v/<digits>/<API path>
  const std::string& full = req.path;
  const std::size_t slash = full.find('/', 3);
  uint64_t number = 0;
  const char* first = full.data() + 3;
  const char* last = full.data() + (slash == std::string::npos ? full.size() : slash);
  auto [end, ec] = std::from_chars(first, last, number);
  if (ec != std::errc() || end != last || first == last || slash == std::string::npos)
    return error(res, 404, "not a /v/VERSION/<API path> URL", "public, max-age=60");
  const std::string path = full.substr(slash);
  if (!isSafeApiPath(path)) return error(res, 404, "not a Sirekap API path", "public, max-age=60");
  std::shared_ptr<const RelayVersion> v;
  switch (m_store.find(number, v)) {
    case RelayStore::Lookup::NotYet:
      return error(res, 404, "version " + std::to_string(number) + " does not exist yet",
                   "no-store");
    case RelayStore::Lookup::Gone:
      return error(res, 410,
                   "version " + std::to_string(number) + " is no longer kept; read /latest",
                   "public, max-age=60");
    case RelayStore::Lookup::Found:
      break;
  }
  if (path == "/changes") return serveChanges(*v, req, res);
  if (isPhoto(path)) return servePhoto(path, req, res);
  m_documentRequests++;
  auto it = v->docs->find(path);
  // A version never changes, so neither does what it lacks.
  if (it == v->docs->end())
    return error(res, 404, path + " is not in version " + std::to_string(number), kImmutable);
  res.set_header("ETag", it->second->etag);
  res.set_header("Cache-Control", kImmutable);
  res.set_header("Vary", "Accept-Encoding");
  if (etagMatches(req, it->second->etag)) {
    m_notModified++;
    res.status = 304;
    return;
  }
  res.set_content(it->second->body, kJson);
}

void RelayServer::serveChanges(const RelayVersion& v, const httplib::Request& req,
                               httplib::Response& res) {
  m_changesRequests++;
  const std::string etag = "\"" + contentHash(v.changesJson) + "\"";
  res.set_header("ETag", etag);
  res.set_header("Cache-Control", kImmutable);
  res.set_header("Vary", "Accept-Encoding");
  if (etagMatches(req, etag)) {
    res.status = 304;
    return;
  }
  res.set_content(v.changesJson, kJson);
}

void RelayServer::servePhoto(const std::string& path, const httplib::Request& req,
                             httplib::Response& res) {
  m_photoRequests++;
  auto doc = m_store.photo(path);
  if (!doc) {
    std::lock_guard lock(m_photoMutex);  // one transfer at a time from the source
    doc = m_store.photo(path);           // another worker may have fetched it meanwhile
    int status = 502;
    std::string why = "no response";
    if (!doc) {
      const FetchRequest request{path, {}, 0};
      m_photoSource->fetch(std::span(&request, 1), [&](FetchResult&& r) {
        if (r.outcome == FetchOutcome::Ok) doc = makeDoc(std::string(r.body));
        status = r.httpStatus == 404 ? 404 : 502;
        why = r.error.message;
      });
      if (doc) m_store.putPhoto(path, doc);
    }
    if (!doc) return error(res, status, path + ": " + why, "no-store");
  }
  res.set_header("ETag", doc->etag);
  res.set_header("Cache-Control", kImmutable);
  if (etagMatches(req, doc->etag)) {
    res.status = 304;
    return;
  }
  res.set_content(doc->body, path.ends_with(".png") ? "image/png" : "image/jpeg");
}

std::string RelayServer::statsJson() const {
  std::string out;
  JsonWriter w(out);
  auto v = m_store.latest();
  w.beginObject()
      .key("version")
      .number(v ? v->latest.version : uint64_t{0})
      .key("versions_published")
      .number(m_store.versionsPublished())
      .key("latest_requests")
      .number(m_latestRequests.load())
      .key("document_requests")
      .number(m_documentRequests.load())
      .key("changes_requests")
      .number(m_changesRequests.load())
      .key("photo_requests")
      .number(m_photoRequests.load())
      .key("not_modified")
      .number(m_notModified.load())
      .key("origin")
      .beginObject()
      .key("requests")
      .number(m_origin.requests.load())
      .key("changed")
      .number(m_origin.changed.load())
      .key("not_modified")
      .number(m_origin.notModified.load())
      .key("failed")
      .number(m_origin.failed.load())
      .key("refused")
      .number(m_origin.refused.load())
      .key("woken")
      .number(m_origin.woken.load())
      .endObject()
      .key("sweep")
      .beginObject()
      .key("held")
      .number(m_origin.held.load())
      .key("planned")
      .number(m_origin.planned.load())
      .key("due")
      .number(m_origin.backlog.load())
      .endObject()
      .endObject();
  return out;
}

}  // namespace pantau::relay
