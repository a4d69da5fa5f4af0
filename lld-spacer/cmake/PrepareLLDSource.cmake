# Produces the patched lld source tree in ${SPACER_LLD_SOURCE_TREE}:
#  1. the pristine LLVM tree comes from SPACER_LLVM_SOURCE_DIR, or else from
#     Debian's source package (fetch-llvm-source.sh);
#  2. its lld/, cmake/ and libunwind/include/ are copied, and the numbered
#     patches in patches/ applied, whenever the patches change (a fresh copy
#     each time, so applying is idempotent);
#  3. our own lld files (lld/ELF/Spacer*) and the common layer's files from
#     lib/ are copied into lld/ELF on every configure; editing one re-runs
#     CMake, which copies only what changed.

set(SPACER_LLVM_SOURCE_DIR "" CACHE PATH
  "An llvm-project tree (checkout or release tarball) to take lld's source from; \
empty: fetch Debian's llvm-toolchain-${SPACER_LLVM_MAJOR} source package")

set(_here ${CMAKE_CURRENT_LIST_DIR}/..)
if(SPACER_LLVM_SOURCE_DIR)
  set(_pristine ${SPACER_LLVM_SOURCE_DIR})
else()
  execute_process(
    COMMAND ${_here}/fetch-llvm-source.sh ${SPACER_LLVM_VERSION}
            ${CMAKE_BINARY_DIR}/llvm-source
    OUTPUT_VARIABLE _pristine OUTPUT_STRIP_TRAILING_WHITESPACE
    RESULT_VARIABLE _rc)
  if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "spacer: could not fetch lld's source (see above)")
  endif()
endif()

foreach(_need lld/ELF/Driver.cpp cmake/Modules/LLVMVersion.cmake)
  if(NOT EXISTS ${_pristine}/${_need})
    message(FATAL_ERROR "spacer: ${_pristine} is not an llvm-project tree: "
      "${_need} is missing")
  endif()
endforeach()
file(STRINGS ${_pristine}/cmake/Modules/LLVMVersion.cmake _lines
  REGEX "set\\(LLVM_VERSION_(MAJOR|MINOR|PATCH) [0-9]+\\)")
set(_tree_version "")
foreach(_line ${_lines})
  string(REGEX MATCH "[0-9]+" _n ${_line})
  list(APPEND _tree_version ${_n})
endforeach()
string(REPLACE ";" "." _tree_version "${_tree_version}")
if(NOT _tree_version STREQUAL SPACER_LLVM_VERSION)
  message(FATAL_ERROR "spacer: ${_pristine} holds LLVM ${_tree_version}, but "
    "lld-spacer is pinned to ${SPACER_LLVM_VERSION} (lld-spacer/LLVM_VERSION)")
endif()

file(GLOB _patches ${_here}/patches/*.patch)
list(SORT _patches)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${_patches})
set(_stamp_text "${_pristine}\n")
foreach(_patch ${_patches})
  file(SHA256 ${_patch} _sum)
  string(APPEND _stamp_text "${_patch} ${_sum}\n")
endforeach()

set(SPACER_LLD_SOURCE_TREE ${CMAKE_BINARY_DIR}/lld-source)
set(_stamp ${SPACER_LLD_SOURCE_TREE}/.spacer-patched)
set(_old_stamp_text "")
if(EXISTS ${_stamp})
  file(READ ${_stamp} _old_stamp_text)
endif()
if(NOT _old_stamp_text STREQUAL _stamp_text)
  find_program(PATCH_EXECUTABLE patch REQUIRED)
  message(STATUS "spacer: preparing patched lld source in ${SPACER_LLD_SOURCE_TREE}")
  file(REMOVE_RECURSE ${SPACER_LLD_SOURCE_TREE})
  file(MAKE_DIRECTORY ${SPACER_LLD_SOURCE_TREE}/libunwind)
  file(COPY ${_pristine}/lld ${_pristine}/cmake
    DESTINATION ${SPACER_LLD_SOURCE_TREE})
  if(EXISTS ${_pristine}/libunwind/include)
    file(COPY ${_pristine}/libunwind/include
      DESTINATION ${SPACER_LLD_SOURCE_TREE}/libunwind)
  endif()
  foreach(_patch ${_patches})
    get_filename_component(_name ${_patch} NAME)
    execute_process(
      COMMAND ${PATCH_EXECUTABLE} -p1 --forward --batch --silent
              --no-backup-if-mismatch -i ${_patch}
      WORKING_DIRECTORY ${SPACER_LLD_SOURCE_TREE}
      RESULT_VARIABLE _rc)
    if(NOT _rc EQUAL 0)
      message(FATAL_ERROR "spacer: patch ${_name} does not apply to the lld "
        "source from ${_pristine}; see docs/updating-llvm.md")
    endif()
    message(STATUS "spacer: applied ${_name}")
  endforeach()
  file(WRITE ${_stamp} "${_stamp_text}")
endif()

# Our own files in lld: configure_file copies only when the content changed,
# and makes CMake re-run when they are edited.
foreach(_file
    lld/ELF/SpacerLayout.h lld/ELF/SpacerLayout.cpp)
  configure_file(${_here}/${_file} ${SPACER_LLD_SOURCE_TREE}/${_file} COPYONLY)
endforeach()
foreach(_file SpacerManifest.h SpacerManifest.cpp SpacerNames.h SpacerBuild.h)
  configure_file(${CMAKE_SOURCE_DIR}/lib/${_file}
    ${SPACER_LLD_SOURCE_TREE}/lld/ELF/${_file} COPYONLY)
endforeach()
