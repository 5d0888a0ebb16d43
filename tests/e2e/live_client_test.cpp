// The live client against the real pantau-sim on 127.0.0.1: sweeps, 304s, 5xx with backoff, a
// server that dies mid-sweep and comes back, oversized bodies, slow loris, malformed JSON and
// redirects. The client's clock is injected, so backoff is advanced, never slept through.

#include <gtest/gtest.h>
#include <httplib.h>

#include "pantau/data/source/live_client.hpp"
#include "sim_process.hpp"
#include "test_support.hpp"

using namespace pantau::data;
using pantau::test::SimProcess;

namespace {

const std::shared_ptr<const RegionTree>& tree() { return pantau::test::sharedTree(); }

void fault(const SimProcess& sim, const std::string& path, const std::string& kind, int count = 1) {
  httplib::Client cli("127.0.0.1", sim.port());
  auto r = cli.Post(("/_sim/fault?path=" + path + "&kind=" + kind + "&count=" + std::to_string(count)).c_str());
  ASSERT_TRUE(r && r->status == 200);
}

struct Client {
  int64_t clock = 1'700'000'000'000;
  std::unique_ptr<LiveClient> live;

  /// The transport tests run without the change index (every level at its interval), so that an
  /// hour later every document is due; the politeness tests give it.
  Client(const std::string& url, Level deepest, SourceOptions so = {}, ChangeIndexOptions index = {.slowMs = 0},
         std::size_t batch = 256) {
    LiveOptions o;
    o.sweepDeepest = deepest;
    o.changeIndex = index;
    o.batch = batch;
    o.clockMs = [this] { return clock; };
    auto source = openSource(url, so);
    EXPECT_TRUE(source);
    live = std::make_unique<LiveClient>(tree(), std::move(*source), o);
  }
  /// Rounds until nothing is due at the current clock.
  std::size_t drain() {
    std::size_t total = 0;
    while (std::size_t n = live->runOnce()) total += n;
    return total;
  }
  std::shared_ptr<const Snapshot> snap() { return live->mailbox().latest(); }
};

/// What the origin has been asked so far (the simulator's count, its control endpoints left out).
uint64_t originRequests(const SimProcess& sim) {
  httplib::Client cli("127.0.0.1", sim.port());
  auto r = cli.Get("/_sim/stats");
  EXPECT_TRUE(r && r->status == 200);
  if (!r) return 0;
  const auto at = r->body.find("\"requests\":");
  return at == std::string::npos ? 0 : std::stoull(r->body.substr(at + 11));
}

/// The display's defaults (LiveOptions): the nation and the provinces at their interval, the
/// rest when its row changed or on the slow interval.
const ChangeIndexOptions kDisplayIndex = LiveOptions{}.changeIndex;
constexpr int64_t kFastIntervalMs = 36'001;  // the provinces' 30 s with +20% jitter: all due again

}  // namespace

TEST(LiveClient, NothingChangingCostsTheOriginTheNationAndTheProvinces) {
  SimProcess sim({"--final"});
  ASSERT_TRUE(sim.ok());
  Client c(sim.url(), Level::Regency, {}, kDisplayIndex);
  const RegionId district = tree()->find("357801");  // the integrity layer on one district: its TPS
  c.live->sweepTpsUnder(district);
  const std::size_t first = c.drain();
  std::size_t villages = 0, tps = 0;
  for (RegionId v : tree()->children(district)) ++villages, tps += tree()->children(v).size();
  // Candidates, nation, 39 provinces, 643 regencies, the district with its villages and TPS, but
  // for the TPS whose rows say they never reported.
  const uint32_t empty = c.live->changeIndex().waitingOnEmptyRows();
  EXPECT_EQ(first, 1u + 683u + 1u + villages + tps - empty);
  EXPECT_EQ(c.live->tpsSweep().needed, tps);
  EXPECT_EQ(c.live->tpsSweep().read, tps);  // read, or known empty
  EXPECT_EQ(originRequests(sim), first);
  // A quarter of an hour of nothing changing: the candidate list, the nation and the provinces
  // each interval, and not one document more.
  for (int round = 0; round < 25; ++round) {
    const uint64_t before = originRequests(sim);
    c.clock += kFastIntervalMs;
    EXPECT_EQ(c.drain(), 41u) << round;
    EXPECT_EQ(originRequests(sim) - before, 41u) << round;
  }
  EXPECT_EQ(c.live->changeIndex().woken(), 0u);
  // The slow interval (an hour, with its jitter) brings everything back once, for what rows do
  // not show (photos, administrasi), the TPS whose rows are empty with them.
  c.clock += 4'400'000;
  EXPECT_EQ(c.drain(), first + empty);
  EXPECT_EQ(c.live->changeIndex().waitingOnEmptyRows(), 0u);
}

/// The documents the origin was asked for (distinct paths) and the requests beyond each one's
/// first at the TPS level (GET /_sim/stats?repeats).
std::pair<uint64_t, uint64_t> originPathsAndTpsRepeats(const SimProcess& sim) {
  httplib::Client cli("127.0.0.1", sim.port());
  auto r = cli.Get("/_sim/stats?repeats");
  EXPECT_TRUE(r && r->status == 200);
  if (!r) return {0, 0};
  const auto paths = r->body.find("\"paths\":"), levels = r->body.find('[', r->body.find("\"repeats_by_level\":"));
  EXPECT_NE(paths, std::string::npos);
  EXPECT_NE(levels, std::string::npos);
  if (paths == std::string::npos || levels == std::string::npos) return {0, 0};
  std::string_view rest = std::string_view(r->body).substr(levels + 1);
  for (int level = 0; level < 5; ++level) rest.remove_prefix(rest.find(',') + 1);  // to the TPS'
  return {std::stoull(r->body.substr(paths + 8)), std::stoull(std::string(rest.substr(0, rest.find_first_of(",]"))))};
}

TEST(LiveClient, ATpsIsReadWhenItsRowSaysItReportedNotBefore) {
  // The night at ten simulated minutes a second from 14:00: at the first sweep many of the
  // district's TPS have not reported (their rows in their villages' tables are empty), and they
  // report while the client polls.
  SimProcess sim({"--at", "2024-02-14 14:00", "--speed", "600"});
  ASSERT_TRUE(sim.ok());
  // One document a round, so that a village's table is always read before its TPS are handed out
  // (a round reads its documents together: a TPS in the same round as its village's table would
  // be read before its row was seen).
  Client c(sim.url(), Level::Regency, {}, kDisplayIndex, 1);
  const RegionId district = tree()->find("357801");
  std::size_t villages = 0, tps = 0;
  for (RegionId v : tree()->children(district)) ++villages, tps += tree()->children(v).size();
  c.live->sweepTpsUnder(district);
  c.drain();
  const uint32_t emptyAtFirst = c.live->changeIndex().waitingOnEmptyRows();
  EXPECT_GT(emptyAtFirst, tps / 10);  // the empty TPS were not read
  EXPECT_EQ(c.live->tpsSweep().read, tps);  // read, or known empty
  // Twenty nation intervals (a few simulated hours): each TPS that reports is read once, when its
  // row shows its votes.
  for (int round = 0; round < 20; ++round) {
    c.clock += kFastIntervalMs;
    c.drain();
  }
  const uint32_t emptyAtEnd = c.live->changeIndex().waitingOnEmptyRows();
  EXPECT_LT(emptyAtEnd, emptyAtFirst);
  const auto [paths, tpsRepeats] = originPathsAndTpsRepeats(sim);
  EXPECT_EQ(tpsRepeats, 0u);  // no TPS asked twice
  // Every document the client tracks was asked for, but the TPS whose rows are still empty.
  EXPECT_EQ(paths, 1u + 683u + 1u + villages + tps - emptyAtEnd);
  EXPECT_EQ(c.live->tpsSweep().read, tps);
}

TEST(LiveClient, AChangeIsReadDownTheTreeAlongTheRowsThatChanged) {
  // The night moving at ten simulated minutes a second: the sim regenerates its aggregates every
  // simulated minute, so by the end of the first sweep (more than a tenth of a second) it has moved.
  SimProcess sim({"--at", "2024-02-14 15:00", "--speed", "600"});
  ASSERT_TRUE(sim.ok());
  Client c(sim.url(), Level::Regency, {}, kDisplayIndex);
  const RegionId district = tree()->find("357801");
  c.live->sweepTpsUnder(district);
  const std::size_t first = c.drain();
  const int64_t simulatedStart = c.snap()->status(kNation).sourceTs;
  // At the next nation interval the client reads the nation and the provinces, and of everything
  // below only what a changed row in its parent's table named (woken), down to the TPS.
  const uint64_t woken0 = c.live->changeIndex().woken();
  const uint64_t before = originRequests(sim);
  c.clock += kFastIntervalMs;
  const std::size_t n = c.drain();
  const uint64_t woke = c.live->changeIndex().woken() - woken0;
  EXPECT_EQ(originRequests(sim) - before, n);
  EXPECT_GT(c.snap()->status(kNation).sourceTs, simulatedStart);
  EXPECT_GT(woke, 0u);
  EXPECT_EQ(n, 41u + woke);  // every read beyond the fast documents was woken by its row
  EXPECT_LT(n, first);
}

TEST(LiveClient, SweepThenEverythingUnchangedIs304) {
  SimProcess sim({"--final"});
  ASSERT_TRUE(sim.ok());
  Client c(sim.url(), Level::Regency);
  EXPECT_EQ(c.drain(), 1u + 683u);  // candidates, nation, 39 provinces, 643 regencies
  auto s = c.snap();
  ASSERT_TRUE(s);
  EXPECT_EQ(s->candidates(), (std::vector<CandidateId>{100025, 100026, 100027}));
  EXPECT_EQ(s->status(kNation).progressTotal, 822116u);
  const RegionId jatim = tree()->find("35");
  EXPECT_GT(s->ownVotes(jatim)[1], 0u);
  EXPECT_EQ(s->ownVotes(jatim)[1], s->votes(jatim)[1]);  // its row in the nation = its own chart
  const RegionId surabaya = tree()->find("3578");
  EXPECT_TRUE(s->status(surabaya).has(RegionStatus::kHasOwn));
  EXPECT_TRUE(s->status(tree()->find("357801")).has(RegionStatus::kHasRow));  // districts from regency rows
  EXPECT_EQ(s->health().errors, 0u);

  c.clock += 3'600'000;  // an hour later everything is due again; nothing changed at --final
  EXPECT_EQ(c.drain(), 684u);
  auto again = c.snap();
  EXPECT_EQ(again->health().notModified, 684u);
  EXPECT_EQ(again->status(jatim).confirmedAtMs, c.clock);
  EXPECT_EQ(again->votes(jatim)[1], s->votes(jatim)[1]);
}

TEST(LiveClient, ServerErrorBacksOffHonoursRetryAfterAndRecovers) {
  SimProcess sim({"--final"});
  ASSERT_TRUE(sim.ok());
  Client c(sim.url(), Level::Province);
  c.drain();
  const auto good = c.snap();
  ASSERT_GT(good->ownVotes(kNation)[0], 0u);
  fault(sim, "/pemilu/hhcw/ppwp.json", "status:503");
  c.clock += 3'600'000;
  c.drain();
  auto s = c.snap();
  EXPECT_EQ(s->health().errors, 1u);
  EXPECT_EQ(s->health().inBackoff, 1u);
  ASSERT_TRUE(s->status(kNation).lastError);
  EXPECT_NE(s->status(kNation).lastError->find("HTTP 503"), std::string::npos);
  EXPECT_EQ(s->ownVotes(kNation)[0], good->ownVotes(kNation)[0]);  // last good data kept
  EXPECT_GE(c.live->nextDueMs(), c.clock + 2000);                  // Retry-After: 2
  c.clock += 2500;
  c.drain();
  EXPECT_FALSE(c.snap()->status(kNation).lastError);
  EXPECT_EQ(c.snap()->health().inBackoff, 0u);
}

TEST(LiveClient, ServerStopsMidSweepAndComesBack) {
  auto sim = std::make_unique<SimProcess>(std::vector<std::string>{"--final"});
  ASSERT_TRUE(sim->ok());
  const int port = sim->port();
  Client c(sim->url(), Level::Regency);
  c.live->runOnce();  // candidates
  c.live->runOnce();  // the first 256 documents, then the server goes away
  const auto before = c.snap();
  ASSERT_TRUE(before);
  const uint32_t nationBefore = before->ownVotes(kNation)[1];
  ASSERT_GT(nationBefore, 0u);
  EXPECT_EQ(sim->stop(), 0);
  c.drain();
  auto down = c.snap();
  EXPECT_GT(down->health().errors, 0u);
  EXPECT_EQ(down->ownVotes(kNation)[1], nationBefore);                                  // nothing lost
  EXPECT_EQ(down->status(kNation).confirmedAtMs, before->status(kNation).confirmedAtMs);  // and visibly stale
  const RegionId lastRegency = tree()->levelEnd(Level::Regency) - 1;
  ASSERT_TRUE(down->status(lastRegency).lastError);
  EXPECT_NE(down->status(lastRegency).lastError->find("transfer failed"), std::string::npos) << *down->status(lastRegency).lastError;

  sim = std::make_unique<SimProcess>(std::vector<std::string>{"--final", "--port", std::to_string(port)});
  ASSERT_TRUE(sim->ok()) << sim->line();
  c.clock += 400'000;  // past every backoff
  c.drain();
  auto up = c.snap();
  EXPECT_FALSE(up->status(lastRegency).lastError);
  EXPECT_TRUE(up->status(lastRegency).has(RegionStatus::kHasOwn));
  EXPECT_EQ(up->health().inBackoff, 0u);
}

TEST(LiveClient, OversizedBodyMalformedJsonAndDroppedConnectionKeepTheLastGoodData) {
  SimProcess sim({"--final"});
  ASSERT_TRUE(sim.ok());
  SourceOptions so;
  so.maxBodyBytes = 1 << 20;
  Client c(sim.url(), Level::Province, so);
  c.drain();
  const RegionId bali = tree()->find("51");
  const uint32_t good = c.snap()->ownVotes(bali)[2];
  ASSERT_GT(good, 0u);
  const std::pair<const char*, const char*> cases[] = {
      {"huge", "over the limit of 1048576 bytes"}, {"malformed", "truncated or malformed JSON"}, {"drop", "transfer failed"}};
  for (auto [kind, message] : cases) {
    fault(sim, "/pemilu/hhcw/ppwp/51.json", kind);
    c.clock += 3'600'000;
    c.drain();
    auto s = c.snap();
    ASSERT_TRUE(s->status(bali).lastError) << kind;
    EXPECT_NE(s->status(bali).lastError->find(message), std::string::npos) << kind << ": " << *s->status(bali).lastError;
    EXPECT_NE(s->status(bali).lastError->find("/pemilu/hhcw/ppwp/51.json"), std::string::npos);
    EXPECT_EQ(s->ownVotes(bali)[2], good) << kind;
  }
}

TEST(LiveClient, SlowLorisTimesOut) {
  SimProcess sim({"--final"});
  ASSERT_TRUE(sim.ok());
  SourceOptions so;
  so.lowSpeedBytesPerSec = 100;
  so.lowSpeedSeconds = 2;
  Client c(sim.url(), Level::Nation, so);
  c.drain();
  fault(sim, "/pemilu/hhcw/ppwp.json", "slowloris");
  c.clock += 3'600'000;
  const auto t0 = std::chrono::steady_clock::now();
  c.drain();
  const double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  auto s = c.snap();
  ASSERT_TRUE(s->status(kNation).lastError);
  EXPECT_NE(s->status(kNation).lastError->find("timed out"), std::string::npos) << *s->status(kNation).lastError;
  EXPECT_LT(took, 15.0);  // well before the minute the server would trickle for
}

TEST(LiveClient, RedirectToAnotherHostRefusedUnlessAllowed) {
  SimProcess sim({"--final"});
  ASSERT_TRUE(sim.ok());
  Client c(sim.url(), Level::Nation);
  c.drain();
  fault(sim, "/pemilu/hhcw/ppwp.json", "redirect");
  c.clock += 3'600'000;
  c.drain();
  auto s = c.snap();
  ASSERT_TRUE(s->status(kNation).lastError);
  EXPECT_NE(s->status(kNation).lastError->find("redirect"), std::string::npos);
  EXPECT_NE(s->status(kNation).lastError->find("127.0.0.2"), std::string::npos);
  EXPECT_NE(s->status(kNation).lastError->find("refused"), std::string::npos);

  SourceOptions allow;
  allow.allowRedirectHosts = {"127.0.0.2"};
  SimProcess other({"--final", "--host", "127.0.0.2"});  // the other host, still loopback
  ASSERT_TRUE(other.ok());
  Client a(sim.url(), Level::Nation, allow);
  a.drain();
  fault(sim, "/pemilu/hhcw/ppwp.json", "redirect:127.0.0.2:" + std::to_string(other.port()));
  a.clock += 3'600'000;
  a.drain();
  EXPECT_FALSE(a.snap()->status(kNation).lastError);
  EXPECT_EQ(a.snap()->health().errors, 0u);
}

TEST(LiveClient, MirrorDirectoryIsASourceToo) {
  SimProcess sim({"--final"});
  ASSERT_TRUE(sim.ok());
  const std::string dir = pantau::test::tempPath("mirror_source");
  std::filesystem::remove_all(dir);
  const std::string cmd = std::string(PANTAU_BIN_DIR) + "/pantau-data mirror " + sim.url() + " " + dir + " --levels 2";
  auto run = [&] {
    std::string out;
    FILE* p = popen(cmd.c_str(), "r");
    char buf[512];
    while (p && std::fgets(buf, sizeof buf, p)) out += buf;
    EXPECT_EQ(p ? pclose(p) : -1, 0);
    return out;
  };
  EXPECT_EQ(run().rfind("documents 41, bytes ", 0), 0u);  // candidates, nation, 39 provinces
  const std::string again = run();                        // a re-run fetches only what changed
  EXPECT_NE(again.find(", 304s 41, errors 0, "), std::string::npos) << again;
  EXPECT_TRUE(std::filesystem::exists(dir + "/pemilu/hhcw/ppwp/35.json"));
  EXPECT_TRUE(std::filesystem::exists(dir + "/pemilu/ppwp.json"));
  Client c(dir, Level::Province);
  EXPECT_EQ(c.drain(), 41u);
  EXPECT_EQ(c.snap()->health().errors, 0u);
  EXPECT_EQ(c.snap()->status(kNation).progressTotal, 822116u);
  c.clock += 3'600'000;
  c.drain();
  EXPECT_EQ(c.snap()->health().notModified, 41u);  // unchanged files: a stat, no read
}

// A display focuses on what it shows as soon as it opens, before the candidate list is in: the
// focused documents wait for the list instead of being read first, failed ("no candidate list
// yet") and backed off. Against a mirror (whose answers come back in the order asked) the window's
// header said "Data per -" and "TPS masuk 0 dari 0" for the backoff's length, one start in six.
TEST(LiveClient, FocusBeforeTheCandidateListWaitsForIt) {
  SimProcess sim({"--final"});
  ASSERT_TRUE(sim.ok());
  const std::string dir = pantau::test::freshDir("mirror_focus").string();
  ASSERT_EQ(pantau::test::runCommand(std::string(PANTAU_BIN_DIR) + "/pantau-data mirror " + sim.url() + " " + dir +
                                     " --levels 2").status, 0);
  Client c(dir, Level::Province);
  c.live->focus({kNation, tree()->find("35")});
  c.drain();
  EXPECT_EQ(c.snap()->health().errors, 0u) << c.snap()->health().lastError;
  EXPECT_EQ(c.snap()->health().inBackoff, 0u);
  EXPECT_EQ(c.snap()->status(kNation).progressTotal, 822116u);
}

TEST(LiveClient, WorkerThreadPublishesWithoutBlockingReaders) {
  SimProcess sim({"--final"});
  ASSERT_TRUE(sim.ok());
  auto source = openSource(sim.url());
  ASSERT_TRUE(source);
  LiveOptions o;
  o.sweepDeepest = Level::Province;
  LiveClient live(tree(), std::move(*source), o);
  live.start();
  std::shared_ptr<const Snapshot> s;
  uint64_t version = 0;
  // Awaits publications (no sleeping): until the nation and all 39 provinces are in.
  for (int i = 0; i < 100; ++i) {
    s = live.mailbox().waitNewer(version, 5000);
    if (!s) continue;
    version = s->version();
    if (s->health().documentsApplied >= 40) break;
  }
  live.stop();
  ASSERT_TRUE(s);
  EXPECT_GE(s->health().documentsApplied, 40u);
}
