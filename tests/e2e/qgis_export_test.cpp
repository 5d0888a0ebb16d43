// The analyst's GeoPackage: its QGIS styles read back from `layer_styles` (QML naming only fields
// that exist), the winner field domain resolved, a real QGIS (PyQGIS, offscreen) opening it with
// its default style and rendering it; and the night as a time series (one row per region per step).

#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <ogrsf_frmts.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "sim_process.hpp"
#include "test_support.hpp"

using pantau::test::SimProcess;

namespace {

pantau::test::CommandRun exportCmd(const std::string& args) {
  return pantau::test::runCommand(std::string(PANTAU_BIN_DIR) + "/pantau-data export " + args);
}

GDALDatasetUniquePtr openVector(const std::string& file) {
  GDALAllRegister();
  return GDALDatasetUniquePtr(GDALDataset::Open(file.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
}

/// Every field a QML names: renderer attributes and "quoted" fields inside expressions.
std::set<std::string> fieldsNamedIn(const std::string& qml) {
  std::set<std::string> out;
  static const std::regex attr(R"(attr="([^"]+)\")"), quoted(R"(&quot;([A-Za-z_0-9]+)&quot;)");
  for (std::sregex_iterator it(qml.begin(), qml.end(), attr), end; it != end; ++it)
    out.insert((*it)[1]);
  for (std::sregex_iterator it(qml.begin(), qml.end(), quoted), end; it != end; ++it)
    out.insert((*it)[1]);
  return out;
}

std::string exportAceh(const SimProcess& sim) {
  const std::string out = pantau::test::tempPath("aceh_regencies.gpkg");
  auto run = exportCmd(sim.url() + " --level regency --format gpkg " + out + " --region 11");
  EXPECT_EQ(run.status, 0) << run.err;
  return out;
}

}  // namespace

TEST(QgisExport, LayerStylesNameExistingFieldsAndTheWinnerDomainResolves) {
  SimProcess sim({"--final", "--anomaly-rate", "0.01", "--seed", "5"});
  ASSERT_TRUE(sim.ok());
  const std::string out = exportAceh(sim);
  auto ds = openVector(out);
  ASSERT_TRUE(ds);
  OGRLayer* layer = ds->GetLayerByName("pantau_regency");
  ASSERT_TRUE(layer);
  std::set<std::string> fields;
  for (int i = 0; i < layer->GetLayerDefn()->GetFieldCount(); ++i)
    fields.insert(layer->GetLayerDefn()->GetFieldDefn(i)->GetNameRef());

  OGRLayer* styles = ds->GetLayerByName("layer_styles");
  ASSERT_TRUE(styles) << "no layer_styles table";
  std::set<std::string> names;
  int defaults = 0;
  for (auto& f : *styles) {
    const std::string name = f->GetFieldAsString("styleName"),
                      qml = f->GetFieldAsString("styleQML");
    names.insert(name);
    EXPECT_STREQ(f->GetFieldAsString("f_table_name"), "pantau_regency");
    EXPECT_STREQ(f->GetFieldAsString("f_geometry_column"), layer->GetGeometryColumn());
    EXPECT_LE(name.size(), 30u) << name;  // QGIS's column is TEXT(30)
    defaults += f->GetFieldAsInteger("useAsDefault");
    EXPECT_TRUE(qml.starts_with("<!DOCTYPE qgis")) << name;
    EXPECT_NE(qml.find("</qgis>"), std::string::npos) << name;
    const auto named = fieldsNamedIn(qml);
    EXPECT_FALSE(named.empty()) << name;
    for (const std::string& field : named)
      EXPECT_TRUE(fields.count(field)) << name << " names '" << field << "'";
  }
  EXPECT_EQ(defaults, 1);
  for (const char* want :
       {"pantau winner", "pantau winner (colour-blind)", "pantau share_01", "pantau share_02",
        "pantau share_03", "pantau progress", "pantau turnout", "pantau integrity"})
    EXPECT_TRUE(names.count(want)) << want;

  // The winner's domain: every winner's ballot number resolves to its ticket's name.
  const int winner = layer->GetLayerDefn()->GetFieldIndex("winner");
  ASSERT_GE(winner, 0);
  const std::string domainName = layer->GetLayerDefn()->GetFieldDefn(winner)->GetDomainName();
  ASSERT_EQ(domainName, "pantau_winner");
  const auto* domain = dynamic_cast<const OGRCodedFieldDomain*>(ds->GetFieldDomain(domainName));
  ASSERT_TRUE(domain);
  std::map<std::string, std::string> coded;
  for (const OGRCodedValue* v = domain->GetEnumeration(); v->pszCode; ++v)
    coded[v->pszCode] = v->pszValue ? v->pszValue : "";
  ASSERT_EQ(coded.size(), 3u);
  EXPECT_NE(coded["02"].find("PRABOWO"), std::string::npos) << coded["02"];
  int rows = 0;
  for (auto& f : *layer) {
    ++rows;
    ASSERT_TRUE(coded.count(f->GetFieldAsString(winner))) << f->GetFieldAsString("code");
    EXPECT_GE(f->GetFieldAsDouble("margin"), 0.0);
  }
  EXPECT_EQ(rows, 23);  // Aceh's 23 regencies
}

TEST(QgisExport, QgisOpensItStyledAndRendersIt) {
  if (std::system("/usr/bin/python3 -c 'import qgis.core' 2>/dev/null") != 0)
    GTEST_SKIP() << "python3-qgis is not installed";
  SimProcess sim({"--final", "--seed", "5"});
  ASSERT_TRUE(sim.ok());
  const std::string out = exportAceh(sim);
  const std::string png = pantau::test::tempPath("aceh_qgis.png");
  auto run = pantau::test::runCommand(
      "QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=" + pantau::test::tempPath("xdg") +
      " /usr/bin/python3 " + PANTAU_SOURCE_DIR + "/tests/e2e/qgis/render_gpkg.py " + out +
      " pantau_regency " + png);
  ASSERT_EQ(run.status, 0) << run.out << run.err;
  const auto j = nlohmann::json::parse(run.out);
  // The default style: categorised by winner in KPU's colours, one category per ticket plus "no
  // votes".
  EXPECT_EQ(j["default"]["type"], "categorizedSymbol");
  EXPECT_EQ(j["default"]["attr"], "winner");
  ASSERT_EQ(j["default"]["categories"].size(), 4u);
  EXPECT_EQ(j["default"]["categories"][1][2], "#c7b7a3");  // 02's warna
  EXPECT_EQ(j["winner_widget"], "ValueMap");
  // Every stored style loads in QGIS, with the renderer it claims.
  ASSERT_EQ(j["styles"].size(), 8u);
  for (auto& [name, s] : j["styles"].items()) {
    EXPECT_TRUE(s["loaded"].get<bool>()) << name << ": " << s["message"];
    EXPECT_EQ(s["type"],
              name.starts_with("pantau winner") ? "categorizedSymbol" : "graduatedSymbol")
        << name;
  }
  EXPECT_EQ(j["styles"]["pantau winner (colour-blind)"]["categories"][0][2],
            "#56b4e9");  // Okabe-Ito sky blue
  EXPECT_EQ(j["styles"]["pantau integrity"]["attr"], "flagged_per_1000");
  EXPECT_TRUE(j["png_saved"].get<bool>());
  // Pale to deep by margin: many shades, not one flat colour per winner.
  EXPECT_GT(j["distinct_colours"].get<int>(), 12) << png;
}

TEST(QgisExport, TimelineHasOneRowPerRegionPerStepWithMonotoneTs) {
  const std::string archive = pantau::test::tempPath("timeline_archive");
  std::filesystem::remove_all(archive);
  std::vector<nlohmann::json> nation;
  for (const char* at : {"2024-02-14 15:00", "2024-02-14 19:00"}) {
    SimProcess sim({"--at", at, "--speed", "0"});
    ASSERT_TRUE(sim.ok());
    auto rec =
        pantau::test::runCommand(std::string(PANTAU_BIN_DIR) + "/pantau-data mirror " + sim.url() +
                                 " " + archive + "_mirror --levels 2 --record " + archive);
    ASSERT_EQ(rec.status, 0) << rec.err;
    httplib::Client cli("127.0.0.1", sim.port());
    auto r = cli.Get("/pemilu/hhcw/ppwp.json");
    ASSERT_TRUE(r && r->status == 200);
    nation.push_back(nlohmann::json::parse(r->body));
  }
  for (const char* format : {"gpkg", "csv"}) {
    const std::string out = pantau::test::tempPath(std::string("timeline.") + format);
    auto run =
        exportCmd("archive:" + archive + " --level province --format " + format + " " + out +
                  " --no-tps --timeline 30 --from \"2024-02-14 15:00\" --to \"2024-02-14 19:30\"");
    ASSERT_EQ(run.status, 0) << run.err;
    EXPECT_NE(run.out.find("10 steps of 30 min"), std::string::npos) << run.out;
    auto ds = openVector(out);
    ASSERT_TRUE(ds);
    OGRLayer* layer = ds->GetLayer(0);
    ASSERT_TRUE(layer);
    EXPECT_EQ(layer->GetFeatureCount(), 39 * 10)
        << format;  // 39 provinces (Luar Negeri too) x 10 steps
    const int ts = layer->GetLayerDefn()->GetFieldIndex("ts");
    ASSERT_GE(ts, 0);
    EXPECT_EQ(layer->GetLayerDefn()->GetFieldDefn(ts)->GetType(), OFTDateTime) << format;
    std::string last;
    std::set<std::string> steps;
    for (auto& f : *layer) {
      const std::string t =
          f->GetFieldAsString(ts);  // "2024/02/14 15:30:00+07": sorts as time within a day
      EXPECT_GE(t, last) << format;
      last = t;
      steps.insert(t);
      int y, mo, d, h, mi, tz;
      float s;
      ASSERT_TRUE(f->GetFieldAsDateTime(ts, &y, &mo, &d, &h, &mi, &s, &tz));
      // A GeoPackage keeps UTC (its standard), CSV says WIB.
      const bool gpkg = std::string(format) == "gpkg";
      EXPECT_EQ(tz, gpkg ? 100 : 100 + 28) << t;
      // Before 19:00 WIB the 15:00 figures, from 19:00 the 19:00 ones.
      const std::string code = f->GetFieldAsString("code");
      const int wibHour = gpkg ? h + 7 : h;
      EXPECT_EQ(f->GetFieldAsInteger("votes_02"),
                nation[wibHour >= 19 ? 1 : 0]["table"][code].value("100026", 0))
          << code << " " << t;
    }
    EXPECT_EQ(steps.size(), 10u);
    const bool gpkg = std::string(format) == "gpkg";
    EXPECT_EQ(*steps.begin(), gpkg ? "2024/02/14 08:00:00+00" : "2024/02/14 15:00:00+07");
    EXPECT_EQ(*steps.rbegin(), gpkg ? "2024/02/14 12:30:00+00" : "2024/02/14 19:30:00+07");
  }
  // The GeoPackage tells QGIS's temporal controller to play `ts`.
  auto ds = openVector(pantau::test::tempPath("timeline.gpkg"));
  std::unique_ptr<OGRLayer, std::function<void(OGRLayer*)>> sql(
      ds->ExecuteSQL("SELECT styleQML FROM layer_styles WHERE useAsDefault = 1", nullptr, nullptr),
      [&](OGRLayer* l) { ds->ReleaseResultSet(l); });
  ASSERT_TRUE(sql);
  OGRFeatureUniquePtr f(sql->GetNextFeature());
  ASSERT_TRUE(f);
  EXPECT_NE(std::string(f->GetFieldAsString(0))
                .find("<temporal enabled=\"1\" mode=\"1\" startField=\"ts\""),
            std::string::npos);
  // Misuse: a timeline of a live source, a malformed step or moment.
  auto live = exportCmd("http://127.0.0.1:1 --level province --format csv x.csv --timeline 30");
  EXPECT_EQ(live.status, 2);
  EXPECT_NE(live.err.find("--timeline needs archive:DIR"), std::string::npos) << live.err;
  auto badStep =
      exportCmd("archive:" + archive + " --level province --format csv x.csv --timeline 0");
  EXPECT_EQ(badStep.status, 2);
  EXPECT_NE(badStep.err.find("'0'"), std::string::npos) << badStep.err;
  auto badFrom = exportCmd("archive:" + archive +
                           " --level province --format csv x.csv --timeline 30 --from tomorrow");
  EXPECT_EQ(badFrom.status, 2);
  EXPECT_NE(badFrom.err.find("'tomorrow'"), std::string::npos) << badFrom.err;
}
