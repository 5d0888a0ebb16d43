#include "view_tables.hpp"

#include <cstdio>

#include "pantau/data/export/export.hpp"

namespace pantau::viewer {

using namespace pantau::data;

ViewTables exportViewTables(const Snapshot& s, RegionId view,
                            const std::array<BoundarySource, 3>& boundaries,
                            const std::string& base) {
  ViewTables done;
  const RegionTree& tree = s.tree();
  if (tree.level(view) == Level::Tps) return done;  // no children: the frame says it all
  ExportOptions eo;
  eo.level = static_cast<Level>(static_cast<int>(tree.level(view)) + 1);
  eo.under = view;
  auto write = [&](ExportFormat format, const std::string& file) {
    ExportStats stats;
    eo.format = format;
    if (Status st = exportResults(s, eo, file, stats); !st)
      std::fprintf(stderr, "pantau: export %s: %s\n", file.c_str(), st.error().message.c_str());
    else
      done.files.push_back(file);
    done.rows = stats.rows;
    done.withGeometry = stats.withGeometry;
  };
  write(ExportFormat::Csv, base + ".csv");
  if (eo.level <= Level::District) {
    eo.boundaries = boundaries[static_cast<std::size_t>(eo.level) - 1];
    write(ExportFormat::Gpkg, base + ".gpkg");
  }
  return done;
}

}  // namespace pantau::viewer
