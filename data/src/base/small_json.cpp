#include "pantau/data/base/small_json.hpp"

namespace pantau::data {

Status SmallJsonObject::parse(std::string_view json, std::size_t maxBytes) {
  if (json.size() > maxBytes)
    return error(ErrorCode::TooLarge, std::to_string(json.size()) + " bytes, over the " +
                                          std::to_string(maxBytes) + "-byte limit");
  m_padded = simdjson::padded_string(json);
  simdjson::dom::element root;
  if (auto e = m_parser.parse(m_padded).get(root); e)
    return error(ErrorCode::Syntax, simdjson::error_message(e));
  if (root.get(m_object)) return error(ErrorCode::Type, "not a JSON object");
  return {};
}

}  // namespace pantau::data
