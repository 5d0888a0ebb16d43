// Snapshots: documents applied, copy-on-write sharing, bad documents change nothing.

#include <gtest/gtest.h>

#include "pantau/data/model/snapshot.hpp"
#include "pantau/data/model/snapshot_history.hpp"
#include "pantau/data/source/source.hpp"
#include "test_support.hpp"

using namespace pantau::data;

namespace {
const std::shared_ptr<const RegionTree>& tree() { return pantau::test::sharedTree(); }
Aggregate parseAggregate(const std::string& json) {
  SirekapParser p;
  Aggregate a;
  EXPECT_TRUE(p.parseAggregate(std::string_view(json), a));
  return a;
}
}  // namespace

TEST(Snapshot, ApplyNationalSampleAndShareUnchangedChunks) {
  ASSERT_TRUE(tree());
  SnapshotBuilder b(tree(), {100025, 100026, 100027});
  auto empty = b.publish(1);
  Aggregate national = parseAggregate(pantau::test::readSample("ppwp_hhcw_national.json"));
  ASSERT_TRUE(applyAggregate(b, kNation, national, 1000));
  auto s = b.publish(2);
  EXPECT_EQ(s->version(), 2u);
  EXPECT_EQ(s->ownVotes(kNation)[1], 75357899u);
  EXPECT_EQ(s->status(kNation).progressReported, 643124u);
  const RegionId aceh = tree()->find("11");
  EXPECT_EQ(s->votes(aceh)[0], 1874157u);
  EXPECT_TRUE(s->status(aceh).has(RegionStatus::kReported));
  EXPECT_FLOAT_EQ(s->status(aceh).persen, 78.81f);
  EXPECT_EQ(s->status(aceh).confirmedAtMs, 1000);
  // Provinces changed; the TPS level did not, and shares its chunks with the empty snapshot.
  const RegionId tps = tree()->find("1101012001001");
  EXPECT_FALSE(s->sharesChunkWith(*empty, aceh));
  EXPECT_TRUE(s->sharesChunkWith(*empty, tps));
  EXPECT_EQ(empty->votes(aceh)[0], 0u);  // the older snapshot never changes
}

TEST(Snapshot, RegencyDocumentAppliesToItsDistricts) {
  SnapshotBuilder b(tree(), {100025, 100026, 100027});
  Aggregate regency = parseAggregate(pantau::test::readSample("ppwp_hhcw_regency_11-1101.json"));
  ASSERT_TRUE(applyAggregate(b, tree()->find("1101"), regency, 5));
  auto s = b.publish(5);
  EXPECT_EQ(s->ownVotes(tree()->find("1101"))[0], 111762u);
  EXPECT_EQ(s->status(tree()->find("1101")).progressTotal, 697u);
  EXPECT_TRUE(s->status(tree()->find("110101")).has(RegionStatus::kHasRow));
}

TEST(Snapshot, ADocumentForTheWrongRegionChangesNothing) {
  SnapshotBuilder b(tree(), {100025, 100026, 100027});
  Aggregate regency = parseAggregate(pantau::test::readSample("ppwp_hhcw_regency_11-1101.json"));
  auto before = b.publish(1);
  Status s = applyAggregate(b, tree()->find("1102"), regency, 5);  // rows are 1101's districts
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::BadCode);
  EXPECT_NE(s.error().message.find("not a child of 1102"), std::string::npos) << s.error().message;
  EXPECT_FALSE(b.dirty());
  SnapshotBuilder unknown(tree(), {100025, 100026});  // a candidate the list does not have
  Status u = applyAggregate(unknown, tree()->find("1101"), regency, 5);
  ASSERT_FALSE(u);
  EXPECT_NE(u.error().message.find("100027"), std::string::npos);
}

TEST(Snapshot, PathsFollowTheApiLayout) {
  EXPECT_EQ(countsPath(*tree(), kNation), "/pemilu/hhcw/ppwp.json");
  EXPECT_EQ(countsPath(*tree(), tree()->find("1101012001003")), "/pemilu/hhcw/ppwp/11/1101/110101/1101012001/1101012001003.json");
  EXPECT_EQ(regionListPath(*tree(), kNation), "/wilayah/pemilu/ppwp/0.json");
  EXPECT_EQ(regionListPath(*tree(), tree()->find("99AA")), "/wilayah/pemilu/ppwp/99/99AA.json");
  EXPECT_TRUE(isSafeApiPath("/pemilu/hhcw/ppwp/11.json"));
  EXPECT_FALSE(isSafeApiPath("/pemilu/../etc/passwd"));
  EXPECT_FALSE(isSafeApiPath("pemilu.json"));
  EXPECT_FALSE(isSafeApiPath("/a//b"));
  EXPECT_FALSE(isSafeApiPath("/a b"));
}

TEST(SnapshotHistory, KeepsOnePerRegenerationAndFindsTheMomentBefore) {
  ASSERT_TRUE(tree());
  SnapshotBuilder b(tree(), {100025, 100026, 100027});
  SnapshotHistory h(4);
  auto at = [&](int64_t ts) {
    b.mutableStatus(kNation).sourceTs = ts;
    return b.publish(ts);
  };
  EXPECT_EQ(h.at(1000), nullptr);
  h.add(at(0));  // nothing read yet: not a moment
  EXPECT_EQ(h.size(), 0u);
  auto s100 = at(100);
  h.add(s100);
  auto s100b = at(100);  // a later read of the same regeneration replaces it
  h.add(s100b);
  EXPECT_EQ(h.size(), 1u);
  EXPECT_EQ(h.at(150), s100b);
  for (int64_t ts = 200; ts <= 600; ts += 100) h.add(at(ts));
  // Six moments in a history of four: the older half thinned, the newest kept.
  EXPECT_LE(h.size(), 4u);
  EXPECT_EQ(h.at(600)->status(kNation).sourceTs, 600);
  EXPECT_EQ(h.at(99), nullptr);
  EXPECT_LE(h.at(450)->status(kNation).sourceTs, 450);
}

TEST(SnapshotHistory, HeldToItsBudgetOfBytesWhenEveryChunkChanges) {
  ASSERT_TRUE(tree());
  const RegionTree& t = *tree();
  SnapshotBuilder b(tree(), {100025, 100026, 100027});
  // Each regeneration writes a region in every chunk: nothing is shared between snapshots.
  auto everyChunk = [&](int64_t ts) {
    b.mutableStatus(kNation).sourceTs = ts;
    for (RegionId id = 0; id < t.size(); id += kChunkRegions) b.mutableVotes(id)[0] = static_cast<uint32_t>(ts);
    return b.publish(ts);
  };
  auto first = everyChunk(100);
  SnapshotHistory measure;
  measure.add(first);
  const std::size_t one = measure.bytes();
  EXPECT_GT(one, t.size() * 2 * 3 * sizeof(uint32_t));  // every region's votes and own votes, at least
  b.mutableStatus(kNation).sourceTs = 150;  // a regeneration that changed the nation alone
  measure.add(b.publish(150));
  EXPECT_EQ(measure.size(), 2u);
  EXPECT_GT(measure.bytes(), one);
  EXPECT_LT(measure.bytes(), one + one / 100);  // one chunk more: the rest is shared
  SnapshotHistory h(48, one * 5);
  h.add(first);
  for (int64_t ts = 200; ts <= 2000; ts += 100) {
    h.add(everyChunk(ts));
    EXPECT_LE(h.bytes(), one * 5) << ts;
  }
  EXPECT_GE(h.size(), 2u);
  EXPECT_LE(h.size(), 5u);
  EXPECT_EQ(h.at(2000)->status(kNation).sourceTs, 2000);  // the newest is kept
  EXPECT_LT(h.at(1999)->status(kNation).sourceTs, 2000);  // and one before it to compare with
}
