#include "pantau/data/base/json_writer.hpp"

#include <cassert>
#include <charconv>
#include <cmath>

namespace pantau::data {

void JsonWriter::separate() {
  if (m_afterKey) {
    m_afterKey = false;
    return;
  }
  if (!m_first.empty()) {
    if (!m_first.back()) m_out += ", ";
    m_first.back() = false;
  }
}

JsonWriter& JsonWriter::open(char c) {
  separate();
  m_out += c;
  m_first.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::close(char c) {
  assert(!m_first.empty() && !m_afterKey);
  m_first.pop_back();
  m_out += c;
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view k) {
  separate();
  appendEscaped(m_out, k);
  m_out += ": ";
  m_afterKey = true;
  return *this;
}

void JsonWriter::appendEscaped(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 15];
        } else {
          out += ch;
        }
    }
  }
  out += '"';
}

JsonWriter& JsonWriter::string(std::string_view s) {
  separate();
  appendEscaped(m_out, s);
  return *this;
}

JsonWriter& JsonWriter::number(uint64_t v) {
  separate();
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  m_out.append(buf, r.ptr);
  return *this;
}

JsonWriter& JsonWriter::number(int64_t v) {
  separate();
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  m_out.append(buf, r.ptr);
  return *this;
}

JsonWriter& JsonWriter::number(double v) {
  if (!std::isfinite(v)) return null();  // JSON has no NaN or infinity
  separate();
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  m_out.append(buf, r.ptr);
  return *this;
}

JsonWriter& JsonWriter::boolean(bool v) {
  separate();
  m_out += v ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::null() {
  separate();
  m_out += "null";
  return *this;
}

JsonWriter& JsonWriter::raw(std::string_view json) {
  separate();
  m_out += json;
  return *this;
}

}  // namespace pantau::data
