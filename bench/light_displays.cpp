#include "light_displays.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <optional>

#include "pantau/data/base/clock.hpp"
#include "pantau/data/base/content_hash.hpp"
#include "pantau/data/model/snapshot.hpp"
#include "pantau/data/sirekap/sirekap_parser.hpp"
#include "pantau/data/source/relay_changes.hpp"
#include "pantau/data/source/relay_source.hpp"

namespace pantau::bench {

namespace {

using data::wallMs;

struct Display {
  uint64_t version = 0, reading = 0;
  std::string latestEtag;
  std::vector<std::string> etags;  ///< per path, of the version held (or being read)
  int pending = 0;
  bool failed = false, polling = false;
  int64_t nextPollMs = 0, seenMs = 0;
};

constexpr int kLatest = -1, kChanges = -2;

struct Transfer {
  int display = 0;
  int doc = -1;  ///< kLatest, kChanges, else the index of a path
  std::string body, etag;
  curl_slist* headers = nullptr;
  int64_t queuedMs = 0, addedMs = 0;
};

std::size_t onBody(char* p, std::size_t size, std::size_t n, void* user) {
  static_cast<Transfer*>(user)->body.append(p, size * n);
  return size * n;
}

std::size_t onHeader(char* p, std::size_t size, std::size_t n, void* user) {
  std::string_view line(p, size * n);
  if (line.size() > 6 && (line.starts_with("ETag:") || line.starts_with("etag:"))) {
    line.remove_prefix(5);
    while (!line.empty() && (line.front() == ' ')) line.remove_prefix(1);
    while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.remove_suffix(1);
    static_cast<Transfer*>(user)->etag = std::string(line);
  }
  return size * n;
}

class Driver {
 public:
  Driver(const LightDisplayOptions& o)
      : m_o(o), m_multi(curl_multi_init()), m_displays(static_cast<std::size_t>(o.displays)) {
    curl_multi_setopt(m_multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, o.maxConnections);
    const int64_t now = wallMs();
    for (std::size_t i = 0; i < m_displays.size(); ++i) {
      m_displays[i].etags.resize(o.paths.size());
      m_displays[i].nextPollMs = now + static_cast<int64_t>(i) * o.pollMs / o.displays;  // spread
    }
    m_stats.held.resize(m_displays.size());
  }
  ~Driver() { curl_multi_cleanup(m_multi); }

  LightDisplayStats run(double warmSeconds, const std::function<void()>& measuring,
                        double seconds) {
    step(warmSeconds);
    measuring();
    m_stats = {};  // the window counts from here; the displays go on as they were
    m_stats.held.resize(m_displays.size());
    step(seconds);
    return std::move(m_stats);
  }

 private:
  struct Queued {
    int display, doc;
    std::string path, etag;
    int64_t queuedMs;
  };

  void step(double seconds) {
    const int64_t end = wallMs() + static_cast<int64_t>(seconds * 1000);
    while (wallMs() < end) {
      const int64_t now = wallMs();
      for (std::size_t i = 0; i < m_displays.size(); ++i) {
        Display& d = m_displays[i];
        if (!d.polling && d.pending == 0 && d.nextPollMs <= now) {
          d.polling = true;
          start(static_cast<int>(i), kLatest, "/latest", d.latestEtag);
        }
      }
      pump();
      int running = 0;
      curl_multi_perform(m_multi, &running);
      int numfds = 0;
      curl_multi_poll(m_multi, nullptr, 0, 5, &numfds);
      curl_multi_perform(m_multi, &running);
      while (CURLMsg* msg = curl_multi_info_read(m_multi, &running))
        if (msg->msg == CURLMSG_DONE) finish(msg->easy_handle, msg->data.result);
    }
  }

  /// Queued, then started while fewer than maxConnections are in flight: curl's multi handle walks
  /// every handle added on each perform, so 41,000 handles added at once cost it quadratic time.
  /// A /latest goes to the front: a real display polls on its own connection, not behind the
  /// documents of 999 other displays (which held polls back by the whole queue, seconds).
  void start(int display, int doc, std::string path, std::string etag) {
    Queued q{display, doc, std::move(path), std::move(etag), wallMs()};
    if (doc == kLatest)
      m_queue.push_front(std::move(q));
    else
      m_queue.push_back(std::move(q));
    ++(doc == kLatest ? m_stats.latestRequests
                      : doc == kChanges ? m_stats.changesRequests : m_stats.documentRequests);
  }

  void pump() {
    while (!m_queue.empty() && m_inFlight < m_o.maxConnections) {
      Queued q = std::move(m_queue.front());
      m_queue.pop_front();
      add(q);
    }
  }

  void add(const Queued& q) {
    ++m_inFlight;
    auto* t = new Transfer{q.display, q.doc, {}, {}, nullptr, q.queuedMs, wallMs()};
    CURL* e = curl_easy_init();
    const std::string url = m_o.baseUrl + q.path;
    curl_easy_setopt(e, CURLOPT_URL, url.c_str());
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, onBody);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, t);
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, onHeader);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, t);
    curl_easy_setopt(e, CURLOPT_PRIVATE, t);
    curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "gzip");
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, 30000L);
    if (!q.etag.empty())
      t->headers = curl_slist_append(nullptr, ("If-None-Match: " + q.etag).c_str());
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, t->headers);
    curl_multi_add_handle(m_multi, e);
  }

  void finish(CURL* e, CURLcode result) {
    Transfer* t = nullptr;
    curl_easy_getinfo(e, CURLINFO_PRIVATE, &t);
    long status = 0;
    curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &status);
    curl_multi_remove_handle(m_multi, e);
    curl_easy_cleanup(e);
    --m_inFlight;
    std::unique_ptr<Transfer> owned(t);
    curl_slist_free_all(t->headers);
    if (status == 304) ++m_stats.notModified;
    if (result != CURLE_OK || (status != 200 && status != 304 && status != 404)) ++m_stats.failed;
    const bool ok = result == CURLE_OK && (status == 200 || status == 304 || status == 404);
    if (t->doc >= 0) {
      m_stats.documentQueuedMs.push_back(static_cast<double>(t->addedMs - t->queuedMs));
      m_stats.documentTransferMs.push_back(static_cast<double>(wallMs() - t->addedMs));
    }
    if (t->doc == kLatest)
      tookLatest(*t, ok && status == 200);
    else if (t->doc == kChanges)
      tookChanges(*t, ok && status == 200);
    else
      tookDocument(*t, ok, status);
  }

  void tookLatest(Transfer& t, bool fresh) {
    Display& d = m_displays[static_cast<std::size_t>(t.display)];
    d.polling = false;
    d.nextPollMs = wallMs() + m_o.pollMs;
    if (!fresh) return;
    auto latest = data::parseRelayLatest(t.body);
    if (!latest) return void(++m_stats.refused);
    d.latestEtag = t.etag;
    if (latest->version <= d.version) return;
    d.reading = latest->version, d.failed = false;
    d.seenMs = wallMs();
    m_stats.versionsRead.insert(d.reading);
    if (d.version == 0 || !m_o.readChanges) return readPaths(t.display, nullptr);
    d.pending = 1;  // as a relay+http display holding a version: what changed since it, first
    start(t.display, kChanges, "/v/" + std::to_string(d.reading) + "/changes", {});
  }

  /// As RelayVersionReader: /changes since the version held names what to read; anything else
  /// (failed, refused, since another version) reads the whole version.
  void tookChanges(Transfer& t, bool ok) {
    Display& d = m_displays[static_cast<std::size_t>(t.display)];
    std::optional<data::RelayChanges> changes;
    if (ok) {
      auto parsed = data::parseRelayChanges(t.body);
      if (parsed && t.etag == "\"" + data::contentHash(t.body) + "\"" &&
          parsed->version == d.reading)
        changes = std::move(*parsed);
      else
        ++m_stats.refused;
    }
    readPaths(t.display, changes && changes->since == d.version ? &changes->paths : nullptr);
  }

  /// Starts the version's documents among `changed` (sorted; null: all of them).
  void readPaths(int display, const std::vector<std::string>* changed) {
    Display& d = m_displays[static_cast<std::size_t>(display)];
    const std::string prefix = "/v/" + std::to_string(d.reading);
    d.pending = 0;
    for (std::size_t i = 0; i < m_o.paths.size(); ++i) {
      if (changed && !std::binary_search(changed->begin(), changed->end(), m_o.paths[i])) continue;
      ++d.pending;
      start(display, static_cast<int>(i), prefix + m_o.paths[i], d.etags[i]);
    }
    if (d.pending == 0) holdRead(d, display);
  }

  void holdRead(Display& d, int display) {
    if (!d.failed) {
      d.version = d.reading;
      m_stats.held[static_cast<std::size_t>(display)].push_back({d.version, d.seenMs, wallMs()});
    }
    d.reading = 0;
  }

  void tookDocument(Transfer& t, bool ok, long status) {
    Display& d = m_displays[static_cast<std::size_t>(t.display)];
    const auto i = static_cast<std::size_t>(t.doc);
    if (ok && status == 200) {
      // As a display: the body must hash to its ETag, and parse.
      if (t.etag != "\"" + data::contentHash(t.body) + "\"") {
        ok = false, ++m_stats.refused;
      } else if (m_o.paths[i] != data::kCandidatesPath &&
                 !m_parser.parseAggregate(t.body, m_aggregate)) {
        ok = false, ++m_stats.refused;
      } else {
        d.etags[i] = t.etag;
      }
    }
    if (status == 404) d.etags[i].clear();
    d.failed |= !ok;
    if (--d.pending > 0) return;
    holdRead(d, t.display);
  }

  const LightDisplayOptions& m_o;
  CURLM* m_multi;
  std::deque<Queued> m_queue;
  long m_inFlight = 0;
  std::vector<Display> m_displays;
  LightDisplayStats m_stats;
  data::SirekapParser m_parser;
  data::Aggregate m_aggregate;
};

}  // namespace

LightDisplayStats runLightDisplays(const LightDisplayOptions& options, double warmSeconds,
                                   const std::function<void()>& measuring, double seconds) {
  Driver driver(options);
  return driver.run(warmSeconds, measuring, seconds);
}

}  // namespace pantau::bench
