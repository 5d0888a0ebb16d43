// Search by name or code over all 914k regions and TPS: ranking and speed bound.

#include <gtest/gtest.h>

#include <chrono>

#include "pantau/data/model/region_search.hpp"
#include "test_support.hpp"

using namespace pantau::data;

namespace {
const std::shared_ptr<const RegionTree>& tree() { return pantau::test::sharedTree(); }
const RegionSearch& index() {
  static RegionSearch s(tree());
  return s;
}
}  // namespace

TEST(Search, ExactCodeFirstThenNamePrefixThenSubstring) {
  ASSERT_TRUE(tree());
  const RegionTree& t = *tree();
  // "3578" is Kota Surabaya's code; no name contains it.
  auto r = index().search("3578");
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_EQ(t.code(r.hits[0].region), "3578");
  EXPECT_EQ(r.hits[0].kind, SearchHit::ExactCode);
  // A TPS by its full code.
  r = index().search("3578011001001");
  ASSERT_FALSE(r.hits.empty());
  EXPECT_EQ(t.code(r.hits[0].region), "3578011001001");
  // "surabaya": a village named SURABAYA starts with it, so it comes first; of the names that
  // contain it, the regency KOTA SURABAYA (a higher level) comes first.
  r = index().search("surabaya");
  ASSERT_FALSE(r.hits.empty());
  EXPECT_EQ(r.hits[0].kind, SearchHit::NamePrefix);
  EXPECT_EQ(t.name(r.hits[0].region), "SURABAYA");
  for (const auto& h : r.hits)
    if (h.kind == SearchHit::NameSubstring) {
      EXPECT_EQ(t.name(h.region), "KOTA SURABAYA");
      break;
    }
  // "jawa": the provinces that start with it come before any name that merely contains it, and
  // provinces before lower levels.
  r = index().search("Jawa");
  ASSERT_GE(r.hits.size(), 3u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(r.hits[i].kind, SearchHit::NamePrefix);
    EXPECT_EQ(t.level(r.hits[i].region), Level::Province) << t.name(r.hits[i].region);
  }
  bool sawSubstring = false;
  for (const auto& h : r.hits) {
    if (h.kind == SearchHit::NameSubstring) sawSubstring = true;
    else EXPECT_FALSE(sawSubstring) << "a prefix hit after a substring hit";
  }
  // Case and surrounding spaces do not matter; nothing matches nothing.
  EXPECT_EQ(index().search("  kota SURABAYA ").hits.at(0).region, t.find("3578"));
  EXPECT_TRUE(index().search("").hits.empty());
  EXPECT_TRUE(index().search("zzzzqqq").hits.empty());
  EXPECT_EQ(index().search("zzzzqqq").total, 0u);
}

TEST(Search, LimitsHitsButCountsAll) {
  ASSERT_TRUE(tree());
  auto r = index().search("tps", 20);
  EXPECT_EQ(r.hits.size(), 20u);
  EXPECT_GT(r.total, 800000u);  // every TPS is named "TPS nnn"
}

// The goal is 50 ms a keystroke; this bound is loose (a loaded CI machine) and only catches a
// search that went quadratic. The measured figure is in the README (make bench). A Debug build
// under AddressSanitizer (make asan) is slower still: 851 ms a keystroke on the loaded 2-core
// machine, so there the bound is 20 times looser (a quadratic search still misses it by far).
#if defined(__SANITIZE_ADDRESS__)
constexpr double kBuildSlowdown = 20;
#else
constexpr double kBuildSlowdown = 1;
#endif
TEST(Search, AnswersAKeystrokeQuickly) {
  ASSERT_TRUE(tree());
  index();
  const auto t0 = std::chrono::steady_clock::now();
  for (const char* q : {"s", "su", "sur", "sura", "surab"}) index().search(q);
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_LT(ms / 5, 500.0 * kBuildSlowdown);
}
