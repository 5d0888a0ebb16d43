// Record a night from the simulator, replay it, and the snapshots match what the live client saw
// at each recorded time; a recorder killed with SIGKILL at any moment leaves a readable archive.

#include <gtest/gtest.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "pantau/data/archive/archive.hpp"
#include "pantau/data/source/live_client.hpp"
#include "pantau/data/archive/replay.hpp"
#include "sim_process.hpp"
#include "test_support.hpp"

using namespace pantau::data;
using pantau::test::SimProcess;

namespace {

const std::shared_ptr<const RegionTree>& tree() { return pantau::test::sharedTree(); }

int64_t wibMs(const char* text) {
  Timestamp ts;
  EXPECT_TRUE(parseTimestamp(text, ts)) << text;
  return ts.epochUtc * 1000;
}

/// One full sweep of a frozen sim, every document recorded; returns what the live client saw.
std::shared_ptr<const Snapshot> recordSweep(const std::string& at, ArchiveWriter& writer) {
  SimProcess sim({"--at", at, "--speed", "0", "--anomaly-rate", "0.01"});
  EXPECT_TRUE(sim.ok());
  auto source = openSource(sim.url());
  EXPECT_TRUE(source);
  LiveOptions o;
  o.sweepDeepest = Level::Regency;
  o.batch = 1024;
  int64_t clock = 1'700'000'000'000;
  o.clockMs = [&] { return clock; };
  o.onDocument = [&](int64_t timeMs, const FetchResult& r) {
    Status s = writer.append(timeMs, r.path, r.body);
    EXPECT_TRUE(s);
    return s;
  };
  LiveClient live(tree(), std::move(*source), o);
  live.request(tree()->find("357801"));  // and one district's own document (its villages' rows)
  while (live.runOnce() > 0) {
  }
  return live.mailbox().latest();
}

void expectSameFigures(const Snapshot& live, const Snapshot& replayed, const std::string& when) {
  const RegionTree& t = live.tree();
  int compared = 0;
  for (RegionId id = 0; id < t.levelEnd(Level::District); ++id) {
    ASSERT_TRUE(std::ranges::equal(live.votes(id), replayed.votes(id))) << when << " row of " << t.code(id);
    ASSERT_TRUE(std::ranges::equal(live.ownVotes(id), replayed.ownVotes(id))) << when << " chart of " << t.code(id);
    const RegionStatus &a = live.status(id), &b = replayed.status(id);
    ASSERT_EQ(a.flags, b.flags) << when << " " << t.code(id);
    ASSERT_EQ(a.progressReported, b.progressReported) << when << " " << t.code(id);
    ASSERT_EQ(a.sourceTs, b.sourceTs) << when << " " << t.code(id);
    ASSERT_EQ(a.persen, b.persen) << when << " " << t.code(id);
    ++compared;
  }
  // The district asked for: its villages' rows came from its own document.
  for (RegionId v : t.children(t.find("357801"))) ASSERT_TRUE(std::ranges::equal(live.votes(v), replayed.votes(v))) << when;
  EXPECT_GT(compared, 7000);
}

}  // namespace

TEST(ArchiveReplay, ReplayedMomentsMatchWhatWasSeenLive) {
  ASSERT_TRUE(tree());
  const auto dir = std::filesystem::path(pantau::test::tempPath("night_archive"));
  std::filesystem::remove_all(dir);
  auto writer = ArchiveWriter::open(dir);
  ASSERT_TRUE(writer);
  const std::vector<const char*> moments{"2024-02-14 14:00", "2024-02-14 16:30", "2024-02-14 21:00"};
  std::vector<std::shared_ptr<const Snapshot>> seen;
  for (const char* at : moments) seen.push_back(recordSweep(at, **writer));
  const ArchiveStats stats = (*writer)->stats();
  writer->reset();
  EXPECT_GT(stats.unchanged, 0u);  // documents that did not change between moments are not stored twice
  EXPECT_LT(stats.storedBytes * 3, stats.rawBytes) << "zstd should shrink JSON several times";

  auto archive = ArchiveReader::open(dir);
  ASSERT_TRUE(archive) << archive.error().message;
  Replay replay(*archive, tree());
  replay.setNeeds({.regions = {tree()->find("357801")}, .tpsUnder = {}});
  for (std::size_t i = 0; i < moments.size(); ++i) {
    const int64_t at = wibMs((std::string(moments[i]) + ":00").c_str());
    auto snap = replay.at(at);
    ASSERT_TRUE(snap) << snap.error().message;
    EXPECT_EQ(replay.stats().failed, 0u);
    expectSameFigures(*seen[i], **snap, moments[i]);
  }
  // Seeking backwards is as exact as forwards; before the first record there is nothing.
  auto back = replay.at(wibMs("2024-02-14 14:00:00"));
  ASSERT_TRUE(back);
  expectSameFigures(*seen[0], **back, "back to 14:00");
  auto early = replay.at(wibMs("2024-02-14 10:00:00"));  // the candidates are known, no count yet
  ASSERT_TRUE(early);
  EXPECT_FALSE((*early)->status(kNation).has(RegionStatus::kHasOwn));
  // The integrity layer follows the archive: flags at 21:00 exist (1% misreads in the sim's
  // aggregates do not show in aggregate checks, which hold; the engine ran).
  EXPECT_NE((*replay.at(wibMs("2024-02-14 21:00:00")))->integrity(), nullptr);

  // The viewer's way: a ReplayClient's worker builds each moment asked for, forwards and back,
  // as exactly; the asking thread only takes finished snapshots.
  ReplayClient client(*archive, tree());
  const ViewNeeds needs{.regions = {tree()->find("357801")}, .tpsUnder = {}};
  uint64_t version = 0;
  for (const std::size_t i : {2u, 0u, 1u}) {
    client.ask({wibMs((std::string(moments[i]) + ":00").c_str()), std::nullopt, needs});
    auto s = client.mailbox().waitNewer(version, 30000);
    ASSERT_TRUE(s && s->version() > version) << moments[i];
    version = s->version();
    EXPECT_NE(client.builtOn(), std::this_thread::get_id()) << "a moment was built on the asking thread";
    expectSameFigures(*seen[i], *s, std::string("worker at ") + moments[i]);
  }
  // With a baseline: it is published before the moment it goes with.
  client.ask({wibMs("2024-02-14 21:00:00"), wibMs("2024-02-14 14:00:00"), needs});
  auto moment = client.mailbox().waitNewer(version, 30000);
  ASSERT_TRUE(moment && moment->version() > version);
  auto baseline = client.baselineMailbox().latest();
  ASSERT_TRUE(baseline);
  expectSameFigures(*seen[2], *moment, "worker at 21:00 with a baseline");
  expectSameFigures(*seen[0], *baseline, "its baseline at 14:00");
  client.stop();
  EXPECT_TRUE(client.idle());
  std::filesystem::remove_all(dir);
}

// SIGKILL a recorder (pantau-data mirror --record) at several moments of its run: every time the
// archive opens, every record in it reads back whole, and appending goes on after the torn tail.
TEST(ArchiveReplay, KillNineLeavesAReadableArchive) {
  SimProcess sim({"--final"});
  ASSERT_TRUE(sim.ok());
  const auto base = std::filesystem::path(pantau::test::tempPath("kill9"));
  for (const uint64_t killAt : {20'000ull, 150'000ull, 600'000ull}) {
    std::filesystem::remove_all(base);
    const auto archiveDir = base / "archive";
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      const std::string bin = std::string(PANTAU_BIN_DIR) + "/pantau-data";
      const std::string mirrorDir = (base / "mirror").string(), rec = archiveDir.string();
      const int devnull = ::open("/dev/null", O_WRONLY);
      dup2(devnull, 1);
      dup2(devnull, 2);
      execl(bin.c_str(), bin.c_str(), "mirror", sim.url().c_str(), mirrorDir.c_str(), "--levels", "4", "--record", rec.c_str(),
            static_cast<char*>(nullptr));
      _exit(127);
    }
    // Wait (bounded) until the archive holds this many bytes, then kill without warning.
    const auto log = archiveDir / kArchiveLog;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    std::error_code ec;
    auto size = [&] {  // 0 until the recorder has created the log
      const auto n = std::filesystem::file_size(log, ec);
      return ec ? 0 : n;
    };
    while (size() < killAt && std::chrono::steady_clock::now() < deadline) std::this_thread::yield();
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status)) << "the recorder finished (status " << (WIFEXITED(status) ? WEXITSTATUS(status) : -1)
                                     << ", archive " << size() << " bytes) before " << killAt
                                     << " bytes: kill it earlier";
    auto r = ArchiveReader::open(archiveDir);
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_GT((*r)->recordCount(), 0u);
    for (const std::string& path : (*r)->paths()) {
      auto v = (*r)->find(path, INT64_MAX);
      ASSERT_TRUE(v);
      auto body = (*r)->read(*v);
      ASSERT_TRUE(body) << body.error().message;
      EXPECT_EQ(body->front(), '{') << path;
    }
    auto w = ArchiveWriter::open(archiveDir);
    ASSERT_TRUE(w) << w.error().message;
    ASSERT_TRUE((*w)->append(INT64_C(1'800'000'000'000), "/pemilu/ppwp.json", "{\"after\": \"the kill\"}"));
    w->reset();
    auto again = ArchiveReader::open(archiveDir);
    ASSERT_TRUE(again);
    EXPECT_EQ((*again)->stats().tornBytes, 0u);
    EXPECT_EQ((*again)->recordCount(), (*r)->recordCount() + 1);
  }
  std::filesystem::remove_all(base);
}
