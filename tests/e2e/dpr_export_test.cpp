// pantau-data --contest pdpr export read back with GDAL: the regions' party columns against the
// sim's own DPR aggregates over real HTTP, the dapil layer against `pantau-data seats --json`
// (the same projection), its polygons, its QGIS styles, `--level dapil` as CSV and GeoJSON, and
// TPS rows (their sum against the district's document, each row's party + caleg arithmetic).

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

/// The sim's DPR aggregate of a region ("11", "35/3578/357822"), parsed by Pantau's parser:
/// party id -> votes.
std::map<uint32_t, uint64_t> simChart(const SimProcess& sim, const std::string& region) {
  httplib::Client cli("127.0.0.1", sim.port());
  cli.set_read_timeout(300, 0);
  auto r = cli.Get("/pemilu/hhcw/pdpr/" + region + ".json");
  EXPECT_TRUE(r && r->status == 200) << region;
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

/// A TPS row's figures by party: votes_NN, party_NN, caleg_NN.
struct TpsParty {
  int64_t votes = 0, partyOnly = 0, caleg = 0;
  friend bool operator==(const TpsParty&, const TpsParty&) = default;
};

std::map<std::string, std::map<std::string, TpsParty>> tpsRows(OGRLayer& layer) {
  std::map<std::string, std::map<std::string, TpsParty>> out;
  for (auto& f : layer) {
    auto& row = out[f->GetFieldAsString("code")];
    for (const char* p : kParties) {
      const std::string n(p);
      if (!f->IsFieldSetAndNotNull(f->GetFieldIndex(("votes_" + n).c_str()))) continue;
      row[n] = {f->GetFieldAsInteger64(("votes_" + n).c_str()), f->GetFieldAsInteger64(("party_" + n).c_str()),
                f->GetFieldAsInteger64(("caleg_" + n).c_str())};
    }
  }
  return out;
}

TEST(DprExport, TpsRowsAddUpToTheirDistrictAndCarryTheArithmetic) {
  // Surabaya's Kecamatan 357822 (114 TPS, dapil JAWA TIMUR I = 3501), with misread forms.
  SimProcess sim({"--final", "--seed", "5", "--anomaly-rate", "0.05"});
  ASSERT_TRUE(sim.ok()) << sim.line();
  const std::string csv = pantau::test::tempPath("dpr_tps.csv");
  auto run = pantauData("--contest pdpr export " + sim.url() + " --region 357822 --level tps --format csv " + csv);
  ASSERT_EQ(run.status, 0) << run.err;
  auto ds = openVector(csv);
  ASSERT_TRUE(ds);
  OGRLayer* layer = ds->GetLayer(0);
  EXPECT_EQ(layer->GetFeatureCount(), 114);
  std::map<std::string, uint64_t> sums;
  int counted = 0, misread = 0;
  for (auto& f : *layer) {
    const std::string code = f->GetFieldAsString("code");
    SCOPED_TRACE(code);
    EXPECT_TRUE(code.starts_with("357822")) << code;
    if (!f->IsFieldSetAndNotNull(f->GetFieldIndex("valid_votes"))) continue;  // not counted yet
    ++counted;
    EXPECT_STREQ(f->GetFieldAsString("dapil"), "3501");
    bool arithmetic = true;
    int64_t valid = 0;
    for (const char* p : kParties) {
      const std::string n(p);
      const int64_t votes = f->GetFieldAsInteger64(("votes_" + n).c_str());
      sums[n] += static_cast<uint64_t>(votes);
      valid += votes;
      arithmetic &= f->GetFieldAsInteger64(("party_" + n).c_str()) + f->GetFieldAsInteger64(("caleg_" + n).c_str()) == votes;
    }
    EXPECT_EQ(f->GetFieldAsInteger64("valid_votes"), valid);
    // The DPR's own check says where party + caleg is not jml_suara_total, and only there.
    const std::string checks = f->GetFieldAsString("checks");
    EXPECT_EQ(checks.find("party_caleg_sum") != std::string::npos, !arithmetic) << checks;
    if (!arithmetic) {
      ++misread;
      EXPECT_GE(f->GetFieldAsInteger("flags"), 1);
    }
  }
  EXPECT_GT(counted, 50);
  EXPECT_GT(misread, 0) << "the sim misreads 5% of the forms: some should be here";
  // The district's own DPR document is the sum of its TPS' party totals (misreads and all).
  const auto district = simChart(sim, "35/3578/357822");
  ASSERT_FALSE(district.empty());
  for (const char* p : kParties) {
    const auto party = static_cast<uint32_t>(std::stoul(p));
    EXPECT_EQ(sums[p], district.count(party) ? district.at(party) : 0) << "party " << p;
  }

  // The same rows in a GeoPackage and GeoJSON (no geometry at TPS), figure for figure.
  const auto fromCsv = tpsRows(*layer);
  for (const char* format : {"gpkg", "geojson"}) {
    const std::string out = pantau::test::tempPath(std::string("dpr_tps.") + format);
    run = pantauData("--contest pdpr export " + sim.url() + " --region 357822 --level tps --format " + format + " " + out);
    ASSERT_EQ(run.status, 0) << format << ": " << run.err;
    auto other = openVector(out);
    ASSERT_TRUE(other) << format;
    OGRLayer* l = other->GetLayerByName("pantau_tps");
    ASSERT_TRUE(l) << format;
    EXPECT_EQ(tpsRows(*l), fromCsv) << format;
  }
}

TEST(DprExport, TheDapilLevelIsTheDprsAndTpsRowsAreRefused) {
  auto run = pantauData("export http://127.0.0.1:9 --level dapil --format csv " +
                        pantau::test::tempPath("x.csv"));
  EXPECT_EQ(run.status, 2);
  EXPECT_NE(run.err.find("--contest pdpr"), std::string::npos) << run.err;
  // TPS rows: the DPR's one moment, not a timeline; not the DPD's.
  run = pantauData("--contest pdpr export archive:/nonexistent --level tps --format csv --timeline 60 " +
                   pantau::test::tempPath("x.csv"));
  EXPECT_EQ(run.status, 2);
  EXPECT_NE(run.err.find("not the DPD's TPS rows, a TPS timeline"), std::string::npos) << run.err;
  run = pantauData("--contest pdpd export http://127.0.0.1:9 --region 35 --level tps --format csv " +
                   pantau::test::tempPath("x.csv"));
  EXPECT_EQ(run.status, 2);
  EXPECT_NE(run.err.find("not the DPD's TPS rows"), std::string::npos) << run.err;
  // The DPD is exported per province: without --region, or abroad, it is refused.
  run = pantauData("--contest pdpd export http://127.0.0.1:9 --level regency --format csv " + pantau::test::tempPath("x.csv"));
  EXPECT_EQ(run.status, 2);
  EXPECT_NE(run.err.find("within one province"), std::string::npos) << run.err;
  run = pantauData("--contest pdpd export http://127.0.0.1:9 --region 99 --level regency --format csv " +
                   pantau::test::tempPath("x.csv"));
  EXPECT_EQ(run.status, 2);
  EXPECT_NE(run.err.find("--region must be a province"), std::string::npos) << run.err;
}
