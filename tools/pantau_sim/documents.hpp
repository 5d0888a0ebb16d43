#pragma once
// The Sirekap documents the simulator serves, rendered from the night model (sirekap-api.md).

#include <string>

#include "night_model.hpp"

namespace pantau::sim {

/// `/wilayah/pemilu/ppwp/{...}.json`: the children of `parent` as {nama, id, kode, tingkat}.
std::string regionListJson(const data::RegionTree& tree, data::RegionId parent);

/// `/pemilu/hhcw/ppwp{/...}.json`: chart, table by child code, progres.
std::string aggregateJson(const NightModel& model, const Aggregates& agg, data::RegionId region);

/// `/pemilu/hhcw/ppwp/{p}/{k}/{c}/{d}/{t}.json` at simulated time `t`. Image URLs point at
/// `imageBase` (the sim itself), laid out like sirekap-obj-formc.kpu.go.id.
std::string tpsJson(const NightModel& model, data::RegionId tps, int64_t t, const std::string& imageBase);

/// Path (from the host root) of page `page` of a TPS's C1 form for `contest` ("ppwp": pages
/// 0-2; "pdpr": 0-2; "pdpd": 0-4), laid out as sirekap-obj-formc.kpu.go.id's
/// "/{h4}/pemilu/{contest}/PP/KK/CC/DD/DD/{tps}-{date}-{time}--{uuid}.jpg".
std::string formImagePath(const NightModel& model, data::RegionId tps, int page, std::string_view contest = "ppwp");

/// First 4 hex digits of md5(code): the image host's shard prefix.
std::string md5Prefix(std::string_view code);

}  // namespace pantau::sim
