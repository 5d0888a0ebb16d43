// pantau-data export read back with GDAL: feature counts, geometry, and field values against what
// the simulator serves; from a live source and from an archive at an earlier moment.

#include <gtest/gtest.h>
#include <gdal_priv.h>
#include <httplib.h>
#include <ogrsf_frmts.h>

#include <cstring>
#include <nlohmann/json.hpp>

#include "sim_process.hpp"
#include "test_support.hpp"

using pantau::test::SimProcess;

namespace {

pantau::test::CommandRun exportCmd(const std::string& args) {
  return pantau::test::runCommand(std::string(PANTAU_BIN_DIR) + "/pantau-data export " + args);
}

nlohmann::json get(const SimProcess& sim, const std::string& path) {
  httplib::Client cli("127.0.0.1", sim.port());
  auto r = cli.Get(path.c_str());
  return r && r->status == 200 ? nlohmann::json::parse(r->body) : nlohmann::json();
}

struct Layer {
  GDALDatasetUniquePtr ds;
  OGRLayer* layer = nullptr;
};

Layer openExport(const std::string& file, const char* layerName) {
  GDALAllRegister();
  Layer l;
  l.ds.reset(GDALDataset::Open(file.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  if (l.ds) l.layer = layerName ? l.ds->GetLayerByName(layerName) : l.ds->GetLayer(0);
  return l;
}

}  // namespace

TEST(Export, GeoPackageOfDistrictsJoinsBoundariesAndFigures) {
  SimProcess sim({"--final", "--anomaly-rate", "0.01", "--seed", "3"});
  ASSERT_TRUE(sim.ok());
  const std::string out = pantau::test::tempPath("districts.gpkg");
  auto run = exportCmd(sim.url() + " --level district --format gpkg " + out + " --region 3578");
  ASSERT_EQ(run.status, 0) << run.err;
  auto l = openExport(out, "pantau_district");
  ASSERT_TRUE(l.layer) << out;
  EXPECT_EQ(l.layer->GetFeatureCount(), 31);
  const auto regency = get(sim, "/pemilu/hhcw/ppwp/35/3578.json");
  int checked = 0;
  for (auto& f : *l.layer) {
    const std::string code = f->GetFieldAsString("code");
    ASSERT_TRUE(f->GetGeometryRef() && !f->GetGeometryRef()->IsEmpty()) << code;
    const auto& row = regency["table"][code];
    EXPECT_EQ(f->GetFieldAsInteger("votes_02"), row["100026"].get<int>()) << code;
    EXPECT_EQ(f->GetFieldAsInteger("valid_votes"),
              row["100025"].get<int>() + row["100026"].get<int>() + row["100027"].get<int>()) << code;
    EXPECT_NEAR(f->GetFieldAsDouble("share_01") + f->GetFieldAsDouble("share_02") + f->GetFieldAsDouble("share_03"), 100.0, 1e-9);
    EXPECT_GT(std::strlen(f->GetFieldAsString("nama")), 2u) << code;  // KPU's name, e.g. KARANG PILANG
    EXPECT_STREQ(f->GetFieldAsString("parent"), "3578");
    EXPECT_GT(f->GetFieldAsDouble("turnout"), 50.0) << code;
    EXPECT_LT(f->GetFieldAsDouble("turnout"), 100.0) << code;
    EXPECT_TRUE(f->IsFieldSetAndNotNull(f->GetFieldIndex("flags"))) << code;
    ++checked;
  }
  EXPECT_EQ(checked, 31);
}

TEST(Export, CsvOfTpsHasEveryField) {
  SimProcess sim({"--final"});
  ASSERT_TRUE(sim.ok());
  const std::string out = pantau::test::tempPath("tps.csv");
  auto run = exportCmd(sim.url() + " --level tps --format csv " + out + " --region 3578011001");
  ASSERT_EQ(run.status, 0) << run.err;
  auto l = openExport(out, nullptr);
  ASSERT_TRUE(l.layer);
  EXPECT_EQ(l.layer->GetFeatureCount(), 23);
  const auto doc = get(sim, "/pemilu/hhcw/ppwp/35/3578/357801/3578011001/3578011001001.json");
  bool found = false;
  for (auto& f : *l.layer) {
    if (std::string(f->GetFieldAsString("code")) != "3578011001001") continue;
    found = true;
    EXPECT_EQ(f->GetFieldAsInteger("votes_01"), doc["chart"]["100025"].get<int>());
    EXPECT_EQ(f->GetFieldAsInteger("suara_sah"), doc["administrasi"]["suara_sah"].get<int>());
    EXPECT_EQ(f->GetFieldAsInteger("pemilih_dpt_l"), doc["administrasi"]["pemilih_dpt_l"].get<int>());
    EXPECT_EQ(f->GetFieldAsInteger("pengguna_total_j"), doc["administrasi"]["pengguna_total_j"].get<int>());
    EXPECT_EQ(f->GetFieldAsInteger("status_adm"), 1);
    EXPECT_STREQ(f->GetFieldAsString("ts"), doc["ts"].get<std::string>().c_str());
  }
  EXPECT_TRUE(found);
  // The column types travel with it: codes stay text for GDAL and QGIS.
  EXPECT_EQ(l.layer->GetLayerDefn()->GetFieldDefn(l.layer->GetLayerDefn()->GetFieldIndex("code"))->GetType(), OFTString);
}

TEST(Export, GeoJsonFromAnArchiveAtAnEarlierMoment) {
  const std::string archive = pantau::test::tempPath("export_archive");
  std::filesystem::remove_all(archive);
  std::vector<nlohmann::json> nation;
  for (const char* at : {"2024-02-14 15:00", "2024-02-14 22:00"}) {
    SimProcess sim({"--at", at, "--speed", "0"});
    ASSERT_TRUE(sim.ok());
    auto rec = pantau::test::runCommand(std::string(PANTAU_BIN_DIR) + "/pantau-data mirror " + sim.url() + " " + archive +
                                        "_mirror --levels 2 --record " + archive);
    ASSERT_EQ(rec.status, 0) << rec.err;
    nation.push_back(get(sim, "/pemilu/hhcw/ppwp.json"));
  }
  const std::string out = pantau::test::tempPath("provinces.geojson");
  auto run = exportCmd("archive:" + archive + " --at \"2024-02-14 15:30\" --level province --format geojson " + out + " --no-tps");
  ASSERT_EQ(run.status, 0) << run.err;
  auto l = openExport(out, nullptr);
  ASSERT_TRUE(l.layer);
  EXPECT_EQ(l.layer->GetFeatureCount(), 39);  // 38 provinces and Luar Negeri (which has no polygon)
  int withGeometry = 0;
  for (auto& f : *l.layer) {
    const std::string code = f->GetFieldAsString("code");
    withGeometry += f->GetGeometryRef() != nullptr;
    // 15:30 shows the 15:00 figures, not the 22:00 ones.
    EXPECT_EQ(f->GetFieldAsInteger("votes_02"), nation[0]["table"][code].value("100026", 0)) << code;
  }
  EXPECT_EQ(withGeometry, 38);
  auto bad = exportCmd("archive:" + archive + " --level county --format gpkg " + out);
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.err.find("'county'"), std::string::npos);
  // A moment that is not one, a moment asked of a live source, a region that is not above the level.
  auto badAt = exportCmd("archive:" + archive + " --at \"15 Feb\" --level province --format csv " + out);
  EXPECT_EQ(badAt.status, 2);
  EXPECT_NE(badAt.err.find("'15 Feb'"), std::string::npos) << badAt.err;
  auto liveAt = exportCmd("http://127.0.0.1:1 --at \"2024-02-14 15:00\" --level province --format csv " + out);
  EXPECT_EQ(liveAt.status, 2);
  EXPECT_NE(liveAt.err.find("needs archive:DIR"), std::string::npos) << liveAt.err;
  auto badRegion = exportCmd("archive:" + archive + " --level province --format csv " + out + " --region 3578");
  EXPECT_EQ(badRegion.status, 2);
  EXPECT_NE(badRegion.err.find("'3578'"), std::string::npos) << badRegion.err;
}
