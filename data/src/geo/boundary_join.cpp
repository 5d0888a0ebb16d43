// Which feature of a boundary file is which region: by a code field.

#include <ogrsf_frmts.h>

#include "geo/gdal_util.hpp"
#include "pantau/data/geo/geo.hpp"

namespace pantau::data {

namespace {

struct OpenLayer {
  GDALDatasetUniquePtr ds;
  OGRLayer* layer = nullptr;
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
  return o;
}

/// A KPU code from a field's text: trailing spaces and BIG's dots ("11.01") dropped.
std::string codeOf(const char* value) {
  std::string code;
  for (const char* p = value; *p; ++p)
    if (*p != '.' && *p != ' ') code += *p;
  return code;
}

}  // namespace

Result<BoundaryJoin> joinBoundaryFeatures(const RegionTree& tree, const BoundarySource& src,
                                          Level level) {
  auto open = openLayer(src);
  if (!open) return open.error();
  OGRLayer* layer = open->layer;
  const int field = layer->GetLayerDefn()->GetFieldIndex(src.codeField.c_str());
  if (field < 0)
    return Error{ErrorCode::Missing, src.path + ":" + layer->GetName() + ": no field '" +
                                         src.codeField + "' (use --code-field)"};
  BoundaryJoin out;
  out.level = level;
  out.field = src.codeField;
  layer->SetIgnoredFields(std::array<const char*, 2>{"OGR_GEOMETRY", nullptr}.data());
  layer->ResetReading();
  for (auto& f : *layer) {
    ++out.featureCount;
    const std::string code = codeOf(f->GetFieldAsString(field));
    const RegionId id = tree.find(code);
    if (id != kNoRegion && tree.level(id) == level)
      out.features.emplace_back(f->GetFID(), id);
    else
      out.unmatched.push_back(code);
  }
  return out;
}

}  // namespace pantau::data
