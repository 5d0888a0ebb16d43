#include "air_setup.hpp"

#include "pantau/data/base/json_writer.hpp"

namespace pantau::viewer::onair {

std::variant<AirSetup, AirSetupError> loadAirSetup(const Options& o,
                                                   const std::string& rundownPath) {
  AirSetup out;
  // The rundown's own shape first: a typo is reported before the data is read.
  auto rundown = loadRundown(rundownPath);
  if (!rundown) return AirSetupError{2, rundown.error().message};
  if (o.map != "regions" && o.map != "tiles")
    return AirSetupError{2, "--map: '" + o.map + "' is not regions or tiles"};
  out.tiles = o.map == "tiles";
  // The show reads the contest its rundown names (contest = "pdpr"), unless --contest says.
  Options withContest = o;
  if (o.contest == "ppwp" && !rundownContest(*rundown).empty())
    withContest.contest = rundownContest(*rundown);
  auto scene = loadSceneSetup(withContest);
  if (!scene)
    return AirSetupError{scene.error().code == data::ErrorCode::Type ||
                                 scene.error().code == data::ErrorCode::BadCode
                             ? 2
                             : 1,
                         scene.error().message};
  if (data::Status s = resolveRundown(*rundown, *scene->tree, scene->contest); !s)
    return AirSetupError{2, s.error().message};
  out.rundown = std::move(*rundown);
  out.scene = std::move(*scene);
  return out;
}

std::string rundownJson(const std::vector<RundownItem>& items) {
  std::string out;
  data::JsonWriter j(out);
  j.beginArray();
  for (std::size_t i = 0; i < items.size(); ++i) {
    const RundownItem& it = items[i];
    j.beginObject()
        .key("item")
        .number(static_cast<uint64_t>(i))
        .key("name")
        .string(it.name)
        .key("view")
        .string(it.view);
    j.key("layer")
        .string(it.layer)
        .key("seconds")
        .number(it.seconds)
        .key("caption")
        .string(it.caption);
    j.key("transition")
        .string(transitionName(it.transition))
        .key("map")
        .string(mapKindName(it.map));
    j.key("line").number(it.line).endObject();
  }
  j.endArray();
  return out;
}

}  // namespace pantau::viewer::onair
