// A source holding only some documents: the public scrapes of 2024 are TPS files alone, with no
// candidate list. The read names the candidates from the data folder's list, or without one by
// the documents' ids; what the source lacks is said once.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "pantau/data/source/live_client.hpp"
#include "pantau/data/source/read_once.hpp"
#include "ui_text.hpp"
#include "test_support.hpp"

using namespace pantau::data;

namespace {

/// The real TPS samples of one village laid out as a mirror (no candidate list, no aggregate).
std::string tpsOnlyFolder(const std::string& name) {
  const std::filesystem::path dir = pantau::test::tempPath(name);
  std::filesystem::remove_all(dir);
  for (const char* f :
       {"ppwp_hhcw_tps_1101012001001.json", "ppwp_hhcw_tps_1101012001002_nomode.json"}) {
    const std::string code = std::string(f).substr(14, 13);
    const auto at = dir / "pemilu/hhcw/ppwp" / code.substr(0, 2) / code.substr(0, 4) /
                    code.substr(0, 6) / code.substr(0, 10);
    std::filesystem::create_directories(at);
    std::ofstream(at / (code + ".json")) << pantau::test::readSample(f);
  }
  return dir.string();
}

}  // namespace

TEST(PartialSource, TheDataFoldersListNamesTheCandidatesAndNothingNamesNothing) {
  auto source = openSource(tpsOnlyFolder("tps_only_fallback"));
  ASSERT_TRUE(source);
  const RegionTree& t = *pantau::test::sharedTree();
  ReadOptions o;
  o.fallbackCandidates = sampleCandidateList(pantau::test::dataDir());
  ASSERT_TRUE(o.fallbackCandidates);
  FetchPlan plan(t);
  plan.subtree(t.find("1101012001"), Level::Village, true);
  ReadStats stats;
  auto read = readOnce(**source, pantau::test::sharedTree(), plan, o, stats);
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(stats.applied, 2u);
  EXPECT_EQ(stats.candidatesFrom, "the data folder's candidate list");
  ASSERT_EQ((*read)->candidateList().candidates.size(), 3u);
  EXPECT_NE((*read)->candidateList().candidates[1].nama.find("PRABOWO"), std::string::npos);
  uint32_t votes = 0;
  for (uint32_t v : (*read)->ownVotes(t.find("1101012001001"))) votes += v;
  EXPECT_GT(votes, 0u);
}

// No candidate list anywhere (not the source's, no data folder's): the documents' own ids name
// the candidates, and the counts are the same as with the names.
TEST(PartialSource, NoListAnywhereNamesTheCandidatesByTheirIds) {
  const RegionTree& t = *pantau::test::sharedTree();
  FetchPlan plan(t);
  plan.subtree(t.find("1101012001"), Level::Village, true);
  auto named = openSource(tpsOnlyFolder("tps_only_named"));
  auto unnamed = openSource(tpsOnlyFolder("tps_only_by_id"));
  ASSERT_TRUE(named && unnamed);
  ReadOptions withList;
  withList.fallbackCandidates = sampleCandidateList(pantau::test::dataDir());
  ASSERT_TRUE(withList.fallbackCandidates);
  ReadStats namedStats, stats;
  auto reference = readOnce(**named, pantau::test::sharedTree(), plan, withList, namedStats);
  auto read = readOnce(**unnamed, pantau::test::sharedTree(), plan, {}, stats);
  ASSERT_TRUE(reference && read) << (read ? "" : read.error().message);
  EXPECT_EQ(stats.applied, 2u);
  EXPECT_NE(stats.candidatesFrom.find("candidate ids"), std::string::npos) << stats.candidatesFrom;
  const auto& byId = (*read)->candidateList().candidates;
  const auto& byName = (*reference)->candidateList().candidates;
  ASSERT_EQ(byId.size(), byName.size());
  for (std::size_t i = 0; i < byId.size(); ++i) {
    EXPECT_EQ(byId[i].id, byName[i].id);  // KPU numbers its tickets in id order
    EXPECT_EQ(byId[i].nomorUrut, i + 1);
    EXPECT_TRUE(byId[i].nama.empty());
    EXPECT_EQ(candidateLabel(byId[i]), std::to_string(byName[i].id));  // check and export: the id
    EXPECT_NE(byId[i].rgb, 0u);
  }
  EXPECT_EQ(pantau::viewer::candidateName(byId[1], pantau::viewer::uiText(pantau::viewer::Language::Indonesian)), "Paslon 2");
  EXPECT_EQ(pantau::viewer::candidateName(byId[1], pantau::viewer::uiText(pantau::viewer::Language::English)), "Ticket 2");
  EXPECT_EQ(pantau::viewer::candidateName(byName[1], pantau::viewer::uiText(pantau::viewer::Language::English)), byName[1].nama);
  for (const char* tps : {"1101012001001", "1101012001002"}) {
    const auto a = (*read)->ownVotes(t.find(tps)), b = (*reference)->ownVotes(t.find(tps));
    EXPECT_TRUE(std::equal(a.begin(), a.end(), b.begin(), b.end())) << tps;
  }
  EXPECT_EQ((*read)->health().errors, 0u);

  // A source with nothing at all still fails, naming the list it lacks.
  std::filesystem::create_directories(pantau::test::tempPath("tps_only_empty"));
  auto empty = openSource(pantau::test::tempPath("tps_only_empty"));
  ASSERT_TRUE(empty);
  ReadStats noStats;
  auto nothing = readOnce(**empty, pantau::test::sharedTree(), plan, {}, noStats);
  ASSERT_FALSE(nothing);
  EXPECT_NE(nothing.error().message.find("/pemilu/ppwp.json"), std::string::npos) << nothing.error().message;
}

// The viewer's health line for a partial source, followed live: what the source lacks is said
// once, as a count of regions, not as an error per region.
TEST(PartialSource, TheHealthLineSaysWhatIsMissingOnce) {
  const RegionTree& t = *pantau::test::sharedTree();
  auto source = openSource(tpsOnlyFolder("tps_only_live"));
  ASSERT_TRUE(source);
  LiveOptions lo;  // no fallback list either: named by the documents' ids
  lo.sweepDeepest = Level::Province;
  LiveClient live(pantau::test::sharedTree(), std::move(*source), lo);
  const RegionId village = t.find("1101012001");
  live.request(village);
  live.sweepTpsUnder(village);
  while (live.runOnce() > 0) {
  }
  auto snap = live.mailbox().latest();
  ASSERT_TRUE(snap);
  const SourceHealth& h = snap->health();
  EXPECT_EQ(h.errors, 0u) << h.lastError;
  // The nation, its provinces (and the overseas region), the village's regency and district
  // (with the change index a TPS sweep reads the tables down to the village: their rows say when a
  // TPS changed), the village's own table and its TPS but the two present.
  const std::size_t tps = t.children(village).size();
  EXPECT_EQ(h.missingRegions, 1 + t.children(kNation).size() + 2 + 1 + tps - 2);
  EXPECT_FALSE(snap->status(t.find("11")).lastError);  // no error recorded on a region
  uint32_t votes = 0;
  for (uint32_t v : snap->ownVotes(t.find("1101012001001"))) votes += v;
  EXPECT_GT(votes, 0u);
  const auto& id = pantau::viewer::uiText(pantau::viewer::Language::Indonesian);
  const std::string line = pantau::viewer::sourceHealthLine(h, id);
  EXPECT_NE(line.find("Sumber: 0 galat"), std::string::npos) << line;
  EXPECT_NE(line.find(", " + std::to_string(h.missingRegions) + " wilayah tanpa data"), std::string::npos) << line;
  // Not said again as documents retrying (the candidate list the source lacks is still retried).
  EXPECT_NE(line.find(", 1 dokumen menunggu"), std::string::npos) << line;
  const std::string en = pantau::viewer::sourceHealthLine(h, pantau::viewer::uiText(pantau::viewer::Language::English));
  EXPECT_NE(en.find(std::to_string(h.missingRegions) + " regions without data"), std::string::npos) << en;
}
