// The 84 DPR dapil dissolved from KPU's real regency boundaries (shared/data/geo), checked against
// the province polygons (a dissolve of the same regencies made elsewhere) read with GDAL/OGR,
// and bad boundary files refused or repaired with the regency named.

#include <gtest/gtest.h>
#include <ogrsf_frmts.h>

#include <fstream>
#include <map>
#include <memory>

#include "pantau/data/geo/dapil_boundaries.hpp"
#include "test_support.hpp"

using namespace pantau::data;

namespace {

const DprTables& tables() {
  static auto t = loadDprTables(pantau::test::dataDir());
  EXPECT_TRUE(t) << (t ? "" : t.error().message);
  return *t;
}

const DapilBoundaries& realDapil() {
  static auto d = dissolveDapil(
      *pantau::test::sharedTree(), tables(),
      BoundarySource::parse((pantau::test::dataDir() / "geo" / "regencies.gpkg").string()));
  EXPECT_TRUE(d) << (d ? "" : d.error().message);
  return *d;
}

std::unique_ptr<OGRGeometry> fromWkb(const std::vector<unsigned char>& wkb) {
  OGRGeometry* g = nullptr;
  OGRGeometryFactory::createFromWkb(wkb.data(), nullptr, &g, wkb.size());
  return std::unique_ptr<OGRGeometry>(g);
}

/// provinces.gpkg's polygons by code, read with OGR (not through the code under test).
std::map<std::string, std::unique_ptr<OGRGeometry>> provinces() {
  GDALAllRegister();
  std::map<std::string, std::unique_ptr<OGRGeometry>> out;
  GDALDatasetUniquePtr ds(GDALDataset::Open(
      (pantau::test::dataDir() / "geo" / "provinces.gpkg").c_str(), GDAL_OF_VECTOR));
  if (!ds) return out;
  for (auto& f : *ds->GetLayer(0)) out[f->GetFieldAsString("code")].reset(f->StealGeometry());
  return out;
}

}  // namespace

TEST(DapilBoundaries, EightyFourDapilFromTheRealRegencies) {
  const DapilBoundaries& d = realDapil();
  ASSERT_EQ(d.dapil.size(), 84u);
  uint32_t seats = 0;
  std::size_t holes = 0;
  for (const DapilShape& s : d.dapil) {
    SCOPED_TRACE(s.code + " " + s.name);
    seats += s.seats;
    EXPECT_TRUE(s.regenciesWithoutPolygon.empty());  // all 514 regencies have a polygon
    ASSERT_FALSE(s.wkb.empty());
    EXPECT_GT(s.areaKm2, 0);
    EXPECT_FALSE(s.triangles.empty());
    EXPECT_FALSE(s.segments.empty());
    auto g = fromWkb(s.wkb);
    ASSERT_TRUE(g);
    EXPECT_EQ(wkbFlatten(g->getGeometryType()), wkbMultiPolygon);
    EXPECT_TRUE(g->IsValid());
    // Where neighbouring regencies do not quite meet (Papua's gaps), a union leaves slivers:
    // holes of a few m² along the old border. The dissolve drops them; real holes stay.
    for (const OGRPolygon* p : *g->toMultiPolygon())
      for (int r = 0; r < p->getNumInteriorRings(); ++r) {
        OGRPolygon hole;
        hole.addRingDirectly(p->getInteriorRing(r)->clone());
        EXPECT_GT(hole.get_Area(), 1e-6) << "sliver hole " << r;  // deg²: about 0.012 km²
        holes++;
      }
  }
  EXPECT_EQ(seats, 580u);
  EXPECT_TRUE(d.notes.empty()) << d.notes.front();
  std::printf("84 dapil, %zu holes (regencies inside another dapil, lakes)\n", holes);
}

TEST(DapilBoundaries, LuarNegeriBelongsToJakartaIiAndAddsNoPolygon) {
  const DapilShape* j2 = realDapil().find("3102");
  ASSERT_TRUE(j2);
  EXPECT_EQ(j2->name, "DKI JAKARTA II");
  EXPECT_EQ(j2->seats, 7u);
  EXPECT_EQ(j2->regencies, (std::vector<std::string>{"3171", "3174", "99"}));
  EXPECT_TRUE(j2->regenciesWithoutPolygon.empty());  // "99" has none by nature: not a gap
  // Jakarta Pusat + Jakarta Selatan: about 189 km² on the ground (48 + 141); Mercator at 6°S
  // scales area by 1/cos²(6.2°) = 1.012.
  EXPECT_GT(j2->areaKm2, 170);
  EXPECT_LT(j2->areaKm2, 215);
}

TEST(DapilBoundaries, EachDapilLiesInItsProvinceAndTheyFillIt) {
  // A dapil is whole regencies of one province: its label point lies inside the province, and the
  // dapil of a province cover it (areas of the two dissolves agree within 0.5%).
  const auto prov = provinces();
  ASSERT_EQ(prov.size(), 38u);
  std::map<std::string, double> dapilArea;
  for (const DapilShape& s : realDapil().dapil) {
    SCOPED_TRACE(s.code);
    const std::string p = s.code.substr(0, 2);
    ASSERT_TRUE(prov.count(p));
    OGRPoint label(s.labelLon, s.labelLat);
    EXPECT_TRUE(prov.at(p)->Contains(&label));
    auto g = fromWkb(s.wkb);
    EXPECT_TRUE(g->Contains(&label));  // GEOSPointOnSurface: inside the dapil itself
    dapilArea[p] += g->toMultiPolygon()->get_Area();
  }
  ASSERT_EQ(dapilArea.size(), 38u);
  for (const auto& [code, geom] : prov) {
    SCOPED_TRACE(code);
    const double area = wkbFlatten(geom->getGeometryType()) == wkbPolygon
                            ? geom->toPolygon()->get_Area()
                            : geom->toMultiPolygon()->get_Area();
    EXPECT_NEAR(dapilArea[code], area, area * 0.005);
  }
}

TEST(DapilBoundaries, InnerRegencyBordersAreDissolved) {
  // Jawa Barat I is Kota Bandung and Kota Cimahi, which share a border: the dissolve's rings are
  // shorter than the two regencies' rings together (the shared border is gone).
  auto regencies = loadBoundaries(
      *pantau::test::sharedTree(),
      BoundarySource::parse((pantau::test::dataDir() / "geo" / "regencies.gpkg").string()),
      Level::Regency);
  ASSERT_TRUE(regencies) << regencies.error().message;
  const DapilShape* jb1 = realDapil().find("3201");
  ASSERT_TRUE(jb1);
  std::size_t regencySegments = 0;
  double regencyArea = 0;
  for (const RegionShape& r : regencies->shapes) {
    const std::string code(pantau::test::sharedTree()->code(r.region));
    if (std::find(jb1->regencies.begin(), jb1->regencies.end(), code) == jb1->regencies.end())
      continue;
    regencySegments += r.segmentCount;
    regencyArea += r.areaKm2;
  }
  EXPECT_LT(jb1->segments.size() / 4, regencySegments);
  EXPECT_NEAR(jb1->areaKm2, regencyArea, regencyArea * 0.001);
}

TEST(DapilBoundaries, BadPolygonsAreRepairedOrNamed) {
  // A bow tie (self-intersecting ring) for Banda Aceh is repaired and said; Aceh Besar's
  // coordinates are NaN and it is left out, named; every other regency of ACEH I has no polygon.
  const std::string path = pantau::test::tempPath("dapil_bad.geojson");
  {
    std::ofstream f(path);
    f << R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"code":"1171","name":"KOTA BANDA ACEH"},
 "geometry":{"type":"Polygon","coordinates":[[[95.30,5.50],[95.36,5.58],[95.36,5.50],[95.30,5.58],[95.30,5.50]]]}},
{"type":"Feature","properties":{"code":"1106","name":"ACEH BESAR"},
 "geometry":{"type":"Polygon","coordinates":[[[95.4,5.3],[NaN,5.4],[95.6,5.3],[95.4,5.3]]]}}]})";
  }
  auto d = dissolveDapil(*pantau::test::sharedTree(), tables(), BoundarySource::parse(path));
  ASSERT_TRUE(d) << d.error().message;
  const DapilShape* aceh1 = d->find("1101");
  ASSERT_TRUE(aceh1);
  ASSERT_FALSE(aceh1->wkb.empty());
  EXPECT_TRUE(fromWkb(aceh1->wkb)->IsValid());
  EXPECT_GT(aceh1->areaKm2, 0);
  EXPECT_EQ(aceh1->regenciesWithoutPolygon.size(), aceh1->regencies.size() - 1);  // all but 1171
  auto said = [&](const std::string& part) {
    for (const std::string& n : d->notes)
      if (n.find(part) != std::string::npos) return true;
    return false;
  };
  EXPECT_TRUE(said("regency 1171: repaired"));
  EXPECT_TRUE(said("regency 1106: coordinate 1 is not a finite longitude/latitude"));
  EXPECT_TRUE(said("dapil 1102 (ACEH II): none of its regencies has a polygon"));
  EXPECT_TRUE(d->find("1102")->wkb.empty());
}

TEST(DapilBoundaries, AMissingFileIsAnErrorNamingIt) {
  auto d = dissolveDapil(*pantau::test::sharedTree(), tables(),
                         BoundarySource::parse("/nonexistent/regencies.gpkg"));
  ASSERT_FALSE(d);
  EXPECT_NE(d.error().message.find("/nonexistent/regencies.gpkg"), std::string::npos)
      << d.error().message;
}
