// pantau-relay: one polite client of a source, many displays behind it: publishes numbered,
// immutable versions of the whole document set for displays (and the caches in front of them).

#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <thread>

#include "loopback_http.hpp"
#include "pantau/data/base/data_location.hpp"
#include "pantau/data/sirekap/sirekap_types.hpp"
#include "pantau/data/source/request_budget.hpp"
#include "relay_poller.hpp"
#include "relay_server.hpp"

using namespace pantau;

namespace {

constexpr const char* kUsage = R"(usage: pantau-relay --source SOURCE [options]

Reads one source (recap API URL, mirror directory or archive:DIR) as a single polite client (the
live client's poll intervals, conditional requests and backoff) and, each time its documents
change, publishes a new version: the complete document set as it stands. Displays read it with
--source relay+http://HOST:PORT. Prints exactly one line "listening on http://HOST:PORT" once the
first version is published, serves until SIGINT/SIGTERM, then exits 0.

HTTP (read-only):
  GET /latest           {"version", "hash", "source_ts", "published_ms", "apply_at_ms", "documents"}
                        Cache-Control max-age=1, ETag, 304
  GET /v/V/changes      {"version": V, "since": S, "paths": [...]}: the documents V changed since S,
                        the version before it (a display holding S reads only those); immutable
  GET /v/V/<API path>   the document as it stood in version V; immutable; ETag = its content hash;
                        404 for a path V lacks, 410 for a version no longer kept
  GET /v/V/<photo path> a form photo, passed through from the source
  GET /_relay/stats     counters (requests served, requests made to the source)

Options:
  --source SOURCE       what to read (required)
  --host H              address to listen on (default 127.0.0.1: loopback)
  --port P              port, 0 = any free port (default 0)
  --levels N            documents down to level N from the nation: 1 nation, 2 provinces,
                        3 regencies, 4 districts (their tables are the villages' rows; default),
                        5 villages, 6 TPS
  --apply-delay-ms D    apply_at_ms = published_ms + D: when a wall switches (default 2000)
  --keep N              versions kept (default 8); older ones answer 410
  --state FILE          the last version number and hash, so a restart continues the numbers
                        (default DIR/.pantau-relay-state for a mirror or archive:DIR; none for a
                        URL: then a version's number is the clock's ms when it was published)
  --poll-ms MS          poll the nation (and the candidate list) every MS (default 30 s; with
                        --slow-ms 0, every document every MS)
  --slow-ms MS          below the nation, a document is read when its row in its parent's table
                        changed, and otherwise every MS (default 3600000: what rows do not show);
                        0 = no change index: every level at the live client's intervals
  --max-rps N           at most N requests a second to the source (default 20 for a remote
                        URL; none for loopback, a mirror or an archive; 0 = none)
  --at "YYYY-MM-DD HH:MM"  archive:DIR: the moment to serve, WIB (default its end)
  --data DIR            KPU data (default $PANTAU_DATA, else ../shared/data beside the repository)
)";

[[noreturn]] void usageError(const std::string& message) {
  std::fprintf(stderr, "pantau-relay: %s\n\n%s", message.c_str(), kUsage);
  std::exit(2);
}

int64_t positive(const std::string& flag, const char* text, int64_t min, int64_t max) {
  char* end = nullptr;
  const long long v = std::strtoll(text, &end, 10);
  if (!end || *end != '\0' || end == text || v < min || v > max)
    usageError(flag + ": '" + text + "' is not a whole number from " + std::to_string(min) +
               " to " + std::to_string(max));
  return v;
}

struct Options {
  std::string source, host = "127.0.0.1";
  int port = 0;
  relay::PollerOptions poller;
  relay::StoreOptions store;
  std::optional<int64_t> atMs;
  std::optional<double> maxRps;
  std::optional<std::filesystem::path> data;
};

Options parseOptions(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> const char* {
      if (i + 1 >= argc) usageError(a + " needs a value");
      return argv[++i];
    };
    if (a == "-h" || a == "--help") {
      std::fputs(kUsage, stdout);
      std::exit(0);
    } else if (a == "--source")
      o.source = value();
    else if (a == "--host")
      o.host = value();
    else if (a == "--port")
      o.port = static_cast<int>(positive(a, value(), 0, 65535));
    else if (a == "--levels")
      o.poller.levels = static_cast<int>(positive(a, value(), 1, 6));
    else if (a == "--apply-delay-ms")
      o.store.applyDelayMs = positive(a, value(), 0, 600000);
    else if (a == "--keep")
      o.store.keep = static_cast<std::size_t>(positive(a, value(), 1, 10000));
    else if (a == "--state")
      o.store.stateFile = value();
    else if (a == "--poll-ms")
      o.poller.policy.intervalMs.fill(positive(a, value(), 100, 86400000));
    else if (a == "--slow-ms")
      o.poller.changeIndex.slowMs = positive(a, value(), 0, 86400000);
    else if (a == "--max-rps") {
      const char* text = value();
      double rps = 0;
      if (!data::parseMaxRps(text, rps)) usageError(std::string("--max-rps: '") + text + "' is not a number from 0 to 100000");
      o.maxRps = rps;
    } else if (a == "--data")
      o.data = value();
    else if (a == "--at") {
      o.atMs = data::parseMinuteMs(value());
      if (!o.atMs) usageError("--at: not \"YYYY-MM-DD HH:MM\" (WIB)");
    } else
      usageError("unknown option '" + a + "'");
  }
  if (o.source.empty()) usageError("--source is required");
  o.poller.maxRps = o.maxRps.value_or(data::defaultMaxRps(o.source));
  if (!o.store.stateFile && !o.source.starts_with("http://") && !o.source.starts_with("https://") &&
      !o.source.starts_with("relay+")) {
    const std::string dir = o.source.starts_with("archive:") ? o.source.substr(8) : o.source;
    o.store.stateFile = std::filesystem::path(dir) / ".pantau-relay-state";
  }
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  Options o = parseOptions(argc, argv);
  auto dir = data::findDataDir(o.data);
  auto tree = dir ? data::loadRegionTree(*dir) : data::Result<data::TreeLoad>(dir.error());
  if (!tree) {
    std::fprintf(stderr, "pantau-relay: %s\n", tree.error().message.c_str());
    return 1;
  }
  data::SourceOptions so;
  so.archiveAtMs = o.atMs;
  so.pinVersion = false;
  auto source = data::openSource(o.source, so);
  auto photoSource = data::openSource(o.source, so);
  if (!source || !photoSource) {
    std::fprintf(stderr, "pantau-relay: %s\n",
                 (source ? photoSource : source).error().message.c_str());
    return 1;
  }
  relay::RelayStore store(o.store);
  if (auto s = store.loadState(); !s) {
    std::fprintf(stderr, "pantau-relay: %s\n", s.error().message.c_str());
    return 1;
  }

  sigset_t signals = tools::blockTerminationSignals();

  relay::RelayPoller poller(tree->tree, std::move(*source), store, o.poller);
  relay::RelayServer server(store, poller.stats(), std::move(*photoSource), o.host, o.port);
  const int port = server.bind();
  if (port <= 0) {
    std::fprintf(stderr, "pantau-relay: cannot listen on %s:%d\n", o.host.c_str(), o.port);
    return 1;
  }
  std::atomic<bool> stopping{false};
  std::thread waiter([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    stopping = true;
    poller.requestStop();
  });
  // Ready means a first version to serve: read the source until there is one.
  while (!stopping && !store.latest()) {
    if (poller.runOnce(relay::wallMs()) == 0)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  if (stopping) {
    waiter.join();
    return 0;
  }
  std::thread polling([&] { poller.run(); });
  std::thread serving([&] { server.serve(); });
  std::printf("listening on http://%s:%d\n", o.host.c_str(), port);
  std::fflush(stdout);
  waiter.join();
  server.stop();
  serving.join();
  polling.join();
  return 0;
}
