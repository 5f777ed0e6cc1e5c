# Compiler settings shared by every target of the project.

set(CMAKE_CXX_STANDARD 17)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
set(CMAKE_CXX_EXTENSIONS OFF)
set(CMAKE_EXPORT_COMPILE_COMMANDS ON)
set(CMAKE_POSITION_INDEPENDENT_CODE ON)

# ccache turns a rebuild of the few LibTorch-heavy translation units from minutes into seconds.
find_program(TLW_CCACHE ccache)
if(TLW_CCACHE AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
    set(CMAKE_C_COMPILER_LAUNCHER "${TLW_CCACHE}")
    set(CMAKE_CXX_COMPILER_LAUNCHER "${TLW_CCACHE}")
endif()

# Warnings apply to our targets only (tlw_set_warnings); third-party headers come in as SYSTEM.
function(tlw_set_warnings target)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
    if(TLW_WERROR)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
endfunction()

# GCC's -Wmaybe-uninitialized is unreliable with -fsanitize (its manual says so): the instrumentation changes
# what the optimiser sees, and LibTorch's headers (c10::optional<at::Generator>) then warn inside our code.
# The ordinary build keeps the warning, so nothing our code does escapes it.
if(TLW_LIBFUZZER OR TLW_SANITIZE)
    add_compile_options($<$<CXX_COMPILER_ID:GNU>:-Wno-maybe-uninitialized>)
endif()

if(TLW_LIBFUZZER)
    add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer)
    add_link_options(-fsanitize=address,undefined)
elseif(TLW_SANITIZE STREQUAL "thread")
    add_compile_options(-fsanitize=thread -fno-omit-frame-pointer)
    add_link_options(-fsanitize=thread)
elseif(TLW_SANITIZE STREQUAL "address" OR TLW_SANITIZE)
    add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    add_link_options(-fsanitize=address,undefined)
endif()
