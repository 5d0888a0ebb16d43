#pragma once
// The `pantau_dapil` layer written into an export's dataset: by ExportWriter (a GeoPackage's
// second layer) and by exportDapil (`--level dapil`, the file's only layer). Private to export/.

#include <gdal_priv.h>

#include <vector>

#include "pantau/data/export/export.hpp"

namespace pantau::data {

/// Creates the layer, writes `rows` (geometry unless CSV) and, in a GeoPackage, its QGIS styles.
/// `addDomain`: add the winner domain first (a dataset that has none yet).
Status writeDapilLayer(GDALDataset& ds, const std::vector<DapilExportRow>& rows,
                       const CandidateList& parties, ExportFormat format, bool addDomain,
                       ExportStats& stats);

}  // namespace pantau::data
