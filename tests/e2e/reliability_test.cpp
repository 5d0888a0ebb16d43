// Issue 15, "nothing lost, nothing crashes": the one-shot tools and the HTTP source against the
// real pantau-sim on 127.0.0.1. Each test reproduces one reported failure (and failed before its
// fix): a malformed 200 written over a good mirror file, a mirror giving up on a server failing
// 20% of requests, a 304 to an unconditional request taken as confirmation, a fetch that could
// not be cancelled, and an export that removed the old OUT before the new one was whole.

#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <future>

#include "pantau/data/base/file_io.hpp"
#include "pantau/data/sirekap/sirekap_parser.hpp"
#include "pantau/data/source/source.hpp"
#include "sim_process.hpp"
#include "test_support.hpp"

using namespace pantau::data;
using pantau::test::SimProcess;

namespace {

void fault(const SimProcess& sim, const std::string& path, const std::string& kind, int count = 1) {
  httplib::Client cli("127.0.0.1", sim.port());
  auto r = cli.Post(("/_sim/fault?path=" + path + "&kind=" + kind + "&count=" + std::to_string(count)).c_str());
  ASSERT_TRUE(r && r->status == 200);
}

pantau::test::CommandRun pantauData(const std::string& args) {
  return pantau::test::runCommand(std::string(PANTAU_BIN_DIR) + "/pantau-data " + args);
}

std::string freshDir(const std::string& name) {
  const std::string d = pantau::test::tempPath(name);
  std::filesystem::remove_all(d);
  return d;
}

bool parses(const std::string& file) {
  auto bytes = readFile(file, 1 << 24, SirekapParser::kPadding);
  if (!bytes) return false;
  SirekapParser parser;
  return parser.parseDocument(*bytes).ok();
}

}  // namespace

// Item 2: after kind=malformed on /pemilu/hhcw/ppwp/35.json, the mirror's 35.json was truncated
// JSON and the summary said "errors 0".
TEST(Reliability, MirrorNeverWritesAMalformedBodyOverAGoodFile) {
  SimProcess sim({"--final"});
  ASSERT_TRUE(sim.ok());
  const std::string dir = freshDir("mirror_malformed");
  auto first = pantauData("mirror " + sim.url() + " " + dir + " --levels 2");
  ASSERT_EQ(first.status, 0) << first.err;
  const std::string file = dir + "/pemilu/hhcw/ppwp/35.json";
  ASSERT_TRUE(parses(file));
  const auto good = readFile(file, 1 << 24);
  fault(sim, "/pemilu/hhcw/ppwp/35.json", "malformed", 1000);  // malformed for every retry too
  auto second = pantauData("mirror " + sim.url() + " " + dir + " --levels 2 --deadline 3");
  EXPECT_EQ(second.status, 1);
  EXPECT_NE(second.out.find("malformed 1,"), std::string::npos) << second.out;
  EXPECT_NE(second.err.find("/pemilu/hhcw/ppwp/35.json"), std::string::npos) << second.err;
  EXPECT_NE(second.err.find("did not parse and were not written"), std::string::npos) << second.err;
  EXPECT_EQ(readFile(file, 1 << 24).value(), good.value());  // the good file stays
  // One malformed answer, then good ones: retried and written, nothing failed.
  fault(sim, "/pemilu/hhcw/ppwp/35.json", "clear");
  fault(sim, "/pemilu/hhcw/ppwp/11.json", "malformed", 1);
  std::filesystem::remove(dir + "/pemilu/hhcw/ppwp/11.json");
  std::filesystem::remove_all(dir + "/.pantau-mirror");
  auto third = pantauData("mirror " + sim.url() + " " + dir + " --levels 2");
  EXPECT_EQ(third.status, 0) << third.err;
  EXPECT_TRUE(parses(dir + "/pemilu/hhcw/ppwp/11.json"));
  std::filesystem::remove_all(dir);
}

// Item 3: against a server failing 20% of requests, 141 of 684 documents failed.
TEST(Reliability, MirrorRetriesAServerFailingOneRequestInFive) {
  SimProcess sim({"--final", "--fail-rate", "0.2"});
  ASSERT_TRUE(sim.ok());
  const std::string dir = freshDir("mirror_flaky");
  auto run = pantauData("mirror " + sim.url() + " " + dir + " --levels 3 --deadline 60");
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_NE(run.out.find("documents 684,"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("errors 0,"), std::string::npos) << run.out;
  EXPECT_NE(run.err.find("recovered"), std::string::npos) << run.err;  // it did have to retry
  EXPECT_NE(run.err.find(", 0 still failed"), std::string::npos) << run.err;
  std::filesystem::remove_all(dir);
}

// Item 3, the other side: what still fails at the deadline is said, and the exit status says so.
TEST(Reliability, CheckSaysWhatStillFailedAtItsDeadline) {
  SimProcess sim({"--final"});
  ASSERT_TRUE(sim.ok());
  fault(sim, "/pemilu/hhcw/ppwp/35.json", "status:503", 1000);
  const auto t0 = std::chrono::steady_clock::now();
  auto run = pantau::test::runCommand(std::string(PANTAU_BIN_DIR) + "/pantau-data check " + sim.url() + " --region 3578011001 --deadline 2");
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_NE(run.err.find("1 still failed"), std::string::npos) << run.err;
  EXPECT_LT(seconds, 30);
}

// Item 5: a 304 to a request sent without validators counted as confirmed.
TEST(Reliability, A304WithoutValidatorsIsNotConfirmation) {
  SimProcess sim({"--final"});
  ASSERT_TRUE(sim.ok());
  fault(sim, "/pemilu/hhcw/ppwp.json", "status:304", 10);
  auto source = openSource(sim.url());
  ASSERT_TRUE(source);
  std::vector<FetchRequest> reqs{{"/pemilu/hhcw/ppwp.json", {}, 7}};
  std::vector<FetchResult> got;
  (*source)->fetch(reqs, [&](FetchResult&& r) { got.push_back(std::move(r)); });
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].outcome, FetchOutcome::Failed);
  EXPECT_NE(got[0].error.message.find("304 to a request without validators"), std::string::npos) << got[0].error.message;
  // With validators, a 304 is what it says.
  reqs[0].validators.etag = "\"x\"";
  got.clear();
  (*source)->fetch(reqs, [&](FetchResult&& r) { got.push_back(std::move(r)); });
  EXPECT_EQ(got[0].outcome, FetchOutcome::NotModified) << got[0].error.message << " http " << got[0].httpStatus;
}

// Item 7: a fetch could not be cancelled; stopping waited out the timeouts against a trickling
// server (up to half an hour for a headless TPS sweep).
TEST(Reliability, AFetchAgainstATricklingServerIsCancelledAtOnce) {
  SimProcess sim({"--final"});
  ASSERT_TRUE(sim.ok());
  fault(sim, "/pemilu/hhcw/ppwp.json", "slowloris", 1);
  SourceOptions so;
  so.lowSpeedSeconds = 60;  // the trickle alone would hold it a minute
  so.lowSpeedBytesPerSec = 1;
  auto source = openSource(sim.url(), so);
  ASSERT_TRUE(source);
  std::vector<FetchRequest> reqs{{"/pemilu/hhcw/ppwp.json", {}, 1}};
  auto done = std::async(std::launch::async, [&] {
    std::vector<FetchResult> got;
    (*source)->fetch(reqs, [&](FetchResult&& r) { got.push_back(std::move(r)); });
    return got;
  });
  // Wait until the server has the request (awaited, not slept through), then cancel.
  httplib::Client cli("127.0.0.1", sim.port());
  for (int i = 0; i < 500; ++i) {
    auto r = cli.Get("/_sim/stats?path=/pemilu/hhcw/ppwp.json");
    if (r && r->body.find("\"path_requests\": 1") != std::string::npos) break;
    ASSERT_EQ(done.wait_for(std::chrono::milliseconds(10)), std::future_status::timeout);
  }
  const auto t0 = std::chrono::steady_clock::now();
  (*source)->cancel();
  ASSERT_EQ(done.wait_for(std::chrono::seconds(5)), std::future_status::ready);
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(), 2.0);
  auto got = done.get();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].outcome, FetchOutcome::Failed);
  EXPECT_NE(got[0].error.message.find("cancelled"), std::string::npos) << got[0].error.message;
}

// Item 7: export removed the old OUT before the new one was whole; a failed export lost it.
TEST(Reliability, AFailedExportKeepsTheOldOut) {
  SimProcess sim({"--final"});
  ASSERT_TRUE(sim.ok());
  const std::string out = pantau::test::tempPath("export_keep.csv");
  ASSERT_TRUE(writeFileAtomic(out, "the previous export\n", false));
  // A source that cannot be read: the export fails, and OUT is as it was.
  auto run = pantauData("export http://127.0.0.1:1 --level province --format csv " + out + " --deadline 1");
  EXPECT_NE(run.status, 0);
  EXPECT_EQ(readFile(out, 1 << 20).value(), "the previous export\n");
  auto ok = pantauData("export " + sim.url() + " --level province --format csv " + out + " --no-tps");
  ASSERT_EQ(ok.status, 0) << ok.err;
  EXPECT_NE(readFile(out, 1 << 20).value(), "the previous export\n");
  std::filesystem::remove(out);
}

// Item 7: the simulator's control endpoint took unbounded bodies.
TEST(Reliability, SimControlEndpointRefusesHugeBodies) {
  SimProcess sim({"--final"});
  ASSERT_TRUE(sim.ok());
  httplib::Client cli("127.0.0.1", sim.port());
  auto r = cli.Post("/_sim/fault", std::string(4 << 20, 'x'), "application/x-www-form-urlencoded");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  auto longPath = cli.Post(("/_sim/fault?path=/" + std::string(600, 'a') + "&kind=malformed").c_str());
  ASSERT_TRUE(longPath);
  EXPECT_EQ(longPath->status, 400);
}
