// Boundaries from real GDAL files: joins by code, triangulation with holes, multipolygons and
// self-touching rings (triangle areas add up to the polygon's), and bad sources.

#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include <chrono>
#include <fstream>

#include "pantau/data/base/file_io.hpp"
#include "pantau/data/geo/geo.hpp"
#include "test_support.hpp"

using namespace pantau::data;

namespace {

const RegionTree& tree() { return *pantau::test::sharedTree(); }

BoundarySource geo(const std::string& file) {
  return BoundarySource::parse((pantau::test::dataDir() / "geo" / file).string());
}

const LevelGeometry& regencies() {
  static auto g = loadBoundaries(tree(), geo("regencies.gpkg"), Level::Regency);
  EXPECT_TRUE(g) << (g ? "" : g.error().message);
  return *g;
}

const RegionShape* shapeOf(const LevelGeometry& g, std::string_view code) {
  for (const auto& s : g.shapes)
    if (s.region == tree().find(code)) return &s;
  return nullptr;
}

bool inside(const LevelGeometry& g, const RegionShape& s, double x, double y) {
  for (uint32_t t = s.firstTriangle; t < s.firstTriangle + s.triangleCount; ++t) {
    const float* v = g.triangles.data() + t * 6;
    auto side = [&](int a, int b) {
      return (v[b * 2] - v[a * 2]) * (y - v[a * 2 + 1]) - (v[b * 2 + 1] - v[a * 2 + 1]) * (x - v[a * 2]);
    };
    const double d0 = side(0, 1), d1 = side(1, 2), d2 = side(2, 0);
    if ((d0 >= 0 && d1 >= 0 && d2 >= 0) || (d0 <= 0 && d1 <= 0 && d2 <= 0)) return true;
  }
  return false;
}

double triangleSum(const std::vector<float>& xy) {
  double sum = 0;
  for (std::size_t i = 0; i + 6 <= xy.size(); i += 6)
    sum += std::abs((double(xy[i + 2]) - xy[i]) * (double(xy[i + 5]) - xy[i + 1]) -
                    (double(xy[i + 4]) - xy[i]) * (double(xy[i + 3]) - xy[i + 1])) / 2;
  return sum;
}

}  // namespace

TEST(Geo, AllRegenciesJoinByCodeAndTriangulateToTheirArea) {
  const LevelGeometry& g = regencies();
  EXPECT_EQ(g.shapes.size(), 514u);
  EXPECT_TRUE(g.withoutPolygon.empty());
  EXPECT_TRUE(g.unmatched.empty()) << g.unmatched.front();
  EXPECT_GT(g.triangleCount(), 80000u);
  EXPECT_LT(g.triangleCount(), 160000u);
  for (const RegionShape& s : g.shapes)
    EXPECT_NEAR(s.triangleAreaKm2, s.areaKm2, s.areaKm2 * 0.001) << tree().code(s.region);
  EXPECT_EQ(g.segmentRegion.size() * 4, g.segments.size());
}

TEST(Geo, KotaBogorIsAHoleInKabupatenBogor) {
  const LevelGeometry& g = regencies();
  const RegionShape* kab = shapeOf(g, "3201");
  const RegionShape* kota = shapeOf(g, "3271");
  ASSERT_TRUE(kab && kota);
  // The city lies within the regency's box, but no triangle of the regency covers it.
  EXPECT_GT(kota->labelX, kab->minX);
  EXPECT_LT(kota->labelX, kab->maxX);
  EXPECT_GT(kota->labelY, kab->minY);
  EXPECT_LT(kota->labelY, kab->maxY);
  EXPECT_FALSE(inside(g, *kab, kota->labelX, kota->labelY));
  EXPECT_TRUE(inside(g, *kota, kota->labelX, kota->labelY));
  EXPECT_TRUE(inside(g, *kab, kab->labelX, kab->labelY));
  EXPECT_NEAR(kab->triangleAreaKm2, kab->areaKm2, kab->areaKm2 * 0.001);
}

TEST(Geo, MalukuIslandsAreOneMultipolygonEach) {
  const LevelGeometry& g = regencies();
  const RegionShape* aru = shapeOf(g, "8107");  // Kepulauan Aru: hundreds of islands
  ASSERT_TRUE(aru);
  EXPECT_GT(aru->triangleCount, 500u);
  EXPECT_NEAR(aru->triangleAreaKm2, aru->areaKm2, aru->areaKm2 * 0.001);
  EXPECT_GT(aru->areaKm2, 3000.0);  // ~6,400 km2 of land (projected, ~1% larger at 6°S)
  EXPECT_LT(aru->areaKm2, 12000.0);
}

TEST(Geo, SelfTouchingRingIsRepairedAndKeepsItsArea) {
  // The ring passes through (2 4) twice, enclosing an inverted hole of area 2.
  auto t = triangulateWkt("POLYGON((0 0, 4 0, 4 4, 2 4, 3 2, 1 2, 2 4, 0 4, 0 0))");
  ASSERT_TRUE(t) << t.error().message;
  EXPECT_NEAR(t->second, 14.0, 1e-9);
  EXPECT_NEAR(triangleSum(t->first), 14.0, 14.0 * 0.001);
  auto holes = triangulateWkt("MULTIPOLYGON(((0 0,10 0,10 10,0 10,0 0),(2 2,8 2,8 8,2 8,2 2)),((20 0,21 0,21 1,20 0)))");
  ASSERT_TRUE(holes);
  EXPECT_NEAR(triangleSum(holes->first), 64.5, 0.01);
}

TEST(Geo, DistrictsListThoseWithoutAPolygon) {
  const auto t0 = std::chrono::steady_clock::now();
  auto g = loadBoundaries(tree(), geo("districts.gpkg"), Level::District);
  ASSERT_TRUE(g) << g.error().message;
  EXPECT_EQ(g->shapes.size(), 7253u);
  EXPECT_EQ(g->withoutPolygon.size(), 24u);  // re-coded districts of Papua Barat Daya
  EXPECT_EQ(g->unmatched.size(), 32u);       // polygons with no KPU district
  for (RegionId r : g->withoutPolygon) EXPECT_EQ(tree().code(r).substr(0, 2), "96");
  RecordProperty("seconds", std::to_string(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count()));
}

TEST(Geo, OtherFieldNamesAndBadSources) {
  const std::string file = pantau::test::tempPath("other_fields.geojson");
  std::ofstream(file) << R"({"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"KODE": "11", "NAMA": "ACEH"},
     "geometry": {"type": "Polygon", "coordinates": [[[95, 5], [97, 5], [97, 3], [95, 3], [95, 5]]]}},
    {"type": "Feature", "properties": {"KODE": "../etc", "NAMA": "X"},
     "geometry": {"type": "Polygon", "coordinates": [[[95, 5], [96, 5], [96, 4], [95, 5]]]}}]})";
  BoundarySource src = BoundarySource::parse(file);
  src.codeField = "code";  // a field named that is not there
  auto missing = loadBoundaries(tree(), src, Level::Province);
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("no field 'code'"), std::string::npos) << missing.error().message;
  src.codeField.clear();  // found: KODE holds the province codes
  auto g = loadBoundaries(tree(), src, Level::Province);
  ASSERT_TRUE(g) << g.error().message;
  ASSERT_EQ(g->shapes.size(), 1u);
  EXPECT_EQ(tree().code(g->shapes[0].region), "11");
  EXPECT_EQ(g->unmatched, std::vector<std::string>{"../etc"});
  EXPECT_EQ(g->withoutPolygon.size(), 37u);

  auto none = loadBoundaries(tree(), BoundarySource::parse("/nonexistent/boundaries.gpkg"), Level::Province);
  ASSERT_FALSE(none);
  EXPECT_NE(none.error().message.find("/nonexistent/boundaries.gpkg"), std::string::npos);
  const std::string garbage = pantau::test::tempPath("garbage.gpkg");
  std::ofstream(garbage) << "this is not a geopackage";
  auto bad = loadBoundaries(tree(), BoundarySource::parse(garbage), Level::Province);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::Io);
  auto layer = loadBoundaries(tree(), BoundarySource::parse((pantau::test::dataDir() / "geo" / "provinces.gpkg").string() + ":nope"), Level::Province);
  ASSERT_FALSE(layer);
  EXPECT_NE(layer.error().message.find("no layer 'nope'"), std::string::npos);
}

// Issue 15 item 1: a NaN coordinate (GDAL reads it from GeoJSON) went into GEOS as a null ring
// and crashed the viewer. Now that feature is skipped whole, named, and the others still load.
TEST(Geo, NonFiniteCoordinateSkipsTheFeatureAndKeepsTheRest) {
  const std::string file = pantau::test::tempPath("nan.geojson");
  std::ofstream(file) << R"({"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"code": "11"},
     "geometry": {"type": "Polygon", "coordinates": [[[NaN, 1], [96, 2], [97, 3], [NaN, 1]]]}},
    {"type": "Feature", "properties": {"code": "12"},
     "geometry": {"type": "MultiPolygon", "coordinates": [[[[98, 2], [99, 2], [99, 3], [98, 2]]],
                                                          [[[1e308, 2], [99, 2], [Infinity, 3], [1e308, 2]]]]}},
    {"type": "Feature", "properties": {"code": "13"},
     "geometry": {"type": "Polygon", "coordinates": [[[100, -1], [101, -1], [101, 0], [100, -1]]]}}]})";
  auto g = loadBoundaries(tree(), BoundarySource::parse(file), Level::Province);
  ASSERT_TRUE(g) << g.error().message;
  ASSERT_EQ(g->shapes.size(), 1u);
  EXPECT_EQ(tree().code(g->shapes[0].region), "13");
  ASSERT_EQ(g->unmatched.size(), 2u);
  EXPECT_NE(g->unmatched[0].find("11 (coordinate 0 is not a finite longitude/latitude)"), std::string::npos) << g->unmatched[0];
  EXPECT_EQ(g->unmatched[1].rfind("12 (", 0), 0u) << g->unmatched[1];
  // Only the kept feature's borders remain.
  EXPECT_EQ(g->segmentRegion.size(), g->shapes[0].segmentCount);
  EXPECT_EQ(g->segments.size(), g->segmentRegion.size() * 4);
}

TEST(Geo, FileLayerSpecs) {
  auto a = BoundarySource::parse("/data/geo/regencies.gpkg:regencies");
  EXPECT_EQ(a.path, "/data/geo/regencies.gpkg");
  EXPECT_EQ(a.layer, "regencies");
  auto b = BoundarySource::parse("/data/geo/regencies.gpkg");
  EXPECT_EQ(b.path, "/data/geo/regencies.gpkg");
  EXPECT_TRUE(b.layer.empty());
}

TEST(Geo, MeshCacheRoundTripsAndRebuildsWhenCorrupt) {
  const std::filesystem::path dir = pantau::test::tempPath("mesh_cache");
  std::filesystem::remove_all(dir);
  auto first = loadBoundariesCached(tree(), geo("provinces.gpkg"), Level::Province, dir);
  ASSERT_TRUE(first) << first.error().message;
  ASSERT_EQ(std::distance(std::filesystem::directory_iterator(dir), {}), 1);
  auto second = loadBoundariesCached(tree(), geo("provinces.gpkg"), Level::Province, dir);  // from the file
  ASSERT_TRUE(second);
  EXPECT_EQ(second->triangles, first->triangles);
  EXPECT_EQ(second->segmentRegion, first->segmentRegion);
  ASSERT_EQ(second->shapes.size(), 38u);
  EXPECT_EQ(second->shapes[5].region, first->shapes[5].region);
  EXPECT_EQ(second->shapes[5].areaKm2, first->shapes[5].areaKm2);
  // Corrupt every cache file: the loader notices and rebuilds, never reads out of bounds.
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    std::string bytes = *readFile(e.path(), 1u << 30);
    for (std::size_t i = 64; i < bytes.size(); i += 997) bytes[i] = static_cast<char>(0xff);
    ASSERT_TRUE(writeFileAtomic(e.path(), bytes));
  }
  auto rebuilt = loadBoundariesCached(tree(), geo("provinces.gpkg"), Level::Province, dir);
  ASSERT_TRUE(rebuilt);
  EXPECT_EQ(rebuilt->triangles, first->triangles);
  std::filesystem::remove_all(dir);
}

namespace {

/// A GeoJSON FeatureCollection of rectangles with the given properties (JSON text each).
std::string writeFeatures(const std::string& name, const std::vector<std::pair<std::string, std::string>>& features) {
  const std::string file = pantau::test::tempPath(name);
  std::string json = R"({"type": "FeatureCollection", "features": [)";
  for (std::size_t i = 0; i < features.size(); ++i)
    json += (i ? "," : "") + std::string(R"({"type": "Feature", "properties": )") + features[i].first +
            R"(, "geometry": {"type": "Polygon", "coordinates": [[)" + features[i].second + "]]}}";
  std::ofstream(file) << json << "]}";
  return file;
}

std::set<std::string> joinedCodes(const BoundaryJoin& j) {
  std::set<std::string> out;
  for (const auto& [fid, id] : j.features) out.insert(std::string(tree().code(id)));
  return out;
}

}  // namespace

TEST(BoundaryJoin, NamesOnlyJoinWithinTheParentNamedByAField) {
  // GADM's level 2: NAME_1 the province, NAME_2 bare, TYPE_2 telling Kabupaten from Kota. Bogor
  // is both in Jawa Barat (3201, 3271); "Kab. Aceh Barat" and "KOTA ADM. JAKARTA PUSAT" spelt as
  // others do; one name that is no region.
  const std::string square = "[106.7,-6.5],[106.9,-6.5],[106.9,-6.7],[106.7,-6.7],[106.7,-6.5]";
  const std::string file = writeFeatures("gadm_names.geojson", {
      {R"({"NAME_1": "Jawa Barat", "NAME_2": "Bogor", "TYPE_2": "Kabupaten"})", square},
      {R"({"NAME_1": "Jawa Barat", "NAME_2": "Bogor", "TYPE_2": "Kota"})", square},
      {R"({"NAME_1": "Aceh", "NAME_2": "Kab. Aceh Barat", "TYPE_2": "Kabupaten"})", square},
      {R"({"NAME_1": "DKI Jakarta", "NAME_2": "Kota Administrasi Jakarta Pusat", "TYPE_2": "Kota"})", square},
      {R"({"NAME_1": "Aceh", "NAME_2": "Atlantis", "TYPE_2": "Kabupaten"})", square}});
  auto j = joinBoundaryFeatures(tree(), BoundarySource::parse(file), Level::Nation);
  ASSERT_TRUE(j) << j.error().message;
  EXPECT_EQ(j->level, Level::Regency);
  EXPECT_TRUE(j->byName);
  EXPECT_EQ(j->field, "NAME_2");
  EXPECT_EQ(j->parentField, "NAME_1");
  EXPECT_EQ(joinedCodes(*j), (std::set<std::string>{"3201", "3271", "1105", "3171"}));
  EXPECT_EQ(j->unmatched, std::vector<std::string>{"Atlantis"});
  EXPECT_NEAR(j->matchRate(), 0.8, 1e-9);
  EXPECT_NE(j->describe().find("4 of 5 features joined (80.0%); not joined: Atlantis"), std::string::npos) << j->describe();

  // Without the type field Bogor is two regions: listed as ambiguous, never guessed.
  const std::string untyped = writeFeatures("untyped_names.geojson", {
      {R"({"province": "JAWA BARAT", "shapeName": "Bogor"})", square},
      {R"({"province": "JAWA BARAT", "shapeName": "Kota Bekasi"})", square},
      {R"({"province": "JAWA BARAT", "shapeName": "Kabupaten Bekasi"})", square}});
  auto u = joinBoundaryFeatures(tree(), BoundarySource::parse(untyped), Level::Regency);
  ASSERT_TRUE(u) << u.error().message;
  EXPECT_EQ(joinedCodes(*u), (std::set<std::string>{"3216", "3275"}));
  ASSERT_EQ(u->unmatched.size(), 1u);
  EXPECT_EQ(u->unmatched[0], "Bogor (ambiguous: 2 regions)");
}

TEST(BoundaryJoin, NamesPlacedInTheirParentByPosition) {
  // geoBoundaries' shape: shapeName alone. Kota Bogor's name is unique only within its province;
  // the parent comes from where the polygon lies in the province boundaries. A NaN coordinate
  // places nothing and breaks nothing.
  const std::string file = writeFeatures("geoboundaries.geojson", {
      {R"({"shapeName": "Kota Bogor"})", "[106.75,-6.55],[106.85,-6.55],[106.85,-6.65],[106.75,-6.65],[106.75,-6.55]"},
      {R"({"shapeName": "Aceh Barat"})", "[96.0,4.3],[96.3,4.3],[96.3,4.0],[96.0,4.0],[96.0,4.3]"},
      {R"({"shapeName": "Kota Langsa"})", "[97.9,4.5],[NaN,4.5],[98.0,4.4],[97.9,4.4],[97.9,4.5]"}});
  BoundarySource src = BoundarySource::parse(file);
  src.parentBoundaries = geo("provinces.gpkg").path;
  auto j = joinBoundaryFeatures(tree(), src, Level::Regency);
  ASSERT_TRUE(j) << j.error().message;
  EXPECT_EQ(j->parentField, "(position)");
  // Langsa's name is unique in the country: joined without a parent.
  EXPECT_EQ(joinedCodes(*j), (std::set<std::string>{"3271", "1105", "1174"}));
  auto g = loadBoundaries(tree(), src, Level::Regency);
  ASSERT_TRUE(g) << g.error().message;
  for (const RegionShape& s : g->shapes) EXPECT_TRUE(std::isfinite(s.areaKm2)) << tree().code(s.region);
}

TEST(BoundaryJoin, ALevelIsFoundFromTheValuesAndBadFilesSayWhy) {
  // BIG's codes carry dots ("11.01"); the province code beside them repeats and must not win.
  const std::string sq = "[95,5],[96,5],[96,4],[95,4],[95,5]";
  const std::string big = writeFeatures("big_style.geojson", {
      {R"({"KDPPUM": "11", "KDPKAB": "11.01", "WADMKK": "ACEH SELATAN"})", sq},
      {R"({"KDPPUM": "11", "KDPKAB": "11.02", "WADMKK": "ACEH TENGGARA"})", sq},
      {R"({"KDPPUM": "11", "KDPKAB": "11.71", "WADMKK": "KOTA BANDA ACEH"})", sq}});
  auto j = joinBoundaryFeatures(tree(), BoundarySource::parse(big), Level::Nation);
  ASSERT_TRUE(j) << j.error().message;
  EXPECT_EQ(j->level, Level::Regency);
  EXPECT_FALSE(j->byName);
  EXPECT_EQ(j->field, "KDPKAB");
  EXPECT_EQ(joinedCodes(*j), (std::set<std::string>{"1101", "1102", "1171"}));
  const std::string junk = writeFeatures("junk_fields.geojson", {{R"({"colour": "red", "n": 4})", sq}});
  auto none = joinBoundaryFeatures(tree(), BoundarySource::parse(junk), Level::Nation);
  ASSERT_FALSE(none);
  EXPECT_NE(none.error().message.find("junk_fields.geojson"), std::string::npos) << none.error().message;
  EXPECT_NE(none.error().message.find("no field holds the KPU codes or names"), std::string::npos) << none.error().message;
  BoundarySource named = BoundarySource::parse(junk);
  named.nameField = "nama";
  auto noName = joinBoundaryFeatures(tree(), named, Level::Nation);
  ASSERT_FALSE(noName);
  EXPECT_NE(noName.error().message.find("no field 'nama'"), std::string::npos) << noName.error().message;
  // resolveBoundaries: the file lands at its level, the others keep DATA/geo's.
  std::vector<std::string> report;
  auto r = resolveBoundaries(tree(), {BoundarySource::parse(big)}, pantau::test::dataDir(), report);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ((*r)[1].path, big);
  EXPECT_EQ((*r)[1].codeField, "KDPKAB");
  EXPECT_NE((*r)[0].path.find("provinces.gpkg"), std::string::npos);
  EXPECT_NE((*r)[2].path.find("districts.gpkg"), std::string::npos);
  ASSERT_EQ(report.size(), 1u);
  EXPECT_NE(report[0].find("3 of 3 features joined (100.0%)"), std::string::npos) << report[0];
  auto four = resolveBoundaries(tree(), std::vector<BoundarySource>(4, BoundarySource::parse(big)), pantau::test::dataDir(), report);
  EXPECT_FALSE(four);
}
