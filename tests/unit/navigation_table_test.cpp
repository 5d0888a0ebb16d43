// Navigation (back, forward, up, breadcrumb) and the children table (sorting, filtering).

#include <gtest/gtest.h>

#include "children_table.hpp"
#include "layer_colours.hpp"
#include "navigation.hpp"
#include "test_support.hpp"

using namespace pantau::data;
using pantau::viewer::ChildrenTable;
using pantau::viewer::Navigation;

namespace {
const std::shared_ptr<const RegionTree>& tree() { return pantau::test::sharedTree(); }
}  // namespace

TEST(Navigation, BackForwardUpAndBreadcrumb) {
  ASSERT_TRUE(tree());
  const RegionTree& t = *tree();
  Navigation n;
  EXPECT_FALSE(n.canBack());
  const RegionId jatim = t.find("35"), sby = t.find("3578"), tps = t.find("3578011001001");
  n.go(jatim);
  n.go(sby);
  n.go(tps);
  auto crumbs = n.breadcrumb(t);
  ASSERT_EQ(crumbs.size(), 6u);  // nation, province, regency, district, village, TPS
  EXPECT_EQ(crumbs.front(), kNation);
  EXPECT_EQ(t.code(crumbs[3]), "357801");
  EXPECT_EQ(crumbs.back(), tps);
  EXPECT_TRUE(n.back());
  EXPECT_EQ(n.current(), sby);
  EXPECT_TRUE(n.forward());
  EXPECT_EQ(n.current(), tps);
  EXPECT_FALSE(n.forward());
  EXPECT_TRUE(n.up(t));
  EXPECT_EQ(t.code(n.current()), "3578011001");
  EXPECT_TRUE(n.back());  // up is a step like any other
  EXPECT_EQ(n.current(), tps);
  n.back();
  n.back();
  n.go(t.find("11"));  // a new step forgets forward
  EXPECT_FALSE(n.canForward());
  n.go(t.find("11"));  // the same region again: no step
  EXPECT_TRUE(n.back());
  EXPECT_EQ(n.current(), jatim);
}

TEST(ChildrenTable, SortsAnyColumnUnknownLastAndFilters) {
  ASSERT_TRUE(tree());
  const RegionTree& t = *tree();
  SnapshotBuilder b(tree(), {100025, 100026, 100027});
  const RegionId sby = t.find("3578");
  auto kids = t.children(sby);
  ASSERT_GT(kids.size(), 20u);
  // Votes for every district but the first, with candidate 2's share rising with the index.
  for (std::size_t i = 1; i < kids.size(); ++i) {
    auto v = b.mutableVotes(kids[i]);
    v[0] = 100;
    v[1] = static_cast<uint32_t>(10 * i);
    v[2] = 50;
    auto& st = b.mutableStatus(kids[i]);
    st.flags |= RegionStatus::kHasRow | RegionStatus::kReported;
    st.persen = static_cast<float>(i);
  }
  auto s = b.publish(1);
  ChildrenTable table;
  table.build(*s, sby);
  ASSERT_EQ(table.rows().size(), kids.size());
  EXPECT_EQ(table.columnCount(), 2u + 6 + 3);
  table.sort(table.shareColumn(1), false);
  EXPECT_EQ(table.visibleRow(0).region, kids.back());
  EXPECT_EQ(table.visibleRow(table.visible().size() - 1).region, kids.front());  // no votes: last
  table.sort(table.shareColumn(1), true);
  EXPECT_EQ(table.visibleRow(0).region, kids[1]);
  EXPECT_EQ(table.visibleRow(table.visible().size() - 1).region, kids.front());  // still last
  table.sort(table.progressColumn(), false);
  EXPECT_EQ(table.visibleRow(0).region, kids.back());
  table.sort(ChildrenTable::kName, true);
  for (std::size_t i = 1; i < table.visible().size(); ++i)
    EXPECT_LE(t.name(table.visibleRow(i - 1).region), t.name(table.visibleRow(i).region));
  table.filter("rungkut");
  ASSERT_EQ(table.visible().size(), 1u);
  EXPECT_EQ(t.name(table.visibleRow(0).region), "RUNGKUT");
  table.filter("35780");  // by code too
  EXPECT_EQ(table.visible().size(), 9u);  // 357801..357809
  table.filter("");
  EXPECT_EQ(table.visible().size(), kids.size());
  // Turnout unknown everywhere (no TPS documents): sorting by it keeps every row.
  table.sort(table.turnoutColumn(), true);
  EXPECT_EQ(table.visible().size(), kids.size());
}

TEST(LayerChoice, ParsesPrintsAndCyclesEveryLayer) {
  using pantau::viewer::LayerChoice;
  for (const std::string spec : {"winner", "share:100026", "progress", "turnout", "change", "change:100025", "integrity"}) {
    LayerChoice l;
    std::string error;
    ASSERT_TRUE(LayerChoice::parse(spec, l, error)) << spec << ": " << error;
    EXPECT_EQ(l.spec(), spec);
  }
  LayerChoice bad;
  std::string error;
  EXPECT_FALSE(LayerChoice::parse("turnover", bad, error));
  EXPECT_NE(error.find("'turnover'"), std::string::npos);
  EXPECT_FALSE(LayerChoice::parse("share:x", bad, error));
  // L steps through all six and comes back; share follows the nation's leader.
  ASSERT_TRUE(tree());
  SnapshotBuilder b(tree(), {100025, 100026, 100027});
  auto v = b.mutableOwnVotes(kNation);
  v[0] = 10, v[1] = 30, v[2] = 5;
  auto s = b.publish(1);
  LayerChoice l;
  std::vector<std::string> seen;
  for (int i = 0; i < 6; ++i) seen.push_back((l = l.next(*s)).spec());
  EXPECT_EQ(seen, (std::vector<std::string>{"share:100026", "progress", "turnout", "change", "integrity", "winner"}));
  EXPECT_TRUE(LayerChoice{LayerChoice::Turnout}.needsTps());
  EXPECT_FALSE(LayerChoice{LayerChoice::Change}.needsTps());
}
