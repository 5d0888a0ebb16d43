// relay+http: a Source over pantau-relay's versions (see relay_source.hpp).

#include "pantau/data/source/relay_source.hpp"

#include <simdjson.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <unordered_map>

#include "pantau/data/base/content_hash.hpp"
#include "pantau/data/base/json_writer.hpp"
#include "pantau/data/base/small_json.hpp"
#include "pantau/data/source/relay_changes.hpp"

namespace pantau::data {

namespace {

int64_t steadyMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

bool isHex32(std::string_view s) {
  return s.size() == 32 && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

}  // namespace

Result<RelayLatest> parseRelayLatest(std::string_view json) {
  SmallJsonObject doc("relay /latest: ");
  if (Status s = doc.parse(json, kRelayLatestMaxBytes); !s) return s.error();
  RelayLatest out;
  std::string_view hash, ts;
  int64_t published = 0, applyAt = 0;
  for (Status s : {doc.field("version", out.version), doc.field("hash", hash),
                   doc.field("source_ts", ts), doc.field("published_ms", published),
                   doc.field("apply_at_ms", applyAt), doc.field("documents", out.documents)})
    if (!s) return s.error();
  if (out.version == 0) return doc.error(ErrorCode::Range, "version 0 (versions start at 1)");
  if (!isHex32(hash)) return doc.error(ErrorCode::Syntax, "hash is not 32 hex digits");
  if (!ts.empty() && ts.size() != 19)
    return doc.error(ErrorCode::Syntax, "source_ts is not \"YYYY-MM-DD HH:MM:SS\"");
  if (published <= 0 || applyAt < published)
    return doc.error(ErrorCode::Range, "apply_at_ms must not come before published_ms");
  out.hash = hash;
  out.sourceTs = ts;
  out.publishedMs = published;
  out.applyAtMs = applyAt;
  return out;
}

std::string relayLatestJson(const RelayLatest& l) {
  std::string out;
  JsonWriter w(out);
  w.beginObject()
      .key("version")
      .number(l.version)
      .key("hash")
      .string(l.hash)
      .key("source_ts")
      .string(l.sourceTs)
      .key("published_ms")
      .number(l.publishedMs)
      .key("apply_at_ms")
      .number(l.applyAtMs)
      .key("documents")
      .number(l.documents)
      .endObject();
  return out;
}

Status relayLatestFollows(const RelayLatest* known, const RelayLatest& next,
                          const std::string& who) {
  if (!known) return {};
  if (next.version < known->version)
    return Error{ErrorCode::Range, who + ": /latest went back from version " +
                                       std::to_string(known->version) + " to " +
                                       std::to_string(next.version) + "; keeping " +
                                       std::to_string(known->version)};
  if (next.version == known->version && next.hash != known->hash)
    return Error{ErrorCode::Refused,
                 who + ": version " + std::to_string(next.version) +
                     " now has another hash; a version must never change its meaning"};
  return {};
}

Result<std::optional<RelayLatest>> fetchRelayLatest(Source& http, const std::string& who,
                                                    const RelayLatest* known,
                                                    Validators& validators) {
  Result<std::optional<RelayLatest>> out = Error{ErrorCode::Network, who + "/latest: no response"};
  const FetchRequest req{"/latest", known ? validators : Validators{}, 0};
  http.fetch(std::span(&req, 1), [&](FetchResult&& r) {
    if (r.outcome == FetchOutcome::NotModified && known) {
      out = std::optional<RelayLatest>();
      return;
    }
    if (r.outcome != FetchOutcome::Ok) {
      out = Error{r.error.code, who + "/latest: " + r.error.message};
      return;
    }
    auto latest = parseRelayLatest(r.body);
    if (!latest) {
      out = Error{latest.error().code, who + ": " + latest.error().message};
      return;
    }
    if (Status s = relayLatestFollows(known, *latest, who); !s) {
      out = s.error();
      return;
    }
    validators = std::move(r.validators);
    out = std::optional<RelayLatest>(std::move(*latest));
  });
  return out;
}

void fetchRelayVersion(Source& http, const std::string& who, uint64_t version,
                       std::span<const FetchRequest> requests,
                       const std::function<void(FetchResult&&, std::size_t index)>& onDone) {
  const std::string prefix = "/v/" + std::to_string(version);
  std::vector<FetchRequest> mapped;
  mapped.reserve(requests.size());
  for (std::size_t i = 0; i < requests.size(); ++i)
    mapped.push_back({prefix + requests[i].path, requests[i].validators, i});
  http.fetch(mapped, [&](FetchResult&& r) {
    const std::size_t index = r.tag;
    const FetchRequest& original = requests[index];
    r.tag = original.tag;
    r.path = original.path;
    if (r.outcome == FetchOutcome::Failed && r.httpStatus == 404)
      r.error.code = ErrorCode::Missing;  // not in this version
    if (r.outcome == FetchOutcome::Ok && r.validators.etag != "\"" + contentHash(r.body) + "\"") {
      r.outcome = FetchOutcome::Failed;
      r.error = {ErrorCode::Refused,
                 who + prefix + original.path +
                     ": the body does not hash to its ETag (truncated or altered); refused"};
      r.body.clear();
    }
    onDone(std::move(r), index);
  });
}

Result<RelayChanges> fetchRelayChanges(Source& http, const std::string& who, uint64_t version) {
  const std::string url = "/v/" + std::to_string(version) + "/changes";
  const FetchRequest request{"/changes", {}, 0};
  Result<RelayChanges> out = Error{ErrorCode::Network, who + url + ": no response"};
  fetchRelayVersion(http, who, version, std::span(&request, 1), [&](FetchResult&& r, std::size_t) {
    if (r.outcome != FetchOutcome::Ok) return void(out = Error{r.error.code, who + url + ": " + r.error.message});
    auto parsed = parseRelayChanges(r.body);
    if (!parsed) return void(out = Error{parsed.error().code, who + ": " + parsed.error().message});
    if (parsed->version != version)
      return void(out = Error{ErrorCode::Refused, who + url + " names version " + std::to_string(parsed->version)});
    out = std::move(*parsed);
  });
  return out;
}

namespace {

class RelaySource final : public Source {
 public:
  RelaySource(std::string base, const SourceOptions& options)
      : m_base(std::move(base)),
        m_http(makeHttpSource(m_base, options)),
        m_pin(options.pinVersion),
        m_followMs(options.relayFollowMs) {}

  std::string describe() const override { return "relay+" + m_base; }
  uint64_t version() const override { return m_version.load(); }

  void fetch(std::span<const FetchRequest> requests,
             const std::function<void(FetchResult&&)>& onDone) override {
    refreshLatest(false);
    std::vector<const FetchRequest*> gone;  // asked of a version the relay no longer keeps
    fetchFrom(requests, onDone, m_pin ? nullptr : &gone);
    if (gone.empty()) return;
    refreshLatest(true);  // the relay moved on past its --keep: read them from the newest
    std::vector<FetchRequest> again;
    for (const FetchRequest* r : gone) again.push_back(*r);
    fetchFrom(again, onDone, nullptr);
  }

 private:
  /// Reads /latest unless read within the last second (or pinned); keeps the last good version
  /// when the answer is missing or not to be trusted.
  void refreshLatest(bool force) {
    if (m_latest && m_pin) return;
    const int64_t now = steadyMs();
    if (m_latest && !force && now - m_checkedMs < m_followMs) return;
    m_checkedMs = now;
    auto next =
        fetchRelayLatest(*m_http, describe(), m_latest ? &*m_latest : nullptr, m_latestValidators);
    m_answered = bool(next);
    if (!next) {
      m_lastError = next.error();
      return;
    }
    if (*next) {
      const uint64_t held = m_latest ? m_latest->version : 0;
      m_latest = std::move(**next);
      m_version = m_latest->version;
      if (held != m_latest->version) carryKnownEtags(held, m_latest->version);
    }
  }

  /// Keeps what is known of the version before for the new one: every path that V's /changes
  /// does not list since the version held. Anything else (a version skipped, /changes failed or
  /// refused) forgets it all, and the relay answers (304s) as before.
  void carryKnownEtags(uint64_t held, uint64_t version) {
    if (m_knownEtags.empty()) return;
    auto changes = fetchRelayChanges(*m_http, describe(), version);
    if (!changes || changes->since != held) return m_knownEtags.clear();
    for (const std::string& path : changes->paths) m_knownEtags.erase(path);
  }

  void fetchFrom(std::span<const FetchRequest> requests,
                 const std::function<void(FetchResult&&)>& onDone,
                 std::vector<const FetchRequest*>* gone) {
    if (!m_latest) {
      for (const FetchRequest& req : requests) {
        FetchResult r;
        r.tag = req.tag;
        r.path = req.path;
        r.error = m_lastError.message.empty()
                      ? Error{ErrorCode::Network, describe() + ": no version yet"}
                      : m_lastError;
        onDone(std::move(r));
      }
      return;
    }
    // What the caller holds and this version did not change: a 304 from here, no request.
    std::vector<FetchRequest> ask;
    std::vector<const FetchRequest*> asked;
    for (const FetchRequest& req : requests) {
      auto known = m_knownEtags.find(req.path);
      // Only while the relay answers /latest: a relay that is down must show as down.
      if (!m_answered || req.validators.etag.empty() || known == m_knownEtags.end() ||
          known->second != req.validators.etag) {
        ask.push_back(req);
        asked.push_back(&req);
        continue;
      }
      FetchResult r;
      r.tag = req.tag;
      r.path = req.path;
      r.validators = req.validators;
      r.outcome = FetchOutcome::NotModified;
      onDone(std::move(r));
    }
    fetchRelayVersion(*m_http, describe(), m_latest->version, ask,
                      [&](FetchResult&& r, std::size_t index) {
                        if (r.outcome == FetchOutcome::Failed && r.httpStatus == 410 && gone)
                          return gone->push_back(asked[index]);
                        const std::string& etag = r.validators.etag.empty()
                                                      ? asked[index]->validators.etag
                                                      : r.validators.etag;
                        if (r.outcome != FetchOutcome::Failed && !etag.empty())
                          m_knownEtags[r.path] = etag;
                        onDone(std::move(r));
                      });
  }

  std::string m_base;
  std::unique_ptr<Source> m_http;
  bool m_pin = false;
  int64_t m_followMs = 1000;
  std::optional<RelayLatest> m_latest;
  Validators m_latestValidators;
  Error m_lastError{ErrorCode::Network, {}};
  int64_t m_checkedMs = 0;
  std::atomic<uint64_t> m_version{0};
  /// A path's ETag in the version read now: answered at it, or at one before that its
  /// /v/V/changes did not list since (see carryKnownEtags).
  std::unordered_map<std::string, std::string> m_knownEtags;
  bool m_answered = false;  ///< the last look at /latest was answered (200 or 304)
};

}  // namespace

std::unique_ptr<Source> makeRelaySource(std::string baseUrl, const SourceOptions& options) {
  while (!baseUrl.empty() && baseUrl.back() == '/') baseUrl.pop_back();
  return std::make_unique<RelaySource>(std::move(baseUrl), options);
}

}  // namespace pantau::data
