// The live client's decisions, as values: order, jittered intervals, backoff, Retry-After.

#include <gtest/gtest.h>

#include "pantau/data/source/http_parse.hpp"
#include "pantau/data/source/poll_scheduler.hpp"

using namespace pantau::data;

TEST(PollScheduler, FocusedFirstThenShallowerLevelsThenEarliest) {
  PollScheduler s;
  auto district = s.add("/d", 500, Level::District, 0);
  auto nation = s.add("/n", 0, Level::Nation, 0);
  auto province = s.add("/p", 1, Level::Province, 0);
  auto regency = s.add("/r", 50, Level::Regency, 0);
  EXPECT_EQ(s.due(0, 10), (std::vector<PollScheduler::DocId>{nation, province, regency, district}));
  const RegionId onScreen[] = {500};
  s.setFocus(onScreen, 0);
  EXPECT_EQ(s.due(0, 2), (std::vector<PollScheduler::DocId>{district, nation}));
  EXPECT_EQ(s.add("/d", 500, Level::District, 99), district);  // known path: same id
  EXPECT_EQ(s.size(), 4u);
}

TEST(PollScheduler, IntervalsPerLevelWithJitter) {
  PollPolicy p;
  PollScheduler s(p, 7);
  int64_t minSeen = INT64_MAX, maxSeen = 0;
  auto id = s.add("/n", 0, Level::Nation, 0);
  for (int i = 0; i < 200; ++i) {
    s.succeeded(id, 1000, {"\"e\"", ""});
    const int64_t wait = s.doc(id).nextDueMs - 1000;
    minSeen = std::min(minSeen, wait);
    maxSeen = std::max(maxSeen, wait);
  }
  EXPECT_GE(minSeen, 24000);  // 30 s +- 20%
  EXPECT_LE(maxSeen, 36000);
  EXPECT_GT(maxSeen - minSeen, 6000);  // really spread, not a constant
  EXPECT_EQ(s.doc(id).validators.etag, "\"e\"");
  auto village = s.add("/v", 9, Level::Village, 0);
  s.notModified(village, 0);
  EXPECT_GE(s.doc(village).nextDueMs, 240000);
  EXPECT_TRUE(s.due(1000, 10).empty());
}

TEST(PollScheduler, TwoViewersStartedTogetherDoNotFireTogether) {
  PollScheduler a(PollPolicy{}, 1), b(PollPolicy{}, 2);
  auto ia = a.add("/n", 0, Level::Nation, 0), ib = b.add("/n", 0, Level::Nation, 0);
  a.succeeded(ia, 0, {});
  b.succeeded(ib, 0, {});
  EXPECT_NE(a.doc(ia).nextDueMs, b.doc(ib).nextDueMs);
}

TEST(PollScheduler, ExponentialBackoffCappedAndRetryAfterHonoured) {
  PollPolicy p;
  p.backoffBaseMs = 1000;
  p.backoffMaxMs = 60000;
  PollScheduler s(p, 3);
  auto id = s.add("/n", 0, Level::Nation, 0);
  int64_t previousCap = 0;
  for (int f = 1; f <= 10; ++f) {
    s.failed(id, 0, "HTTP 503", -1);
    const int64_t cap = std::min<int64_t>(60000, 1000LL << (f - 1));
    EXPECT_GE(s.doc(id).nextDueMs, cap / 2) << f;
    EXPECT_LE(s.doc(id).nextDueMs, cap) << f;
    EXPECT_GE(cap, previousCap);
    previousCap = cap;
  }
  EXPECT_EQ(s.doc(id).failures, 10);
  EXPECT_EQ(s.inBackoff(), 1u);
  EXPECT_EQ(s.lastError(id), "HTTP 503");
  s.failed(id, 0, "HTTP 429", 120);  // the server asks for two minutes: more than the cap
  EXPECT_GE(s.doc(id).nextDueMs, 120000);
  s.succeeded(id, 200000, {});
  EXPECT_EQ(s.doc(id).failures, 0);
  EXPECT_EQ(s.inBackoff(), 0u);
  EXPECT_TRUE(s.lastError(id).empty());
}

TEST(PollScheduler, BatchLimitAndNextDue) {
  PollScheduler s;
  for (int i = 0; i < 100; ++i) s.add("/x" + std::to_string(i), static_cast<RegionId>(i), Level::District, i);
  EXPECT_EQ(s.due(1000, 16).size(), 16u);
  EXPECT_EQ(s.due(49, 1000).size(), 50u);
  EXPECT_EQ(s.nextDueMs(), 0);
}

// Issue 15 item 5: "Retry-After: 999999" parked a document for 11.6 days (the day cap was skipped
// for six-digit values), and bringing its region on screen did not fetch it again.
TEST(PollScheduler, LongRetryAfterIsCappedAndFocusFetchesAParkedDocument) {
  PollScheduler s;
  auto id = s.add("/r", 50, Level::Regency, 0);
  auto other = s.add("/o", 51, Level::Regency, 0);
  s.failed(id, 0, "HTTP 503", parseRetryAfter("999999", 0));
  EXPECT_EQ(s.doc(id).nextDueMs, int64_t{kMaxRetryAfterSeconds} * 1000);
  s.failed(other, 0, "HTTP 503", 999999);  // the scheduler caps it too, whoever parsed it
  EXPECT_EQ(s.doc(other).nextDueMs, int64_t{kMaxRetryAfterSeconds} * 1000);
  s.succeeded(other, 0, {});  // on a normal schedule: focus leaves it alone
  const int64_t otherDue = s.doc(other).nextDueMs;
  EXPECT_TRUE(s.due(1000, 10).empty());
  const RegionId onScreen[] = {50, 51};
  s.setFocus(onScreen, 1000);
  EXPECT_EQ(s.due(1000, 10), std::vector<PollScheduler::DocId>{id});
  EXPECT_EQ(s.doc(other).nextDueMs, otherDue);
  s.failed(id, 1000, "HTTP 503", -1);  // still failing: backs off again, from its count
  EXPECT_EQ(s.doc(id).failures, 2);
  s.setFocus(onScreen, 2000);  // already on screen: no second pull
  EXPECT_TRUE(s.due(2000, 10).empty() || s.doc(id).nextDueMs <= 2000);
}

TEST(HttpParse, RetryAfterFormsAndLimits) {
  EXPECT_EQ(parseRetryAfter("120", 0), 120);
  EXPECT_EQ(parseRetryAfter(" 7\r\n", 0), 7);
  EXPECT_EQ(parseRetryAfter("999999", 0), kMaxRetryAfterSeconds);
  EXPECT_EQ(parseRetryAfter("99999999999999999999999999", 0), kMaxRetryAfterSeconds);
  EXPECT_EQ(parseRetryAfter("-5", 0), -1);
  EXPECT_EQ(parseRetryAfter("", 0), -1);
  EXPECT_EQ(parseRetryAfter("soon", 0), -1);
  const std::time_t now = 1'707'900'000;  // 2024-02-14 08:40:00 UTC
  EXPECT_EQ(parseRetryAfter("Wed, 14 Feb 2024 08:41:00 GMT", now), 60);
  EXPECT_EQ(parseRetryAfter("Wed, 14 Feb 2024 08:00:00 GMT", now), 0);
  EXPECT_EQ(parseRetryAfter("Fri, 31 Dec 9999 23:59:59 GMT", now), kMaxRetryAfterSeconds);
  EXPECT_EQ(parseRetryAfter("Wed, 14 Feb 2024 08:41:00 GMT trailing", now), -1);
}

TEST(HttpParse, HeaderLinesAndHosts) {
  ResponseHeaders h;
  readHeaderLine("ETag: \"abc\"\r\n", h, 0);
  readHeaderLine("last-modified: Wed, 14 Feb 2024 08:41:00 GMT\r\n", h, 0);
  readHeaderLine("Retry-After: 30\r\n", h, 0);
  EXPECT_EQ(h.validators.etag, "\"abc\"");
  EXPECT_EQ(h.validators.lastModified, "Wed, 14 Feb 2024 08:41:00 GMT");
  EXPECT_EQ(h.retryAfterSeconds, 30);
  readHeaderLine("ETag: " + std::string(300, 'x') + "\r\n", h, 0);
  EXPECT_EQ(h.validators.etag, "\"abc\"");  // too long: ignored, never stored
  readHeaderLine("HTTP/1.1 200 OK\r\n", h, 0);
  EXPECT_TRUE(h.validators.empty());
  EXPECT_EQ(h.retryAfterSeconds, -1);
  // Issue 15 item 7: user-info named the host ("127.0.0.2" for a URL whose host is evil).
  EXPECT_EQ(urlHost("http://127.0.0.2:1@evil/x"), "evil");
  EXPECT_EQ(urlOrigin("http://127.0.0.2:1@evil/x"), "http://evil");
  EXPECT_EQ(urlHost("HTTPS://Data.Example:8443/a"), "data.example");
  EXPECT_EQ(urlHost("http://[::1]:80/x"), "[::1]");
  EXPECT_EQ(urlHost("ftp://host/x"), "");
  EXPECT_EQ(urlHost("http:///x"), "");
}

// The relay's change index: a changed row in the parent's table brings its child's fetch forward,
// never back, and not while the child backs off from a failure.
TEST(PollScheduler, WakeBringsAFetchForwardOnly) {
  PollPolicy p;
  p.jitter = 0;
  PollScheduler s(p, 1);
  auto province = s.add("/p", 1, Level::Province, 0);
  s.succeeded(province, 0, {"\"e\"", ""});
  EXPECT_EQ(s.doc(province).nextDueMs, 30000);
  EXPECT_TRUE(s.wake(province, 500));
  EXPECT_EQ(s.doc(province).nextDueMs, 500);
  EXPECT_EQ(s.due(500, 10), std::vector<PollScheduler::DocId>{province});
  EXPECT_FALSE(s.wake(province, 900));  // already due sooner
  EXPECT_EQ(s.doc(province).nextDueMs, 500);
  s.failed(province, 500, "503", 60);
  EXPECT_FALSE(s.wake(province, 600));  // Retry-After is honoured whatever changed
  EXPECT_GE(s.doc(province).nextDueMs, 60500);
}
