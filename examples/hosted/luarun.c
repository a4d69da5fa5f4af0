/* A Lua script runner: runs one embedded script with the standard libraries
 * (strings, tables, math), the way an application embeds Lua. */
#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>
#include <stdio.h>

static const char script[] =
    "local words = {}\n"
    "for w in string.gmatch('the quick brown fox jumps over the lazy dog', '%a+') do\n"
    "  words[#words + 1] = w:upper()\n"
    "end\n"
    "table.sort(words)\n"
    "print(table.concat(words, ' '))\n"
    "local s = 0\n"
    "for i = 1, 1000 do s = s + math.floor(math.sqrt(i) * 100) end\n"
    "print(string.format('sum %d, cos %.6f, log2 %.6f', s, math.cos(1.0), math.log(1024, 2)))\n";

int main(void) {
  lua_State *L = luaL_newstate();
  if (!L)
    return 1;
  luaL_openlibs(L);
  int status = luaL_dostring(L, script);
  if (status != LUA_OK)
    fprintf(stderr, "luarun: %s\n", lua_tostring(L, -1));
  lua_close(L);
  return status == LUA_OK ? 0 : 1;
}
