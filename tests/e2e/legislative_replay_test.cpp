// A recorded legislative night replays as it was seen live: pantau-data mirror --contest pdpr|pdpd
// --record takes the simulator's DPR and DPD documents into one archive at two moments; at each
// moment the archive's seat projection, DPD race and maps (pantau --headless, the sidecar's
// regions) equal the live ones read from the simulator frozen at that moment.

#include <gtest/gtest.h>

#include <map>
#include <sstream>
#include <nlohmann/json.hpp>

#include "headless_shot.hpp"
#include "pantau/data/base/file_io.hpp"
#include "pantau/data/archive/replay.hpp"
#include "pantau/data/source/read_once.hpp"
#include "sim_process.hpp"
#include "test_support.hpp"

using namespace pantau::data;
using pantau::test::SimProcess;

namespace {

const std::string kBin = PANTAU_BIN_DIR;

pantau::test::CommandRun pantauData(const std::string& args) {
  return pantau::test::runCommand(kBin + "/pantau-data " + args);
}

/// What the live source showed at one moment, to compare the replay with.
struct Seen {
  std::string moment;  ///< "2024-02-14 16:00" (WIB)
  std::string dprSeats, dpdSeats;  ///< `seats --json` lines
  nlohmann::json dprMap, dpdMap;   ///< the headless sidecars' regions
  std::shared_ptr<const Snapshot> dpd35;  ///< East Java's DPD race, read once
};

/// The sidecar's regions of a headless still (winner, colour and value per region).
nlohmann::json mapRegions(const std::string& args, const std::string& name) {
  auto shot = pantau::test::shootHeadless(args + " --size 640x400", name);
  EXPECT_EQ(shot.status, 0) << args << ": " << shot.err;
  if (shot.sidecar.is_null()) return nullptr;
  EXPECT_GT(shot.sidecar["regions"].size(), 0u) << args;
  return shot.sidecar["regions"];
}

std::shared_ptr<const Snapshot> readDpd35(Source& source) {
  const auto& tree = pantau::test::sharedTree();
  FetchPlan plan(*tree);
  plan.subtreeAlone(tree->find("35"), Level::Regency);
  ReadOptions o;
  o.contest = Contest::Pdpd;
  o.province = "35";
  ReadStats stats;
  auto snap = readOnce(source, tree, plan, o, stats);
  EXPECT_TRUE(snap) << (snap ? "" : snap.error().message);
  EXPECT_EQ(stats.failed, 0u) << stats.firstError;
  return snap ? *snap : nullptr;
}

/// The simulator frozen at `moment`: both contests mirrored into the archive, and what was seen.
Seen recordMoment(const std::string& moment, const std::string& mirror, const std::string& archive) {
  Seen seen{moment, {}, {}, nullptr, nullptr, nullptr};
  SimProcess sim({"--at", moment, "--speed", "0", "--seed", "5"});
  EXPECT_TRUE(sim.ok()) << sim.line();
  for (const char* contest : {"pdpr", "pdpd"}) {
    auto rec = pantauData(std::string("--contest ") + contest + " mirror " + sim.url() + " " + mirror + "_" + contest +
                          " --levels 3 --record " + archive);
    EXPECT_EQ(rec.status, 0) << contest << ": " << rec.err;
    EXPECT_NE(rec.out.find("errors 0,"), std::string::npos) << rec.out;
  }
  auto dpr = pantauData("seats " + sim.url() + " --json");
  EXPECT_EQ(dpr.status, 0) << dpr.err;
  seen.dprSeats = dpr.out;
  auto dpd = pantauData("--contest pdpd seats " + sim.url() + " --json");
  EXPECT_EQ(dpd.status, 0) << dpd.err;
  seen.dpdSeats = dpd.out;
  seen.dprMap = mapRegions("--contest pdpr --source " + sim.url(), "legislative_live_pdpr");
  seen.dpdMap = mapRegions("--contest pdpd --view 35 --source " + sim.url(), "legislative_live_pdpd");
  auto source = openSource(sim.url());
  EXPECT_TRUE(source);
  if (source) seen.dpd35 = readDpd35(**source);
  return seen;
}

/// CSV rows of an export as "code HH:MM" (the timeline's step; "" in a one-moment export) -> its
/// votes_NN columns.
std::map<std::string, std::vector<std::string>> csvVotes(const std::string& path) {
  std::map<std::string, std::vector<std::string>> rows;
  auto text = pantau::data::readFile(path, 1 << 24);
  EXPECT_TRUE(text) << path;
  std::istringstream in(text ? *text : "");
  auto cellsOf = [](const std::string& line) {
    std::vector<std::string> fields(1);  // "a,,b," is four cells, the last empty
    for (char c : line) {
      if (c == ',') fields.emplace_back();
      else fields.back().push_back(c);
    }
    return fields;
  };
  std::string line;
  std::getline(in, line);
  const auto header = cellsOf(line);
  std::vector<std::size_t> votes;
  std::size_t ts = 0;
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i].starts_with("votes_")) votes.push_back(i);
    if (header[i] == "ts") ts = i;
  }
  EXPECT_FALSE(votes.empty()) << path;
  while (std::getline(in, line)) {
    const auto fields = cellsOf(line);
    EXPECT_EQ(fields.size(), header.size()) << line;  // no name here has a comma
    if (fields.size() != header.size()) continue;
    const std::string& step = fields[ts];  // a timeline's step: "2024/02/14 16:00:00+07"
    auto& row = rows[fields[0] + " " + (step.starts_with("2024/") ? step.substr(11, 5) : "")];
    for (std::size_t i : votes) row.push_back(fields[i]);
  }
  return rows;
}

/// `--timeline 300` from 16:00 to 21:00 over the archive (two steps of `rows` rows each): every
/// step's rows equal the one-moment export at that moment.
void expectTimelineAsMoments(const std::string& archive, const std::string& base, const std::string& contest,
                             const std::string& rowsArgs, std::size_t rows, const std::vector<Seen>& seen) {
  SCOPED_TRACE(contest);
  const std::string timeline = base + "/timeline.csv";
  auto tl = pantauData(contest + " export archive:" + archive + " " + rowsArgs + " --format csv " + timeline +
                       " --timeline 300 --from \"2024-02-14 16:00\" --to \"2024-02-14 21:00\"");
  ASSERT_EQ(tl.status, 0) << tl.err;
  EXPECT_NE(tl.out.find("2 steps of 300 min, " + std::to_string(2 * rows) + " "), std::string::npos) << tl.out;
  const auto steps = csvVotes(timeline);
  EXPECT_EQ(steps.size(), 2 * rows);
  for (const Seen& s : seen) {
    const std::string one = base + "/at.csv";
    auto at = pantauData(contest + " export archive:" + archive + " --at \"" + s.moment + "\" " + rowsArgs +
                         " --format csv " + one);
    ASSERT_EQ(at.status, 0) << at.err;
    const std::string hour = s.moment.substr(11);
    const auto moment = csvVotes(one);
    EXPECT_EQ(moment.size(), rows);
    for (const auto& [key, votes] : moment) {
      const std::string code = key.substr(0, key.find(' '));
      auto it = steps.find(code + " " + hour);
      ASSERT_NE(it, steps.end()) << code << " at " << hour;
      EXPECT_EQ(it->second, votes) << code << " at " << hour;
      EXPECT_FALSE(votes.empty());
    }
  }
}

}  // namespace

TEST(LegislativeReplay, ARecordedNightReplaysAsSeenLive) {
  const auto& tree = pantau::test::sharedTree();
  ASSERT_TRUE(tree);
  const std::string base = pantau::test::tempPath("legislative_replay");
  std::filesystem::remove_all(base);
  std::filesystem::create_directories(base);
  const std::string archive = base + "/archive", mirror = base + "/mirror";
  std::vector<Seen> seen;
  for (const char* moment : {"2024-02-14 16:00", "2024-02-14 21:00"}) seen.push_back(recordMoment(moment, mirror, archive));
  ASSERT_NE(seen[0].dprSeats, seen[1].dprSeats) << "the two moments should differ";

  auto reader = ArchiveReader::open(archive);
  ASSERT_TRUE(reader) << reader.error().message;
  Replay dpd(*reader, tree, {.deepest = Level::Regency, .contest = Contest::Pdpd, .province = "35"});
  for (const Seen& s : seen) {
    const std::string at = " --at \"" + s.moment + "\"";
    // The DPR's seat projection and the DPD's four per province, from the archive.
    auto dpr = pantauData("seats archive:" + archive + at + " --json");
    ASSERT_EQ(dpr.status, 0) << dpr.err;
    EXPECT_EQ(dpr.out, s.dprSeats) << s.moment;
    auto race = pantauData("--contest pdpd seats archive:" + archive + at + " --json");
    ASSERT_EQ(race.status, 0) << race.err;
    EXPECT_EQ(race.out, s.dpdSeats) << s.moment;
    // The maps, region by region: the DPR's parties, East Java's DPD candidates.
    EXPECT_EQ(mapRegions("--contest pdpr --source archive:" + archive + at, "legislative_replay_pdpr"), s.dprMap) << s.moment;
    EXPECT_EQ(mapRegions("--contest pdpd --view 35 --source archive:" + archive + at, "legislative_replay_pdpd"), s.dpdMap)
        << s.moment;
    // The DPD replay itself: every regency of East Java as read live.
    Timestamp ts;
    ASSERT_TRUE(parseTimestamp(s.moment + ":00", ts));
    auto snap = dpd.at(ts.epochUtc * 1000);
    ASSERT_TRUE(snap) << snap.error().message;
    EXPECT_EQ(dpd.stats().failed, 0u) << dpd.stats().firstError;
    ASSERT_TRUE(s.dpd35);
    ASSERT_EQ((*snap)->candidates().size(), s.dpd35->candidates().size());
    int compared = 0;
    for (RegionId r : tree->children(tree->find("35"))) {
      ASSERT_TRUE(std::ranges::equal((*snap)->ownVotes(r), s.dpd35->ownVotes(r))) << s.moment << " " << tree->code(r);
      ++compared;
    }
    EXPECT_EQ(compared, 38);  // East Java's 38 regencies
  }
  // The night as a time series: each step's rows as the one-moment export of the same archive at
  // that moment gives them: the DPR's provinces, and East Java's regencies in its DPD race.
  expectTimelineAsMoments(archive, base, "--contest pdpr", "--level province", 39, seen);
  expectTimelineAsMoments(archive, base, "--contest pdpd", "--region 35 --level regency", 38, seen);
  std::filesystem::remove_all(base);
}
