// The on-air rundown: its keys and their errors (with the line at fault), the regions and layers
// it names, and the tours it expands from a snapshot.

#include <gtest/gtest.h>

#include <set>

#include "pantau/data/model/snapshot.hpp"
#include "rundown.hpp"
#include "test_support.hpp"
#include "tours.hpp"

using namespace pantau::data;
using namespace pantau::viewer::onair;
using pantau::test::sharedTree;

namespace {

/// The message of a rundown that must fail (parse, then resolve against the real tree).
std::string errorOf(const std::string& text) {
  auto r = parseRundown(text, "night.toml");
  if (!r) return r.error().message;
  if (auto s = resolveRundown(*r, *sharedTree()); !s) return s.error().message;
  return "";
}

}  // namespace

TEST(OnAirRundown, ReadsEveryKeyInFileOrder) {
  ASSERT_TRUE(sharedTree());
  const char* text = R"(title = "Malam Pemilu"
fps = 50
loop = false

[[item]]
name = "nasional"
seconds = 10
caption = "Hasil sementara"
transition = "mix"
transition_frames = 12

[[tour]]
kind = "closest"
level = "regency"
count = 3
seconds = 4
layer = "share:100026"

[[item]]
name = "jatim"
view = "35"
layer = "progress"
map = "tiles"
transition = "fly"
seconds = 0

[breaking]
on = "flip"
level = "province"
hold_seconds = 15
)";
  auto r = parseRundown(text, "night.toml");
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_TRUE(resolveRundown(*r, *sharedTree()));
  EXPECT_EQ(r->title, "Malam Pemilu");
  EXPECT_EQ(r->fps, 50);
  EXPECT_FALSE(r->loop);
  ASSERT_EQ(r->entries.size(), 3u);  // item, tour, item: as written, though TOML keeps two arrays
  ASSERT_TRUE(r->entries[0].item);
  EXPECT_EQ(r->entries[0].item->transition, Transition::Mix);
  EXPECT_EQ(r->entries[0].item->transitionFrames, 12);
  ASSERT_TRUE(r->entries[1].tour);
  EXPECT_EQ(r->entries[1].tour->kind, TourSpec::Closest);
  EXPECT_EQ(r->entries[1].tour->level, Level::Regency);
  EXPECT_EQ(r->entries[1].tour->layerChoice.kind, pantau::viewer::LayerChoice::Share);
  const RundownItem& jatim = *r->entries[2].item;
  EXPECT_EQ(jatim.region, sharedTree()->find("35"));
  EXPECT_EQ(jatim.map, MapKind::Tiles);
  EXPECT_EQ(jatim.seconds, 0);
  EXPECT_EQ(jatim.line, 19);
  EXPECT_TRUE(r->breaking.enabled);
  EXPECT_EQ(r->breaking.holdSeconds, 15);
}

TEST(OnAirRundown, ErrorsNameTheFileTheLineAndWhatIsWrong) {
  ASSERT_TRUE(sharedTree());
  EXPECT_EQ(errorOf("title = \"x\"\n[[item]]\nview = \"35\"\ncolour = \"red\"\n"),
            "night.toml:4: unknown key 'colour' in [[item]]");
  EXPECT_EQ(errorOf("[[item]]\nview = \"35\"\n\n[[item]]\nview = \"3599\"\n"),
            "night.toml:4: unknown region '3599'");
  EXPECT_EQ(errorOf("[[item]]\nlayer = \"sparkle\"\n").substr(0, 38),
            "night.toml:1: unknown layer: 'sparkle'");
  EXPECT_EQ(errorOf("[[item]]\nseconds = -3\n"), "night.toml:2: 'seconds' is -3, not in 0..86400");
  EXPECT_EQ(errorOf("fps = 25\n[[item]\nview = 1\n").substr(0, 13),
            "night.toml:2:");  // a TOML error
  EXPECT_EQ(errorOf("[[item]]\nview = 35\n"), "night.toml:2: 'view' must be a string");
  EXPECT_EQ(errorOf("[[item]]\ntransition = \"wipe\"\n"),
            "night.toml:2: 'transition' is 'wipe', not one of cut, mix, fly");
  EXPECT_EQ(errorOf("fps = 0\n[[item]]\n"), "night.toml:1: 'fps' is 0, not in 1..120");
  EXPECT_EQ(errorOf("speed = 2\n[[item]]\n").substr(0, 33), "night.toml:1: unknown key 'speed'");
  EXPECT_EQ(errorOf("[[tour]]\nkind = \"regencies\"\nregion = \"3578\"\n"),
            "night.toml:1: a 'regencies' tour needs a province (or no region: all of them), not "
            "'3578'");
  EXPECT_EQ(errorOf("[[tour]]\nkind = \"everything\"\n").substr(0, 38),
            "night.toml:2: 'kind' is 'everything', ");
  EXPECT_EQ(errorOf("[[item]]\ntransition_frames = 2.5\n"),
            "night.toml:2: 'transition_frames' must be a whole number");
  EXPECT_EQ(errorOf("[breaking]\non = \"goal\"\n"),
            "night.toml:2: 'on' is 'goal', not one of flip");
  EXPECT_EQ(errorOf("title = \"empty\"\n"),
            "night.toml:1: nothing to play: no [[item]] or [[tour]]");
  EXPECT_EQ(errorOf("item = 3\n"), "night.toml:1: 'item' must be written as [[item]] tables");
}

// contest = "pdpr": the DPR's items and tours, its seat view, parties named in layers; one
// contest a show.
TEST(OnAirRundown, TheDprItemsTheirSeatViewAndOneContestAShow) {
  ASSERT_TRUE(sharedTree());
  const char* text = R"([[item]]
name = "kursi"
contest = "pdpr"
view = "seats"

[[item]]
contest = "pdpr"
view = "35"
layer = "share:PDI-P"

[[tour]]
kind = "provinces"
contest = "pdpr"
)";
  auto r = parseRundown(text, "dpr.toml");
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(rundownContest(*r), "pdpr");
  ASSERT_TRUE(resolveRundown(*r, *sharedTree(), Contest::Pdpr));
  EXPECT_TRUE(r->entries[0].item->seats);
  EXPECT_EQ(r->entries[0].item->region, kNation);
  EXPECT_FALSE(r->entries[1].item->seats);
  EXPECT_EQ(r->entries[1].item->layerChoice.candidate, 3u);
  EXPECT_EQ(r->entries[2].tour->contest, "pdpr");
  auto again = parseRundown(text, "dpr.toml");
  EXPECT_EQ(resolveRundown(*again, *sharedTree()).error().message,
            "dpr.toml:1: contest 'pdpr': this show reads ppwp (one contest a show: pantau "
            "--contest pdpr)");
  EXPECT_EQ(errorOf("[[item]]\nview = \"seats\"\n"),
            "night.toml:1: view 'seats' is the DPR's (contest = \"pdpr\")");
  EXPECT_EQ(errorOf("[[item]]\ncontest = \"dprd\"\n"),
            "night.toml:1: unknown contest 'dprd' (ppwp or pdpr)");
}

TEST(OnAirRundown, AFileThatCannotBeReadSaysSo) {
  auto r = loadRundown("/nonexistent/night.toml");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message.rfind("/nonexistent/night.toml: cannot read", 0), 0u)
      << r.error().message;
}

namespace {

/// Two candidates; every province's votes given by `votes(province index)`.
std::shared_ptr<const Snapshot> provinces(
    const std::function<std::pair<uint32_t, uint32_t>(std::size_t)>& votes) {
  const RegionTree& t = *sharedTree();
  SnapshotBuilder b(sharedTree(), {100025, 100026});
  uint32_t a = 0, c = 0;
  for (RegionId id = t.levelBegin(Level::Province); id < t.levelEnd(Level::Province); ++id) {
    const auto [x, y] = votes(id - t.levelBegin(Level::Province));
    auto v = b.mutableVotes(id);
    v[0] = x, v[1] = y;
    a += x, c += y;
    b.mutableStatus(id).flags |= RegionStatus::kHasRow | RegionStatus::kReported;
  }
  auto n = b.mutableOwnVotes(kNation);
  n[0] = a, n[1] = c;
  return b.publish(1);
}

}  // namespace

TEST(OnAirTours, ExpandFromTheSnapshot) {
  ASSERT_TRUE(sharedTree());
  const RegionTree& t = *sharedTree();
  // Province i: 1000 + 10 i against 1000: the closest margins are the first provinces.
  auto before =
      provinces([](std::size_t i) { return std::pair<uint32_t, uint32_t>(1000 + 10 * i, 1000); });
  // Later the first two provinces turned, and the fifth gained the most for the runner-up.
  auto after = provinces([](std::size_t i) {
    if (i < 2) return std::pair<uint32_t, uint32_t>(1000, 2000);
    if (i == 4) return std::pair<uint32_t, uint32_t>(1040, 6000);
    return std::pair<uint32_t, uint32_t>(1000 + 10 * i, 1000);
  });
  auto rundown = parseRundown(R"([[tour]]
kind = "provinces"
[[tour]]
kind = "regencies"
region = "35"
seconds = 3
[[tour]]
kind = "closest"
count = 3
[[tour]]
kind = "flipped"
minutes = 30
[[tour]]
kind = "movers"
count = 1
[[tour]]
kind = "regencies"
)",
                              "t.toml");
  ASSERT_TRUE(rundown) << rundown.error().message;
  ASSERT_TRUE(resolveRundown(*rundown, t));
  TourData d{after.get(), before.get(),
             [&](double minutes) { return minutes == 30 ? before.get() : nullptr; }};
  const auto& e = rundown->entries;
  const auto all = expandTour(*e[0].tour, d);
  EXPECT_EQ(all.size(), 38u);  // every domestic province; Luar Negeri has no map
  const auto regencies = expandTour(*e[1].tour, d);
  EXPECT_EQ(regencies.size(), t.children(t.find("35")).size());
  EXPECT_EQ(regencies[0].seconds, 3);
  const auto closest = expandTour(*e[2].tour, d);
  ASSERT_EQ(closest.size(), 3u);
  EXPECT_EQ(closest[0].region,
            t.levelBegin(Level::Province) + 2);  // 1020 v 1000 now that 0 and 1 turned
  const auto flipped = expandTour(*e[3].tour, d);
  ASSERT_EQ(flipped.size(), 3u);  // the first two, and the fifth that the runner-up took
  EXPECT_EQ(flipped[0].region, t.levelBegin(Level::Province));
  EXPECT_EQ(flipped[0].view, std::string(t.code(flipped[0].region)));
  const auto movers = expandTour(*e[4].tour, d);
  ASSERT_EQ(movers.size(), 1u);
  EXPECT_EQ(movers[0].region, t.levelBegin(Level::Province) + 4);
  // No region: every regency of the country (a newsroom's 514 cards), province by province.
  const auto everyRegency = expandTour(*e[5].tour, d);
  ASSERT_EQ(everyRegency.size(), 514u);
  EXPECT_EQ(everyRegency.front().view, "1101");
  EXPECT_EQ(everyRegency[0].seconds, 6);
  for (std::size_t i = 1; i < everyRegency.size(); ++i)
    ASSERT_LT(everyRegency[i - 1].view, everyRegency[i].view);  // in code order, none twice
  EXPECT_EQ(expandRundown(*rundown, d).size(),
            all.size() + regencies.size() + 3 + 3 + 1 + everyRegency.size());

  const WhatMoved w = whatMoved(*before, *after, Level::Province);
  // Provinces 0 and 1 went from 2000 and 2010 votes to 3000; the fifth from 2040 to 7040.
  EXPECT_EQ(w.addedVotes, 1000 + 990 + 5000);
  EXPECT_GT(w.marginBefore, w.marginAfter);  // the runner-up gained
  EXPECT_EQ(w.regions[0].region, t.levelBegin(Level::Province) + 4);
  EXPECT_LT(w.regions[0].marginPoints, 0);
}

#include "province_tiles.hpp"

TEST(OnAirTiles, EveryProvinceOnceOnItsOwnTileNextToItsNeighbours) {
  ASSERT_TRUE(sharedTree());
  const RegionTree& t = *sharedTree();
  const auto tiles = provinceTiles();
  EXPECT_EQ(tiles.size(), t.children(kNation).size());  // 38 provinces and Luar Negeri
  std::set<std::pair<int, int>> cells;
  std::set<std::string_view> codes;
  for (const ProvinceTile& p : tiles) {
    EXPECT_NE(t.find(p.code), kNoRegion) << p.code;
    EXPECT_EQ(t.level(t.find(p.code)), Level::Province);
    EXPECT_TRUE(cells.insert({p.col, p.row}).second) << p.code << " shares a cell";
    EXPECT_TRUE(codes.insert(p.code).second) << p.code;
    EXPECT_GE(p.col, 0);
    EXPECT_LT(p.col, kTileColumns);
    EXPECT_LT(p.row, kTileRows);
  }
  auto at = [&](std::string_view code) {
    for (const ProvinceTile& p : tiles)
      if (p.code == code) return std::pair{p.col, p.row};
    return std::pair{-99, -99};
  };
  auto touching = [&](std::string_view a, std::string_view b) {
    const auto [ac, ar] = at(a);
    const auto [bc, br] = at(b);
    return std::abs(ac - bc) <= 1 && std::abs(ar - br) <= 1;
  };
  for (auto [a, b] : {std::pair{"31", "32"}, {"31", "36"}, {"32", "33"}, {"33", "34"}, {"33", "35"},
                      {"35", "51"},          {"51", "52"}, {"52", "53"}, {"11", "12"}, {"12", "13"},
                      {"12", "14"},          {"18", "36"}, {"61", "62"}, {"62", "63"}, {"64", "65"},
                      {"72", "75"},          {"75", "71"}, {"73", "76"}, {"73", "74"}, {"81", "82"},
                      {"91", "95"},          {"92", "96"}, {"94", "95"}, {"93", "95"}})
    EXPECT_TRUE(touching(a, b)) << a << " and " << b;
}
