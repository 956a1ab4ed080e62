import Testing

/// Every end-to-end suite nests here, and they run one test at a time. Each test blocks its
/// thread (waitpid, polling tmux), and Swift Testing runs synchronous tests on the
/// cooperative pool, which has one thread per core: two blocking tests at once (a
/// determinism test holds its thread for most of a minute) left no thread for the async
/// tests of the same process, and hook timeouts measured 2 s there took 57 s. One blocking
/// test at a time leaves the pool a thread.
@Suite(.serialized) enum EndToEnd {}
