// The polite client's decisions as values: the tree as the change index (a changed row wakes its
// child's document, an unchanged one does not, a woken document that came back unchanged is asked
// again; not when the document held is newer than the table; an empty row puts off a first read),
// the slow interval spread by slowRps, and the request budget's token bucket.

#include <gtest/gtest.h>

#include "pantau/data/model/snapshot.hpp"
#include "pantau/data/sirekap/sirekap_parser.hpp"
#include "pantau/data/source/change_index.hpp"
#include "pantau/data/source/request_budget.hpp"
#include "test_support.hpp"

using namespace pantau::data;

namespace {

const std::shared_ptr<const RegionTree>& tree() { return pantau::test::sharedTree(); }

Aggregate nationTable(const std::string& body) {
  Aggregate a;
  SirekapParser p;
  EXPECT_TRUE(p.parseAggregate(std::string_view(body), a));
  return a;
}

/// The national sample with one province's votes for the first candidate changed.
std::string withAcehVotes(std::string body, const std::string& votes) {
  const std::string key = "\"100025\": 1874157";
  const auto at = body.find(key);
  EXPECT_NE(at, std::string::npos);
  return body.replace(at, key.size(), "\"100025\": " + votes);
}

struct Polled {
  PollScheduler s;
  ChangeIndex index;
  RegionId aceh, sumut;
  PollScheduler::DocId nationDoc, acehDoc, sumutDoc;
  explicit Polled(ChangeIndexOptions o)
      : s(ChangeIndex(tree(), o).slowPolicy({}), 1), index(tree(), o) {
    const RegionTree& t = *tree();
    aceh = t.find("11"), sumut = t.find("12");
    nationDoc = s.add(countsPath(t, kNation), kNation, Level::Nation, 0);
    index.track(kNation, nationDoc);
    acehDoc = s.add(countsPath(t, aceh), aceh, Level::Province, 0);
    sumutDoc = s.add(countsPath(t, sumut), sumut, Level::Province, 0);
    index.track(aceh, acehDoc);
    index.track(sumut, sumutDoc);
    for (PollScheduler::DocId id = 0; id < s.size(); ++id) s.succeeded(id, 0, {});  // the first sweep
  }
};

}  // namespace

TEST(ChangeIndex, AChangedRowWakesItsChildAndNoOther) {
  ASSERT_TRUE(tree());
  Polled p({.slowMs = 3600000, .fastLevels = 1});
  // Below the nation, the slow interval: an hour (with the policy's jitter), not 30 s.
  EXPECT_GE(p.s.doc(p.acehDoc).nextDueMs, 3600000 * 8 / 10);
  const std::string body = pantau::test::readSample("ppwp_hhcw_national.json");
  EXPECT_EQ(p.index.tableRead(kNation, nationTable(body), p.s, 30000), 0u);  // rows seen first: nothing woken
  EXPECT_EQ(p.index.tableRead(kNation, nationTable(body), p.s, 60000), 0u);  // unchanged: nothing
  EXPECT_EQ(p.index.tableRead(kNation, nationTable(withAcehVotes(body, "1874158")), p.s, 90000), 1u);
  EXPECT_EQ(p.s.doc(p.acehDoc).nextDueMs, 90000);  // due now
  EXPECT_GT(p.s.doc(p.sumutDoc).nextDueMs, 90000 + 3600000 / 2);  // its row did not change
  // Due: the nation (its own interval) and Aceh, not North Sumatra.
  EXPECT_EQ(p.s.due(90000, 10), (std::vector<PollScheduler::DocId>{p.nationDoc, p.acehDoc}));
  EXPECT_EQ(p.index.woken(), 1u);
}

TEST(ChangeIndex, AWokenDocumentThatCameBackUnchangedIsAskedAgainAFewTimes) {
  ASSERT_TRUE(tree());
  Polled p({.slowMs = 3600000, .fastLevels = 1, .retryMs = 30000});
  const std::string body = pantau::test::readSample("ppwp_hhcw_national.json");
  p.index.tableRead(kNation, nationTable(body), p.s, 0);
  p.index.tableRead(kNation, nationTable(withAcehVotes(body, "1")), p.s, 1000);
  // The origin wrote the nation's table before Aceh's document: Aceh answers 304, and is asked
  // again every 30 s, kWakeTries times; then it is back on the slow interval.
  int64_t now = 1000;
  for (int i = 0; i <= ChangeIndex::kWakeTries; ++i) {
    ASSERT_EQ(p.s.doc(p.acehDoc).nextDueMs, now) << i;
    p.s.notModified(p.acehDoc, now);
    p.index.documentRead(p.aceh, false, p.s, now);
    if (i < ChangeIndex::kWakeTries) now += 30000;
  }
  EXPECT_GT(p.s.doc(p.acehDoc).nextDueMs, now + 3600000 / 2);
  // A woken document that changed is done waiting.
  p.index.tableRead(kNation, nationTable(withAcehVotes(body, "2")), p.s, now);
  p.s.succeeded(p.acehDoc, now, {});
  p.index.documentRead(p.aceh, true, p.s, now);
  EXPECT_GT(p.s.doc(p.acehDoc).nextDueMs, now + 3600000 / 2);
}

TEST(ChangeIndex, AChildTheOriginWroteAfterItsParentsTableIsNotWoken) {
  ASSERT_TRUE(tree());
  Polled p({.slowMs = 3600000, .fastLevels = 1});
  const std::string body = pantau::test::readSample("ppwp_hhcw_national.json");
  auto writtenAt = [](const char* httpDate) { return Validators{"", httpDate}; };
  p.s.succeeded(p.nationDoc, 0, writtenAt("Wed, 14 Feb 2024 10:00:00 GMT"));
  p.index.tableRead(kNation, nationTable(body), p.s, 0);
  // Aceh's document was read after the origin regenerated the nation's table and before the
  // client read that table: the changed row describes the document it holds.
  p.s.succeeded(p.nationDoc, 30000, writtenAt("Wed, 14 Feb 2024 10:01:00 GMT"));
  p.s.succeeded(p.acehDoc, 20000, writtenAt("Wed, 14 Feb 2024 10:01:00 GMT"));
  EXPECT_EQ(p.index.tableRead(kNation, nationTable(withAcehVotes(body, "1")), p.s, 30000), 0u);
  EXPECT_GT(p.s.doc(p.acehDoc).nextDueMs, 30000 + 3600000 / 2);
  // A table the origin wrote after the document held wakes it.
  p.s.succeeded(p.nationDoc, 60000, writtenAt("Wed, 14 Feb 2024 10:02:00 GMT"));
  EXPECT_EQ(p.index.tableRead(kNation, nationTable(withAcehVotes(body, "2")), p.s, 60000), 1u);
  EXPECT_EQ(p.s.doc(p.acehDoc).nextDueMs, 60000);
}

TEST(ChangeIndex, ADocumentWhoseRowIsEmptyWaitsForItsRow) {
  ASSERT_TRUE(tree());
  const RegionTree& t = *tree();
  ChangeIndex index(tree(), {.slowMs = 3600000, .fastLevels = 1, .emptyRowsWaitFrom = 1});
  PollScheduler s(index.slowPolicy({}), 1);
  const RegionId aceh = t.find("11"), sumut = t.find("12");
  index.track(kNation, s.add(countsPath(t, kNation), kNation, Level::Nation, 0));
  const auto acehDoc = s.add(countsPath(t, aceh), aceh, Level::Province, 0);
  const auto sumutDoc = s.add(countsPath(t, sumut), sumut, Level::Province, 0);
  index.track(aceh, acehDoc);
  index.track(sumut, sumutDoc);
  s.succeeded(0, 0, {});
  // North Sumatra's row says it has reported nothing: its document is not read yet.
  Aggregate table = nationTable(pantau::test::readSample("ppwp_hhcw_national.json"));
  AggregateRow* row = nullptr;
  for (AggregateRow& r : table.rows)
    if (r.code.view() == "12") row = &r;
  ASSERT_NE(row, nullptr);
  const uint32_t votes = row->voteCount;
  row->voteCount = 0;
  EXPECT_EQ(index.tableRead(kNation, table, s, 1000), 0u);
  EXPECT_EQ(index.waitingOnEmptyRows(), 1u);
  EXPECT_EQ(s.due(1000, 10), (std::vector<PollScheduler::DocId>{acehDoc}));  // not North Sumatra
  EXPECT_GT(s.doc(sumutDoc).nextDueMs, 1000 + 3600000 / 2);
  // Its row shows votes: read now.
  row->voteCount = votes;
  EXPECT_EQ(index.tableRead(kNation, table, s, 31000), 1u);
  EXPECT_EQ(s.doc(sumutDoc).nextDueMs, 31000);
  s.succeeded(sumutDoc, 31000, {});
  index.documentRead(sumut, true, s, 31000);
  EXPECT_EQ(index.waitingOnEmptyRows(), 0u);
}

TEST(ChangeIndex, FastLevelsKeepTheirIntervalAndNoIndexMeansEveryLevelAtItsOwn) {
  const PollPolicy base;
  const PollPolicy display = ChangeIndex(tree(), {.slowMs = 3600000, .fastLevels = 2}).slowPolicy(base);
  EXPECT_EQ(display.intervalMs[0], base.intervalMs[0]);
  EXPECT_EQ(display.intervalMs[1], base.intervalMs[1]);  // the provinces: what the nation's map shows
  EXPECT_EQ(display.intervalMs[2], 3600000);
  EXPECT_EQ(display.intervalMs[5], 3600000);
  const PollPolicy off = ChangeIndex(tree(), {.slowMs = 0}).slowPolicy(base);
  EXPECT_EQ(off.intervalMs, base.intervalMs);
}

TEST(ChangeIndex, SlowRefreshSpreadToItsRequestRate) {
  ASSERT_TRUE(tree());
  const RegionTree& t = *tree();
  ChangeIndex index(tree(), {.slowMs = 3600000, .fastLevels = 2, .slowRps = 2});
  PollScheduler s(index.slowPolicy({}), 1);
  // The nation, the provinces and every regency: 514 polled slowly, under an hour's worth at 2/s.
  for (RegionId id = 0; id < t.levelEnd(Level::Regency); ++id)
    index.track(id, s.add(countsPath(t, id), id, t.level(id), 0));
  EXPECT_EQ(index.slowIntervalMs(), 3600000);
  // Every village and TPS under Surabaya too: the slow refresh of them all stays at 2 a second.
  std::size_t slow = t.levelEnd(Level::Regency) - t.levelEnd(Level::Province);
  const RegionId surabaya = t.find("3578");
  for (RegionId d : t.children(surabaya))
    for (RegionId v : t.children(d)) {
      index.track(v, s.add(countsPath(t, v), v, Level::Village, 0)), ++slow;
      for (RegionId tps : t.children(v)) index.track(tps, s.add(countsPath(t, tps), tps, Level::Tps, 0)), ++slow;
    }
  ASSERT_GT(slow, 7200u);  // Surabaya alone has thousands of TPS
  EXPECT_EQ(index.slowIntervalMs(), static_cast<int64_t>(slow * 1000 / 2));
  index.spreadSlowRefresh(s);
  EXPECT_EQ(s.policy().intervalMs[5], index.slowIntervalMs());
  EXPECT_EQ(s.policy().intervalMs[1], PollPolicy{}.intervalMs[1]);  // the provinces keep theirs
}

TEST(RequestBudget, ASecondsWorthAtMostThenItsRate) {
  RequestBudget b(20, 0);
  EXPECT_EQ(b.allowed(0, 64), 20u);  // a second's worth at the start
  b.spend(20);
  EXPECT_EQ(b.allowed(0, 64), 0u);
  EXPECT_EQ(b.waitMs(), 50);  // the next request's worth
  EXPECT_EQ(b.allowed(500, 64), 10u);
  b.spend(10);
  EXPECT_EQ(b.allowed(60000, 64), 20u);  // a long idle spell is no burst
  // Over a minute of asking all the time, 20 a second and no more.
  RequestBudget c(20, 0);
  std::size_t asked = 0;
  for (int64_t ms = 0; ms <= 60000; ms += 7) {
    const std::size_t n = c.allowed(ms, 64);
    c.spend(n);
    asked += n;
  }
  EXPECT_GE(asked, 1200u);
  EXPECT_LE(asked, 1220u);
}

TEST(RequestBudget, NoCapAndTheDefaults) {
  RequestBudget none(0, 0);
  EXPECT_FALSE(none.capped());
  EXPECT_EQ(none.allowed(0, 5000), 5000u);
  EXPECT_EQ(none.waitMs(), 0);
  RequestBudget slow(0.5, 0);  // below one a second: still one request at a time
  EXPECT_EQ(slow.allowed(0, 10), 1u);
  slow.spend(1);
  EXPECT_EQ(slow.allowed(1000, 10), 0u);
  EXPECT_EQ(slow.allowed(2000, 10), 1u);
  EXPECT_EQ(defaultMaxRps("https://sirekap-obj-data.kpu.go.id"), kRemoteMaxRps);
  EXPECT_EQ(defaultMaxRps("http://10.0.0.5:8080/"), kRemoteMaxRps);
  EXPECT_EQ(defaultMaxRps("http://127.0.0.1:8080"), 0);
  EXPECT_EQ(defaultMaxRps("http://localhost/"), 0);
  EXPECT_EQ(defaultMaxRps("http://[::1]:9/"), 0);
  EXPECT_EQ(defaultMaxRps("relay+http://example.org:8080"), 0);
  EXPECT_EQ(defaultMaxRps("archive:/tmp/night"), 0);
  EXPECT_EQ(defaultMaxRps("/srv/mirror"), 0);
  double v = -1;
  EXPECT_TRUE(parseMaxRps("2.5", v));
  EXPECT_EQ(v, 2.5);
  EXPECT_FALSE(parseMaxRps("fast", v));
  EXPECT_FALSE(parseMaxRps("-1", v));
  EXPECT_FALSE(parseMaxRps("", v));
  EXPECT_FALSE(parseMaxRps("1e9", v));
}
