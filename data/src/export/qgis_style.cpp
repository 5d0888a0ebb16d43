// QML written by hand in the shape QGIS 3.22 saves (checked by loading it in PyQGIS): a
// categorised or graduated renderer, the fill colour as a QGIS expression where it follows the
// data, the winner field as a value map, and the temporal settings of a timeline.
// [SECTION] QML pieces
// [SECTION] The styles
// [SECTION] Writing into the GeoPackage

#include "export/qgis_style.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

#include "geo/gdal_util.hpp"

namespace pantau::data {

std::string ballotNumber(uint32_t nomorUrut) {
  return (nomorUrut < 10 ? "0" : "") + std::to_string(nomorUrut);
}

//-----------------------------------------------------------------------------
// [SECTION] QML pieces
//-----------------------------------------------------------------------------

namespace {

std::string xmlEscape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

struct Rgb8 {
  int r = 0, g = 0, b = 0;
};

std::string qgisColour(Rgb8 c) {
  return std::to_string(c.r) + "," + std::to_string(c.g) + "," + std::to_string(c.b) + ",255";
}

Rgb8 rgbOf(uint32_t hex) {
  return {int(hex >> 16 & 255), int(hex >> 8 & 255), int(hex & 255)};
}

std::string option(const char* name, const std::string& value) {
  return "<Option name=\"" + std::string(name) + "\" type=\"QString\" value=\"" + xmlEscape(value) +
         "\"/>";
}

/// One simple fill symbol: `colour` ("r,g,b,a"), thin white borders as on the map, and the fill
/// colour from `colourExpression` when one is given.
std::string fillSymbol(int name, const std::string& colour, const std::string& colourExpression) {
  const std::array<std::pair<const char*, std::string>, 6> props{
      {{"color", colour},
       {"outline_color", "255,255,255,255"},
       {"outline_style", "solid"},
       {"outline_width", "0.1"},
       {"outline_width_unit", "MM"},
       {"style", "solid"}}};
  std::string s = "<symbol type=\"fill\" name=\"" + std::to_string(name) +
                  "\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\"><layer class=\"SimpleFill\" "
                  "enabled=\"1\" locked=\"0\" pass=\"0\"><Option type=\"Map\">";
  for (const auto& [k, v] : props) s += option(k, v);
  s += "</Option>";
  for (const auto& [k, v] : props)
    s += "<prop k=\"" + std::string(k) + "\" v=\"" + xmlEscape(v) + "\"/>";
  s += "<data_defined_properties><Option type=\"Map\">" + option("name", "") +
       "<Option name=\"properties\"";
  if (colourExpression.empty()) {
    s += "/>";
  } else {
    s += " type=\"Map\"><Option name=\"fillColor\" type=\"Map\"><Option name=\"active\" "
         "type=\"bool\" value=\"true\"/>" +
         option("expression", colourExpression) +
         "<Option name=\"type\" type=\"int\" value=\"3\"/></Option></Option>";
  }
  s += option("type", "collection") + "</Option></data_defined_properties></layer></symbol>";
  return s;
}

/// The document around a renderer: the winner field shown by name (a value map), and for a
/// timeline the temporal controller's settings.
std::string qmlDocument(const std::string& renderer, const StyledLayer& layer) {
  std::string s =
      "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
      "<qgis version=\"3.22.0\" styleCategories=\"AllStyleCategories\" labelsEnabled=\"0\">\n";
  if (layer.timelineMinutes > 0)
    s += "<temporal enabled=\"1\" mode=\"1\" startField=\"ts\" endField=\"\" durationField=\"\" "
         "startExpression=\"\" "
         "endExpression=\"\" durationUnit=\"min\" fixedDuration=\"" +
         std::to_string(layer.timelineMinutes) +
         "\" limitMode=\"0\" "
         "accumulate=\"0\"><fixedRange><start></start><end></end></fixedRange></temporal>\n";
  s += renderer +
       "\n<fieldConfiguration><field name=\"winner\" configurationFlags=\"None\"><editWidget "
       "type=\"ValueMap\">"
       "<config><Option type=\"Map\"><Option name=\"map\" type=\"List\">";
  for (const Candidate& c : layer.candidates->candidates)
    s += "<Option type=\"Map\">" +
         option((ballotNumber(c.nomorUrut) + " " + candidateLabel(c)).c_str(), ballotNumber(c.nomorUrut)) +
         "</Option>";
  s += "</Option></Option></config></editWidget></field></fieldConfiguration>\n"
       "<blendMode>0</blendMode><featureBlendMode>0</featureBlendMode><layerOpacity>1</"
       "layerOpacity>\n"
       "<layerGeometryType>2</layerGeometryType>\n</qgis>\n";
  return s;
}

//-----------------------------------------------------------------------------
// [SECTION] The styles
//-----------------------------------------------------------------------------

constexpr Rgb8 kPaper{245, 244, 240};  // the map's paper, for regions with no votes yet
constexpr Rgb8 kNoData{214, 212, 206};

/// The map's winner colour as a QGIS expression over `margin` (points) and `progress` (percent):
/// the hue of `hex`, lightness from 84 (narrow lead) to 34 (a lead of 60 points or more),
/// saturation raised with it, faded toward the paper while under 10% of TPS are in.
std::string winnerColourExpression(uint32_t hex) {
  char base[16];
  std::snprintf(base, sizeof base, "'#%06X'", hex & 0xFFFFFF);
  const std::string b = base;
  const std::string shade = "set_color_part(set_color_part(" + b +
                            ", 'hsl_saturation', min(75, max(color_part(" + b +
                            ", 'hsl_saturation'), 30) + 25 * @t)), 'lightness', 84 - 50 * @t)";
  return "with_variable('t', max(0, min(1, coalesce(\"margin\", 0) / 60)), "
         "if(coalesce(\"progress\", 100) < 10, color_mix_rgb('" +
         qgisColour(kPaper) + "', " + shade + ", 0.25 + 0.75 * \"progress\" / 10), " + shade + "))";
}

/// Okabe-Ito, as the viewer's --palette cb.
uint32_t okabeIto(std::size_t i) {
  static constexpr uint32_t kColours[] = {0x56B4E9, 0xE69F00, 0x009E73, 0xCC79A7,
                                          0x0072B2, 0xD55E00, 0xF0E442};
  return kColours[i % std::size(kColours)];
}

std::string winnerStyle(const StyledLayer& layer, bool colourBlind) {
  std::string categories, symbols;
  const auto& cands = layer.candidates->candidates;
  for (std::size_t i = 0; i < cands.size(); ++i) {
    const uint32_t hex = colourBlind ? okabeIto(i) : cands[i].rgb;
    const std::string n = ballotNumber(cands[i].nomorUrut);
    categories += "<category render=\"true\" value=\"" + n + "\" label=\"" +
                  xmlEscape(n + " " + candidateLabel(cands[i])) + "\" symbol=\"" + std::to_string(i) + "\"/>";
    symbols += fillSymbol(static_cast<int>(i), qgisColour(rgbOf(hex)), winnerColourExpression(hex));
  }
  // QGIS's "all other values": a region with no votes yet.
  const int other = static_cast<int>(cands.size());
  categories += "<category render=\"true\" value=\"\" label=\"no votes yet\" symbol=\"" +
                std::to_string(other) + "\"/>";
  symbols += fillSymbol(other, qgisColour(kNoData), "");
  return "<renderer-v2 type=\"categorizedSymbol\" attr=\"winner\" forceraster=\"0\" "
         "symbollevels=\"0\" "
         "enableorderby=\"0\" referencescale=\"-1\"><categories>" +
         categories + "</categories><symbols>" + symbols + "</symbols></renderer-v2>";
}

Rgb8 ramp(std::span<const std::array<float, 3>> stops, double t) {
  const double x = std::clamp(t, 0.0, 1.0) * static_cast<double>(stops.size() - 1);
  const std::size_t i = std::min(stops.size() - 2, static_cast<std::size_t>(x));
  const double f = x - static_cast<double>(i);
  auto channel = [&](int c) {
    return static_cast<int>(std::lround(255 * (stops[i][c] + (stops[i + 1][c] - stops[i][c]) * f)));
  };
  return {channel(0), channel(1), channel(2)};
}

// The map's scales (render/colours.cpp): sequential paper to deep blue-green; alert paper to red.
constexpr std::array<std::array<float, 3>, 4> kSequential{
    {{0.99f, 0.98f, 0.85f}, {0.63f, 0.85f, 0.71f}, {0.25f, 0.62f, 0.64f}, {0.07f, 0.29f, 0.42f}}};
constexpr std::array<std::array<float, 3>, 4> kAlert{
    {{0.98f, 0.96f, 0.90f}, {0.99f, 0.80f, 0.45f}, {0.89f, 0.35f, 0.19f}, {0.50f, 0.05f, 0.10f}}};

/// A graduated style on `field`: `classes` equal steps from `low` to `high`, the first class
/// reaching down to `floor` and the last up to `ceiling` (values outside the scale's range).
std::string graduatedStyle(const std::string& field, std::span<const std::array<float, 3>> stops,
                           double floor, double low, double high, double ceiling, int classes) {
  std::string ranges, symbols;
  char buf[160];
  for (int k = 0; k < classes; ++k) {
    const double lower = k == 0 ? floor : low + (high - low) * k / classes;
    const double upper = k == classes - 1 ? ceiling : low + (high - low) * (k + 1) / classes;
    std::snprintf(buf, sizeof buf,
                  "<range render=\"true\" lower=\"%.6g\" upper=\"%.6g\" label=\"%.6g - %.6g\" "
                  "symbol=\"%d\"/>",
                  lower, upper, lower, upper, k);
    ranges += buf;
    symbols += fillSymbol(k, qgisColour(ramp(stops, (k + 0.5) / classes)), "");
  }
  return "<renderer-v2 type=\"graduatedSymbol\" attr=\"" + xmlEscape(field) +
         "\" graduatedMethod=\"GraduatedColor\" forceraster=\"0\" symbollevels=\"0\" "
         "enableorderby=\"0\" "
         "referencescale=\"-1\"><ranges>" +
         ranges + "</ranges><symbols>" + symbols + "</symbols><mode name=\"equal\"/></renderer-v2>";
}

}  // namespace

std::vector<QgisStyle> exportStyles(const StyledLayer& layer) {
  std::vector<QgisStyle> out;
  out.push_back({"pantau winner",
                 "Winner in KPU's colours (warna), pale to deep by margin, as Pantau's map",
                 qmlDocument(winnerStyle(layer, false), layer), true});
  out.push_back({"pantau winner (colour-blind)",
                 "Winner in Okabe-Ito colours (as pantau --palette cb), pale to deep by margin",
                 qmlDocument(winnerStyle(layer, true), layer), false});
  auto has = [&](const std::string& f) {
    return std::find(layer.fields.begin(), layer.fields.end(), f) != layer.fields.end();
  };
  for (const Candidate& c : layer.candidates->candidates) {
    const std::string field = "share_" + ballotNumber(c.nomorUrut);
    if (has(field))
      out.push_back({"pantau " + field,
                     "Vote share of " + ballotNumber(c.nomorUrut) + " " + candidateLabel(c) + " (percent)",
                     qmlDocument(graduatedStyle(field, kSequential, 0, 0, 100, 100, 10), layer),
                     false});
  }
  for (const Candidate& c : layer.candidates->candidates) {  // the DPR's dapil: projected seats
    const std::string field = "seats_" + ballotNumber(c.nomorUrut);
    if (has(field))
      out.push_back({"pantau " + field, "Projected DPR seats of " + ballotNumber(c.nomorUrut) + " " + c.nama,
                     qmlDocument(graduatedStyle(field, kSequential, 0, 0, 10, 10, 10), layer), false});
  }
  if (has("progress"))
    out.push_back({"pantau progress", "Percent of TPS in",
                   qmlDocument(graduatedStyle("progress", kSequential, 0, 0, 100, 100, 10), layer),
                   false});
  if (has("turnout"))  // the map's turnout scale starts at 50%
    out.push_back({"pantau turnout", "Turnout (percent; 50% and under palest)",
                   qmlDocument(graduatedStyle("turnout", kSequential, 0, 50, 100, 1000, 10), layer),
                   false});
  if (!layer.integrityField.empty() && has(layer.integrityField))
    out.push_back(
        {"pantau integrity",
         "TPS flagged by an integrity error, per 1,000 checked (a TPS: its errors)",
         qmlDocument(graduatedStyle(layer.integrityField, kAlert, 0, 0, 20, 1000, 5), layer),
         false});
  return out;
}

//-----------------------------------------------------------------------------
// [SECTION] Writing into the GeoPackage
//-----------------------------------------------------------------------------

namespace {

/// QGIS's schema for the table (QgsOgrProviderUtils creates the same through OGR).
OGRLayer* layerStylesTable(GDALDataset& ds) {
  if (OGRLayer* l = ds.GetLayerByName("layer_styles")) return l;
  OGRLayer* l = ds.CreateLayer("layer_styles", nullptr, wkbNone, nullptr);
  if (!l) return nullptr;
  auto text = [&](const char* name, int width) {
    OGRFieldDefn d(name, OFTString);
    d.SetWidth(width);
    l->CreateField(&d);
  };
  text("f_table_catalog", 256);
  text("f_table_schema", 256);
  text("f_table_name", 256);
  text("f_geometry_column", 256);
  text("styleName", 30);
  text("styleQML", 0);
  text("styleSLD", 0);
  OGRFieldDefn useAsDefault("useAsDefault", OFTInteger);
  useAsDefault.SetSubType(OFSTBoolean);
  l->CreateField(&useAsDefault);
  text("description", 0);
  text("owner", 30);
  text("ui", 30);
  OGRFieldDefn updated("update_time", OFTDateTime);
  updated.SetDefault("CURRENT_TIMESTAMP");
  l->CreateField(&updated);
  return l;
}

}  // namespace

Status writeLayerStyles(GDALDataset& ds, OGRLayer& layer, const std::vector<QgisStyle>& styles) {
  GdalErrors errors;
  OGRLayer* table = layerStylesTable(ds);
  if (!table)
    return Error{ErrorCode::Io,
                 "cannot create layer_styles" + (errors.last.empty() ? "" : ": " + errors.last)};
  for (const QgisStyle& s : styles) {
    OGRFeature f(table->GetLayerDefn());
    f.SetField("f_table_catalog", "");
    f.SetField("f_table_schema", "");
    f.SetField("f_table_name", layer.GetName());
    f.SetField("f_geometry_column", layer.GetGeometryColumn());
    f.SetField("styleName", s.name.c_str());
    f.SetField("styleQML", s.qml.c_str());
    f.SetField("styleSLD", "");
    f.SetField("useAsDefault", s.isDefault ? 1 : 0);
    f.SetField("description", s.description.c_str());
    f.SetField("owner", "pantau");
    if (table->CreateFeature(&f) != OGRERR_NONE)
      return Error{ErrorCode::Io, "cannot write style '" + s.name + "'" +
                                      (errors.last.empty() ? "" : ": " + errors.last)};
  }
  return Status::success();
}

Status addWinnerDomain(GDALDataset& ds, const CandidateList& candidates) {
  std::vector<OGRCodedValue> values;
  for (const Candidate& c : candidates.candidates) {
    OGRCodedValue v;
    v.pszCode = CPLStrdup(ballotNumber(c.nomorUrut).c_str());
    v.pszValue = CPLStrdup((ballotNumber(c.nomorUrut) + " " + candidateLabel(c)).c_str());
    values.push_back(v);
  }
  std::string why;
  auto domain = std::make_unique<OGRCodedFieldDomain>(kWinnerDomain, "Ballot number -> ticket",
                                                      OFTString, OFSTNone, std::move(values));
  if (!ds.AddFieldDomain(std::move(domain), why))
    return Error{ErrorCode::Io, "cannot add the winner field domain: " + why};
  return Status::success();
}

}  // namespace pantau::data
