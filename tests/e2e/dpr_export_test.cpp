// pantau-data --contest pdpr export read back with GDAL: the regions' party columns against the
// sim's own DPR aggregates over real HTTP, the dapil layer against `pantau-data seats --json`
// (the same projection), its polygons, its QGIS styles, and `--level dapil` as CSV and GeoJSON.

#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <ogrsf_frmts.h>

#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "pantau/data/sirekap/sirekap_parser.hpp"
#include "sim_process.hpp"
#include "test_support.hpp"

using pantau::test::SimProcess;

namespace {

pantau::test::CommandRun pantauData(const std::string& args) {
  return pantau::test::runCommand(std::string(PANTAU_BIN_DIR) + "/pantau-data " + args);
}

GDALDatasetUniquePtr openVector(const std::string& file) {
  GDALAllRegister();
  return GDALDatasetUniquePtr(GDALDataset::Open(file.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
}

const char* const kParties[] = {"01", "02", "03", "04", "05", "06", "07", "08", "09",
                                "10", "11", "12", "13", "14", "15", "16", "17", "24"};

/// The sim's DPR aggregate of a province, parsed by Pantau's parser: party id -> votes.
std::map<uint32_t, uint64_t> simChart(const SimProcess& sim, const std::string& province) {
  httplib::Client cli("127.0.0.1", sim.port());
  cli.set_read_timeout(300, 0);
  auto r = cli.Get("/pemilu/hhcw/pdpr/" + province + ".json");
  EXPECT_TRUE(r && r->status == 200) << province;
  std::map<uint32_t, uint64_t> out;
  if (!r) return out;
  pantau::data::SirekapParser parser;
  pantau::data::Aggregate agg;
  EXPECT_TRUE(parser.parseAggregate(std::string_view(r->body), agg));
  for (const auto& v : agg.chart) out[v.candidate] += v.votes;
  return out;
}

}  // namespace

TEST(DprExport, RegionsCarryPartyColumnsAndTheDapilLayerTheProjection) {
  SimProcess sim({"--final", "--seed", "5"});
  ASSERT_TRUE(sim.ok()) << sim.line();
  const std::string out = pantau::test::tempPath("dpr_provinces.gpkg");
  auto run =
      pantauData("--contest pdpr export " + sim.url() + " --level province --format gpkg " + out);
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_NE(run.out.find("84 dapil"), std::string::npos) << run.out;
  auto ds = openVector(out);
  ASSERT_TRUE(ds);

  // The regions: one column per DPR party (its ballot number), equal to the sim's aggregate.
  OGRLayer* provinces = ds->GetLayerByName("pantau_province");
  ASSERT_TRUE(provinces);
  EXPECT_EQ(provinces->GetFeatureCount(), 39);
  for (const char* p : kParties)
    EXPECT_GE(provinces->GetLayerDefn()->GetFieldIndex((std::string("votes_") + p).c_str()), 0)
        << p;
  EXPECT_LT(provinces->GetLayerDefn()->GetFieldIndex("votes_18"),
            0);  // Aceh's local parties: not the DPR
  int checked = 0;
  for (auto& f : *provinces) {
    const std::string code = f->GetFieldAsString("code");
    if (code != "11" && code != "31" && code != "94") continue;
    const auto chart = simChart(sim, code);
    uint64_t best = 0, total = 0;
    std::string leader;
    for (const char* p : kParties) {
      const uint64_t v =
          static_cast<uint64_t>(f->GetFieldAsInteger64((std::string("votes_") + p).c_str()));
      const auto party = static_cast<uint32_t>(std::stoul(p));
      EXPECT_EQ(v, chart.count(party) ? chart.at(party) : 0) << code << " party " << p;
      total += v;
      if (v > best) best = v, leader = p;
    }
    EXPECT_EQ(static_cast<uint64_t>(f->GetFieldAsInteger64("valid_votes")), total);
    EXPECT_EQ(f->GetFieldAsString("winner"), leader) << code;  // the leading party
    EXPECT_TRUE(f->GetGeometryRef()) << code;
    checked++;
  }
  EXPECT_EQ(checked, 3);

  // The dapil: polygons, and the same seats and names as `pantau-data seats --json`.
  auto seats = pantauData("seats " + sim.url() + " --json");
  ASSERT_EQ(seats.status, 0) << seats.err;
  const auto projection = nlohmann::json::parse(seats.out);
  OGRLayer* dapil = ds->GetLayerByName("pantau_dapil");
  ASSERT_TRUE(dapil);
  EXPECT_EQ(dapil->GetFeatureCount(), 84);
  int totalSeats = 0, withGeometry = 0;
  for (auto& f : *dapil) {
    const std::string code = f->GetFieldAsString("code");
    SCOPED_TRACE(code);
    const auto& d = projection["dapil"][code];
    ASSERT_TRUE(d.is_object());
    EXPECT_EQ(f->GetFieldAsInteger("seats"), d["seats"].get<int>());
    totalSeats += f->GetFieldAsInteger("seats");
    int allocated = 0;
    for (const char* p : kParties) {
      const int n = f->GetFieldAsInteger((std::string("seats_") + p).c_str());
      const std::string id = std::to_string(std::stoul(p));
      EXPECT_EQ(n, d["allocation"].contains(id) ? d["allocation"][id].get<int>() : 0)
          << "party " << p;
      allocated += n;
    }
    EXPECT_EQ(allocated, f->GetFieldAsInteger("seats"));
    std::string elected;
    for (const auto& c : d["elected"])
      elected += (elected.empty() ? "" : ";") + c.get<std::string>();
    EXPECT_EQ(f->GetFieldAsString("elected"), elected);
    const std::string names = f->GetFieldAsString("elected_names");
    EXPECT_EQ(std::count(names.begin(), names.end(), ';') + 1, f->GetFieldAsInteger("seats"));
    if (const OGRGeometry* g = f->GetGeometryRef()) {
      withGeometry++;
      OGRPoint label(f->GetFieldAsDouble("label_lon"), f->GetFieldAsDouble("label_lat"));
      EXPECT_TRUE(g->Contains(&label));
    }
    EXPECT_GT(f->GetFieldAsDouble("progress"), 0);
  }
  EXPECT_EQ(totalSeats, 580);
  EXPECT_EQ(withGeometry, 84);
  // DKI JAKARTA II holds Jakarta Selatan (Blok M at 106.80 E, 6.24 S), not Jakarta Utara.
  dapil->SetAttributeFilter("code = '3102'");
  OGRFeatureUniquePtr j2(dapil->GetNextFeature());
  ASSERT_TRUE(j2);
  OGRPoint blokM(106.80, -6.244), tanjungPriok(106.88, -6.11);
  EXPECT_TRUE(j2->GetGeometryRef()->Contains(&blokM));
  EXPECT_FALSE(j2->GetGeometryRef()->Contains(&tanjungPriok));
}

TEST(DprExport, TheDapilLayerHasItsQgisStyles) {
  SimProcess sim({"--final", "--seed", "5"});
  ASSERT_TRUE(sim.ok()) << sim.line();
  const std::string out = pantau::test::tempPath("dpr_dapil.gpkg");
  auto run =
      pantauData("--contest pdpr export " + sim.url() + " --level dapil --format gpkg " + out);
  ASSERT_EQ(run.status, 0) << run.err;
  auto ds = openVector(out);
  ASSERT_TRUE(ds);
  OGRLayer* dapil = ds->GetLayerByName("pantau_dapil");
  ASSERT_TRUE(dapil);
  std::set<std::string> fields;
  for (int i = 0; i < dapil->GetLayerDefn()->GetFieldCount(); ++i)
    fields.insert(dapil->GetLayerDefn()->GetFieldDefn(i)->GetNameRef());
  // The winner domain names the party: "02 GERINDRA" where the field says "02".
  const OGRFieldDomain* domain = ds->GetFieldDomain("pantau_winner");
  ASSERT_TRUE(domain);
  OGRLayer* styles = ds->GetLayerByName("layer_styles");
  ASSERT_TRUE(styles);
  std::set<std::string> names;
  int defaults = 0;
  static const std::regex attr(R"(attr="([^"]+)\")"), quoted(R"(&quot;([A-Za-z_0-9]+)&quot;)");
  for (auto& s : *styles) {
    if (std::string(s->GetFieldAsString("f_table_name")) != "pantau_dapil") continue;
    names.insert(s->GetFieldAsString("styleName"));
    defaults += s->GetFieldAsInteger("useAsDefault");
    const std::string qml = s->GetFieldAsString("styleQML");
    for (const auto* re : {&attr, &quoted})
      for (std::sregex_iterator it(qml.begin(), qml.end(), *re), end; it != end; ++it)
        EXPECT_TRUE(fields.count((*it)[1]))
            << s->GetFieldAsString("styleName") << " names " << (*it)[1];
  }
  EXPECT_EQ(defaults, 1);
  EXPECT_TRUE(names.count("pantau winner"));
  EXPECT_TRUE(names.count("pantau seats_03"));
  EXPECT_TRUE(names.count("pantau share_24"));
}

TEST(DprExport, DapilLevelAsCsvAndGeoJson) {
  SimProcess sim({"--final", "--seed", "5"});
  ASSERT_TRUE(sim.ok()) << sim.line();
  const std::string csv = pantau::test::tempPath("dpr_dapil.csv"),
                    geojson = pantau::test::tempPath("dpr_dapil.geojson");
  auto run =
      pantauData("--contest pdpr export " + sim.url() + " --level dapil --format csv " + csv);
  ASSERT_EQ(run.status, 0) << run.err;
  run = pantauData("--contest pdpr export " + sim.url() + " --level dapil --format geojson " +
                   geojson);
  ASSERT_EQ(run.status, 0) << run.err;
  auto c = openVector(csv);
  ASSERT_TRUE(c);
  OGRLayer* rows = c->GetLayer(0);
  EXPECT_EQ(rows->GetFeatureCount(), 84);
  int seats = 0;
  for (auto& f : *rows) {
    EXPECT_FALSE(f->GetGeometryRef());
    seats += f->GetFieldAsInteger("seats");
  }
  EXPECT_EQ(seats, 580);
  // The .csvt keeps codes as text ("1101", not 1101.0) for spreadsheets.
  EXPECT_EQ(
      rows->GetLayerDefn()->GetFieldDefn(rows->GetLayerDefn()->GetFieldIndex("code"))->GetType(),
      OFTString);
  auto g = openVector(geojson);
  ASSERT_TRUE(g);
  int polygons = 0;
  for (auto& f : *g->GetLayer(0))
    polygons += f->GetGeometryRef() &&
                wkbFlatten(f->GetGeometryRef()->getGeometryType()) == wkbMultiPolygon;
  EXPECT_EQ(polygons, 84);
}

TEST(DprExport, TheDapilLevelIsTheDprsAndTpsRowsAreRefused) {
  auto run = pantauData("export http://127.0.0.1:9 --level dapil --format csv " +
                        pantau::test::tempPath("x.csv"));
  EXPECT_EQ(run.status, 2);
  EXPECT_NE(run.err.find("--contest pdpr"), std::string::npos) << run.err;
  run = pantauData("--contest pdpr export http://127.0.0.1:9 --level tps --format csv " +
                   pantau::test::tempPath("x.csv"));
  EXPECT_EQ(run.status, 2);
  EXPECT_NE(run.err.find("not TPS rows"), std::string::npos) << run.err;
  // The DPD is exported per province: without --region, or abroad, it is refused.
  run = pantauData("--contest pdpd export http://127.0.0.1:9 --level regency --format csv " + pantau::test::tempPath("x.csv"));
  EXPECT_EQ(run.status, 2);
  EXPECT_NE(run.err.find("within one province"), std::string::npos) << run.err;
  run = pantauData("--contest pdpd export http://127.0.0.1:9 --region 99 --level regency --format csv " +
                   pantau::test::tempPath("x.csv"));
  EXPECT_EQ(run.status, 2);
  EXPECT_NE(run.err.find("--region must be a province"), std::string::npos) << run.err;
}
