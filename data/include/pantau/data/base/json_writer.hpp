#pragma once
/// A small streaming JSON writer into a std::string: commas and escaping handled, no DOM. Used by
/// the CLI's line-delimited output, the simulator's documents and exports.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pantau::data {

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : m_out(out) {}

  JsonWriter& beginObject() { return open('{'); }
  JsonWriter& endObject() { return close('}'); }
  JsonWriter& beginArray() { return open('['); }
  JsonWriter& endArray() { return close(']'); }
  JsonWriter& key(std::string_view k);
  JsonWriter& string(std::string_view s);
  JsonWriter& number(uint64_t v);
  JsonWriter& number(int64_t v);
  JsonWriter& number(uint32_t v) { return number(static_cast<uint64_t>(v)); }
  JsonWriter& number(int v) { return number(static_cast<int64_t>(v)); }
  JsonWriter& number(double v);  ///< shortest text that reads back to v
  JsonWriter& boolean(bool v);
  JsonWriter& null();
  /// Pre-encoded JSON (e.g. a number already formatted), written as one value.
  JsonWriter& raw(std::string_view json);

  static void appendEscaped(std::string& out, std::string_view s);

 private:
  JsonWriter& open(char c);
  JsonWriter& close(char c);
  void separate();

  std::string& m_out;
  std::vector<bool> m_first;  ///< per open container: no element written yet
  bool m_afterKey = false;
};

}  // namespace pantau::data
