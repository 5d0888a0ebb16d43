// Runs the real pantau-data binary and checks its output formats exactly as issue #2 fixes them.

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "test_support.hpp"

namespace {

using CliRun = pantau::test::CommandRun;

CliRun run(const std::string& args, const std::string& env = "") {
  return pantau::test::runCommand(env + " " PANTAU_BIN_DIR "/pantau-data " + args);
}

std::string samples() { return (pantau::test::dataDir() / "kpu2024" / "samples").string(); }

std::vector<nlohmann::json> lines(const std::string& out) {
  std::vector<nlohmann::json> v;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) v.push_back(nlohmann::json::parse(line));
  return v;
}

}  // namespace

TEST(Cli, InspectAggregateFormat) {
  CliRun r = run("inspect " + samples() + "/ppwp_hhcw_national.json");
  ASSERT_EQ(r.status, 0) << r.err;
  auto v = lines(r.out);
  ASSERT_EQ(v.size(), 1u);
  const auto& j = v[0];
  EXPECT_EQ(j["kind"], "aggregate");
  EXPECT_EQ(j["ts"], "2024-03-07 15:00:16");
  EXPECT_EQ(j["votes"]["100026"], 75357899);
  EXPECT_EQ(j["votes"].size(), 3u);  // no "persen"
  EXPECT_EQ(j["progress"]["total"], 823378);
  EXPECT_EQ(j["progress"]["reported"], 643124);
  EXPECT_EQ(j["rows"].size(), 39u);
  EXPECT_EQ(j["rows"]["11"]["votes"]["100025"], 1874157);
  EXPECT_DOUBLE_EQ(j["rows"]["11"]["persen"].template get<double>(), 78.81);
  EXPECT_EQ(j["rows"]["11"]["reported"], true);
  EXPECT_FALSE(j.contains("tps"));
  EXPECT_FALSE(j.contains("regions"));
}

TEST(Cli, InspectTpsFormat) {
  CliRun r = run("inspect " + samples() + "/ppwp_hhcw_tps_3101011003008_ocr_anomaly.json " + samples() +
              "/ppwp_hhcw_tps_3173011005124_empty.json " + samples() + "/ppwp_hhcw_tps_3101011001004_oneimage.json");
  ASSERT_EQ(r.status, 0) << r.err;
  auto v = lines(r.out);
  ASSERT_EQ(v.size(), 3u);
  EXPECT_EQ(v[0]["kind"], "tps");
  EXPECT_EQ(v[0]["votes"], nlohmann::json::parse(R"({"100025": 71, "100026": 641, "100027": 511})"));
  EXPECT_EQ(v[0]["tps"]["suara_sah"], 185);
  EXPECT_EQ(v[0]["tps"]["suara_tidak_sah"], 1);
  EXPECT_EQ(v[0]["tps"]["suara_total"], 186);
  EXPECT_EQ(v[0]["tps"]["dpt"], 213);
  EXPECT_EQ(v[0]["tps"]["images"].size(), 3u);
  EXPECT_FALSE(v[0].contains("rows"));
  // The empty TPS: no votes, no images, nulls for the numbers.
  EXPECT_TRUE(v[1]["votes"].empty());
  EXPECT_TRUE(v[1]["tps"]["images"].empty());
  EXPECT_TRUE(v[1]["tps"]["suara_sah"].is_null());
  EXPECT_TRUE(v[1]["tps"]["dpt"].is_null());
  // Only non-null images, in order.
  EXPECT_EQ(v[2]["tps"]["images"].size(), 1u);
}

TEST(Cli, InspectRegionsAndCandidates) {
  CliRun r = run("inspect " + samples() + "/wilayah_ppwp_99_overseas.json " + samples() + "/ppwp_candidates_transcribed.json");
  ASSERT_EQ(r.status, 0) << r.err;
  auto v = lines(r.out);
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0]["kind"], "regions");
  EXPECT_EQ(v[0]["regions"].size(), 129u);
  EXPECT_EQ(v[0]["regions"][0], nlohmann::json::parse(R"({"kode": "9901", "nama": "Abu Dhabi, Uni Emirat Arab"})"));
  EXPECT_EQ(v[1]["kind"], "candidates");
  EXPECT_FALSE(v[1].contains("votes"));
}

TEST(Cli, InspectEverySampleBadFilesOnStderrGoodOnesStillPrinted) {
  const std::string dir = samples();
  CliRun r = run("inspect " + dir + "/*.json");
  EXPECT_EQ(r.status, 1);  // the derived/transcribed fragments are not Sirekap documents
  auto v = lines(r.out);
  EXPECT_EQ(v.size(), 30u);  // 33 .json samples, 3 of them not API documents
  std::istringstream err(r.err);
  int errors = 0;
  for (std::string line; std::getline(err, line); ++errors) {
    EXPECT_EQ(line.rfind(dir + "/", 0), 0u) << line;
    EXPECT_NE(line.find(".json: error: "), std::string::npos) << line;
  }
  EXPECT_EQ(errors, 3);
}

TEST(Cli, InspectMissingAndTruncatedFiles) {
  const std::string truncated = pantau::test::tempPath("truncated.json");
  std::ofstream(truncated) << R"({"ts": "2024-02-15 10:00:00", "table": {"11": {"100025": 1)";
  CliRun r = run("inspect /nonexistent.json " + truncated + " " + samples() + "/ppwp_hhcw_national.json");
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(lines(r.out).size(), 1u);
  EXPECT_NE(r.err.find("/nonexistent.json: error: cannot open"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(truncated + ": error: "), std::string::npos) << r.err;
}

TEST(Cli, TreeCountsDomesticAndOverseas) {
  CliRun r = run("tree");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("province         38         1"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("regency         514       129"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("district       7277       128"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("village       83731       128"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("tps          820161      1955"), std::string::npos) << r.out;
}

TEST(Cli, TreeOfOneRegion) {
  CliRun r = run("tree 1101012001");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("1101012001003  TPS 003"), std::string::npos) << r.out;
  r = run("tree ../11");
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.err.find("'../11'"), std::string::npos) << r.err;
}

TEST(Cli, MissingDataNamesAllThreePlaces) {
  CliRun r = run("--data /nonexistent/data tree");
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.err.find("--data"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("PANTAU_DATA"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("shared/data"), std::string::npos) << r.err;
  r = run("tree", "PANTAU_DATA=/nonexistent/env");
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.err.find("/nonexistent/env"), std::string::npos) << r.err;
}
