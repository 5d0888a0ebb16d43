// A source holding only some documents: the public scrapes of 2024 are TPS files alone, with no
// candidate list. The sweep names the candidates from the fallback list, else from the documents.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "pantau/data/source/subtree_fetch.hpp"
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

TEST(PartialSource, CandidatesComeFromTheDocumentsWhenNoListIsAtHand) {
  auto source = openSource(tpsOnlyFolder("tps_only_by_id"));
  ASSERT_TRUE(source) << source.error().message;
  const RegionTree& t = *pantau::test::sharedTree();
  SubtreeFetchStats stats;
  auto builder =
      fetchSubtree(**source, pantau::test::sharedTree(), t.find("1101012001"), {}, stats);
  ASSERT_TRUE(builder) << builder.error().message;
  EXPECT_EQ(stats.applied, 2u);
  EXPECT_EQ(stats.candidatesFrom, "the documents (named by id)");
  auto snapshot = (*builder)->publish(0, nullptr);
  const auto& list = snapshot->candidateList().candidates;
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[1].id, 100026u);
  EXPECT_EQ(list[1].nama, "100026");
  EXPECT_EQ(list[1].nomorUrut, 2u);
  const RegionId tps = t.find("1101012001001");
  uint32_t votes = 0;
  for (uint32_t v : snapshot->ownVotes(tps)) votes += v;
  EXPECT_GT(votes, 0u);
}

TEST(PartialSource, TheFallbackListNamesThemAndNothingNamesNothing) {
  auto source = openSource(tpsOnlyFolder("tps_only_fallback"));
  ASSERT_TRUE(source);
  const RegionTree& t = *pantau::test::sharedTree();
  SubtreeFetchOptions o;
  o.fallbackCandidates = CandidateList{};
  Candidate c;
  c.id = 100026;
  c.nama = "PRABOWO - GIBRAN";
  c.nomorUrut = 2;
  o.fallbackCandidates->candidates = {c};
  SubtreeFetchStats stats;
  auto builder = fetchSubtree(**source, pantau::test::sharedTree(), t.find("1101012001"), o, stats);
  ASSERT_TRUE(builder) << builder.error().message;
  EXPECT_EQ(stats.candidatesFrom, "the data folder's candidate list");
  EXPECT_EQ((*builder)->publish(0, nullptr)->candidateList().candidates[0].nama,
            "PRABOWO - GIBRAN");
  // An empty folder: no list, no document, a clear error.
  const auto empty = pantau::test::tempPath("empty_mirror");
  std::filesystem::create_directories(empty);
  auto none = openSource(empty);
  ASSERT_TRUE(none);
  SubtreeFetchStats noStats;
  auto nothing =
      fetchSubtree(**none, pantau::test::sharedTree(), t.find("1101012001"), {}, noStats);
  ASSERT_FALSE(nothing);
  EXPECT_NE(nothing.error().message.find("no document read names a candidate"), std::string::npos)
      << nothing.error().message;
}
