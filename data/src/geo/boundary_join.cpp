// Which feature of a boundary file is which region: by the field whose values are KPU codes of
// the level (found by trying every field), else by name within the parent (GADM, geoBoundaries).
// [SECTION] Reading a layer's attributes
// [SECTION] Names
// [SECTION] Scoring fields
// [SECTION] Joining by code and by name
// [SECTION] Detection and the three levels

#include <ogrsf_frmts.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <unordered_map>
#include <unordered_set>

#include "geo/boundary_source.hpp"
#include "geo/gdal_util.hpp"
#include "pantau/data/geo/geo.hpp"

namespace pantau::data {

//-----------------------------------------------------------------------------
// [SECTION] Reading a layer's attributes
//-----------------------------------------------------------------------------

namespace {

struct OpenLayer {
  GDALDatasetUniquePtr ds;
  OGRLayer* layer = nullptr;
  std::string where;  ///< "FILE:LAYER" for messages
};

Result<OpenLayer> openLayer(const BoundarySource& src) {
  gdalInit();
  GdalErrors errors;
  OpenLayer o;
  o.ds.reset(GDALDataset::Open(src.path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  if (!o.ds)
    return Error{ErrorCode::Io, src.path + ": cannot open as a vector dataset" +
                                    (errors.last.empty() ? "" : ": " + errors.last)};
  o.layer = src.layer.empty() ? o.ds->GetLayer(0) : o.ds->GetLayerByName(src.layer.c_str());
  if (!o.layer)
    return Error{ErrorCode::Missing,
                 src.path + ": no layer '" + (src.layer.empty() ? "0" : src.layer) + "'"};
  o.where = src.path + ":" + o.layer->GetName();
  return o;
}

/// Every text and integer field of a layer as text, by column; geometry not read.
struct Table {
  std::vector<std::string> fields;
  std::vector<std::vector<std::string>> columns;
  std::vector<GIntBig> fids;
  int column(const std::string& name) const {
    auto it = std::find(fields.begin(), fields.end(), name);
    return it == fields.end() ? -1 : static_cast<int>(it - fields.begin());
  }
};

Table readTable(OGRLayer& layer) {
  Table t;
  OGRFeatureDefn* defn = layer.GetLayerDefn();
  std::vector<int> indexes;
  for (int i = 0; i < defn->GetFieldCount(); ++i) {
    const OGRFieldType type = defn->GetFieldDefn(i)->GetType();
    if (type != OFTString && type != OFTInteger && type != OFTInteger64) continue;
    indexes.push_back(i);
    t.fields.emplace_back(defn->GetFieldDefn(i)->GetNameRef());
  }
  t.columns.resize(indexes.size());
  const char* ignored[] = {"OGR_GEOMETRY", nullptr};
  layer.SetIgnoredFields(ignored);
  layer.ResetReading();
  for (auto& f : layer) {
    t.fids.push_back(f->GetFID());
    for (std::size_t c = 0; c < indexes.size(); ++c)
      t.columns[c].emplace_back(f->GetFieldAsString(indexes[c]));
  }
  layer.SetIgnoredFields(nullptr);
  return t;
}

/// A KPU code from a field's text: spaces and BIG's dots ("11.01") dropped.
std::string codeOf(const std::string& value) {
  std::string code;
  for (char c : value)
    if (c != '.' && c != ' ') code += c;
  return code;
}

//-----------------------------------------------------------------------------
// [SECTION] Names
//-----------------------------------------------------------------------------

enum class Kind { Unknown, Kabupaten, Kota };

struct NameKey {
  std::string name;
  Kind kind = Kind::Unknown;
};

/// Upper case, punctuation to spaces, single spaces, trimmed.
std::string squash(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    const bool word = std::isalnum(c) || c >= 0x80;
    if (word)
      out += static_cast<char>(std::toupper(c));
    else if (!out.empty() && out.back() != ' ')
      out += ' ';
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

Kind kindOf(const std::string& typeText) {
  const std::string t = squash(typeText);
  if (t.starts_with("KOTA") || t == "CITY" || t == "MUNICIPALITY") return Kind::Kota;
  if (t.starts_with("KAB") || t == "REGENCY") return Kind::Kabupaten;
  return Kind::Unknown;
}

/// "Kabupaten Aceh Barat", "KAB. ACEH BARAT", "Aceh Barat" with type "Kabupaten": {"ACEHBARAT",
/// Kabupaten}; "Kota Banda Aceh": {"BANDAACEH", Kota}; "KOTA ADM. JAKARTA PUSAT" and "Kota
/// Administrasi Jakarta Pusat" alike; "KEP." read as KEPULAUAN; spaces dropped ("Tanjungbalai" is
/// KPU's "TANJUNG BALAI").
NameKey nameKey(const std::string& name, const std::string& typeText) {
  NameKey k{squash(name) + " ", kindOf(typeText)};
  static const std::pair<const char*, Kind> kPrefixes[] = {{"KABUPATEN ", Kind::Kabupaten},
                                                           {"KAB ", Kind::Kabupaten},
                                                           {"KOTA ", Kind::Kota},
                                                           {"ADMINISTRASI ", Kind::Unknown},
                                                           {"ADM ", Kind::Unknown}};
  for (const auto& [prefix, kind] : kPrefixes)
    if (k.name.starts_with(prefix)) {
      k.name.erase(0, std::string_view(prefix).size());
      if (k.kind == Kind::Unknown) k.kind = kind;
    }
  std::string key;
  for (std::size_t at = 0, next; at < k.name.size(); at = next + 1) {
    next = k.name.find(' ', at);
    const std::string_view word(k.name.data() + at, next - at);
    key += word == "KEP" ? "KEPULAUAN" : std::string(word);
  }
  k.name = key;
  return k;
}

/// The regions of one level by normalised name (KPU writes kabupaten bare, kota as "KOTA X").
struct NameIndex {
  std::unordered_map<std::string, std::vector<RegionId>> byName;
  std::vector<Kind> kindOfRegion;  ///< by id - levelBegin
  RegionId begin = 0;

  NameIndex(const RegionTree& t, Level level) : begin(t.levelBegin(level)) {
    for (RegionId id = t.levelBegin(level); id < t.levelEnd(level); ++id) {
      NameKey k = nameKey(std::string(t.name(id)), "");
      if (level == Level::Regency && k.kind == Kind::Unknown) k.kind = Kind::Kabupaten;
      byName[k.name].push_back(id);
      kindOfRegion.push_back(level == Level::Regency ? k.kind : Kind::Unknown);
    }
  }
  const std::vector<RegionId>* find(const std::string& name) const {
    auto it = byName.find(name);
    return it == byName.end() ? nullptr : &it->second;
  }
  Kind kind(RegionId id) const { return kindOfRegion[id - begin]; }
};

//-----------------------------------------------------------------------------
// [SECTION] Scoring fields
//-----------------------------------------------------------------------------

struct FieldScore {
  int column = -1;
  Level level = Level::Nation;
  bool byName = false;
  double score = 0;  ///< distinct regions of the level the field names, per feature
};

/// How well a column's values are the codes of `level`'s regions: distinct regions hit per feature
/// (a parent's code repeated on every child scores low).
double codeScore(const RegionTree& t, const std::vector<std::string>& values, Level level) {
  std::unordered_set<RegionId> hit;
  for (const std::string& v : values) {
    const RegionId id = t.find(codeOf(v));
    if (id != kNoRegion && t.level(id) == level) hit.insert(id);
  }
  return values.empty() ? 0 : static_cast<double>(hit.size()) / static_cast<double>(values.size());
}

/// The same for names: distinct names (told apart by a Kabupaten/Kota column `kinds` where there is
/// one: GADM's Bogor and Kota Bogor) matching a region of the level, per feature.
double nameScore(const NameIndex& index, const std::vector<std::string>& values,
                 const std::vector<std::string>* kinds) {
  std::unordered_set<std::string> hit;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const NameKey k = nameKey(values[i], kinds ? (*kinds)[i] : "");
    if (index.find(k.name)) hit.insert(k.name + "|" + std::to_string(static_cast<int>(k.kind)));
  }
  return values.empty() ? 0 : static_cast<double>(hit.size()) / static_cast<double>(values.size());
}

int kindField(const Table& table);

constexpr double kCodeThreshold = 0.5, kNameThreshold = 0.3;

/// The best field for `level` (or for every level 1..3 when `level` is the nation), codes first.
FieldScore bestField(const RegionTree& t, const Table& table, const BoundarySource& src,
                     Level level) {
  FieldScore best;
  const int lo = level == Level::Nation ? 1 : static_cast<int>(level),
            hi = level == Level::Nation ? 3 : lo;
  for (int l = lo; l <= hi; ++l)
    for (std::size_t c = 0; c < table.fields.size(); ++c) {
      if (!src.codeField.empty() && table.fields[c] != src.codeField) continue;
      const double s = codeScore(t, table.columns[c], static_cast<Level>(l));
      if (s > best.score) best = {static_cast<int>(c), static_cast<Level>(l), false, s};
    }
  if (best.score >= kCodeThreshold || !src.codeField.empty()) return best;
  FieldScore byName;
  const int kinds = kindField(table);
  for (int l = lo; l <= hi; ++l) {
    const NameIndex index(t, static_cast<Level>(l));
    for (std::size_t c = 0; c < table.fields.size(); ++c) {
      if (!src.nameField.empty() && table.fields[c] != src.nameField) continue;
      const bool typed =
          l == static_cast<int>(Level::Regency) && kinds >= 0 && kinds != static_cast<int>(c);
      const double s = nameScore(index, table.columns[c], typed ? &table.columns[kinds] : nullptr);
      if (s > byName.score) byName = {static_cast<int>(c), static_cast<Level>(l), true, s};
    }
  }
  return byName.score > best.score ? byName : best;
}

//-----------------------------------------------------------------------------
// [SECTION] Joining by code and by name
//-----------------------------------------------------------------------------

void joinByCode(const RegionTree& t, const Table& table, int column, BoundaryJoin& out) {
  for (std::size_t i = 0; i < table.fids.size(); ++i) {
    const std::string& value = table.columns[column][i];
    const RegionId id = t.find(codeOf(value));
    if (id != kNoRegion && t.level(id) == out.level)
      out.features.emplace_back(table.fids[i], id);
    else
      out.unmatched.push_back(
          value.substr(0, value.find_last_not_of(' ') + 1));  // as written: "../etc" stays so
  }
}

/// The column (other than `except`) whose values name regions of `level` for most features.
int fieldNaming(const RegionTree& t, const Table& table, Level level, int except) {
  const NameIndex index(t, level);
  int best = -1;
  std::size_t bestHits = table.fids.size() / 2;  // at least half
  for (std::size_t c = 0; c < table.fields.size(); ++c) {
    if (static_cast<int>(c) == except) continue;
    std::size_t hits = 0;
    for (const std::string& v : table.columns[c])
      hits += index.find(nameKey(v, "").name) != nullptr;
    if (hits > bestHits) best = static_cast<int>(c), bestHits = hits;
  }
  return best;
}

/// A column of Kabupaten/Kota (GADM's TYPE_2).
int kindField(const Table& table) {
  for (std::size_t c = 0; c < table.fields.size(); ++c) {
    std::size_t known = 0;
    for (const std::string& v : table.columns[c]) known += kindOf(v) != Kind::Unknown;
    if (!table.fids.empty() && known * 10 >= table.fids.size() * 9) return static_cast<int>(c);
  }
  return -1;
}

/// Each feature's parent by where it lies: a point on its surface inside the parent level's
/// default polygons.
Status parentsByPosition(const RegionTree& t, const BoundarySource& src, Level level,
                         std::unordered_map<GIntBig, RegionId>& out) {
  BoundarySource parentSrc = BoundarySource::parse(src.parentBoundaries);
  auto parents =
      joinBoundaryFeatures(t, parentSrc, static_cast<Level>(static_cast<int>(level) - 1));
  if (!parents) return parents.error();
  auto parentLayer = openLayer(parentSrc);
  auto layer = openLayer(src);
  if (!parentLayer) return parentLayer.error();
  if (!layer) return layer.error();
  const std::unordered_map<GIntBig, RegionId> regionOfParent(parents->features.begin(),
                                                             parents->features.end());
  std::unique_ptr<OGRCoordinateTransformation> toParent;
  if (layer->layer->GetSpatialRef() && parentLayer->layer->GetSpatialRef() &&
      !layer->layer->GetSpatialRef()->IsSame(parentLayer->layer->GetSpatialRef()))
    toParent.reset(OGRCreateCoordinateTransformation(layer->layer->GetSpatialRef(),
                                                     parentLayer->layer->GetSpatialRef()));
  // The parents' polygons prepared once (GEOS): each point test is then a few comparisons.
  struct Parent {
    std::unique_ptr<OGRGeometry> geom;
    OGRPreparedGeometryUniquePtr prepared;
    OGREnvelope box;
    RegionId region;
  };
  std::vector<Parent> prepared;
  parentLayer->layer->ResetReading();
  for (auto& p : *parentLayer->layer) {
    auto it = regionOfParent.find(p->GetFID());
    if (it == regionOfParent.end() || !p->GetGeometryRef()) continue;
    Parent parent{std::unique_ptr<OGRGeometry>(p->StealGeometry()), nullptr, {}, it->second};
    parent.geom->getEnvelope(&parent.box);
    parent.prepared.reset(OGRCreatePreparedGeometry(OGRGeometry::ToHandle(parent.geom.get())));
    prepared.push_back(std::move(parent));
  }
  layer->layer->ResetReading();
  for (auto& f : *layer->layer) {
    OGRGeometry* g = f->GetGeometryRef();
    if (!g || g->IsEmpty()) continue;
    std::unique_ptr<OGRGeometry> point(
        OGRGeometry::FromHandle(OGR_G_PointOnSurface(OGRGeometry::ToHandle(g))));
    if (!point || (toParent && point->transform(toParent.get()) != OGRERR_NONE)) continue;
    if (wkbFlatten(point->getGeometryType()) != wkbPoint || point->IsEmpty()) continue;
    const OGRPoint* pt = point->toPoint();
    for (const Parent& p : prepared)
      if (pt->getX() >= p.box.MinX && pt->getX() <= p.box.MaxX && pt->getY() >= p.box.MinY &&
          pt->getY() <= p.box.MaxY &&
          OGRPreparedGeometryContains(p.prepared.get(),
                                      OGRGeometry::ToHandle(const_cast<OGRPoint*>(pt)))) {
        out[f->GetFID()] = p.region;
        break;
      }
  }
  return Status::success();
}

Status joinByName(const RegionTree& t, const Table& table, int column, const BoundarySource& src,
                  BoundaryJoin& out) {
  const NameIndex index(t, out.level);
  const int kind = kindField(table);
  const bool hasParents = out.level > Level::Province;
  const Level parentLevel =
      hasParents ? static_cast<Level>(static_cast<int>(out.level) - 1) : Level::Nation;
  const int parentColumn = hasParents ? fieldNaming(t, table, parentLevel, column) : -1;
  std::optional<NameIndex> parentIndex;
  if (parentColumn >= 0) parentIndex.emplace(t, parentLevel);
  std::unordered_map<GIntBig, RegionId> byPosition;
  if (hasParents && !src.parentBoundaries.empty()) {
    if (Status st = parentsByPosition(t, src, out.level, byPosition); !st) return st;
  }
  if (parentColumn >= 0)
    out.parentField = table.fields[parentColumn];
  else if (!byPosition.empty())
    out.parentField.assign("(position)");
  for (std::size_t i = 0; i < table.fids.size(); ++i) {
    const std::string& raw = table.columns[column][i];
    const NameKey key = nameKey(raw, kind >= 0 ? table.columns[kind][i] : "");
    RegionId parent = kNoRegion;
    if (parentColumn >= 0)
      if (const auto* p = parentIndex->find(nameKey(table.columns[parentColumn][i], "").name);
          p && p->size() == 1)
        parent = (*p)[0];
    if (parent == kNoRegion)
      if (auto it = byPosition.find(table.fids[i]); it != byPosition.end()) parent = it->second;
    std::vector<RegionId> found;
    if (const auto* ids = index.find(key.name))
      for (RegionId id : *ids)
        if ((parent == kNoRegion || t.parent(id) == parent) &&
            (key.kind == Kind::Unknown || index.kind(id) == Kind::Unknown ||
             index.kind(id) == key.kind))
          found.push_back(id);
    if (found.size() == 1)
      out.features.emplace_back(table.fids[i], found[0]);
    else
      out.unmatched.push_back(
          raw +
          (found.empty() ? "" : " (ambiguous: " + std::to_string(found.size()) + " regions)"));
  }
  return Status::success();
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Detection and the three levels
//-----------------------------------------------------------------------------

std::string BoundaryJoin::describe() const {
  char rate[32];
  std::snprintf(rate, sizeof rate, "%.1f%%", 100 * matchRate());
  std::string s = std::string(levelName(level)) + " level, " +
                  (byName ? "by name in '" : "by code in '") + field + "'";
  if (byName)
    s += parentField.empty() ? " (no parent: names unique in the country)"
                             : " within parent " + parentField;
  s += ": " + std::to_string(features.size()) + " of " + std::to_string(featureCount) +
       " features joined (" + rate + ")";
  if (byName && !unmatched.empty()) {  // every one: a name join is checked by reading them
    s += "; not joined:";
    for (std::size_t i = 0; i < unmatched.size(); ++i) s += (i ? ", " : " ") + unmatched[i];
  }
  return s;
}

Result<BoundaryJoin> joinBoundaryFeatures(const RegionTree& tree, const BoundarySource& src,
                                          Level level) {
  auto open = openLayer(src);
  if (!open) return open.error();
  const Table table = readTable(*open->layer);
  if (!src.codeField.empty() && table.column(src.codeField) < 0)
    return Error{ErrorCode::Missing,
                 open->where + ": no field '" + src.codeField + "' (use --code-field)"};
  if (!src.nameField.empty() && src.codeField.empty() && table.column(src.nameField) < 0)
    return Error{ErrorCode::Missing,
                 open->where + ": no field '" + src.nameField + "' (use --name-field)"};
  const FieldScore best = bestField(tree, table, src, level);
  const std::string ofLevel = level == Level::Nation
                                  ? std::string("a province, regency or district level")
                                  : std::string(levelName(level)) + "s";
  if (best.column < 0 && !src.codeField.empty())
    return Error{ErrorCode::Missing,
                 open->where + ": field '" + src.codeField + "' holds no KPU codes of " + ofLevel};
  if (best.column < 0 ||
      (best.score < (best.byName ? kNameThreshold : kCodeThreshold) && src.codeField.empty()))
    return Error{ErrorCode::Missing, open->where + ": no field holds the KPU codes or names of " +
                                         ofLevel + " (give --code-field or --name-field)"};
  BoundaryJoin out;
  out.level = best.level;
  out.field = table.fields[best.column];
  out.byName = best.byName;
  out.featureCount = table.fids.size();
  if (!best.byName)
    joinByCode(tree, table, best.column, out);
  else if (Status st = joinByName(tree, table, best.column, src, out); !st)
    return st.error();
  return out;
}

Result<std::array<BoundarySource, 3>> resolveBoundaries(const RegionTree& tree,
                                                        const std::vector<BoundarySource>& given,
                                                        const std::filesystem::path& dataDir,
                                                        std::vector<std::string>& report) {
  std::array<BoundarySource, 3> out = defaultBoundaries(dataDir);
  if (given.size() > 3)
    return Error{ErrorCode::Type,
                 "--boundaries: at most three files (a province, a regency and a district one)"};
  // First each file's level (scored without parents), then the name joins within the parents,
  // whose boundaries are by then the ones given or the defaults.
  std::array<std::optional<BoundaryJoin>, 3> joins;
  for (const BoundarySource& src : given) {
    auto join = joinBoundaryFeatures(tree, src, Level::Nation);
    if (!join) return join.error();
    const int slot = static_cast<int>(join->level) - 1;
    if (joins[slot])
      return Error{ErrorCode::Type, "--boundaries: two files for the " +
                                        std::string(levelName(join->level)) + " level (" +
                                        src.path + ")"};
    out[slot] = src;
    (join->byName ? out[slot].nameField : out[slot].codeField) = join->field;
    joins[slot] = std::move(*join);
  }
  for (int slot = 0; slot < 3; ++slot) {
    if (!joins[slot]) continue;
    if (joins[slot]->byName && slot > 0) {
      out[slot].parentBoundaries =
          out[slot - 1].path + (out[slot - 1].layer.empty() ? "" : ":" + out[slot - 1].layer);
      auto join = joinBoundaryFeatures(tree, out[slot], joins[slot]->level);
      if (!join) return join.error();
      joins[slot] = std::move(*join);
    }
    report.push_back(out[slot].path + ": " + joins[slot]->describe());
  }
  return out;
}

}  // namespace pantau::data
