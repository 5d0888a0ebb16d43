// pantau-gdal.so's entry: the GDAL-using public functions in the table pantau calls through
// (gdal_module.hpp). Everything else in the module is local to it (gdal_module.map).

#include "geo/gdal_module.hpp"

namespace pantau::data {
namespace {

const GdalModule kModule{
    {kGdalModuleVersion, sizeof(GdalModule)}, &loadBoundaries, &resolveBoundaries, &dissolveDapil, &exportResults,
};

}  // namespace
}  // namespace pantau::data

extern "C" const pantau::data::ModuleHeader* pantau_gdal_module() { return &pantau::data::kModule.header; }
