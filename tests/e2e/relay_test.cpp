// pantau-relay on 127.0.0.1 in front of pantau-sim (and archives), read by the tools and the live
// client through relay+http: the HTTP contract (/latest, immutable /v/V/..., ETags shared across
// versions, 404/410), twenty mirrors that cost the origin nothing, a relay killed and back,
// version numbers that continue across restarts, a hostile relay whose answers are refused, and
// a display holding the version before that reads only what changed (/v/V/changes).

#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include "nginx_process.hpp"
#include "pantau/data/base/clock.hpp"
#include "pantau/data/base/content_hash.hpp"
#include "pantau/data/sirekap/sirekap_parser.hpp"
#include "pantau/data/source/live_client.hpp"
#include "pantau/data/source/relay_changes.hpp"
#include "pantau/data/source/relay_source.hpp"
#include "pantau/data/source/relay_version_reader.hpp"
#include "sim_process.hpp"
#include "test_support.hpp"

using namespace pantau::data;
using pantau::test::SimProcess;

namespace {

class RelayProcess : public SimChild {
 public:
  explicit RelayProcess(std::vector<std::string> args)
      : SimChild(std::move(args), PANTAU_BIN_DIR "/pantau-relay") {}
  std::string relayUrl() const { return "relay+" + url(); }
};

const std::shared_ptr<const RegionTree>& tree() {
  return pantau::test::sharedTree();
}

httplib::Result get(int port, const std::string& path, const httplib::Headers& headers = {}) {
  httplib::Client c("127.0.0.1", port);
  return c.Get(path.c_str(), headers);
}

uint64_t jsonNumber(const std::string& body, const std::string& key) {
  const auto at = body.find("\"" + key + "\": ");
  return at == std::string::npos ? UINT64_MAX : std::stoull(body.substr(at + key.size() + 4));
}

RelayLatest latestOf(int port) {
  auto r = get(port, "/latest");
  EXPECT_TRUE(r && r->status == 200);
  auto l = parseRelayLatest(r ? r->body : std::string());
  EXPECT_TRUE(l) << (l ? "" : l.error().message);
  return l ? *l : RelayLatest{};
}

/// Awaits a relay version newer than `than` (the relay polls a sim running fast): reads /latest
/// every 20 ms, for at most 30 s.
RelayLatest awaitVersionAfter(int port, uint64_t than) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  RelayLatest l = latestOf(port);
  while (l.version <= than && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    l = latestOf(port);
  }
  return l;
}

std::vector<FetchResult> fetchAll(Source& source, const std::vector<std::string>& paths) {
  std::vector<FetchRequest> requests;
  for (std::size_t i = 0; i < paths.size(); ++i) requests.push_back({paths[i], {}, i});
  std::vector<FetchResult> out(paths.size());
  source.fetch(requests, [&](FetchResult&& r) { out[r.tag] = std::move(r); });
  return out;
}

}  // namespace

TEST(Relay, HelpAndBadFlags) {
  auto help = pantau::test::runCommand(std::string(PANTAU_BIN_DIR) + "/pantau-relay --help");
  EXPECT_EQ(help.status, 0);
  EXPECT_NE(help.out.find("GET /latest"), std::string::npos);
  auto bad =
      pantau::test::runCommand(std::string(PANTAU_BIN_DIR) + "/pantau-relay --source x --levels 9");
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.err.find("--levels"), std::string::npos) << bad.err;
  auto none = pantau::test::runCommand(std::string(PANTAU_BIN_DIR) + "/pantau-relay");
  EXPECT_EQ(none.status, 2);
  EXPECT_NE(none.err.find("--source is required"), std::string::npos) << none.err;
}

TEST(Relay, LatestAndVersionedDocumentsFollowTheContract) {
  SimProcess sim({"--final"});
  ASSERT_TRUE(sim.ok());
  RelayProcess relay({"--source", sim.url(), "--levels", "2", "--apply-delay-ms", "1500"});
  ASSERT_TRUE(relay.ok()) << relay.line();
  EXPECT_EQ(relay.line(), "listening on " + relay.url());

  auto latest = get(relay.port(), "/latest");
  ASSERT_TRUE(latest && latest->status == 200);
  EXPECT_EQ(latest->get_header_value("Cache-Control"), "public, max-age=1");
  const std::string latestEtag = latest->get_header_value("ETag");
  ASSERT_FALSE(latestEtag.empty());
  auto l = parseRelayLatest(latest->body);
  ASSERT_TRUE(l) << l.error().message;
  EXPECT_EQ(l->documents, 1u + tree()->levelEnd(Level::Province));  // candidates, nation, provinces
  EXPECT_EQ(l->applyAtMs, l->publishedMs + 1500);
  EXPECT_EQ(l->sourceTs, "2024-02-15 00:00:00");
  auto again = get(relay.port(), "/latest", {{"If-None-Match", latestEtag}});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 304);

  // A document as the origin serves it, immutable, named by its hash.
  const std::string v = "/v/" + std::to_string(l->version);
  auto origin = get(sim.port(), "/pemilu/hhcw/ppwp/35.json");
  auto doc = get(relay.port(), v + "/pemilu/hhcw/ppwp/35.json");
  ASSERT_TRUE(origin && doc);
  ASSERT_EQ(doc->status, 200);
  EXPECT_EQ(doc->body, origin->body);
  EXPECT_EQ(doc->get_header_value("Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(doc->get_header_value("ETag"), "\"" + contentHash(doc->body) + "\"");
  auto cached = get(relay.port(), v + "/pemilu/hhcw/ppwp/35.json",
                    {{"If-None-Match", doc->get_header_value("ETag")}});
  ASSERT_TRUE(cached);
  EXPECT_EQ(cached->status, 304);

  // What the version lacks, a version not yet published, and what is not a relay URL.
  auto regency = get(relay.port(), v + "/pemilu/hhcw/ppwp/35/3501.json");
  ASSERT_TRUE(regency);
  EXPECT_EQ(regency->status, 404);
  EXPECT_NE(regency->body.find("not in version"), std::string::npos);
  auto future = get(relay.port(), "/v/" + std::to_string(l->version + 1) + "/pemilu/ppwp.json");
  ASSERT_TRUE(future);
  EXPECT_EQ(future->status, 404);
  EXPECT_EQ(future->get_header_value("Cache-Control"), "no-store");
  for (const char* bad : {"/v/x1/pemilu/ppwp.json", "/v//pemilu/ppwp.json", "/v/1",
                          "/pemilu/ppwp.json", "/v/1/../etc/passwd"}) {
    auto r = get(relay.port(), bad);
    ASSERT_TRUE(r) << bad;
    EXPECT_EQ(r->status, 404) << bad;
  }
  EXPECT_EQ(relay.stop(), 0);
}

// nginx keeps a cached answer while the second it expires in has not passed: with the relay's
// max-age=1 alone, /latest stayed in the tier for 1 to 2 s after a new version. The relay's
// X-Accel-Expires ends it with the second it was served in, so the tier shows a version at most
// max-age (1 s) after its publication. Versions every second from a fast sim, watched for 12 s
// on the relay and through nginx every 10 ms.
TEST(Relay, BehindNginxANewVersionShowsWithinMaxAge) {
  SimProcess sim({"--speed", "60"});
  ASSERT_TRUE(sim.ok());
  RelayProcess relay({"--source", sim.url(), "--levels", "1", "--poll-ms", "1000"});
  ASSERT_TRUE(relay.ok()) << relay.line();
  pantau::test::NginxProcess nginx(relay.port(), pantau::test::relayLocations);
  ASSERT_TRUE(nginx.ready());
  auto direct = get(relay.port(), "/latest");
  ASSERT_TRUE(direct && direct->status == 200);
  const int64_t second = wallMs() / 1000;
  const std::string expires = direct->get_header_value("X-Accel-Expires");
  ASSERT_EQ(expires.rfind('@', 0), 0u) << expires;
  EXPECT_NEAR(static_cast<double>(std::stoll(expires.substr(1))), static_cast<double>(second), 1);

  std::map<uint64_t, int64_t> published, shown;  // version -> published_ms / first through nginx
  const int64_t end = wallMs() + 12000;
  httplib::Client relayClient("127.0.0.1", relay.port()), tier("127.0.0.1", nginx.port());
  while (wallMs() < end) {
    if (auto r = relayClient.Get("/latest"))
      if (auto l = parseRelayLatest(r->body)) published.emplace(l->version, l->publishedMs);
    if (auto r = tier.Get("/latest")) {
      EXPECT_TRUE(r->get_header_value("X-Accel-Expires").empty()) << "nginx passes it on";
      if (auto l = parseRelayLatest(r->body)) shown.emplace(l->version, wallMs());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  int checked = 0;
  for (const auto& [v, at] : published) {
    if (at < published.begin()->second + 1000) continue;  // the tier may have cached it before
    auto it = shown.lower_bound(v);
    if (it == shown.end()) continue;  // published in the last moments of the watch
    ++checked;
    // 1 s of max-age, and 150 ms for the background refresh and this loop on a loaded machine.
    EXPECT_LE(it->second - at, 1150) << "version " << v << " hidden by the tier";
  }
  EXPECT_GE(checked, 5);
}

TEST(Relay, VersionsShareUnchangedDocumentsAndDropOldOnes) {
  SimProcess sim({"--speed", "600"});  // the nation changes every real tenth of a second or so
  ASSERT_TRUE(sim.ok());
  RelayProcess relay({"--source", sim.url(), "--levels", "1", "--poll-ms", "200", "--keep", "1"});
  ASSERT_TRUE(relay.ok()) << relay.line();
  const RelayLatest first = latestOf(relay.port());
  const std::string v1 = "/v/" + std::to_string(first.version);
  auto list1 = get(relay.port(), v1 + "/pemilu/ppwp.json");
  auto nation1 = get(relay.port(), v1 + "/pemilu/hhcw/ppwp.json");
  ASSERT_TRUE(list1 && nation1 && list1->status == 200 && nation1->status == 200);

  const RelayLatest second = awaitVersionAfter(relay.port(), first.version);
  ASSERT_GT(second.version, first.version);
  EXPECT_NE(second.hash, first.hash);
  EXPECT_GE(second.sourceTs, first.sourceTs);
  const std::string v2 = "/v/" + std::to_string(second.version);
  // The candidate list did not change: the same ETag, so a client holding it gets a 304.
  auto list2 = get(relay.port(), v2 + "/pemilu/ppwp.json",
                   {{"If-None-Match", list1->get_header_value("ETag")}});
  ASSERT_TRUE(list2);
  EXPECT_EQ(list2->status, 304);
  auto nation2 = get(relay.port(), v2 + "/pemilu/hhcw/ppwp.json");
  ASSERT_TRUE(nation2 && nation2->status == 200);
  EXPECT_NE(nation2->get_header_value("ETag"), nation1->get_header_value("ETag"));
  // --keep 1: the first version is gone, and says so.
  auto gone = get(relay.port(), v1 + "/pemilu/hhcw/ppwp.json");
  ASSERT_TRUE(gone);
  EXPECT_EQ(gone->status, 410);
}

TEST(Relay, TwentyMirrorsThroughTheRelayCostTheOriginNothing) {
  SimProcess sim({"--final"});
  ASSERT_TRUE(sim.ok());
  // Its next poll is ten minutes away: every request the origin sees from here on is one the
  // mirrors caused.
  RelayProcess relay({"--source", sim.url(), "--levels", "2", "--poll-ms", "600000"});
  ASSERT_TRUE(relay.ok()) << relay.line();
  auto originBefore = get(sim.port(), "/_sim/stats");
  auto relayBefore = get(relay.port(), "/_relay/stats");
  ASSERT_TRUE(originBefore && relayBefore);
  const std::string version = std::to_string(latestOf(relay.port()).version);

  for (int run = 0; run < 20; ++run) {
    const std::string dir = pantau::test::tempPath("relay_mirror_" + std::to_string(run));
    auto m = pantau::test::runCommand(std::string(PANTAU_BIN_DIR) + "/pantau-data mirror " +
                                      relay.relayUrl() + " " + dir + " --levels 2");
    ASSERT_EQ(m.status, 0) << m.err;
    EXPECT_NE(
        m.out.find("documents " + std::to_string(1 + tree()->levelEnd(Level::Province)) + ","),
        std::string::npos)
        << m.out;
    EXPECT_NE(m.out.find("relay version " + version + "\n"), std::string::npos) << m.out;
    if (run > 0) std::filesystem::remove_all(dir);  // the first is compared with the origin below
  }
  auto originAfter = get(sim.port(), "/_sim/stats");
  auto relayAfter = get(relay.port(), "/_relay/stats");
  ASSERT_TRUE(originAfter && relayAfter);
  const uint64_t originSeen =
      jsonNumber(originAfter->body, "requests") - jsonNumber(originBefore->body, "requests");
  const auto relayOwn = [](const std::string& body) {
    return jsonNumber(body.substr(body.find("\"origin\"")), "requests");
  };
  EXPECT_EQ(relayOwn(relayAfter->body) - relayOwn(relayBefore->body), 0u);
  EXPECT_EQ(originSeen, 0u);  // 20 x 41 documents served, none asked of the origin

  // And a mirror through the relay holds the origin's bytes.
  const std::string first = pantau::test::tempPath("relay_mirror_0");
  auto origin = get(sim.port(), "/pemilu/hhcw/ppwp/11.json");
  auto file = readFile(first + "/pemilu/hhcw/ppwp/11.json", 1 << 24);
  ASSERT_TRUE(origin && file);
  EXPECT_EQ(*file, origin->body);
  std::filesystem::remove_all(first);
  EXPECT_GE(jsonNumber(relayAfter->body, "document_requests") -
                jsonNumber(relayBefore->body, "document_requests"),
            20u * (1 + tree()->levelEnd(Level::Province)));
}

TEST(Relay, KilledRelayLeavesTheLastVersionAndTheDisplayCatchesUpWhenItIsBack) {
  SimProcess sim({"--at", "2024-02-14 16:00", "--speed", "600"});  // counting is under way
  ASSERT_TRUE(sim.ok());
  const std::string port = std::to_string(pantau::test::freeLoopbackPort());
  auto relay = std::make_unique<RelayProcess>(std::vector<std::string>{
      "--source", sim.url(), "--levels", "1", "--poll-ms", "200", "--port", port});
  ASSERT_TRUE(relay->ok()) << relay->line();

  int64_t clock = 1'700'000'000'000;
  LiveOptions o;
  o.sweepDeepest = Level::Nation;
  o.clockMs = [&] { return clock; };
  SourceOptions so;
  so.relayFollowMs = 0;
  auto source = openSource(relay->relayUrl(), so);
  ASSERT_TRUE(source);
  LiveClient live(tree(), std::move(*source), o);
  auto drain = [&] {
    while (live.runOnce() > 0) {
    }
    return live.mailbox().latest();
  };
  auto before = drain();
  ASSERT_TRUE(before);
  const uint64_t v1 = live.source().version();
  ASSERT_GT(v1, 0u);
  const uint64_t votes1 = before->ownVotes(kNation)[0];
  ASSERT_GT(votes1, 0u);

  relay->stop();  // mid-night
  clock += 3'600'000;
  auto during = drain();
  EXPECT_GT(during->health().errors, before->health().errors);
  EXPECT_EQ(during->ownVotes(kNation)[0], votes1);  // the last version stays on screen
  EXPECT_EQ(live.source().version(), v1);

  relay = std::make_unique<RelayProcess>(std::vector<std::string>{
      "--source", sim.url(), "--levels", "1", "--poll-ms", "200", "--port", port});
  ASSERT_TRUE(relay->ok()) << relay->line();
  clock += 3'600'000 * 24;  // past any backoff
  auto after = drain();
  EXPECT_GT(live.source().version(), v1);  // a new number: the restarted relay never reuses one
  EXPECT_GE(after->ownVotes(kNation)[0], votes1);
  EXPECT_TRUE(after->status(kNation).lastError == nullptr);
}

TEST(Relay, RestartedOnAnArchiveContinuesTheVersionNumbers) {
  const std::string archive = pantau::test::tempPath("relay_archive");
  std::filesystem::remove_all(archive);
  auto record = [&](const std::vector<std::string>& simArgs) {
    SimProcess sim(simArgs);
    ASSERT_TRUE(sim.ok());
    const std::string dir = pantau::test::tempPath("relay_archive_mirror");
    std::filesystem::remove_all(dir);
    auto m = pantau::test::runCommand(std::string(PANTAU_BIN_DIR) + "/pantau-data mirror " +
                                      sim.url() + " " + dir + " --levels 2 --record " + archive);
    ASSERT_EQ(m.status, 0) << m.err;
    std::filesystem::remove_all(dir);
  };
  auto serve = [&] {
    RelayProcess relay({"--source", "archive:" + archive, "--levels", "2"});
    EXPECT_TRUE(relay.ok()) << relay.line();
    return relay.ok() ? latestOf(relay.port()) : RelayLatest{};
  };
  record({"--at", "2024-02-14 13:00"});
  const RelayLatest a = serve();
  EXPECT_EQ(a.version, 1u);
  const RelayLatest b = serve();  // the same content keeps its number
  EXPECT_EQ(b.version, a.version);
  EXPECT_EQ(b.hash, a.hash);
  record({"--final"});  // the night goes on: new content, the next number
  const RelayLatest c = serve();
  EXPECT_EQ(c.version, a.version + 1);
  EXPECT_NE(c.hash, a.hash);

  // A state file that cannot be read stops the relay instead of reusing numbers.
  ASSERT_TRUE(writeFileAtomic(archive + "/.pantau-relay-state", "garbage", false));
  auto broken = pantau::test::runCommand(std::string(PANTAU_BIN_DIR) +
                                         "/pantau-relay --source archive:" + archive);
  EXPECT_EQ(broken.status, 1);
  EXPECT_NE(broken.err.find(".pantau-relay-state"), std::string::npos) << broken.err;
  std::filesystem::remove_all(archive);
}

TEST(Relay, HostileRelayAnswersAreRefusedAndTheLastGoodVersionStays) {
  // A relay (or a cache in front of one) gone wrong, on loopback.
  httplib::Server fake;
  std::atomic<int> mode{0};
  const std::string hashA(32, 'a'), hashB(32, 'b');
  auto latest = [](uint64_t v, const std::string& hash) {
    return relayLatestJson(
        {v, hash, "2024-02-14 20:00:00", 1'707'915'600'000, 1'707'915'602'000, 3});
  };
  fake.Get("/latest", [&](const httplib::Request&, httplib::Response& res) {
    switch (mode.load()) {
      case 0:
        return res.set_content(latest(5, hashA), "application/json");
      case 1:
        return res.set_content("{\"version\": 6, \"hash\": \"", "application/json");  // malformed
      case 2:
        return res.set_content(latest(6, hashB) + std::string(8192, ' '),
                               "application/json");  // oversized
      case 3:
        return res.set_content(latest(4, hashB), "application/json");  // went back
      case 4:
        return res.set_content(latest(5, hashB), "application/json");  // v5 changed meaning
      default:
        return res.set_content(latest(6, hashB), "application/json");
    }
  });
  auto good = [](httplib::Response& res, const std::string& body) {
    res.set_header("ETag", "\"" + contentHash(body) + "\"");
    res.set_content(body, "application/json");
  };
  fake.Get("/v/5/pemilu/ppwp.json",
           [&](const httplib::Request&, httplib::Response& res) { good(res, "{\"v\": 5}"); });
  fake.Get("/v/6/pemilu/ppwp.json",
           [&](const httplib::Request&, httplib::Response& res) { good(res, "{\"v\": 6}"); });
  fake.Get("/v/5/pemilu/hhcw/ppwp.json", [&](const httplib::Request&, httplib::Response& res) {
    res.set_header("ETag", "\"" + contentHash("{\"v\": 5}") + "\"");  // altered on the way
    res.set_content("{\"v\": 666}", "application/json");
  });
  fake.Get("/v/5/pemilu/hhcw/ppwp/11.json", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content_provider(
        4096, "application/json", [](std::size_t, std::size_t, httplib::DataSink& sink) {
          sink.write("{\"ts\": ", 7);  // truncated: the connection ends before the promised length
          return false;
        });
  });
  fake.Get("/v/6/pemilu/hhcw/ppwp/12.json", [&](const httplib::Request&, httplib::Response& res) {
    good(res, std::string(2u << 20, ' '));  // over the client's body limit
  });
  const int port = fake.bind_to_any_port("127.0.0.1");
  ASSERT_GT(port, 0);
  std::thread serving([&] { fake.listen_after_bind(); });
  while (!fake.is_running()) std::this_thread::yield();

  SourceOptions so;
  so.relayFollowMs = 0;
  so.maxBodyBytes = 1u << 20;
  auto source = openSource("relay+http://127.0.0.1:" + std::to_string(port), so);
  ASSERT_TRUE(source);
  auto r = fetchAll(**source,
                    {"/pemilu/ppwp.json", "/pemilu/hhcw/ppwp.json", "/pemilu/hhcw/ppwp/11.json"});
  EXPECT_EQ(r[0].outcome, FetchOutcome::Ok);
  EXPECT_EQ(r[0].body, "{\"v\": 5}");
  EXPECT_EQ(r[1].outcome, FetchOutcome::Failed);
  EXPECT_NE(r[1].error.message.find("does not hash to its ETag"), std::string::npos)
      << r[1].error.message;
  EXPECT_EQ(r[2].outcome, FetchOutcome::Failed);
  EXPECT_EQ((*source)->version(), 5u);

  for (int bad = 1; bad <= 4; ++bad) {
    mode = bad;
    auto again = fetchAll(**source, {"/pemilu/ppwp.json"});
    EXPECT_EQ(again[0].outcome, FetchOutcome::Ok) << bad;
    EXPECT_EQ(again[0].body, "{\"v\": 5}") << bad;  // the last good version, not the bad answer
    EXPECT_EQ((*source)->version(), 5u) << bad;
  }
  mode = 5;
  auto next = fetchAll(**source, {"/pemilu/ppwp.json", "/pemilu/hhcw/ppwp/12.json"});
  EXPECT_EQ(next[0].body, "{\"v\": 6}");
  EXPECT_EQ((*source)->version(), 6u);
  EXPECT_EQ(next[1].outcome, FetchOutcome::Failed);  // oversized
  fake.stop();
  serving.join();

  // No relay at all: a clear failure, naming the relay.
  auto nothing = openSource("relay+http://127.0.0.1:" + std::to_string(port));
  ASSERT_TRUE(nothing);
  auto none = fetchAll(**nothing, {"/pemilu/ppwp.json"});
  EXPECT_EQ(none[0].outcome, FetchOutcome::Failed);
  EXPECT_NE(none[0].error.message.find("relay+http://127.0.0.1"), std::string::npos)
      << none[0].error.message;
}

TEST(Relay, FormPhotosPassThroughOnceAndReadAsAnyDocument) {
  SimProcess sim({"--final"});
  ASSERT_TRUE(sim.ok());
  RelayProcess relay({"--source", sim.url(), "--levels", "1"});
  ASSERT_TRUE(relay.ok()) << relay.line();
  // A reported TPS's second C1 page, as its document names it.
  auto tps = get(sim.port(), "/pemilu/hhcw/ppwp/35/3578/357801/3578011001/3578011001001.json");
  ASSERT_TRUE(tps && tps->status == 200);
  SirekapParser parser;
  TpsDetail t;
  ASSERT_TRUE(parser.parseTps(std::string_view(tps->body), t));
  ASSERT_EQ(t.images.size(), 3u);
  ASSERT_TRUE(t.images[1]);
  const std::string path = t.images[1]->substr(t.images[1]->find('/', 8));
  auto origin = get(sim.port(), path);
  ASSERT_TRUE(origin && origin->status == 200);
  auto before = get(sim.port(), "/_sim/stats?path=" + path);
  ASSERT_TRUE(before);

  const std::string v = "/v/" + std::to_string(latestOf(relay.port()).version);
  auto photo = get(relay.port(), v + path);
  ASSERT_TRUE(photo && photo->status == 200);
  EXPECT_EQ(photo->body, origin->body);
  EXPECT_EQ(photo->get_header_value("Content-Type"), "image/jpeg");
  EXPECT_EQ(photo->get_header_value("Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(photo->get_header_value("ETag"), "\"" + contentHash(photo->body) + "\"");
  // Through relay+http as the photo loader reads it, from the relay's cache: the origin saw one.
  auto source = openSource(relay.relayUrl());
  ASSERT_TRUE(source);
  auto read = fetchAll(**source, {path});
  EXPECT_EQ(read[0].outcome, FetchOutcome::Ok) << read[0].error.message;
  EXPECT_EQ(read[0].body, origin->body);
  auto after = get(sim.port(), "/_sim/stats?path=" + path);
  ASSERT_TRUE(after);
  EXPECT_EQ(jsonNumber(after->body, "path_requests"),
            jsonNumber(before->body, "path_requests") + 1);
  // A photo the origin does not have is the origin's 404.
  auto missing = get(
      relay.port(), v + "/2851/pemilu/ppwp/35/78/01/10/01/3578011001001-20240214-000000--nope.jpg");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
}

// Polite by default: the tree is the change index. On a night where nothing changes, the relay
// asks the origin for the nation and the candidate list each interval, never the provinces again;
// when the night moves, the provinces whose rows changed are read at once.
TEST(Relay, TheTreeIsTheChangeIndex) {
  const auto originRequests = [](int port) {
    auto r = get(port, "/_sim/stats");
    return r ? jsonNumber(r->body, "requests") : UINT64_MAX;
  };
  {
    SimProcess sim({"--final"});  // nothing changes
    ASSERT_TRUE(sim.ok());
    RelayProcess relay({"--source", sim.url(), "--levels", "2", "--poll-ms", "300"});
    ASSERT_TRUE(relay.ok()) << relay.line();
    const uint64_t before = originRequests(sim.port());
    const auto t0 = std::chrono::steady_clock::now();
    // Ten nation intervals, awaited on the origin's own count (two requests an interval).
    while (originRequests(sim.port()) < before + 20 &&
           std::chrono::steady_clock::now() - t0 < std::chrono::seconds(30))
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const uint64_t asked = originRequests(sim.port()) - before;
    // Without the index each interval would cost the 41 documents: 10 intervals, 410 requests.
    EXPECT_GE(asked, 20u);
    EXPECT_LE(static_cast<double>(asked), 2.0 * (seconds / 0.3 + 2))
        << asked << " requests in " << seconds << " s";
    auto stats = get(relay.port(), "/_relay/stats");
    ASSERT_TRUE(stats);
    EXPECT_EQ(jsonNumber(stats->body, "woken"), 0u);
  }
  {
    SimProcess sim({"--at", "2024-02-14 16:00", "--speed",
                    "60"});  // counting under way: rows change every second
    ASSERT_TRUE(sim.ok());
    RelayProcess relay({"--source", sim.url(), "--levels", "2", "--poll-ms", "1000"});
    ASSERT_TRUE(relay.ok()) << relay.line();
    const RelayLatest first = latestOf(relay.port());
    const RelayLatest later =
        awaitVersionAfter(relay.port(), awaitVersionAfter(relay.port(), first.version).version);
    ASSERT_GT(later.version, first.version);
    auto stats = get(relay.port(), "/_relay/stats");
    ASSERT_TRUE(stats);
    EXPECT_GT(jsonNumber(stats->body, "woken"), 0u) << stats->body;
    // A woken province is read at once: the version holds the origin's current document, whose
    // own chart is the row the nation's table gives it.
    const std::string v = "/v/" + std::to_string(later.version);
    auto province = get(relay.port(), v + "/pemilu/hhcw/ppwp/35.json");
    auto nation = get(relay.port(), v + "/pemilu/hhcw/ppwp.json");
    ASSERT_TRUE(province && nation && province->status == 200 && nation->status == 200);
    SirekapParser parser;
    Aggregate n, p;
    ASSERT_TRUE(parser.parseAggregate(nation->body, n));
    ASSERT_TRUE(parser.parseAggregate(province->body, p));
    const auto row = std::find_if(n.rows.begin(), n.rows.end(),
                                  [](const AggregateRow& r) { return r.code.view() == "35"; });
    ASSERT_NE(row, n.rows.end());
    const auto rowVotes = n.votes(*row);
    // At 60x the origin regenerates every second: under load the woken province may be read after
    // the next regeneration, so it is newer than the nation's row. Read at the nation's moment, it
    // is exactly that row; never older.
    if (p.ts.epochUtc == n.ts.epochUtc)
      EXPECT_EQ(std::vector<VoteCount>(rowVotes.begin(), rowVotes.end()), p.chart);
    else
      EXPECT_GT(p.ts.epochUtc, n.ts.epochUtc) << "the version holds a province older than the nation's row";
    EXPECT_EQ(jsonNumber(stats->body, "held"), 1u + tree()->levelEnd(Level::Province));
  }
}

// A request budget: --max-rps caps what the relay asks of the origin, and the sweep's progress
// (documents held of those planned) is in /_relay/stats while it reads.
TEST(Relay, MaxRpsCapsTheOriginRequestsAndTheSweepSaysItsProgress) {
  SimProcess sim({"--final"});
  ASSERT_TRUE(sim.ok());
  const auto t0 = std::chrono::steady_clock::now();
  RelayProcess relay({"--source", sim.url(), "--levels", "3", "--max-rps", "50"});
  ASSERT_TRUE(relay.ok()) << relay.line();
  const uint64_t planned = 1 + tree()->levelEnd(Level::Regency);
  uint64_t held = 0;
  bool sawPartial = false;
  while (std::chrono::steady_clock::now() - t0 < std::chrono::seconds(60)) {
    auto stats = get(relay.port(), "/_relay/stats");
    ASSERT_TRUE(stats);
    EXPECT_EQ(jsonNumber(stats->body, "planned"), planned);
    held = jsonNumber(stats->body, "held");
    sawPartial |= held < planned;
    if (held == planned) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_EQ(held, planned);
  // 555 documents at 50/s take 10 s: the first version (published 5 s after the first change, the
  // ready line) is seen with the sweep under way.
  EXPECT_TRUE(sawPartial);
  auto origin = get(sim.port(), "/_sim/stats");
  ASSERT_TRUE(origin);
  const uint64_t asked = jsonNumber(origin->body, "requests");
  EXPECT_GE(asked, planned);
  // The budget: 50 a second plus one second's burst, over the whole run.
  EXPECT_LE(static_cast<double>(asked), 50.0 * seconds + 50)
      << asked << " requests in " << seconds << " s";
  EXPECT_GE(seconds, (static_cast<double>(planned) - 50) / 50.0);
}

// A wall tile's reader (relay_version_reader.hpp) publishes a version only when every document of
// it came whole: a relay (or a cache) that alters one document of version 2 leaves the tile on
// version 1, whole, saying why; version 3, whole again, is taken.
/// A relay played by the test: /latest names `version` (its hash and times made from it), and
/// /v/V/<path> serves the origin's documents as they are (read once), unless `answer` (called
/// first, with V and the path) answers instead.
class FakeRelay {
 public:
  using Answer = std::function<bool(const std::string& version, const std::string& path,
                                    const std::string& body, httplib::Response& res)>;
  FakeRelay(int originPort, Answer answer) : m_origin("127.0.0.1", originPort), m_answer(std::move(answer)) {
    m_server.Get("/latest", [this](const httplib::Request&, httplib::Response& res) {
      const uint64_t v = version.load();
      res.set_content(relayLatestJson({v, std::string(32, static_cast<char>('0' + v)), "2024-02-15 00:00:00",
                                       1'707'930'000'000 + static_cast<int64_t>(v), 1'707'930'002'000 + static_cast<int64_t>(v), 40}),
                      "application/json");
    });
    m_server.Get(R"(/v/(\d+)(/.*))", [this](const httplib::Request& req, httplib::Response& res) {
      documentRequests++;
      auto body = originBody(req.matches[2]);
      if (m_answer && m_answer(req.matches[1], req.matches[2], body.value_or(""), res)) return;
      if (!body) return void(res.status = 404);
      res.set_header("ETag", "\"" + contentHash(*body) + "\"");
      res.set_content(*body, "application/json");
    });
    m_port = m_server.bind_to_any_port("127.0.0.1");
    m_serving = std::thread([this] { m_server.listen_after_bind(); });
    while (!m_server.is_running()) std::this_thread::yield();
  }
  ~FakeRelay() {
    m_server.stop();
    m_serving.join();
  }
  std::string url() const { return "relay+http://127.0.0.1:" + std::to_string(m_port); }

  std::atomic<uint64_t> version{1};
  std::atomic<uint64_t> documentRequests{0};  ///< every /v/ request, /changes included

 private:
  std::optional<std::string> originBody(const std::string& path) {
    std::lock_guard lock(m_mutex);
    if (auto it = m_bodies.find(path); it != m_bodies.end()) return it->second;
    auto r = m_origin.Get(path.c_str());
    if (!r || r->status != 200) return std::nullopt;
    return m_bodies[path] = r->body;
  }

  httplib::Client m_origin;
  Answer m_answer;
  std::mutex m_mutex;
  std::map<std::string, std::string> m_bodies;
  httplib::Server m_server;
  int m_port = 0;
  std::thread m_serving;
};

TEST(Relay, AWallTileTakesOnlyWholeVersions) {
  SimProcess sim({"--final"});
  ASSERT_TRUE(sim.ok());
  FakeRelay fake(sim.port(), [](const std::string& v, const std::string& path,
                                const std::string& body, httplib::Response& res) {
    if (v != "2" || path != "/pemilu/hhcw/ppwp/35.json") return false;
    res.set_header("ETag", "\"" + contentHash(body) + "\"");
    res.set_content(body + " ", "application/json");  // altered on the way
    return true;
  });
  auto& version = fake.version;

  FetchPlan plan(*tree());
  plan.sweep(Level::Province);
  RelayVersionReader reader(tree(), fake.url(), plan);
  ASSERT_TRUE(reader.poll());
  auto first = reader.ready();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->latest.version, 1u);
  auto truth = get(sim.port(), "/pemilu/hhcw/ppwp.json");
  SirekapParser parser;
  Aggregate nation;
  ASSERT_TRUE(truth && parser.parseAggregate(truth->body, nation));
  uint64_t shown = 0, served = 0;
  for (auto v : first->snapshot->ownVotes(kNation)) shown += v;
  for (const VoteCount& c : nation.chart) served += c.votes;
  EXPECT_EQ(shown, served);
  EXPECT_GT(served, 0u);

  version = 2;
  EXPECT_FALSE(reader.poll());
  EXPECT_EQ(reader.ready()->latest.version, 1u);  // version 1 stays, whole
  EXPECT_EQ(reader.status().announced, 2u);
  EXPECT_NE(reader.status().lastError.find("does not hash to its ETag"), std::string::npos) << reader.status().lastError;

  version = 3;
  ASSERT_TRUE(reader.poll());
  EXPECT_EQ(reader.ready()->latest.version, 3u);
  EXPECT_TRUE(reader.status().lastError.empty());
  EXPECT_EQ(reader.readyAfter(1).size(), 1u);  // 2 was never published
}

namespace {

/// The same figures, region by region, down to the provinces (a relay read with --levels 2).
void expectSameSnapshot(const Snapshot& a, const Snapshot& b) {
  ASSERT_EQ(a.candidateCount(), b.candidateCount());
  for (RegionId id = 0; id < tree()->levelEnd(Level::Province); ++id) {
    const auto av = a.votes(id), bv = b.votes(id), ao = a.ownVotes(id), bo = b.ownVotes(id);
    EXPECT_TRUE(std::equal(av.begin(), av.end(), bv.begin(), bv.end())) << "region " << id;
    EXPECT_TRUE(std::equal(ao.begin(), ao.end(), bo.begin(), bo.end())) << "region " << id;
  }
}

}  // namespace

// A display holding the version just before the newest reads the newest's /v/V/changes and asks
// the relay for the documents listed there only, and ends with the snapshot a whole read gives.
TEST(Relay, ADisplayHoldingTheVersionBeforeReadsOnlyWhatChanged) {
  SimProcess sim({"--at", "2024-02-14 16:00", "--speed", "60"});  // counting is under way
  ASSERT_TRUE(sim.ok());
  RelayProcess relay(
      {"--source", sim.url(), "--levels", "2", "--poll-ms", "500", "--keep", "16"});
  ASSERT_TRUE(relay.ok()) << relay.line();
  FetchPlan plan(*tree());
  plan.sweep(Level::Province);
  RelayVersionReader reader(tree(), relay.relayUrl(), plan);
  ASSERT_TRUE(reader.poll());
  const uint64_t whole = reader.status().documentsRequested;  // the first read: every document
  EXPECT_EQ(reader.status().changesReads, 0u);
  auto relayDocuments = [&] {
    auto stats = get(relay.port(), "/_relay/stats");
    EXPECT_TRUE(stats);
    return stats ? jsonNumber(stats->body, "document_requests") : 0;
  };
  // Versions come about every half second; the relay may publish two between the reader's looks
  // on a loaded machine (then it reads the whole version): a few tries for one read of V after V-1.
  for (int tries = 0; tries < 10 && reader.status().changesReads == 0; ++tries) {
    const uint64_t held = reader.ready()->latest.version;
    const RelayLatest next = awaitVersionAfter(relay.port(), held);
    ASSERT_GT(next.version, held);
    const uint64_t servedBefore = relayDocuments(), askedBefore = reader.status().documentsRequested;
    ASSERT_TRUE(reader.poll()) << reader.status().lastError;
    const uint64_t asked = reader.status().documentsRequested - askedBefore;
    EXPECT_EQ(relayDocuments() - servedBefore, asked) << "the relay served what the display asked";
    if (reader.status().changesReads == 0) {
      EXPECT_EQ(asked, whole);
      continue;
    }
    const uint64_t read = reader.ready()->latest.version;
    auto changes = get(relay.port(), "/v/" + std::to_string(read) + "/changes");
    ASSERT_TRUE(changes && changes->status == 200);
    EXPECT_EQ(changes->get_header_value("Cache-Control"), "public, max-age=31536000, immutable");
    auto gone = get(relay.port(), "/v/1/changes");  // long before --keep's 16
    ASSERT_TRUE(gone);
    EXPECT_EQ(gone->status, 410);
    auto parsed = parseRelayChanges(changes->body);
    ASSERT_TRUE(parsed) << parsed.error().message;
    EXPECT_EQ(parsed->since, held);
    std::set<std::string> mine{documentPath(*tree(), DocumentRef::candidates())};
    for (std::size_t i = 0; i < plan.size(); ++i) mine.insert(documentPath(*tree(), plan.document(i)));
    uint64_t listed = 0;  // of the display's documents
    for (const std::string& p : parsed->paths) listed += mine.count(p);
    EXPECT_EQ(asked, listed) << changes->body;
    EXPECT_GT(asked, 0u) << "the nation changes while counting is under way";
    EXPECT_LT(asked, whole) << "the candidate list never changes";
  }
  ASSERT_EQ(reader.status().changesReads, 1u) << "no two consecutive versions read in 10 tries";
  EXPECT_TRUE(reader.status().changesRefused.empty()) << reader.status().changesRefused;

  // The night stops: the relay keeps its last version; the display catches up with it, and a
  // display reading it whole from nothing holds the same figures.
  EXPECT_EQ(sim.stop(), 0);
  for (int tries = 0; tries < 5; ++tries) {
    reader.poll();
    RelayVersionReader fresh(tree(), relay.relayUrl(), plan);
    ASSERT_TRUE(fresh.poll()) << fresh.status().lastError;
    if (fresh.ready()->latest.version != reader.ready()->latest.version) continue;  // one more came
    EXPECT_EQ(fresh.status().documentsRequested, whole);
    expectSameSnapshot(*reader.ready()->snapshot, *fresh.ready()->snapshot);
    return;
  }
  FAIL() << "the relay kept publishing after its source stopped";
}

// /v/V/changes that fails or is refused (absent, malformed, oversized, of another version): the
// display says why and reads the whole version, and holds it whole.
TEST(Relay, AChangesDocumentThatFailsOrIsRefusedFallsBackToTheWholeVersion) {
  SimProcess sim({"--final"});
  ASSERT_TRUE(sim.ok());
  std::atomic<int> mode{0};
  const std::pair<int, std::string> broken[] = {
      {500, "{}"},
      {200, "{\"version\": 2, \"since\": 1, \"paths\": [\"/pemilu/hhcw/ppwp.json\""},
      {200, "{\"version\": 3, \"since\": 2, \"paths\": [\"/pemilu/../../etc/passwd\"]}"},
      {200, "{\"version\": 4, \"since\": 3, \"paths\": [\"" + std::string(2u << 20, 'a') + "\"]}"},
      {200, "{\"version\": 9, \"since\": 4, \"paths\": []}"},  // another version's
  };
  const std::string why[] = {"/v/2/changes", "relay /changes", "not a Sirekap API path", "byte limit",
                             "names version 9"};
  FakeRelay fake(sim.port(), [&](const std::string&, const std::string& path, const std::string&,
                                 httplib::Response& res) {
    if (path != "/changes") return false;
    const auto& [status, body] = broken[mode.load()];
    res.status = status;
    res.set_header("ETag", "\"" + contentHash(body) + "\"");
    res.set_content(body, "application/json");
    return true;
  });
  FetchPlan plan(*tree());
  plan.sweep(Level::Province);
  RelayVersionReader reader(tree(), fake.url(), plan);
  ASSERT_TRUE(reader.poll());
  const uint64_t whole = reader.status().documentsRequested;
  const auto first = reader.ready();
  for (int m = 0; m < 5; ++m) {
    mode = m;
    fake.version = 2 + m;
    const uint64_t before = reader.status().documentsRequested;
    ASSERT_TRUE(reader.poll()) << reader.status().lastError;
    EXPECT_EQ(reader.ready()->latest.version, 2u + m);
    EXPECT_EQ(reader.status().documentsRequested - before, whole) << "mode " << m;
    EXPECT_EQ(reader.status().changesReads, 0u);
    EXPECT_NE(reader.status().changesRefused.find(why[m]), std::string::npos)
        << "mode " << m << ": " << reader.status().changesRefused.substr(0, 300);
    EXPECT_NE(reader.status().changesRefused.find("the whole version is read instead"), std::string::npos);
    expectSameSnapshot(*first->snapshot, *reader.ready()->snapshot);
  }
}

// The live window's relay+http source: a request whose validators name what the source read at
// the version before, and that the new version's /changes does not list, is answered 304 without
// asking the relay; what changed is read. Every answer is the ETag the relay has at that version.
TEST(Relay, TheRelaySourceAsksOnlyForWhatChangedSinceTheVersionItRead) {
  SimProcess sim({"--at", "2024-02-14 16:00", "--speed", "60"});
  ASSERT_TRUE(sim.ok());
  RelayProcess relay(
      {"--source", sim.url(), "--levels", "2", "--poll-ms", "500", "--keep", "16"});
  ASSERT_TRUE(relay.ok()) << relay.line();
  SourceOptions so;
  so.relayFollowMs = 0;
  auto source = openSource(relay.relayUrl(), so);
  ASSERT_TRUE(source);
  std::vector<std::string> paths{documentPath(*tree(), DocumentRef::candidates())};
  for (RegionId id = 0; id < tree()->levelEnd(Level::Province); ++id)
    paths.push_back(documentPath(*tree(), DocumentRef::counts(*tree(), id)));
  std::vector<Validators> held(paths.size());
  auto read = [&] {  // every path, with the validators held
    std::vector<FetchRequest> requests;
    for (std::size_t i = 0; i < paths.size(); ++i) requests.push_back({paths[i], held[i], i});
    std::vector<FetchResult> out(paths.size());
    (*source)->fetch(requests, [&](FetchResult&& r) { out[r.tag] = std::move(r); });
    for (std::size_t i = 0; i < paths.size(); ++i) {
      EXPECT_NE(out[i].outcome, FetchOutcome::Failed) << paths[i] << ": " << out[i].error.message;
      if (out[i].outcome == FetchOutcome::Ok) held[i] = out[i].validators;
    }
    return out;
  };
  auto relayDocuments = [&] {
    auto stats = get(relay.port(), "/_relay/stats");
    EXPECT_TRUE(stats);
    return stats ? jsonNumber(stats->body, "document_requests") : 0;
  };
  read();
  bool checked = false;
  for (int tries = 0; tries < 10 && !checked; ++tries) {
    const uint64_t before = (*source)->version();
    ASSERT_GT(awaitVersionAfter(relay.port(), before).version, before);
    const uint64_t served = relayDocuments();
    const auto out = read();
    const uint64_t now = (*source)->version(), asked = relayDocuments() - served;
    auto changes = get(relay.port(), "/v/" + std::to_string(now) + "/changes");
    ASSERT_TRUE(changes && changes->status == 200);
    auto parsed = parseRelayChanges(changes->body);
    ASSERT_TRUE(parsed) << parsed.error().message;
    for (std::size_t i = 0; i < paths.size(); ++i) {  // what a whole read of `now` gives
      auto direct = get(relay.port(), "/v/" + std::to_string(now) + paths[i]);
      ASSERT_TRUE(direct && direct->status == 200);
      EXPECT_EQ(held[i].etag, direct->get_header_value("ETag")) << paths[i];
    }
    if (parsed->since != before) {
      EXPECT_EQ(asked, paths.size()) << "a version skipped: every path asked (304s)";
      continue;
    }
    uint64_t listed = 0;
    for (const std::string& p : paths)
      listed += std::binary_search(parsed->paths.begin(), parsed->paths.end(), p);
    EXPECT_EQ(asked, listed) << changes->body;
    EXPECT_GT(asked, 0u);
    EXPECT_LT(asked, paths.size());
    checked = true;
  }
  EXPECT_TRUE(checked) << "no two consecutive versions read in 10 tries";
}
