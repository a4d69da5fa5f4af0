# Builds only what ld.lld needs of the patched lld (lldCommon, lldELF) as a
# standalone lld build against the system's LLVM, then links our ELF-only
# ld.lld driver against it. The standalone build is an external project
# because lld's CMake expects to be the top-level project when it is not
# part of a whole LLVM build.
include(ExternalProject)

set(SPACER_LLD_BUILD_DIR ${CMAKE_BINARY_DIR}/lld-build)
set(_lld_libs
  ${SPACER_LLD_BUILD_DIR}/lib/liblldELF.a
  ${SPACER_LLD_BUILD_DIR}/lib/liblldCommon.a)

set(_lld_cmake_args
  -DLLVM_DIR=${LLVM_DIR}
  -DCMAKE_BUILD_TYPE=Release
  -DLLVM_INCLUDE_TESTS=OFF
  -DCMAKE_C_COMPILER=${CMAKE_C_COMPILER}
  -DCMAKE_CXX_COMPILER=${CMAKE_CXX_COMPILER}
  # libstdc++ 12 deprecates a helper of std::stable_sort that clang 19 then
  # warns about in every lld file; the warning is not lld's to fix.
  -DCMAKE_CXX_FLAGS=-Wno-deprecated-declarations
  # Marks the build in `ld.lld --version` and the .comment section.
  -DLLD_VENDOR=spacer)
if(CMAKE_CXX_COMPILER_LAUNCHER)
  list(APPEND _lld_cmake_args
    -DCMAKE_C_COMPILER_LAUNCHER=${CMAKE_C_COMPILER_LAUNCHER}
    -DCMAKE_CXX_COMPILER_LAUNCHER=${CMAKE_CXX_COMPILER_LAUNCHER})
endif()

ExternalProject_Add(lld-libraries
  SOURCE_DIR ${SPACER_LLD_SOURCE_TREE}/lld
  BINARY_DIR ${SPACER_LLD_BUILD_DIR}
  CMAKE_GENERATOR ${CMAKE_GENERATOR}
  CMAKE_ARGS ${_lld_cmake_args}
  BUILD_COMMAND ${CMAKE_COMMAND} --build <BINARY_DIR> --target lldELF lldCommon
  INSTALL_COMMAND ""
  # Let lld's own build decide what is out of date.
  BUILD_ALWAYS ON
  BUILD_BYPRODUCTS ${_lld_libs}
  USES_TERMINAL_BUILD ON)

add_executable(ld.lld driver/ld.lld.cpp)
add_dependencies(ld.lld lld-libraries)
target_include_directories(ld.lld PRIVATE
  ${SPACER_LLD_SOURCE_TREE}/lld/include ${LLVM_INCLUDE_DIRS})
target_compile_definitions(ld.lld PRIVATE ${LLVM_DEFINITIONS})
target_link_libraries(ld.lld PRIVATE ${_lld_libs} LLVM z zstd Threads::Threads)
find_package(Threads REQUIRED)

# Installed as ld.lld, and as ld.lld-spacer beside a system ld.lld.
install(TARGETS ld.lld RUNTIME DESTINATION bin)
install(CODE "execute_process(COMMAND \${CMAKE_COMMAND} -E create_symlink
  ld.lld \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/bin/ld.lld-spacer\")")
