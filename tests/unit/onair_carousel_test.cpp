// The on-air carousel on an injected clock: order, durations, loop (with tours expanded again),
// holds, the director's commands and the breaking jump and return.

#include <gtest/gtest.h>

#include "carousel.hpp"

using namespace pantau::viewer::onair;

namespace {

std::vector<RundownItem> items(std::initializer_list<std::pair<const char*, double>> spec) {
  std::vector<RundownItem> out;
  for (const auto& [name, seconds] : spec) {
    RundownItem it;
    it.name = name;
    it.seconds = seconds;
    out.push_back(it);
  }
  return out;
}

}  // namespace

TEST(OnAirCarousel, PlaysEachItemForItsSecondsAndLoops) {
  Carousel c(items({{"a", 2}, {"b", 3}, {"c", 1}}), true);
  int loops = 0;
  c.onLoop = [&] {
    ++loops;
    return items({{"a2", 2}, {"b2", 3}});  // the tours, expanded again
  };
  c.start(1000);
  EXPECT_EQ(c.onAir().name, "a");
  EXPECT_EQ(c.nextIndex(), 1);
  EXPECT_FALSE(c.changesBy(2999));  // what a frame repeated late would have shown
  EXPECT_TRUE(c.changesBy(3000));
  EXPECT_FALSE(c.tick(2999));
  EXPECT_TRUE(c.tick(3000));
  EXPECT_EQ(c.onAir().name, "b");
  EXPECT_FALSE(c.tick(5999));
  EXPECT_TRUE(c.tick(6000));
  EXPECT_EQ(c.onAir().name, "c");
  EXPECT_EQ(c.nextIndex(), 0);  // loops
  EXPECT_TRUE(c.tick(7000));
  EXPECT_EQ(loops, 1);
  EXPECT_EQ(c.loops(), 1);
  EXPECT_EQ(c.onAir().name, "a2");
  EXPECT_EQ(c.items().size(), 2u);
  // A clock that jumps crosses items by their durations: 2 s of a2, 3 s of b2, then a2 again.
  EXPECT_TRUE(c.tick(7000 + 5500));
  EXPECT_EQ(c.onAir().name, "a2");
  EXPECT_EQ(c.elapsedMs(12500), 500);
}

TEST(OnAirCarousel, WithoutLoopStopsOnTheLastItem) {
  Carousel c(items({{"a", 1}, {"b", 1}}), false);
  c.start(0);
  c.tick(1000);
  EXPECT_EQ(c.nextIndex(), -1);
  EXPECT_TRUE(c.tick(2000));
  EXPECT_TRUE(c.ended());
  EXPECT_FALSE(c.playing());
  EXPECT_EQ(c.onAir().name, "b");
  EXPECT_FALSE(c.tick(60000));
}

TEST(OnAirCarousel, ZeroSecondsHoldsUntilACommand) {
  Carousel c(items({{"a", 1}, {"hold", 0}, {"c", 1}}), true);
  c.start(0);
  c.tick(1000);
  EXPECT_EQ(c.onAir().name, "hold");
  EXPECT_FALSE(c.playing());
  EXPECT_FALSE(c.changesBy(3'600'000));
  EXPECT_FALSE(c.tick(3'600'000));
  c.next(3'600'000);
  EXPECT_EQ(c.onAir().name, "c");
  EXPECT_TRUE(c.playing());
}

TEST(OnAirCarousel, CommandsCueTakeNextPrevHoldResume) {
  Carousel c(items({{"a", 10}, {"b", 10}, {"c", 10}, {"d", 10}}), true);
  c.start(0);
  const uint64_t v0 = c.version();
  c.next(100);
  EXPECT_EQ(c.onAir().name, "b");
  EXPECT_GT(c.version(), v0);
  c.prev(200);
  EXPECT_EQ(c.onAir().name, "a");
  c.prev(300);  // before the first: the last, when looping
  EXPECT_EQ(c.onAir().name, "d");
  EXPECT_FALSE(c.cue(4));
  EXPECT_TRUE(c.cue(2));
  EXPECT_EQ(c.nextIndex(), 2);
  EXPECT_EQ(c.onAir().name, "d");  // cued, not taken
  c.take(400);
  EXPECT_EQ(c.onAir().name, "c");
  EXPECT_EQ(c.nextIndex(), 3);
  // Hold freezes the item's clock; resume continues where it stopped.
  c.hold(5400);  // 5 s played
  EXPECT_TRUE(c.held());
  EXPECT_FALSE(c.playing());
  EXPECT_FALSE(c.tick(100'000));
  c.resume(100'000);
  EXPECT_FALSE(c.tick(104'999));
  EXPECT_TRUE(c.tick(105'000));
  EXPECT_EQ(c.onAir().name, "d");
  // A cued item is where the carousel goes when the current item's time is up.
  c.cue(1);
  c.tick(115'000);
  EXPECT_EQ(c.onAir().name, "b");
}

TEST(OnAirCarousel, BreakingJumpsHoldsAndReturns) {
  Carousel c(items({{"a", 10}, {"b", 10}}), true);
  c.start(0);
  c.tick(4000);
  RundownItem flip;
  flip.name = "Jawa Timur";
  EXPECT_TRUE(c.breaking(flip, 5000, 4000));
  EXPECT_EQ(c.onAir().name, "Jawa Timur");
  EXPECT_EQ(c.current(), -1);
  EXPECT_TRUE(c.breakingOnAir());
  EXPECT_EQ(c.nextIndex(), 1);
  EXPECT_FALSE(c.tick(8999));
  EXPECT_TRUE(c.tick(9000));
  EXPECT_EQ(c.onAir().name, "a");  // back to the interrupted item, from its start
  EXPECT_EQ(c.elapsedMs(9000), 0);
  EXPECT_FALSE(c.breakingOnAir());
  // While the director holds, breaking news waits.
  c.hold(9500);
  EXPECT_FALSE(c.breaking(flip, 5000, 9500));
  EXPECT_EQ(c.onAir().name, "a");
}

TEST(OnAirCarousel, AnAdHocShowStaysUntilTheNextCommand) {
  Carousel c(items({{"a", 10}, {"b", 10}, {"c", 10}}), true);
  c.start(0);
  c.next(1000);
  RundownItem adhoc;
  adhoc.name = "show";
  adhoc.seconds = 0;
  c.show(adhoc, 2000);
  EXPECT_EQ(c.onAir().name, "show");
  EXPECT_FALSE(c.playing());
  EXPECT_FALSE(c.tick(600'000));
  c.next(600'000);
  EXPECT_EQ(c.onAir().name, "c");  // the rundown goes on after the item it was showing
  c.show(adhoc, 600'100);
  c.prev(600'200);
  EXPECT_EQ(c.onAir().name, "c");
}

TEST(OnAirCarousel, AnEmptyRundownShowsTheNation) {
  Carousel c({}, true);
  c.start(0);
  EXPECT_EQ(c.onAir().name, "nasional");
  EXPECT_EQ(c.nextIndex(), -1);
  EXPECT_FALSE(c.tick(100000));
  c.next(1);
  EXPECT_EQ(c.onAir().name, "nasional");
}
