// A source holding only some documents: the public scrapes of 2024 are TPS files alone, with no
// candidate list. The read names the candidates from the data folder's list.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "pantau/data/source/read_once.hpp"
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
  // Without a fallback the missing list is the error it always was, naming the path.
  auto again = openSource(tpsOnlyFolder("tps_only_no_list"));
  ASSERT_TRUE(again);
  ReadStats noStats;
  auto nothing = readOnce(**again, pantau::test::sharedTree(), plan, {}, noStats);
  ASSERT_FALSE(nothing);
  EXPECT_NE(nothing.error().message.find("/pemilu/ppwp.json"), std::string::npos) << nothing.error().message;
}
