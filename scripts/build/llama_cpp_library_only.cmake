# Included by the Makefile's llama-cpp-python build right after llama.cpp's project() call
# (CMAKE_PROJECT_llama.cpp_INCLUDE): the Python bindings load libllama and ggml only, so the
# "common" helper library (chat parsers, HTTP client, ~30 heavy C++ files) is not built.
# llama-cpp-python forces LLAMA_BUILD_COMMON on as a cache variable; a normal variable set here
# shadows it inside llama.cpp's directory.
set(LLAMA_BUILD_COMMON OFF)
