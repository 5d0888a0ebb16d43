#pragma once
/// Errors from the outside world as values (design.md "Errors"): the data layer never throws across
/// its boundary. An Error carries a machine-checkable code and a message a user can act on, naming
/// the file, URL or field and what was expected.

#include <cassert>
#include <memory>
#include <string>
#include <utility>
#include <variant>

namespace pantau::data {

enum class ErrorCode {
  Io,           ///< a file or directory could not be read or written
  TooLarge,     ///< a document or body is over its size limit
  Syntax,       ///< not well-formed JSON / TSV (truncated, stray bytes, ...)
  Utf8,         ///< invalid UTF-8
  Depth,        ///< nested deeper than any Sirekap document is
  Type,         ///< a field has the wrong JSON type
  Range,        ///< a number outside what the field allows (negative, past 2^31, ...)
  BadCode,      ///< a region code of the wrong shape (length, characters, not under its parent)
  Duplicate,    ///< a key or region given twice
  Missing,      ///< a required field or file is absent
  UnknownKind,  ///< a JSON document that is none of the Sirekap shapes
  Network,      ///< a transfer failed (connection, DNS, TLS, timeout)
  Http,         ///< the server answered with an error status
  Refused,      ///< a request we will not make (redirect off the source host, hostile path)
};

const char* toString(ErrorCode code);

struct Error {
  ErrorCode code;
  std::string message;  ///< complete sentence-fragment naming what was wrong, e.g. "chart.100025: expected integer, got string"
};

/// Value or Error. Small on purpose: std::expected is C++23 and we build as C++20.
template <class T>
class Result {
 public:
  Result(T value) : m_v(std::move(value)) {}
  Result(Error error) : m_v(std::move(error)) {}

  bool ok() const { return m_v.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { assert(ok()); return std::get<0>(m_v); }
  const T& value() const& { assert(ok()); return std::get<0>(m_v); }
  T&& value() && { assert(ok()); return std::get<0>(std::move(m_v)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }

  const Error& error() const { assert(!ok()); return std::get<1>(m_v); }

 private:
  std::variant<T, Error> m_v;
};

/// Success or Error, for functions that fill an out-parameter (parsers reuse their output's capacity).
/// Success is one null pointer: the parsers create and drop millions of them on the hot path.
class Status {
 public:
  Status() = default;
  Status(Error error) : m_error(std::make_unique<Error>(std::move(error))) {}
  Status(Status&&) noexcept = default;
  Status& operator=(Status&&) noexcept = default;
  Status(const Status& o) : m_error(o.m_error ? std::make_unique<Error>(*o.m_error) : nullptr) {}
  Status& operator=(const Status& o) {
    m_error = o.m_error ? std::make_unique<Error>(*o.m_error) : nullptr;
    return *this;
  }
  static Status success() { return {}; }
  bool ok() const { return !m_error; }
  explicit operator bool() const { return ok(); }
  const Error& error() const { assert(m_error); return *m_error; }

 private:
  std::unique_ptr<Error> m_error;
};

}  // namespace pantau::data
