// libcrypto: hashes, a MAC and an AEAD cipher, checked against their
// published test vectors by the applications: SHA-256, SHA-512,
// HMAC-SHA-256, ChaCha20, Poly1305 and ChaCha20-Poly1305 (RFC 8439).
#ifndef FLEET_CRYPTO_H
#define FLEET_CRYPTO_H
#include <stddef.h>
#include <stdint.h>

struct sha256 {
  uint32_t state[8];
  uint64_t length; // bytes hashed so far
  uint8_t block[64];
  size_t used;
};
void sha256_init(struct sha256 *h);
void sha256_update(struct sha256 *h, const void *data, size_t len);
void sha256_final(struct sha256 *h, uint8_t digest[32]);
void sha256(const void *data, size_t len, uint8_t digest[32]);

struct sha512 {
  uint64_t state[8];
  uint64_t length;
  uint8_t block[128];
  size_t used;
};
void sha512_init(struct sha512 *h);
void sha512_update(struct sha512 *h, const void *data, size_t len);
void sha512_final(struct sha512 *h, uint8_t digest[64]);
void sha512(const void *data, size_t len, uint8_t digest[64]);

void hmac_sha256(const void *key, size_t key_len, const void *data, size_t len,
                 uint8_t mac[32]);

// ChaCha20 with a 32-byte key and 12-byte nonce, starting at block COUNTER;
// encrypts or decrypts in place.
void chacha20_xor(const uint8_t key[32], const uint8_t nonce[12], uint32_t counter,
                  void *data, size_t len);
void poly1305(const uint8_t key[32], const void *data, size_t len, uint8_t tag[16]);

// AEAD: seal encrypts in place and writes the tag; open checks the tag (in
// constant time) and decrypts only if it matches, returning 0, or -1.
void aead_seal(const uint8_t key[32], const uint8_t nonce[12], const void *aad,
               size_t aad_len, void *data, size_t len, uint8_t tag[16]);
int aead_open(const uint8_t key[32], const uint8_t nonce[12], const void *aad,
              size_t aad_len, void *data, size_t len, const uint8_t tag[16]);

// Constant-time comparison; 0 when equal.
int crypto_compare(const void *a, const void *b, size_t len);
// Lower-case hex of LEN bytes into OUT (2 * LEN + 1 bytes).
void crypto_hex(const void *data, size_t len, char *out);
#endif
