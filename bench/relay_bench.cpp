// Many displays, one origin: N displays behind nginx, in front of one pantau-relay, in front of
// pantau-sim, all on 127.0.0.1. A display is a LiveClient (the engine of a `pantau` window: the
// scheduler, the relay source, parsing, the snapshot) on its own worker thread with its own
// connections, all in this one process: the per-display CPU and memory are this process's
// divided by N, and the requests each makes are those of a real window. (Processes would add the
// region tree, 60 MB, to each display and measure the loader, not the display.)
//
// Figures: origin requests per document per version (the relay's polling only); relay requests
// per document per version once nginx is warm; each display's lag from a version's publication
// to holding it, against max-age (1 s) + one display poll interval; CPU and RSS per display.
// Displays: PANTAU_RELAY_BENCH_DISPLAYS (default 250, see below).

#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <map>
#include <thread>

#include "light_displays.hpp"
#include "nginx_process.hpp"
#include "pantau/data/base/data_location.hpp"
#include "pantau/data/source/live_client.hpp"
#include "pantau/data/source/relay_source.hpp"
#include "sim_process.hpp"

using namespace pantau::data;

namespace {

constexpr int64_t kDisplayPollMs = 2000;  // a display's document interval behind the relay
constexpr int64_t kMaxAgeMs = 1000;       // /latest in the cache tier
constexpr int kWindowSeconds = 30;

double cpuSeconds() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
         static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

double rssBytes() {
  std::ifstream f("/proc/self/status");
  std::string line;
  while (std::getline(f, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::atof(line.c_str() + 6) * 1024.0;
  return 0;
}

int64_t wallMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

uint64_t number(const std::string& body, const std::string& key, std::size_t from = 0) {
  const auto at = body.find("\"" + key + "\": ", from);
  return at == std::string::npos ? 0 : std::stoull(body.substr(at + key.size() + 4));
}

struct Counts {
  uint64_t origin = 0, relayDocs = 0, relayOwn = 0, versions = 0;
};

Counts counts(int simPort, int relayPort) {
  Counts c;
  httplib::Client sim("127.0.0.1", simPort), relay("127.0.0.1", relayPort);
  if (auto r = sim.Get("/_sim/stats")) c.origin = number(r->body, "requests");
  if (auto r = relay.Get("/_relay/stats")) {
    c.relayDocs = number(r->body, "document_requests");
    c.versions = number(r->body, "versions_published");
    c.relayOwn = number(r->body, "requests", r->body.find("\"origin\""));
  }
  return c;
}

/// What one measured window gave: the figures every display benchmark reports.
struct Window {
  int displays = 0;
  uint64_t documents = 0;
  double seconds = 0, cpu = 0;
  Counts before, after;
  std::vector<double> lags;  ///< version published -> a display holds it, ms
  std::size_t missed = 0;
};

/// For each version published within [fromMs, toMs] (early enough for every display to have had a
/// round), from publication to each display first holding it (or a later one); `seen`: per
/// display, version -> when it held it.
void addLags(Window& w, const std::map<uint64_t, int64_t>& published,
             const std::vector<std::map<uint64_t, int64_t>>& seen, int64_t fromMs, int64_t toMs) {
  for (const auto& [v, at] : published) {
    if (at < fromMs || at > toMs) continue;
    for (const auto& s : seen) {
      auto it = s.lower_bound(v);
      if (it == s.end())
        ++w.missed;
      else
        w.lags.push_back(static_cast<double>(std::max<int64_t>(0, it->second - at)));
    }
  }
}

double percentile(std::vector<double> v, double q) {
  if (v.empty()) return -1;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(static_cast<double>(v.size()) * q))];
}

/// Where a light display's lag goes, for each version published within [fromMs, toMs] and each
/// display that held exactly it: the tier (publication -> the first /latest any display got that
/// announced it: nginx's cache of /latest), the display's own poll (-> its /latest announcing it)
/// and the read of the version's documents (-> holding it whole); and each document request's wait
/// for a transfer slot and its time on the wire.
void reportLagParts(benchmark::State& state, const std::map<uint64_t, int64_t>& published,
                    const pantau::bench::LightDisplayStats& run, int64_t fromMs, int64_t toMs) {
  std::map<uint64_t, int64_t> firstSeen;
  for (const auto& display : run.held)
    for (const auto& h : display) {
      auto [it, fresh] = firstSeen.emplace(h.version, h.seenMs);
      if (!fresh) it->second = std::min(it->second, h.seenMs);
    }
  std::vector<double> tier, poll, read;
  for (const auto& [v, at] : published) {
    if (at < fromMs || at > toMs || !firstSeen.count(v)) continue;
    tier.push_back(static_cast<double>(firstSeen[v] - at));
    for (const auto& display : run.held)
      for (const auto& h : display)
        if (h.version == v) {
          poll.push_back(static_cast<double>(h.seenMs - firstSeen[v]));
          read.push_back(static_cast<double>(h.atMs - h.seenMs));
        }
  }
  state.counters["part_tier_max_ms"] =
      tier.empty() ? -1 : *std::max_element(tier.begin(), tier.end());
  state.counters["part_tier_p50_ms"] = percentile(tier, 0.5);
  state.counters["part_poll_p50_ms"] = percentile(poll, 0.5);
  state.counters["part_poll_p99_ms"] = percentile(poll, 0.99);
  state.counters["part_read_p50_ms"] = percentile(read, 0.5);
  state.counters["part_read_p99_ms"] = percentile(read, 0.99);
  state.counters["doc_queued_p50_ms"] = percentile(run.documentQueuedMs, 0.5);
  state.counters["doc_queued_p99_ms"] = percentile(run.documentQueuedMs, 0.99);
  state.counters["doc_wire_p50_ms"] = percentile(run.documentTransferMs, 0.5);
  state.counters["doc_wire_p99_ms"] = percentile(run.documentTransferMs, 0.99);
}

void report(benchmark::State& state, Window w) {
  std::sort(w.lags.begin(), w.lags.end());
  const double versions = static_cast<double>(w.after.versions - w.before.versions);
  const double perDocVersion = static_cast<double>(w.documents) * versions;
  state.SetIterationTime(w.seconds);
  state.counters["displays"] = w.displays;
  state.counters["versions"] = versions;
  state.counters["origin_req_per_doc_per_version"] =
      static_cast<double>(w.after.origin - w.before.origin) / perDocVersion;
  state.counters["relay_req_per_doc_per_version"] =
      static_cast<double>(w.after.relayDocs - w.before.relayDocs) / perDocVersion;
  state.counters["relay_own_polls"] = static_cast<double>(w.after.relayOwn - w.before.relayOwn);
  state.counters["lag_p50_ms"] = w.lags.empty() ? -1 : w.lags[w.lags.size() / 2];
  state.counters["lag_p99_ms"] = w.lags.empty() ? -1 : w.lags[w.lags.size() * 99 / 100];
  state.counters["lag_max_ms"] = w.lags.empty() ? -1 : w.lags.back();
  state.counters["lag_bound_ms"] = static_cast<double>(kMaxAgeMs + kDisplayPollMs);
  state.counters["lag_samples"] = static_cast<double>(w.lags.size());
  state.counters["missed"] = static_cast<double>(w.missed);
  state.counters["cpu_pct_per_display"] = 100.0 * w.cpu / w.seconds / w.displays;
}

void BM_RelayDisplays(benchmark::State& state) {
  const char* env = std::getenv("PANTAU_RELAY_BENCH_DISPLAYS");
  // 250 by default: what this 2-core, 23 GB machine (shared with other builds) carries; a display
  // holds ~9-15 MB (its snapshot of the whole tree), so 1,000 need ~10 GB and more cores.
  const int displays = env ? std::max(1, std::atoi(env)) : 250;
  static auto load = loadRegionTree(*findDataDir(std::nullopt));
  if (!load) return state.SkipWithError("region tree not found");
  // The nation and provinces change every real second (one simulated minute); the relay polls
  // every 3 s, so a version every 3 s.
  pantau::test::SimProcess sim({"--speed", "60"});
  if (!sim.ok()) return state.SkipWithError("pantau-sim did not start");
  pantau::data::SimChild relay({"--source", sim.url(), "--levels", "2", "--poll-ms", "3000"},
                               PANTAU_BIN_DIR "/pantau-relay");
  if (!relay.ok()) return state.SkipWithError("pantau-relay did not start");
  pantau::test::NginxProcess nginx(relay.port(), pantau::test::relayLocations, 2);
  if (!nginx.ready()) return state.SkipWithError("nginx did not start");
  const uint64_t documents = 1 + load->tree->levelEnd(Level::Province);

  for (auto _ : state) {
    const double rss0 = rssBytes();
    std::vector<std::unique_ptr<LiveClient>> clients;
    for (int i = 0; i < displays; ++i) {
      LiveOptions o;
      o.sweepDeepest = Level::Province;
      o.policy.intervalMs.fill(kDisplayPollMs);
      o.policy.jitter = 0;  // each display reads a whole version at once; they start apart
      o.seed = static_cast<uint64_t>(i + 1);
      SourceOptions so;
      so.maxParallel = 4;
      so.relayFollowMs = 0;  // every round reads /latest (from nginx, a second old at most)
      auto source = openSource("relay+" + nginx.url(), so);
      clients.push_back(std::make_unique<LiveClient>(load->tree, std::move(*source), o));
      clients.back()->start();
    }
    // Warm: every display holds a version.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    auto allHold = [&] {
      return std::all_of(clients.begin(), clients.end(),
                         [](auto& c) { return c->source().version() > 0; });
    };
    while (!allHold() && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    if (!allHold()) return state.SkipWithError("not every display got a version within 120 s");
    const double rss1 = rssBytes();

    // The window: watch every display's version and the relay's publications.
    const Counts c0 = counts(sim.port(), relay.port());
    const double cpu0 = cpuSeconds();
    const int64_t start = wallMs();
    std::map<uint64_t, int64_t> published;  // version -> published_ms, from the relay itself
    std::vector<std::map<uint64_t, int64_t>> seen(clients.size());
    std::vector<uint64_t> last(clients.size(), 0);
    httplib::Client direct("127.0.0.1", relay.port());
    while (wallMs() - start < kWindowSeconds * 1000) {
      if (auto r = direct.Get("/latest"))
        if (auto l = parseRelayLatest(r->body)) published.emplace(l->version, l->publishedMs);
      const int64_t now = wallMs();
      for (std::size_t i = 0; i < clients.size(); ++i)
        if (const uint64_t v = clients[i]->source().version(); v != last[i])
          seen[i].emplace(last[i] = v, now);
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    const double cpu = cpuSeconds() - cpu0;
    const double seconds = static_cast<double>(wallMs() - start) / 1000.0;
    const Counts c1 = counts(sim.port(), relay.port());
    for (auto& client : clients) client->stop();

    Window w{displays, documents, seconds, cpu, c0, c1, {}, 0};
    addLags(w, published, seen, start, start + (kWindowSeconds - 5) * 1000);
    report(state, std::move(w));
    state.counters["rss_MB_per_display"] = (rss1 - rss0) / 1e6 / displays;
  }
}

/// 1,000 displays (PANTAU_RELAY_BENCH_LIGHT_DISPLAYS) on one curl multi handle (light_displays.hpp:
/// each follows /latest and reads each new version, holding the one before only what its
/// /v/V/changes lists, with validators, hash checks and parsing, as a relay+http display does,
/// without building a snapshot of the tree).
void BM_LightDisplays(benchmark::State& state) {
  const char* env = std::getenv("PANTAU_RELAY_BENCH_LIGHT_DISPLAYS");
  const int displays = env ? std::max(1, std::atoi(env)) : 1000;
  static auto load = loadRegionTree(*findDataDir(std::nullopt));
  if (!load) return state.SkipWithError("region tree not found");
  pantau::test::SimProcess sim({"--speed", "60"});
  if (!sim.ok()) return state.SkipWithError("pantau-sim did not start");
  // A version every 10 s (PANTAU_RELAY_BENCH_POLL_MS): read whole, each cost the tier 41,000
  // document requests (most 304s) from 1,000 displays, which this shared 2-core machine served in
  // ~6 s; with /v/V/changes it is ~4 per display (the figures before and after: README).
  const char* poll = std::getenv("PANTAU_RELAY_BENCH_POLL_MS");
  pantau::data::SimChild relay(
      {"--source", sim.url(), "--levels", "2", "--poll-ms", poll ? poll : "10000"},
      PANTAU_BIN_DIR "/pantau-relay");
  if (!relay.ok()) return state.SkipWithError("pantau-relay did not start");
  pantau::test::NginxProcess nginx(relay.port(), pantau::test::relayLocations, 2);
  if (!nginx.ready()) return state.SkipWithError("nginx did not start");
  pantau::bench::LightDisplayOptions o;
  o.baseUrl = nginx.url();
  o.displays = displays;
  o.pollMs = kDisplayPollMs;
  o.paths.push_back(kCandidatesPath);
  for (RegionId id = 0; id < load->tree->levelEnd(Level::Province); ++id)
    o.paths.push_back(countsPath(*load->tree, id));
  const uint64_t documents = o.paths.size();

  for (auto _ : state) {
    // Warm-up (10 s): every display reads a first version and nginx's cache fills; then the
    // window, the same displays going on.
    Counts c0;
    double cpu0 = 0;
    int64_t start = 0;
    std::map<uint64_t, int64_t> published;
    std::thread watcher;  // the relay's publications, read from the relay itself
    auto run = pantau::bench::runLightDisplays(
        o, 10,
        [&] {
          c0 = counts(sim.port(), relay.port());
          cpu0 = cpuSeconds();
          start = wallMs();
          watcher = std::thread([&] {
            httplib::Client direct("127.0.0.1", relay.port());
            while (wallMs() - start < kWindowSeconds * 1000) {
              if (auto r = direct.Get("/latest"))
                if (auto l = parseRelayLatest(r->body))
                  published.emplace(l->version, l->publishedMs);
              std::this_thread::sleep_for(std::chrono::milliseconds(20));
            }
          });
        },
        kWindowSeconds);
    watcher.join();
    const double cpu = cpuSeconds() - cpu0,
                 seconds = static_cast<double>(wallMs() - start) / 1000.0;
    const double rss = rssBytes();
    const Counts c1 = counts(sim.port(), relay.port());
    std::vector<std::map<uint64_t, int64_t>> seen(run.held.size());
    for (std::size_t i = 0; i < run.held.size(); ++i)
      for (const auto& h : run.held[i]) seen[i].emplace(h.version, h.atMs);
    Window w{displays, documents, seconds, cpu, c0, c1, {}, 0};
    // The displays start apart: versions from 3 s in, and early enough for every display's round.
    const int64_t from = start + 3000, to = start + (kWindowSeconds - 5) * 1000;
    addLags(w, published, seen, from, to);
    report(state, std::move(w));
    reportLagParts(state, published, run, from, to);
    // The relay's document requests in the window were for the versions the displays read in it,
    // which include the one current when it began (the window's edges cut the published count).
    state.counters["relay_req_per_doc_per_version_read"] =
        static_cast<double>(c1.relayDocs - c0.relayDocs) /
        static_cast<double>(documents * std::max<std::size_t>(1, run.versionsRead.size()));
    state.counters["versions_read"] = static_cast<double>(run.versionsRead.size());
    state.counters["tier_req_per_s"] =
        static_cast<double>(run.latestRequests + run.changesRequests + run.documentRequests) /
        seconds;
    // Per version read, what the displays asked of the tier: /changes and the documents it listed.
    state.counters["tier_docs_per_display_version"] =
        static_cast<double>(run.documentRequests) /
        static_cast<double>(std::max<std::size_t>(1, run.versionsRead.size()) * displays);
    state.counters["changes_req"] = static_cast<double>(run.changesRequests);
    state.counters["not_modified"] = static_cast<double>(run.notModified);
    state.counters["refused_or_failed"] = static_cast<double>(run.refused + run.failed);
    state.counters["rss_kB_per_display"] = rss / 1e3 / displays;
    state.counters["rss_MB_process"] = rss / 1e6;
  }
}

}  // namespace

BENCHMARK(BM_LightDisplays)
    ->Name("relay/1000_light_displays_behind_nginx")
    ->Iterations(1)
    ->UseManualTime()
    ->Unit(benchmark::kSecond);
BENCHMARK(BM_RelayDisplays)
    ->Name("relay/displays_behind_nginx")
    ->Iterations(1)
    ->UseManualTime()
    ->Unit(benchmark::kSecond);
BENCHMARK_MAIN();
