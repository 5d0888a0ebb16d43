// E in the window exports the view's regions joined to the boundaries the viewer was started with
// (issue 16): it used DATA/geo's whatever --boundaries said.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "pantau/data/source/document_step.hpp"
#include "test_support.hpp"
#include "view_tables.hpp"

using namespace pantau::data;

namespace {

/// The night as the national document has it (the candidate list, then the nation's counts).
std::shared_ptr<const Snapshot> nationalSnapshot() {
  DocumentStep step(pantau::test::sharedTree());
  FetchResult list, nation;
  list.outcome = nation.outcome = FetchOutcome::Ok;
  list.httpStatus = nation.httpStatus = 200;
  list.path = kCandidatesPath;
  list.body = pantau::test::readSample("ppwp_candidates_transcribed.json");
  nation.path = countsPath(*pantau::test::sharedTree(), kNation);
  nation.body = pantau::test::readSample("ppwp_hhcw_national.json");
  EXPECT_EQ(step.take(list, DocumentRef::candidates(), 1), DocumentStep::Outcome::Applied);
  EXPECT_EQ(step.take(nation, DocumentRef::counts(*pantau::test::sharedTree(), kNation), 1),
            DocumentStep::Outcome::Applied);
  return step.publish(1);
}

}  // namespace

TEST(ViewTables, TheGeoPackageJoinsTheBoundariesTheViewerWasStartedWith) {
  const RegionTree& t = *pantau::test::sharedTree();
  auto snap = nationalSnapshot();
  ASSERT_TRUE(snap);
  // A BIG-style regency file with one regency of Aceh: given as --boundaries, it is the regencies'.
  const std::string file = pantau::test::tempPath("one_regency.geojson");
  std::ofstream(file) << R"({"type": "FeatureCollection", "features": [{"type": "Feature",
    "properties": {"KDPKAB": "1101", "WADMKK": "Simeulue"}, "geometry": {"type": "Polygon",
    "coordinates": [[[95.9,2.9],[96.5,2.9],[96.5,2.3],[95.9,2.3],[95.9,2.9]]]}}]})";
  std::vector<std::string> report;
  auto given = resolveBoundaries(t, {BoundarySource::parse(file)}, pantau::test::dataDir(), report);
  auto defaults = resolveBoundaries(t, {}, pantau::test::dataDir(), report);
  ASSERT_TRUE(given && defaults) << (given ? defaults.error().message : given.error().message);
  ASSERT_EQ((*given)[1].path, file);

  const RegionId aceh = t.find("11");
  const std::string base = pantau::test::tempPath("view_tables_aceh");
  const auto own = pantau::viewer::exportViewTables(*snap, aceh, *given, base);
  ASSERT_EQ(own.files, (std::vector<std::string>{base + ".csv", base + ".gpkg"}));
  EXPECT_EQ(own.rows, t.children(aceh).size());
  EXPECT_EQ(own.withGeometry, 1u);  // Simeulue alone: the file given, not DATA/geo's
  EXPECT_GT(std::filesystem::file_size(base + ".gpkg"), 0u);

  const auto standard =
      pantau::viewer::exportViewTables(*snap, aceh, *defaults, base + "_defaults");
  EXPECT_EQ(standard.withGeometry, t.children(aceh).size());

  // A village's view: its TPS have no boundaries, so the CSV alone.
  const auto village =
      pantau::viewer::exportViewTables(*snap, t.find("1101012001"), *given, base + "_village");
  EXPECT_EQ(village.files, std::vector<std::string>{base + "_village.csv"});
}
