import CLibgit2

#if canImport(Glibc)
import Glibc
#endif

/// Answers which of a fixed set of git attributes (such as `linguist-generated`) are true for
/// paths, asking libgit2 for all of them in one call per path.
public final class AttributeReader {
  private let repository: Repository
  private let names: CPathList
  private let count: Int
  private var options = git_attr_options()

  /// `commit`: the attributes as that commit's `.gitattributes` and the index say (no file of
  /// the work tree is looked at, so nothing is stat'ed per path: for whole histories). Without a
  /// commit: the work tree's `.gitattributes`, then the index's, then HEAD's.
  public init(repository: Repository, names: [String], commit: ObjectID?) {
    self.repository = repository
    self.names = CPathList(names.map { RepoPath($0) })
    count = names.count
    options.version = UInt32(GIT_ATTR_OPTIONS_VERSION)
    if let commit {
      options.flags = UInt32(GIT_ATTR_CHECK_INDEX_ONLY) | UInt32(GIT_ATTR_CHECK_INCLUDE_COMMIT) | UInt32(GIT_ATTR_CHECK_NO_SYSTEM)
      options.attr_commit_id = commit.raw
    } else {
      options.flags = UInt32(GIT_ATTR_CHECK_FILE_THEN_INDEX) | UInt32(GIT_ATTR_CHECK_INCLUDE_HEAD)
    }
  }

  /// For each name, whether it is set (or set to the string "true") for `path`; false for all
  /// when the attributes cannot be read.
  public func trueValues(at path: RepoPath) -> [Bool] {
    var values = [UnsafePointer<CChar>?](repeating: nil, count: count)
    let code = names.withStrArray { array -> Int32 in
      guard let strings = array.strings else { return -1 }
      return strings.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: count) { namePointers in
        path.withCString { git_attr_get_many_ext(&values, repository.handle, &options, $0, count, namePointers) }
      }
    }
    guard code == 0 else { git_error_clear(); return Array(repeating: false, count: count) }
    return values.map { value in
      switch git_attr_value(value) {
      case GIT_ATTR_VALUE_TRUE: return true
      case GIT_ATTR_VALUE_STRING: return value.map { String(cString: $0).lowercased() == "true" } ?? false
      default: return false
      }
    }
  }
}
