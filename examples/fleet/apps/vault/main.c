// vault: sealed records. Checks libcrypto against published test vectors
// (FIPS 180-4, RFC 4231, RFC 8439), then keeps records sealed with
// ChaCha20-Poly1305 in a hash table and opens them again, catching a
// tampered one.
#include "alloc.h"
#include "crypto.h"
#include "fmt.h"
#include "hash.h"
#include "str.h"

static const char sunscreen[] =
    "Ladies and Gentlemen of the class of '99: If I could offer you only one "
    "tip for the future, sunscreen would be it.";

static int expect_hex(const char *what, const void *data, size_t len, const char *want) {
  char hex[129];
  crypto_hex(data, len, hex);
  int ok = !strcmp(hex, want);
  printf("%-24s %.16s... %s\n", what, hex, ok ? "ok" : "MISMATCH");
  return !ok;
}

struct record {
  uint8_t nonce[12];
  uint8_t tag[16];
  size_t len;
  uint8_t data[];
};

int main(void) {
  int failures = 0;
  uint8_t digest[64], key[32], nonce[12] = {0, 0, 0, 0, 0, 0, 0, 0x4a, 0, 0, 0, 0};

  sha256("abc", 3, digest);
  failures += expect_hex("sha256(\"abc\")", digest, 32,
                         "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  sha512("abc", 3, digest);
  failures += expect_hex("sha512(\"abc\")", digest, 64,
                         "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                         "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
  hmac_sha256("Jefe", 4, "what do ya want for nothing?", 28, digest);
  failures += expect_hex("hmac-sha256 (rfc 4231)", digest, 32,
                         "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");

  for (int i = 0; i < 32; ++i)
    key[i] = (uint8_t)i;
  uint8_t text[sizeof sunscreen - 1];
  memcpy(text, sunscreen, sizeof text);
  chacha20_xor(key, nonce, 1, text, sizeof text);
  failures += expect_hex("chacha20 (rfc 8439)", text, 16, "6e2e359a2568f98041ba0728dd0d6981");

  static const uint8_t poly_key[32] = {
      0x85, 0xd6, 0xbe, 0x78, 0x57, 0x55, 0x6d, 0x33, 0x7f, 0x44, 0x52, 0xfe, 0x42, 0xd5, 0x06, 0xa8,
      0x01, 0x03, 0x80, 0x8a, 0xfb, 0x0d, 0xb2, 0xfd, 0x4a, 0xbf, 0xf6, 0xaf, 0x41, 0x49, 0xf5, 0x1b};
  uint8_t tag[16];
  poly1305(poly_key, "Cryptographic Forum Research Group", 34, tag);
  failures += expect_hex("poly1305 (rfc 8439)", tag, 16, "a8061dc1305136c6c22b8baf0c0127a9");

  for (int i = 0; i < 32; ++i)
    key[i] = (uint8_t)(0x80 + i);
  static const uint8_t aead_nonce[12] = {7, 0, 0, 0, 0x40, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47};
  static const uint8_t aad[12] = {0x50, 0x51, 0x52, 0x53, 0xc0, 0xc1, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7};
  memcpy(text, sunscreen, sizeof text);
  aead_seal(key, aead_nonce, aad, sizeof aad, text, sizeof text, tag);
  failures += expect_hex("aead tag (rfc 8439)", tag, 16, "1ae10b594f09e26a7e902ecbd0600691");
  failures += expect_hex("aead ciphertext", text, 16, "d31a8d34648e60db7b86afbc53ef7ec2");
  failures += aead_open(key, aead_nonce, aad, sizeof aad, text, sizeof text, tag) != 0 ||
              memcmp(text, sunscreen, sizeof text) != 0;

  // The vault: records sealed under one key, each with its own nonce.
  struct hash_table vault;
  if (hash_table_init(&vault, 8))
    return 1;
  static const char *const secrets[][2] = {
      {"db-password", "correct horse battery staple"},
      {"api-token", "tok_7f3a9c2e"},
      {"tls-key-id", "fleet-2026-12"},
      {"backup-pin", "4711"},
      {"motd", "every page shared is a page saved"},
  };
  enum { SECRETS = sizeof secrets / sizeof *secrets };
  for (unsigned i = 0; i < SECRETS; ++i) {
    size_t len = strlen(secrets[i][1]);
    struct record *r = malloc(sizeof *r + len);
    if (!r)
      return 1;
    memset(r->nonce, 0, sizeof r->nonce);
    r->nonce[0] = (uint8_t)(i + 1);
    r->len = len;
    memcpy(r->data, secrets[i][1], len);
    aead_seal(key, r->nonce, secrets[i][0], strlen(secrets[i][0]), r->data, len, r->tag);
    if (hash_table_put(&vault, secrets[i][0], r, 0))
      return 1;
  }
  // Tamper with one record's ciphertext: opening it must fail.
  ((struct record *)hash_table_get(&vault, "api-token", 0))->data[3] ^= 1;
  unsigned opened = 0, rejected = 0;
  for (unsigned i = 0; i < SECRETS; ++i) {
    struct record *r = hash_table_get(&vault, secrets[i][0], 0);
    char tag_hex[33];
    crypto_hex(r->tag, 16, tag_hex);
    if (aead_open(key, r->nonce, secrets[i][0], strlen(secrets[i][0]), r->data, r->len, r->tag)) {
      printf("%-12s tag %s REJECTED\n", secrets[i][0], tag_hex);
      ++rejected;
    } else {
      printf("%-12s tag %s -> %.*s\n", secrets[i][0], tag_hex, (int)r->len, (const char *)r->data);
      opened += r->len == strlen(secrets[i][1]) && !memcmp(r->data, secrets[i][1], r->len);
    }
    free(r);
  }
  hash_table_destroy(&vault);
  printf("%u opened, %u rejected, %d test vector failures, heap check %d\n", opened,
         rejected, failures, alloc_check());
  return failures || opened != SECRETS - 1 || rejected != 1 || alloc_check() ? 1 : 0;
}
