// pantau-data check against the simulator's ground truth (/_sim/truth): every injected misread
// found, almost nothing else, and the proposed corrections scored against the true counts.

#include <gtest/gtest.h>
#include <httplib.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "sim_process.hpp"
#include "test_support.hpp"

using pantau::test::SimProcess;

namespace {

pantau::test::CommandRun check(const std::string& args) {
  return pantau::test::runCommand(std::string(PANTAU_BIN_DIR) + "/pantau-data check " + args);
}

nlohmann::json truth(const SimProcess& sim) {
  httplib::Client cli("127.0.0.1", sim.port());
  auto r = cli.Get("/_sim/truth");
  if (!r || r->status != 200) return nlohmann::json::array();
  return nlohmann::json::parse(r->body);
}

}  // namespace

// DKI Jakarta: 30,766 TPS, about 240 of them misread at a rate of 1%.
TEST(Check, FindsEveryInjectedMisreadAtOnePercent) {
  SimProcess sim({"--final", "--anomaly-rate", "0.01", "--seed", "7"});
  ASSERT_TRUE(sim.ok());
  auto run = check(sim.url() + " --region 31 --json");
  ASSERT_EQ(run.status, 0) << run.err;

  std::map<std::string, std::set<std::string>> found;  // TPS with an error -> checks
  std::map<std::string, std::string> details;
  std::istringstream in(run.out);
  for (std::string line; std::getline(in, line);) {
    auto j = nlohmann::json::parse(line);
    ASSERT_EQ(j.size(), 4u) << line;  // exactly tps, check, severity, detail
    ASSERT_TRUE(j.contains("tps")) << line;
    EXPECT_TRUE(j["severity"] == "error" || j["severity"] == "warning") << line;
    if (j["severity"] == "error") found[j["tps"]].insert(j["check"]);
    details[j["tps"]] += j["detail"].get<std::string>() + "\n";
  }

  std::map<std::string, int> injected, recalled;
  int hundredsFixed = 0, hundreds = 0;
  std::set<std::string> truthCodes;
  for (const auto& t : truth(sim)) {
    const std::string code = t["tps"];
    if (code.rfind("31", 0) != 0) continue;
    truthCodes.insert(code);
    injected[t["kind"]]++;
    if (found.count(code)) recalled[t["kind"]]++;
    if (t["kind"] == "hundreds_digit") {  // the X in the empty hundreds box: the proposal is exact
      ++hundreds;
      for (int c = 0; c < 3; ++c)
        if (t["served_votes"][c] != t["true_votes"][c]) {
          const std::string want = std::to_string(t["served_votes"][c].get<int>()) + " -> " +
                                   std::to_string(t["true_votes"][c].get<int>()) + " (one digit";
          if (details[code].find(want) != std::string::npos) ++hundredsFixed;
          else ADD_FAILURE() << code << " wanted " << want << " in\n" << details[code];
        }
    }
  }
  ASSERT_EQ(injected.size(), 3u) << "the sim injects three kinds";
  for (const auto& [kind, n] : injected) {
    EXPECT_GT(n, 20) << kind;
    EXPECT_EQ(recalled[kind], n) << kind << ": recall below 100%";
  }
  std::size_t truePositives = 0;
  for (const auto& [code, checks] : found) truePositives += truthCodes.count(code);
  ASSERT_FALSE(found.empty());
  const double precision = static_cast<double>(truePositives) / static_cast<double>(found.size());
  EXPECT_GE(precision, 0.99) << found.size() - truePositives << " TPS flagged that the sim did not misread";
  EXPECT_EQ(hundredsFixed, hundreds);
  std::printf("[check] 31: %zu TPS flagged, %zu misread; precision %.4f; hundreds-digit corrections %d/%d\n",
              found.size(), truthCodes.size(), precision, hundredsFixed, hundreds);
}

TEST(Check, ReportCountsPerCheckAndCleanNightIsClean) {
  SimProcess sim({"--final"});
  ASSERT_TRUE(sim.ok());
  auto run = check(sim.url() + " --region 3578");
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_NE(run.out.find("region 3578: "), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("flagged: 0 (0.00 per 1,000)"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("\nvotes_sum_sah (error): 0 TPS\n"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("\nchart_sum_table (error): 0 regions\n"), std::string::npos) << run.out;
  EXPECT_TRUE(check(sim.url() + " --region 3578 --json").out.empty());
}

TEST(Check, ExitsNonZeroOnlyWhenTheSourceCannotBeRead) {
  auto bad = check("http://127.0.0.1:1 --region 31");  // nothing listens on port 1
  EXPECT_EQ(bad.status, 1);
  EXPECT_NE(bad.err.find("cannot read http://127.0.0.1:1"), std::string::npos) << bad.err;
  auto missing = check("/nonexistent/mirror");
  EXPECT_EQ(missing.status, 1);
  EXPECT_NE(missing.err.find("/nonexistent/mirror"), std::string::npos) << missing.err;
  SimProcess sim({"--final"});
  ASSERT_TRUE(sim.ok());
  auto unknown = check(sim.url() + " --region 3599");
  EXPECT_EQ(unknown.status, 2);
  EXPECT_NE(unknown.err.find("'3599'"), std::string::npos) << unknown.err;
  auto hostile = check(sim.url() + " --region '../etc'");
  EXPECT_EQ(hostile.status, 2);
  EXPECT_NE(hostile.err.find("a code is [0-9A-Z]"), std::string::npos) << hostile.err;
}

// How the public scrapes of 2024 look: TPS documents alone, no candidate list, no aggregate. The
// check runs on them (candidates named from the data folder's list), says once what is missing,
// and flags the real misread sample.
TEST(Check, ATpsOnlyFolderIsChecked) {
  const std::filesystem::path dir = pantau::test::tempPath("tps_only_scrape");
  std::filesystem::remove_all(dir);
  int files = 0;
  for (const auto& e : std::filesystem::directory_iterator(pantau::test::dataDir() / "kpu2024" / "samples")) {
    const std::string name = e.path().filename().string();
    if (!name.starts_with("ppwp_hhcw_tps_")) continue;
    const std::string code = name.substr(14, 13);
    const auto at = dir / "pemilu/hhcw/ppwp" / code.substr(0, 2) / code.substr(0, 4) / code.substr(0, 6) / code.substr(0, 10);
    std::filesystem::create_directories(at);
    std::filesystem::copy_file(e.path(), at / (code + ".json"));
    ++files;
  }
  ASSERT_GE(files, 10);
  auto run = check(dir.string());
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_NE(run.out.find(std::to_string(files) + " documents read"), std::string::npos) << run.out;
  // Said once, not per region.
  const std::string said = "the source has no candidate list (/pemilu/ppwp.json): candidates from the data folder's candidate list";
  EXPECT_NE(run.err.find(said), std::string::npos) << run.err;
  EXPECT_EQ(run.err.find(said), run.err.rfind(said));
  EXPECT_EQ(run.err.find("not in the mirror"), std::string::npos) << run.err;
  // The OCR misread sample (71/641/511 against suara_sah 185) is flagged.
  const auto line = run.out.find("votes_sum_sah (error)");
  ASSERT_NE(line, std::string::npos) << run.out;
  EXPECT_NE(run.out.find("3101011003008", line), std::string::npos) << run.out;
  auto json = check(dir.string() + " --json");
  ASSERT_EQ(json.status, 0);
  EXPECT_NE(json.out.find(R"("tps": "3101011003008", "check": "votes_sum_sah")"), std::string::npos) << json.out;
}
