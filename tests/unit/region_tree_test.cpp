#include <gtest/gtest.h>

#include <algorithm>

#include "pantau/data/model/tree_scope.hpp"
#include "test_support.hpp"

using namespace pantau::data;

namespace {

/// The real tree is loaded once for the suite (half a second).
const TreeLoad& realTree() {
  static const TreeLoad load = [] {
    auto r = loadRegionTree(pantau::test::dataDir());
    if (!r) {
      ADD_FAILURE() << r.error().message;
      return TreeLoad{};
    }
    return std::move(*r);
  }();
  return load;
}

/// `above` is `full` without its TPS: every other region with the same id, code, name, level,
/// parent, KPU id and children, found by its code; no TPS found.
void expectSameAboveTps(const RegionTree& full, const RegionTree& above) {
  ASSERT_EQ(above.size(), full.levelBegin(Level::Tps));
  for (int l = 0; l < kLevelCount; ++l) {
    const Level level = static_cast<Level>(l);
    EXPECT_EQ(above.levelBegin(level), full.levelBegin(level));
    EXPECT_EQ(above.levelEnd(level), level == Level::Tps ? above.size() : full.levelEnd(level));
  }
  std::size_t mismatches = 0;  // counted, not one failure per region of 91k
  for (RegionId id = 0; id < above.size(); ++id) {
    const bool same = above.code(id) == full.code(id) && above.name(id) == full.name(id) &&
                      above.level(id) == full.level(id) && above.parent(id) == full.parent(id) &&
                      above.kpuId(id) == full.kpuId(id) && above.find(full.code(id)) == id &&
                      (full.level(id) == Level::Village
                           ? above.children(id).empty()
                           : std::ranges::equal(above.children(id), full.children(id)));
    if (!same && ++mismatches <= 5) ADD_FAILURE() << "region " << id << " " << full.code(id) << " differs";
  }
  EXPECT_EQ(mismatches, 0u);
  for (RegionId id = full.levelBegin(Level::Tps); id < full.size(); ++id)
    if (above.find(full.code(id)) != kNoRegion) ADD_FAILURE() << "TPS " << full.code(id) << " found";
}

constexpr const char* kWilayahHeader = "kode\tinduk\ttingkat\tnama\tid\n";
constexpr const char* kTpsHeader = "kode\tinduk\tnama\tid\n";

}  // namespace

TEST(RegionTree, RealTreeCountsPerLevel) {
  const TreeLoad& load = realTree();
  ASSERT_TRUE(load.tree);
  EXPECT_TRUE(load.rejected.empty()) << load.rejected.front().toString();
  const auto c = load.tree->countByLevel();
  EXPECT_EQ(c.domestic[1], 38u);
  EXPECT_EQ(c.domestic[2], 514u);
  EXPECT_EQ(c.domestic[3], 7277u);
  EXPECT_EQ(c.domestic[4], 83731u);
  EXPECT_EQ(c.domestic[5], 820161u);
  EXPECT_EQ(c.overseas[1], 1u);
  EXPECT_EQ(c.overseas[2], 129u);
  EXPECT_EQ(c.overseas[3], 128u);
  EXPECT_EQ(c.overseas[4], 128u);
  EXPECT_EQ(c.overseas[5], 1955u);
  EXPECT_EQ(load.tree->size(), 1u + 91946u + 822116u);
}

TEST(RegionTree, LookupNamesParentsAndChildren) {
  const RegionTree& t = *realTree().tree;
  RegionId aceh = t.find("11");
  ASSERT_NE(aceh, kNoRegion);
  EXPECT_EQ(t.name(aceh), "ACEH");
  EXPECT_EQ(t.level(aceh), Level::Province);
  EXPECT_EQ(t.parent(aceh), kNation);
  EXPECT_EQ(t.children(aceh).size(), 23u);  // 23 regencies, as wilayah_ppwp_11_regencies.json lists

  RegionId tps = t.find("1101012001003");
  ASSERT_NE(tps, kNoRegion);
  EXPECT_EQ(t.level(tps), Level::Tps);
  EXPECT_EQ(t.name(tps), "TPS 003");
  EXPECT_EQ(t.code(t.parent(tps)), "1101012001");
  EXPECT_EQ(t.kpuId(tps), 7830003u);
  EXPECT_EQ(t.children(t.parent(tps)).size(), 3u);
  EXPECT_EQ(t.path(tps).substr(0, 9), "TPS 003, ");
}

TEST(RegionTree, OverseasAlphanumericCodes) {
  const RegionTree& t = *realTree().tree;
  RegionId sf = t.find("99AA");
  ASSERT_NE(sf, kNoRegion);
  EXPECT_EQ(t.name(sf), "San Francisco, Amerika Serikat");
  EXPECT_TRUE(t.isOverseas(sf));
  RegionId ksk = t.find("9901010001010");
  ASSERT_NE(ksk, kNoRegion);
  EXPECT_EQ(t.name(ksk), "KSK 001");
  EXPECT_FALSE(t.isOverseas(t.find("11")));
}

TEST(RegionTree, LevelsAreContiguousIdRanges) {
  const RegionTree& t = *realTree().tree;
  EXPECT_EQ(t.levelBegin(Level::Province), 1u);
  EXPECT_EQ(t.levelEnd(Level::Province) - t.levelBegin(Level::Province), 39u);
  EXPECT_EQ(t.levelEnd(Level::District) - t.levelBegin(Level::District), 7405u);
  for (RegionId id = t.levelBegin(Level::Regency); id < t.levelEnd(Level::Regency); ++id)
    ASSERT_EQ(t.level(id), Level::Regency);
  EXPECT_EQ(t.levelEnd(Level::Tps), t.size());
}

TEST(RegionTree, UnknownAndHostileLookupsFindNothing) {
  const RegionTree& t = *realTree().tree;
  for (const char* code : {"00", "1199", "../11", "11/01", "1101012001999", "99ZZ", "110101200100100000"})
    EXPECT_EQ(t.find(code), kNoRegion) << code;
  EXPECT_EQ(t.find(""), kNation);
}

TEST(RegionTree, MalformedRowsAreRejectedWithFileLineAndReason) {
  std::string wilayah = std::string(kWilayahHeader) +
                        "11\t\t1\tACEH\t1\n"             // line 2: good
                        "1101\t11\t2\tSIMEULUE\t2\n"     // line 3: good
                        "12\t\t7\tBAD LEVEL\t3\n"        // line 4: tingkat 7
                        "1102\t11\t2\t\t4\n"             // line 5: empty name
                        "11/0\t11\t2\tSLASH\t5\n"        // line 6: hostile code
                        "1201\t12\t2\tORPHAN\t6\n"       // line 7: unknown parent
                        "1101\t11\t2\tDUP\t7\n"          // line 8: duplicate
                        "1103\t11\t2\tTOO\tMANY\tFIELDS\n"  // line 9: 6 fields
                        "110101\t1101\t3\tBAKONGAN\tx\n"    // line 10: id not a number
                        "1201\t11\t2\tNOT UNDER\t9\n"       // line 11: does not extend induk
                        "110101\t1101\t3\tBAKONGAN\t10\n";  // line 12: good
  std::string tps = std::string(kTpsHeader) +
                    "1101012001001\t1101012001\tTPS 001\t1\n"  // line 2: village unknown
                    "110101200\t110101\tTPS 001\t2\n";         // line 3: short code
  auto load = loadRegionTreeFromText(wilayah, tps);
  ASSERT_TRUE(load) << load.error().message;
  std::vector<std::string> got;
  for (const auto& e : load->rejected) got.push_back(e.toString());
  const std::vector<std::string> expected = {
      "wilayah.tsv:4: tingkat '7' is not 1..4",
      "wilayah.tsv:5: nama is empty",
      "wilayah.tsv:6: kode '11/0' is not a region code ([0-9A-Z], 2/4/6/10/13 chars)",
      "wilayah.tsv:9: expected 5 tab-separated fields (kode, induk, tingkat, nama, id), got 6",
      "wilayah.tsv:10: id 'x' is not a number below 2^32",
      "wilayah.tsv:7: induk '12' of '1201' is not a known province",
      "wilayah.tsv:8: duplicate kode '1101'",
      "wilayah.tsv:11: kode '1201' does not extend its induk '11'",
      "tps.tsv:2: induk '1101012001' of '1101012001001' is not a known village",
      "tps.tsv:3: kode '110101200' is not a region code ([0-9A-Z], 2/4/6/10/13 chars)",
  };
  EXPECT_EQ(got, expected);
  const RegionTree& t = *load->tree;
  EXPECT_EQ(t.size(), 4u);  // nation, ACEH, SIMEULUE, BAKONGAN
  EXPECT_EQ(t.name(t.find("110101")), "BAKONGAN");
}

TEST(RegionTree, WrongHeaderFailsTheLoad) {
  auto load = loadRegionTreeFromText("code\tparent\n", kTpsHeader);
  ASSERT_FALSE(load);
  EXPECT_EQ(load.error().code, ErrorCode::Syntax);
  EXPECT_NE(load.error().message.find("wilayah.tsv:1: header"), std::string::npos) << load.error().message;
}

TEST(RegionTree, MissingFilesNameThePath) {
  auto load = loadRegionTree("/nonexistent/pantau-data");
  ASSERT_FALSE(load);
  EXPECT_EQ(load.error().code, ErrorCode::Io);
  EXPECT_NE(load.error().message.find("/nonexistent/pantau-data/kpu2024/wilayah.tsv"), std::string::npos);
}

TEST(RegionTree, TheRealTreeWithoutTpsKeepsEveryOtherRegionWithItsId) {
  const TreeLoad& load = realTree();
  ASSERT_TRUE(load.tree);
  const auto above = treeWithoutTps(*load.tree);
  EXPECT_EQ(above->size(), 1u + 91'946u);  // the nation and 91,946 regions: 822,116 TPS fewer
  expectSameAboveTps(*load.tree, *above);
  EXPECT_LT(above->memoryBytes() * 5, load.tree->memoryBytes());
}

TEST(RegionTree, TheRealTreeLoadedWithoutTpsEqualsTheFullTreesCut) {
  const TreeLoad& load = realTree();
  ASSERT_TRUE(load.tree);
  auto above = loadRegionTree(pantau::test::dataDir(), TreeScope::AboveTps);
  ASSERT_TRUE(above) << above.error().message;
  expectSameAboveTps(*load.tree, *above->tree);
  EXPECT_EQ(above->rejected.size(), load.rejected.size());
}
