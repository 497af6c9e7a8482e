import Testing
@testable import TillitCore

@Suite struct ArgumentBatcherTests {
  @Test func everyFileLandsInExactlyOneBatchUnderTheLimit() {
    let files = (0..<5000).map { Array("src/module\($0 % 40)/a-rather-long-file-name-\($0).swift".utf8) }
    let limit = 64 * 1024
    let batches = ArgumentBatcher.batches(files, after: [Array("lint".utf8)], environment: [Array("A=b".utf8)], limit: limit)
    #expect(batches.count > 1)
    #expect(batches.flatMap { $0 } == files)
    for batch in batches {
      let size = batch.reduce(0) { $0 + $1.count + 1 + 8 }
      #expect(size <= limit)
    }
  }

  @Test func aShortListIsOneBatch() {
    let files = [Array("a".utf8), Array("b".utf8)]
    #expect(ArgumentBatcher.batches(files, after: [], environment: []) == [files])
  }
}
