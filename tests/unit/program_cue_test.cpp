// The on-air program cue a video wall follows (GET /program, --follow): parsed and checked field
// by field, refused with the field named, and a follower on loopback that keeps its last good
// cue when the leader sends a bad one or one from the past.

#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <mutex>
#include <thread>

#include "program_cue.hpp"
#include "program_follower.hpp"

using namespace pantau::viewer::onair;

namespace {

ProgramCue jatim() {
  ProgramCue c;
  c.seq = 1796103481239;
  c.item = 4;
  c.name = "jawa-timur";
  c.view = "35";
  c.layer = "progress";
  c.applyAtMs = 1796103482739;
  return c;
}

/// The error parseProgramCue gives for `json` (empty when it took it).
std::string refusal(const std::string& json) {
  auto c = parseProgramCue(json);
  return c ? std::string() : c.error().message;
}

}  // namespace

TEST(ProgramCue, ReadsBackWhatTheLeaderWrites) {
  const std::string json = programCueJson(jatim());
  EXPECT_EQ(json,
            "{\"seq\": 1796103481239, \"item\": 4, \"name\": \"jawa-timur\", \"view\": \"35\", "
            "\"layer\": \"progress\", \"map\": \"regions\", \"contest\": \"ppwp\", "
            "\"caption\": \"\", \"breaking\": false, \"apply_at_ms\": 1796103482739}");
  auto back = parseProgramCue(json);
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(*back, jatim());
  // The item's caption and a breaking jump, as the wall draws them.
  ProgramCue strap = jatim();
  strap.caption = "Hitung cepat \"resmi\"";
  strap.breaking = true;
  auto strapBack = parseProgramCue(programCueJson(strap));
  ASSERT_TRUE(strapBack) << strapBack.error().message;
  EXPECT_EQ(*strapBack, strap);
  // A leader that writes neither: no caption, not breaking.
  auto older = parseProgramCue(
      "{\"seq\": 5, \"item\": 0, \"view\": \"\", \"layer\": \"winner\", \"map\": \"tiles\", "
      "\"contest\": \"ppwp\", \"apply_at_ms\": 1796103482739}");
  ASSERT_TRUE(older) << older.error().message;
  EXPECT_EQ(older->caption, "");
  EXPECT_FALSE(older->breaking);
}

TEST(ProgramCue, RefusesWhatIsNotACueNamingTheField) {
  EXPECT_EQ(refusal("{\"seq\": 1").rfind("/program: ", 0), 0u);  // simdjson's words for a cut body
  EXPECT_EQ(refusal("[1]"), "/program: not a JSON object");
  std::string noView = programCueJson(jatim());
  noView.replace(noView.find("\"view\""), 6, "\"vue\"");
  EXPECT_EQ(refusal(noView).rfind("/program: view: ", 0), 0u) << refusal(noView);
  auto with = [](auto edit) {
    ProgramCue c = jatim();
    edit(c);
    return refusal(programCueJson(c));
  };
  EXPECT_EQ(with([](ProgramCue& c) { c.seq = 0; }), "/program: seq 0 (a cue's seq starts at 1)");
  EXPECT_EQ(with([](ProgramCue& c) { c.item = -2; }), "/program: item -2, not in -1..100000");
  EXPECT_EQ(with([](ProgramCue& c) { c.view = "35x"; }),
            "/program: view is not a region code (digits)");
  EXPECT_EQ(with([](ProgramCue& c) { c.layer = "two words"; }),
            "/program: layer is not a layer name");
  EXPECT_EQ(with([](ProgramCue& c) { c.map = "globe"; }),
            "/program: map is neither \"regions\" nor \"tiles\"");
  EXPECT_EQ(with([](ProgramCue& c) { c.contest = "dprd"; }),
            "/program: contest is not ppwp, pdpr or pdpd");
  EXPECT_EQ(with([](ProgramCue& c) { c.applyAtMs = 1796103482; }),  // seconds, not ms
            "/program: apply_at_ms 1796103482 is not a wall-clock time in ms");
  EXPECT_EQ(with([](ProgramCue& c) { c.caption = std::string(257, 'x'); }),
            "/program: caption over 256 bytes");
  std::string breakingAsText = programCueJson(jatim());
  breakingAsText.replace(breakingAsText.find("false"), 5, "\"no\"");
  EXPECT_EQ(refusal(breakingAsText).rfind("/program: breaking: ", 0), 0u) << refusal(breakingAsText);
  EXPECT_EQ(refusal(std::string(5000, ' ')), "/program: 5000 bytes, over the 4096-byte limit");
  std::string asText = programCueJson(jatim());
  asText.replace(asText.find("4,"), 1, "\"4\"");
  EXPECT_EQ(refusal(asText).rfind("/program: item: ", 0), 0u) << refusal(asText);
}

TEST(ProgramCue, ASeqNeverGoesBackNorSaysTwoThings) {
  const ProgramCue a = jatim();
  ProgramCue later = a, earlier = a, other = a;
  later.seq += 1;
  earlier.seq -= 1;
  other.view = "11";
  EXPECT_TRUE(cueFollows(nullptr, earlier));
  EXPECT_TRUE(cueFollows(&a, a));
  EXPECT_TRUE(cueFollows(&a, later));
  EXPECT_EQ(cueFollows(&a, earlier).error().message,
            "/program: seq 1796103481238 after 1796103481239: a cue from the past");
  EXPECT_EQ(cueFollows(&a, other).error().message,
            "/program: seq 1796103481239 again, saying something else");
}

// A leader on loopback answers a good cue, then a malformed one, then one from the past: the
// follower keeps the good one and says why; then a newer one is taken.
TEST(ProgramFollower, KeepsTheLastGoodCueWhenTheLeaderSendsABadOne) {
  std::mutex m;
  std::string body = programCueJson(jatim());
  httplib::Server leader;
  leader.Get("/program", [&](const httplib::Request&, httplib::Response& res) {
    std::lock_guard lock(m);
    res.set_content(body, "application/json");
  });
  const int port = leader.bind_to_any_port("127.0.0.1");
  std::thread serve([&] { leader.listen_after_bind(); });
  auto follower = ProgramFollower::start("http://127.0.0.1:" + std::to_string(port), "", 20);
  ASSERT_TRUE(follower);
  auto await = [&](auto done) {
    const auto t0 = std::chrono::steady_clock::now();
    while (!done() && std::chrono::steady_clock::now() - t0 < std::chrono::seconds(10))
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    return done();
  };
  EXPECT_TRUE(await([&] { return (*follower)->latest().has_value(); }));
  EXPECT_EQ((*follower)->latest(), jatim());
  {
    std::lock_guard lock(m);
    body = "{\"seq\": 9, \"item\": 1, \"view\": \"35\"}";
  }
  EXPECT_TRUE(await([&] { return !(*follower)->lastError().empty(); }));
  EXPECT_EQ((*follower)->lastError().rfind("/program: layer: ", 0), 0u) << (*follower)->lastError();
  EXPECT_EQ((*follower)->latest(), jatim());
  ProgramCue past = jatim(), next = jatim();
  past.seq -= 10;
  {
    std::lock_guard lock(m);
    body = programCueJson(past);
  }
  EXPECT_TRUE(await([&] { return (*follower)->lastError().find("from the past") != std::string::npos; }));
  EXPECT_EQ((*follower)->latest(), jatim());
  next.seq += 10;
  next.view = "11";
  {
    std::lock_guard lock(m);
    body = programCueJson(next);
  }
  EXPECT_TRUE(await([&] { return (*follower)->latest() == next; }));
  EXPECT_EQ((*follower)->lastError(), "");
  follower->reset();
  leader.stop();
  serve.join();
}
