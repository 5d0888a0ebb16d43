#include "pantau/data/base/content_hash.hpp"

#include <openssl/evp.h>

namespace pantau::data {

std::string contentHash(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  // 128 bits: a collision among the ~1M documents of a night needs ~2^64 of them.
  EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(32, '0');
  for (int i = 0; i < 16; ++i) {
    out[static_cast<std::size_t>(2 * i)] = kHex[digest[i] >> 4];
    out[static_cast<std::size_t>(2 * i + 1)] = kHex[digest[i] & 15];
  }
  return out;
}

}  // namespace pantau::data
