# lit configuration for the GoogleTest unit tests (executables named *Tests).
import lit.formats

config.name = "spacer-unit"
config.suffixes = []
config.test_source_root = config.unittests_dir
config.test_exec_root = config.unittests_dir
config.test_format = lit.formats.GoogleTest(".", "Tests")
