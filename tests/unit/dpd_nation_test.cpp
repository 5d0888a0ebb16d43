// The DPD at the nation: every province's race in one snapshot (each province and its regencies
// carrying its own candidates' votes), the race for the fourth seat read off a row (ties as
// DpdRace breaks them), and the race layer's colours and figures.

#include <gtest/gtest.h>

#include "layer_colours.hpp"
#include "pantau/data/contests/dpd_nation.hpp"
#include "test_support.hpp"

using namespace pantau::data;
using namespace pantau::viewer;
using pantau::test::sharedTree;

namespace {

DpdProvince province(const std::string& code, std::vector<std::pair<CalegId, uint64_t>> votes) {
  DpdProvince p{code, 0, 100, 40, {}};
  uint32_t ballot = 1;
  for (auto [id, v] : votes) {
    p.validVotes += v;
    p.standings.push_back({id, v, "calon " + std::to_string(id), ballot++});
  }
  return p;
}

}  // namespace

TEST(DpdNation, TheFourthSeatRaceOffARow) {
  CandidateList c;
  for (uint32_t k = 1; k <= 6; ++k) c.candidates.push_back({900000 + k, "", "", 0, k, {}});
  const std::vector<uint32_t> row{50, 40, 30, 25, 20, 10};
  const FourthSeatRace r = fourthSeatRace(row, c);
  EXPECT_EQ(r.fourth, 3);
  EXPECT_EQ(r.fifth, 4);
  EXPECT_EQ(r.margin, 5u);
  EXPECT_EQ(r.valid, 175u);
  EXPECT_NEAR(r.marginPoints(), 100.0 * 5 / 175, 1e-9);
  // A tie for the fourth: the lower ballot number keeps the seat, the margin is 0.
  const std::vector<uint32_t> tie{50, 40, 30, 20, 20, 10};
  const FourthSeatRace t = fourthSeatRace(tie, c);
  EXPECT_EQ(t.fourth, 3);
  EXPECT_EQ(t.fifth, 4);
  EXPECT_EQ(t.marginPoints(), 0);
  // Zeros (another province's columns) never rank; with four candidates there is no race.
  const std::vector<uint32_t> four{50, 0, 30, 25, 20, 0};
  EXPECT_LT(fourthSeatRace(four, c).marginPoints(), 0);
  EXPECT_EQ(fourthSeatRace(four, c).fourth, 4);
}

TEST(DpdNation, EachProvincePaintedWithItsOwnRace) {
  const auto& tree = sharedTree();
  ASSERT_TRUE(tree);
  DpdRace race;
  race.provinces.push_back(province("11", {{900001, 500}, {900002, 400}, {900003, 300}, {900004, 200}, {900005, 190}}));
  race.provinces.push_back(province("35", {{900101, 900}, {900102, 800}, {900103, 700}, {900104, 600}, {900105, 300}, {900106, 5}}));
  auto s = dpdNationSnapshot(race, tree, 1'707'900'000'000);
  ASSERT_TRUE(s);
  ASSERT_EQ(s->candidates().size(), 11u);  // every province's candidates, side by side
  const RegionId aceh = tree->find("11"), jatim = tree->find("35"), surabaya = tree->find("3578");
  EXPECT_EQ(fourthSeatRace(s->votes(aceh), s->candidateList()).margin, 10u);
  EXPECT_EQ(fourthSeatRace(s->votes(jatim), s->candidateList()).margin, 300u);
  // A regency repeats its province's row, so the nation's map paints the province whole.
  EXPECT_TRUE(std::ranges::equal(s->votes(surabaya), s->votes(jatim)));
  EXPECT_EQ(s->votes(jatim)[0], 0u);  // Aceh's candidate: no votes in East Java
  EXPECT_FLOAT_EQ(s->status(surabaya).persen, 40.f);
  EXPECT_FALSE(s->status(tree->find("12")).has(RegionStatus::kReported));  // no document: no data
  EXPECT_EQ(s->status(kNation).progressTotal, 200u);  // the TPS behind both provinces' counts
  EXPECT_EQ(s->status(kNation).progressReported, 80u);
  // The race layer: a close race deeper than a decided one, the figure in points.
  LayerChoice layer;
  std::string error;
  ASSERT_TRUE(LayerChoice::parse("race", layer, error, Contest::Pdpd)) << error;
  EXPECT_FALSE(LayerChoice::parse("race", layer, error, Contest::Pdpr));  // the DPD's alone
  ASSERT_TRUE(LayerChoice::parse("race", layer, error, Contest::Pdpd));
  const RegionShade close = regionShade(layer, *s, nullptr, tree->find("1101"));
  const RegionShade decided = regionShade(layer, *s, nullptr, surabaya);
  ASSERT_TRUE(close.hasValue && decided.hasValue);
  EXPECT_NEAR(close.value, 100.0 * 10 / 1590, 1e-9);
  EXPECT_NEAR(decided.value, 100.0 * 300 / 3305, 1e-9);
  EXPECT_NE(close.colour, decided.colour);
  EXPECT_FALSE(regionShade(layer, *s, nullptr, tree->find("1201")).hasValue);
}
