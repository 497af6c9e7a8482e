#if canImport(Glibc)
import Glibc
#endif

/// Splits a long list of file arguments into batches that each fit the system's argument limit.
enum ArgumentBatcher {
  static func batches(_ files: [[UInt8]], after base: [[UInt8]], environment: [[UInt8]], limit: Int? = nil) -> [[[UInt8]]] {
    let systemLimit = limit ?? max(32 * 1024, Int(sysconf(Int32(_SC_ARG_MAX))) / 2)
    let pointerSize = MemoryLayout<UnsafeRawPointer>.size
    let fixed = (base + environment).reduce(0) { $0 + $1.count + 1 + pointerSize } + 2048
    let budget = max(4096, systemLimit - fixed)
    var batches: [[[UInt8]]] = []
    var current: [[UInt8]] = []
    var used = 0
    for file in files {
      let cost = file.count + 1 + pointerSize
      if !current.isEmpty && used + cost > budget {
        batches.append(current)
        current = []
        used = 0
      }
      current.append(file)
      used += cost
    }
    if !current.isEmpty { batches.append(current) }
    return batches
  }
}
