/* Lua with zlib: a script that checksums and packs strings through two C
 * functions backed by zlib. */
#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>
#include <stdio.h>
#include <zlib.h>

static int crc(lua_State *L) {
  size_t len;
  const char *s = luaL_checklstring(L, 1, &len);
  lua_pushinteger(L, (lua_Integer)crc32(0, (const Bytef *)s, (uInt)len));
  return 1;
}

static int packed(lua_State *L) {
  size_t len;
  const char *s = luaL_checklstring(L, 1, &len);
  Bytef out[4096];
  uLongf outLen = sizeof(out);
  if (compress2(out, &outLen, (const Bytef *)s, len, 9) != Z_OK)
    return luaL_error(L, "compress2 failed");
  lua_pushinteger(L, (lua_Integer)outLen);
  return 1;
}

static const char script[] =
    "local s = string.rep('spacer ', 200)\n"
    "print(string.format('crc %08x, %d bytes packed to %d', crc(s), #s, packed(s)))\n"
    "local t = {}\n"
    "for i = 1, 50 do t[i] = tostring(i * i) end\n"
    "print(crc(table.concat(t, ',')))\n";

int main(void) {
  lua_State *L = luaL_newstate();
  if (!L)
    return 1;
  luaL_openlibs(L);
  lua_register(L, "crc", crc);
  lua_register(L, "packed", packed);
  int status = luaL_dostring(L, script);
  if (status != LUA_OK)
    fprintf(stderr, "luaz: %s\n", lua_tostring(L, -1));
  lua_close(L);
  return status == LUA_OK ? 0 : 1;
}
