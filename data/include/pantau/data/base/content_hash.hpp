#pragma once
/// The name of a document's bytes: the relay's versions share unchanged documents by it, its
/// ETags are it (so a cache or client holding a document answers 304 in every version that did
/// not change it), and a relay client checks each body against it (a truncated or altered body
/// is refused).
///
/// Threading: a pure function.

#include <string>
#include <string_view>

namespace pantau::data {

/// SHA-256 of `bytes`, its first 128 bits as 32 lower-case hex digits.
std::string contentHash(std::string_view bytes);

}  // namespace pantau::data
