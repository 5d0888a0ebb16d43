// A Source over HTTP(S) with libcurl's multi interface: a bounded number of parallel transfers on
// one thread, keep-alive and HTTP/2 multiplexing when the server offers it, conditional requests,
// gzip, timeouts that also catch a server trickling bytes (slow loris), a body-size cap enforced
// while receiving, and redirects refused unless they stay on the source's host or an allowed one.

#include <curl/curl.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <ctime>
#include <deque>
#include <mutex>

#include "pantau/data/base/clock.hpp"
#include "pantau/data/sirekap/sirekap_parser.hpp"
#include "pantau/data/source/http_parse.hpp"
#include "pantau/data/source/source.hpp"

namespace pantau::data {

namespace {

std::once_flag g_curlInit;

struct Transfer {
  CURL* easy = nullptr;
  curl_slist* headers = nullptr;
  const FetchRequest* request = nullptr;
  std::string url;
  FetchResult result;
  ResponseHeaders seen;  ///< what the current response's header lines said
  std::size_t maxBody = 0;
  bool tooLarge = false;
  int hops = 0;
  char errorBuffer[CURL_ERROR_SIZE] = {};
};

std::size_t onBody(char* data, std::size_t size, std::size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const std::size_t n = size * count;
  if (t->result.body.size() + n > t->maxBody) {
    t->tooLarge = true;
    return 0;  // aborts the transfer: nothing past the cap is kept
  }
  if (t->result.body.capacity() < t->result.body.size() + n + SirekapParser::kPadding)
    t->result.body.reserve(std::max(t->result.body.capacity() * 2, t->result.body.size() + n + SirekapParser::kPadding));
  t->result.body.append(data, n);
  return n;
}

std::size_t onHeader(char* data, std::size_t size, std::size_t count, void* user) {
  readHeaderLine(std::string_view(data, size * count), static_cast<Transfer*>(user)->seen, std::time(nullptr));
  return size * count;
}

class HttpSource final : public Source {
 public:
  HttpSource(std::string base, SourceOptions options) : m_base(std::move(base)), m_options(std::move(options)) {
    std::call_once(g_curlInit, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    m_multi = curl_multi_init();
    curl_multi_setopt(m_multi, CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
    curl_multi_setopt(m_multi, CURLMOPT_MAX_HOST_CONNECTIONS, static_cast<long>(m_options.maxParallel));
    m_origin = urlOrigin(m_base);
  }
  ~HttpSource() override {
    for (CURL* e : m_idle) curl_easy_cleanup(e);
    curl_multi_cleanup(m_multi);
  }

  std::string describe() const override { return m_base; }

  void cancel() override {
    m_cancelled = true;
    curl_multi_wakeup(m_multi);  // out of curl_multi_poll now, not at its timeout
  }

  void fetch(std::span<const FetchRequest> requests, const std::function<void(FetchResult&&)>& onDone) override {
    std::deque<std::unique_ptr<Transfer>> waiting;
    for (const FetchRequest& req : requests) {
      auto t = std::make_unique<Transfer>();
      t->request = &req;
      t->result.tag = req.tag;
      t->result.path = req.path;
      t->url = m_base + req.path;
      if (!isSafeApiPath(req.path)) {
        t->result.error = {ErrorCode::Refused, req.path + ": not a Sirekap API path"};
        onDone(std::move(t->result));
        continue;
      }
      waiting.push_back(std::move(t));
    }
    std::vector<std::unique_ptr<Transfer>> active;
    while (!waiting.empty() || !active.empty()) {
      if (m_cancelled) return abandon(waiting, active, onDone);
      while (!waiting.empty() && static_cast<int>(active.size()) < m_options.maxParallel) {
        start(*waiting.front());
        active.push_back(std::move(waiting.front()));
        waiting.pop_front();
      }
      int running = 0;
      curl_multi_perform(m_multi, &running);
      int left = 0;
      while (CURLMsg* msg = curl_multi_info_read(m_multi, &left)) {
        if (msg->msg != CURLMSG_DONE) continue;
        auto it = std::find_if(active.begin(), active.end(), [&](auto& t) { return t->easy == msg->easy_handle; });
        if (it == active.end()) continue;
        std::unique_ptr<Transfer> t = std::move(*it);
        active.erase(it);
        const CURLcode code = msg->data.result;
        curl_multi_remove_handle(m_multi, t->easy);
        if (finish(*t, code)) {  // a redirect we follow: same transfer, new URL
          waiting.push_front(std::move(t));
          continue;
        }
        onDone(std::move(t->result));
      }
      if (!active.empty()) curl_multi_poll(m_multi, nullptr, 0, 100, nullptr);
    }
  }

 private:
  /// Ends every unfinished transfer as failed, "cancelled".
  void abandon(std::deque<std::unique_ptr<Transfer>>& waiting, std::vector<std::unique_ptr<Transfer>>& active,
               const std::function<void(FetchResult&&)>& onDone) {
    for (auto& t : active) {
      curl_multi_remove_handle(m_multi, t->easy);
      if (t->headers) curl_slist_free_all(t->headers);
      t->headers = nullptr;
      m_idle.push_back(t->easy);
      t->easy = nullptr;
      waiting.push_back(std::move(t));
    }
    active.clear();
    for (auto& t : waiting) {
      t->result.outcome = FetchOutcome::Failed;
      t->result.body = {};
      t->result.error = {ErrorCode::Network, t->url + ": cancelled"};
      onDone(std::move(t->result));
    }
    waiting.clear();
  }

  void start(Transfer& t) {
    if (!t.easy) {
      if (!m_idle.empty()) {
        t.easy = m_idle.back();
        m_idle.pop_back();
        curl_easy_reset(t.easy);
      } else {
        t.easy = curl_easy_init();
      }
    }
    t.result.body.clear();
    t.result.validators = {};
    t.seen = {};
    t.tooLarge = false;
    t.maxBody = m_options.maxBodyBytes;
    CURL* e = t.easy;
    curl_easy_setopt(e, CURLOPT_URL, t.url.c_str());
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);  // redirects are checked by hand, below
    curl_easy_setopt(e, CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_2TLS);
    // Over TLS, wait for the first connection to learn whether it multiplexes (HTTP/2) rather than
    // opening many; over cleartext HTTP/1.1 that wait serialised the first sweep (measured 6x slower).
    curl_easy_setopt(e, CURLOPT_PIPEWAIT, t.url.starts_with("https://") ? 1L : 0L);
    // gzip only: CDNs serve it precompressed, while asking for br made cpp-httplib (the sim) spend
    // most of its time in brotli at its highest level (measured with perf).
    curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "gzip");
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, m_options.connectTimeoutMs);
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, m_options.transferTimeoutMs);
    curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, m_options.lowSpeedBytesPerSec);
    curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, m_options.lowSpeedSeconds);
    curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(m_options.maxBodyBytes));
    curl_easy_setopt(e, CURLOPT_USERAGENT, "Pantau/0.1 (+election-night results engine)");
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, onBody);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, onHeader);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, &t);
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t.errorBuffer);
    t.errorBuffer[0] = '\0';
    if (t.headers) curl_slist_free_all(t.headers);
    t.headers = nullptr;
    const Validators& v = t.request->validators;
    if (!v.etag.empty()) t.headers = curl_slist_append(t.headers, ("If-None-Match: " + v.etag).c_str());
    if (!v.lastModified.empty()) t.headers = curl_slist_append(t.headers, ("If-Modified-Since: " + v.lastModified).c_str());
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, t.headers);
    curl_multi_add_handle(m_multi, e);
  }

  /// Fills t.result from a finished transfer. Returns true if it is a redirect to follow.
  bool finish(Transfer& t, CURLcode code) {
    FetchResult& r = t.result;
    long status = 0;
    curl_easy_getinfo(t.easy, CURLINFO_RESPONSE_CODE, &status);
    curl_off_t wire = 0;
    curl_easy_getinfo(t.easy, CURLINFO_SIZE_DOWNLOAD_T, &wire);
    r.httpStatus = static_cast<int>(status);
    r.wireBytes += static_cast<std::size_t>(wire);
    r.validators = t.seen.validators;
    r.retryAfterSeconds = t.seen.retryAfterSeconds;
    auto release = [&] {
      if (t.headers) curl_slist_free_all(t.headers);
      t.headers = nullptr;
      m_idle.push_back(t.easy);
      t.easy = nullptr;
    };
    if (t.tooLarge || code == CURLE_FILESIZE_EXCEEDED) {
      r.outcome = FetchOutcome::Failed;
      r.error = {ErrorCode::TooLarge, t.url + ": body over the limit of " + std::to_string(m_options.maxBodyBytes) + " bytes, refused"};
      r.body = {};
      release();
      return false;
    }
    if (code != CURLE_OK) {
      r.outcome = FetchOutcome::Failed;
      const char* detail = t.errorBuffer[0] ? t.errorBuffer : curl_easy_strerror(code);
      const bool timeout = code == CURLE_OPERATION_TIMEDOUT;
      r.error = {ErrorCode::Network, t.url + ": " + (timeout ? "timed out: " : "transfer failed: ") + detail};
      r.body = {};
      release();
      return false;
    }
    if (status >= 300 && status < 400 && status != 304) {
      char* location = nullptr;
      curl_easy_getinfo(t.easy, CURLINFO_REDIRECT_URL, &location);
      const std::string to = location ? location : "";
      const bool sameOrigin = !to.empty() && !m_origin.empty() && urlOrigin(to) == m_origin;
      const bool allowed = !to.empty() && std::find(m_options.allowRedirectHosts.begin(), m_options.allowRedirectHosts.end(),
                                                   urlHost(to)) != m_options.allowRedirectHosts.end();
      release();
      if ((sameOrigin || allowed) && t.hops < 3 && (to.starts_with("http://") || to.starts_with("https://"))) {
        t.hops++;
        t.url = to;
        return true;
      }
      r.outcome = FetchOutcome::Failed;
      r.body = {};
      r.error = {ErrorCode::Refused, t.url + ": redirect (HTTP " + std::to_string(status) + ") to '" + to.substr(0, 200) +
                                         "' refused" + (t.hops >= 3 ? " (too many hops)" : " (host not allowed)")};
      return false;
    }
    release();
    if (status == 304 && t.request->validators.empty()) {
      // Nothing was asked conditionally, so nothing can be "not modified": a confused or hostile
      // server must not confirm a document it never sent.
      r.outcome = FetchOutcome::Failed;
      r.error = {ErrorCode::Http, t.url + ": HTTP 304 to a request without validators"};
      return false;
    }
    if (status == 304) {
      r.outcome = FetchOutcome::NotModified;
      if (r.validators.empty()) r.validators = t.request->validators;
      r.body = {};
      return false;
    }
    if (status != 200) {
      r.outcome = FetchOutcome::Failed;
      r.body = {};
      r.error = {ErrorCode::Http, t.url + ": HTTP " + std::to_string(status)};
      return false;
    }
    r.outcome = FetchOutcome::Ok;
    if (r.body.capacity() < r.body.size() + SirekapParser::kPadding) r.body.reserve(r.body.size() + SirekapParser::kPadding);
    return false;
  }

  std::string m_base, m_origin;
  SourceOptions m_options;
  CURLM* m_multi = nullptr;
  std::vector<CURL*> m_idle;
  std::atomic<bool> m_cancelled{false};
};

}  // namespace

std::unique_ptr<Source> makeHttpSource(std::string baseUrl, const SourceOptions& options) {
  return std::make_unique<HttpSource>(std::move(baseUrl), options);
}

}  // namespace pantau::data
