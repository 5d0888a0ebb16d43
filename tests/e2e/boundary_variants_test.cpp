// Any boundary file, any level: the boundary sets analysts hold, made here with GDAL from the
// default GeoPackage (a BIG-style shapefile with KDPKAB "11.01" and WADMKK, a FlatGeobuf with its
// own field names, a GADM-style file of names only), each given alone to `pantau`, render the same
// Aceh as the default boundaries within the golden tolerance, and say their match rate.

#include <gdal_utils.h>
#include <gtest/gtest.h>

#include <set>

#include "headless_shot.hpp"
#include "png_compare.hpp"
#include "test_support.hpp"

namespace {

/// ogr2ogr, in process: `args` as on its command line.
bool translate(const std::string& src, const std::string& dst, std::vector<std::string> args) {
  GDALAllRegister();
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  GDALVectorTranslateOptions* options = GDALVectorTranslateOptionsNew(argv.data(), nullptr);
  GDALDatasetH in = GDALOpenEx(src.c_str(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr);
  if (!options || !in) return false;
  int error = 0;
  GDALDatasetH out = GDALVectorTranslate(dst.c_str(), nullptr, 1, &in, options, &error);
  GDALVectorTranslateOptionsFree(options);
  GDALClose(in);
  if (out) GDALClose(out);
  return out && !error;
}

std::string regencies() {
  return (pantau::test::dataDir() / "geo" / "regencies.gpkg").string();
}

/// Share of pixels differing beyond the golden tests' tolerance (1 when the sizes differ).
double differingShare(const pantau::test::Image& a, const pantau::test::Image& b) {
  if (a.w != b.w || a.h != b.h || a.px.empty()) return 1;
  std::size_t differ = 0;
  for (std::size_t i = 0; i < a.px.size(); i += 3) differ += pantau::test::pixelDiffers(a, b, i);
  return static_cast<double>(differ) / static_cast<double>(a.px.size() / 3);
}

pantau::test::HeadlessShot shootAceh(const std::string& boundaries, const std::string& name) {
  return pantau::test::shootHeadless(
      "--view 11 --size 480x360 --at \"2024-02-14 20:00\"" + boundaries, name);
}

std::set<std::string> regionsDrawn(const nlohmann::json& sidecar) {
  std::set<std::string> out;
  for (const auto& r : sidecar["regions"]) out.insert(r["code"].get<std::string>());
  return out;
}

}  // namespace

TEST(BoundaryVariants, EachRendersTheSameAcehAndSaysItsMatchRate) {
  const std::string big = pantau::test::tempPath("big_kab.shp"),
                    fgb = pantau::test::tempPath("regencies.fgb"),
                    gadm = pantau::test::tempPath("gadm_idn_2.geojson");
  for (const auto& f : {big, fgb, gadm}) std::filesystem::remove(f);
  ASSERT_TRUE(translate(
      regencies(), big,
      {"-f", "ESRI Shapefile", "-dialect", "SQLite", "-sql",
       "SELECT geom, substr(code,1,2)||'.'||substr(code,3,2) AS KDPKAB, upper(name) AS WADMKK, "
       "substr(code,1,2) AS KDPPUM FROM regencies"}));
  ASSERT_TRUE(translate(regencies(), fgb,
                        {"-f", "FlatGeobuf", "-dialect", "SQLite", "-sql",
                         "SELECT geom, code AS kode_kab, name AS nama FROM regencies"}));
  // GADM's shape: NAME_2 without the prefix, TYPE_2 Kabupaten/Kota, no KPU code at all.
  ASSERT_TRUE(translate(regencies(), gadm,
                        {"-f", "GeoJSON", "-dialect", "SQLite", "-sql",
                         "SELECT geom, 'IDN' AS GID_0, CASE WHEN name LIKE 'Kota %' THEN "
                         "substr(name, 6) ELSE substr(name, 11) END "
                         "AS NAME_2, CASE WHEN name LIKE 'Kota %' THEN 'Kota' ELSE 'Kabupaten' END "
                         "AS TYPE_2 FROM regencies"}));

  auto reference = shootAceh("", "aceh_default_boundaries");
  ASSERT_EQ(reference.status, 0) << reference.err;
  const pantau::test::Image want =
      pantau::test::loadPng(pantau::test::tempPath("aceh_default_boundaries.png"));
  ASSERT_FALSE(want.px.empty());
  const auto wantRegions = regionsDrawn(reference.sidecar);
  ASSERT_GE(wantRegions.size(), 23u);

  struct Variant {
    std::string file, name, report;
  };
  const Variant variants[] = {
      {big, "aceh_big_shapefile",
       "regency level, by code in 'KDPKAB': 514 of 514 features joined (100.0%)"},
      {fgb, "aceh_flatgeobuf",
       "regency level, by code in 'kode_kab': 514 of 514 features joined (100.0%)"},
      {gadm, "aceh_gadm_names",
       "regency level, by name in 'NAME_2' within parent (position): 513 of 514 features joined "
       "(99.8%); not joined: Padangsidimpuan"},
  };
  for (const Variant& v : variants) {
    auto shot = shootAceh(" --boundaries " + v.file, v.name);
    ASSERT_EQ(shot.status, 0) << v.name << ": " << shot.err;
    EXPECT_NE(shot.err.find(v.file + ": " + v.report), std::string::npos) << shot.err;
    EXPECT_EQ(regionsDrawn(shot.sidecar), wantRegions) << v.name;
    const double share =
        differingShare(want, pantau::test::loadPng(pantau::test::tempPath(v.name + ".png")));
    EXPECT_LE(share, pantau::test::kMaxDifferingShare)
        << v.name << ": " << share * 100 << "% of pixels differ from the default boundaries' Aceh";
  }
}

TEST(BoundaryVariants, FieldsNamedAfterAFileAndFilesThatFitNoLevel) {
  const std::string fgb = pantau::test::tempPath("named_fields.fgb"),
                    junk = pantau::test::tempPath("no_codes.geojson");
  std::filesystem::remove(fgb);
  std::filesystem::remove(junk);
  ASSERT_TRUE(translate(regencies(), fgb,
                        {"-f", "FlatGeobuf", "-dialect", "SQLite", "-sql",
                         "SELECT geom, code AS a, code || 'x' AS b, name AS nama FROM regencies"}));
  ASSERT_TRUE(translate(regencies(), junk,
                        {"-f", "GeoJSON", "-dialect", "SQLite", "-sql",
                         "SELECT geom, 'x' || fid AS label FROM regencies"}));
  const std::string exportCmd =
      std::string(PANTAU_BIN_DIR) +
      "/pantau-data export archive:/nonexistent --level regency --format csv " +
      pantau::test::tempPath("unused.csv");
  // --code-field after a --boundaries names that file's field: 'a' holds the codes, 'b' none.
  auto named = pantau::test::runCommand(exportCmd + " --boundaries " + fgb + " --code-field a");
  EXPECT_NE(named.out.find("by code in 'a': 514 of 514"), std::string::npos)
      << named.out << named.err;
  auto noCodes = pantau::test::runCommand(exportCmd + " --boundaries " + fgb + " --code-field b");
  EXPECT_EQ(noCodes.status, 1);
  EXPECT_NE(noCodes.err.find("field 'b' holds no KPU codes"), std::string::npos) << noCodes.err;
  auto missing =
      pantau::test::runCommand(exportCmd + " --boundaries " + fgb + " --code-field KODE");
  EXPECT_EQ(missing.status, 1);
  EXPECT_NE(missing.err.find("no field 'KODE'"), std::string::npos) << missing.err;
  auto none = pantau::test::runCommand(exportCmd + " --boundaries " + junk);
  EXPECT_EQ(none.status, 1);
  EXPECT_NE(none.err.find(junk + ":"), std::string::npos) << none.err;
  EXPECT_NE(none.err.find("no field holds the KPU codes or names"), std::string::npos) << none.err;
  auto twice =
      pantau::test::runCommand(exportCmd + " --boundaries " + fgb + " --boundaries " + regencies());
  EXPECT_EQ(twice.status, 1);
  EXPECT_NE(twice.err.find("two files for the regency level"), std::string::npos) << twice.err;
}
