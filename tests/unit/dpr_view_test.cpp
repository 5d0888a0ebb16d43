// The viewer's DPR (--contest pdpr): parties named by id or short name, a colour-blind-safe colour
// fixed per party, the layers by party, the hemicycle's seats and the projection summed from a
// snapshot's regencies into dapil.

#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "layer_colours.hpp"
#include "pantau/data/contests/dpr_tables.hpp"
#include "party_display.hpp"
#include "seat_board.hpp"
#include "test_support.hpp"

using namespace pantau::data;
using namespace pantau::viewer;
using pantau::test::sharedTree;

TEST(PartyDisplay, NamesByIdOrShortNameInAnyCase) {
  EXPECT_EQ(parsePartyName("3"), PartyId{3});
  EXPECT_EQ(parsePartyName("PDI-P"), PartyId{3});
  EXPECT_EQ(parsePartyName("pdip"), PartyId{3});
  EXPECT_EQ(parsePartyName("Gerindra"), PartyId{2});
  EXPECT_EQ(parsePartyName("ummat"), PartyId{24});
  EXPECT_FALSE(parsePartyName("18"));  // Aceh's local party: never on a DPR ballot
  EXPECT_FALSE(parsePartyName("Partai X"));
  EXPECT_FALSE(parsePartyName(""));
  EXPECT_STREQ(partyShortName(14), "Demokrat");
}

TEST(PartyDisplay, EighteenDistinctSafeColours) {
  std::set<uint32_t> colours;
  for (PartyId id :
       {1u, 2u, 3u, 4u, 5u, 6u, 7u, 8u, 9u, 10u, 11u, 12u, 13u, 14u, 15u, 16u, 17u, 24u})
    colours.insert(partyColourBlindHex(id));
  EXPECT_EQ(colours.size(), 18u);
}

TEST(PartyDisplay, LayersNamePartiesOnlyForTheDpr) {
  LayerChoice l;
  std::string error;
  ASSERT_TRUE(LayerChoice::parse("share:PKB", l, error, Contest::Pdpr)) << error;
  EXPECT_EQ(l.kind, LayerChoice::Share);
  EXPECT_EQ(l.candidate, 1u);
  EXPECT_EQ(l.contest, Contest::Pdpr);
  EXPECT_EQ(l.spec(), "share:1");
  EXPECT_FALSE(LayerChoice::parse("share:PKB", l, error));  // the tickets have no parties
  EXPECT_FALSE(LayerChoice::parse("share:Partai X", l, error, Contest::Pdpr));
  EXPECT_NE(error.find("party id or short name"), std::string::npos) << error;
}

TEST(SeatBoard, HemicycleHasEverySeatOnceLeftToRight) {
  float r = 0;
  const auto spots = hemicycleSpots(580, 12, 0.36f, r);
  ASSERT_EQ(spots.size(), 580u);
  EXPECT_GT(r, 0.f);
  EXPECT_LT(spots.front().x, -0.3f);  // starts at the left end
  EXPECT_GT(spots.back().x, 0.3f);
  for (const SeatSpot& s : spots) {
    EXPECT_GE(s.y, -1e-4f);
    EXPECT_LE(std::hypot(s.x, s.y), 1.0f);
  }
  // No two seats overlap.
  for (std::size_t i = 0; i < spots.size(); ++i)
    for (std::size_t j = i + 1; j < spots.size(); ++j)
      ASSERT_GE(std::hypot(spots[i].x - spots[j].x, spots[i].y - spots[j].y), 2 * r * 0.99f)
          << i << " " << j;
}

TEST(SeatBoard, DapilSumTheirRegenciesAndSeatsAddUp) {
  ASSERT_TRUE(sharedTree());
  auto tables = loadDprTables(pantau::test::dataDir());
  ASSERT_TRUE(tables) << tables.error().message;
  const RegionTree& t = *sharedTree();
  std::vector<CandidateId> parties{1, 2, 3};
  SnapshotBuilder b(sharedTree(), parties);
  // Every regency: party 3 leads; Kota Banda Aceh (1171, ACEH I) gives party 1 a lead there.
  for (RegionId r = t.levelBegin(Level::Regency); r < t.levelEnd(Level::Regency); ++r) {
    auto v = b.mutableVotes(r);
    v[0] = 100, v[1] = 200, v[2] = 700;
    b.mutableStatus(r).flags |= RegionStatus::kHasRow | RegionStatus::kReported;
  }
  const RegionId banda = t.find("1171");
  ASSERT_NE(banda, kNoRegion);
  b.mutableVotes(banda)[0] = 1'000'000;
  auto snap = b.publish(0);
  const auto votes = dapilVotesOf(*snap, *tables);
  ASSERT_EQ(votes.size(), tables->dapil.size());
  const DapilInfo* aceh1 = dapilOfRegion(t, *tables, banda);
  ASSERT_TRUE(aceh1);
  EXPECT_EQ(aceh1->kode, "1101");
  EXPECT_EQ(votes[0].code, "1101");
  EXPECT_GE(votes[0].parties[0].votes, 1'000'000u);
  const SeatProjection p = projectFromSnapshot(*snap, *tables);
  EXPECT_EQ(p.totalSeats(), 580u);
  EXPECT_EQ(p.dapil[0].allocation.front().party, 1u);     // Banda Aceh's million lead ACEH I
  EXPECT_FALSE(dapilOfRegion(t, *tables, t.find("11")));  // a province holds several dapil
}
