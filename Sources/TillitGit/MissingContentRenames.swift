import CLibgit2

/// What rename detection had to do without: files added or deleted whose content this clone
/// lacks (a partial clone, `git clone --filter=blob:none`, keeps the trees of old commits but
/// not their blobs, and libgit2 cannot fetch them), so that they could not be compared.
public struct MissingContent: Sendable, Equatable {
  /// Files added or deleted, not moved unchanged, whose content is missing.
  public var uncomparedFiles = 0
  /// Renames paired by file name alone (see `renamesWithMissingContent`).
  public var pairedByName = 0

  public init(uncomparedFiles: Int = 0, pairedByName: Int = 0) {
    self.uncomparedFiles = uncomparedFiles
    self.pairedByName = pairedByName
  }

  public var isEmpty: Bool { uncomparedFiles == 0 }
}

extension Repository {
  /// The changes among `added` and `deleted` (files not moved unchanged) when the content of
  /// some is missing. The files whose content is present are compared by similarity as usual.
  /// A file deleted and a file added with the same name (the last part of the path) and kind
  /// are then paired as a rename when at least one of them could not be compared and neither
  /// name occurs in another file left added or deleted: a move to another folder, the common
  /// case, is kept; an ambiguous name is left as an addition and a deletion, since guessing
  /// would give one file's history to another. The files whose content is missing are counted
  /// in `missing`.
  func renamesWithMissingContent(
    from old: ObjectID?, to new: ObjectID, added: [TreeDifference], deleted: [TreeDifference],
    missing: inout MissingContent
  ) throws -> [FileChange] {
    let absent = Set((added.compactMap(\.new) + deleted.compactMap(\.old)).map(\.id).filter { !contains($0) })
    let isPresent = { (item: TreeDifference.Item?) in item.map { !absent.contains($0.id) } ?? false }
    let presentAdded = added.filter { isPresent($0.new) }
    let presentDeleted = deleted.filter { isPresent($0.old) }
    var compared: [FileChange]
    if presentAdded.isEmpty || presentDeleted.isEmpty {
      compared = (presentAdded + presentDeleted).map(\.change)
    } else {
      compared = try changes(from: old, to: new, limitedTo: (presentAdded + presentDeleted).map { RepoPath(bytes: $0.path) })
    }
    compared += (added.filter { !isPresent($0.new) } + deleted.filter { !isPresent($0.old) }).map(\.change)
    missing.uncomparedFiles += added.count - presentAdded.count + deleted.count - presentDeleted.count

    let byPath = Dictionary((added + deleted).map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
    func key(_ change: FileChange) -> NameKey? {
      guard let difference = byPath[change.newPath.bytes], let item = difference.new ?? difference.old else { return nil }
      return NameKey(name: Array(change.newPath.bytes.split(separator: UInt8(ascii: "/")).last ?? []), kind: item.kind)
    }
    var counts: [NameKey: (added: Int, deleted: Int)] = [:]
    for change in compared {
      guard let key = key(change) else { continue }
      if change.status == .added { counts[key, default: (0, 0)].added += 1 }
      if change.status == .deleted { counts[key, default: (0, 0)].deleted += 1 }
    }
    var deletedByName: [NameKey: FileChange] = [:]
    for change in compared where change.status == .deleted {
      if let key = key(change), counts[key]?.added == 1, counts[key]?.deleted == 1 { deletedByName[key] = change }
    }
    var result: [FileChange] = []
    var paired: Set<RepoPath> = []
    for change in compared where change.status == .added {
      guard let key = key(change), let source = deletedByName[key],
        let target = byPath[change.newPath.bytes]?.new, let origin = byPath[source.newPath.bytes]?.old,
        absent.contains(target.id) || absent.contains(origin.id)
      else { continue }
      paired.insert(source.newPath)
      paired.insert(change.newPath)
      result.append(FileChange(status: .renamed, oldPath: source.newPath, newPath: change.newPath, newBlob: target.id))
    }
    missing.pairedByName += result.count
    return result + compared.filter { !paired.contains($0.newPath) }
  }
}

/// A file's name without its folder, and its kind (blob, symlink, submodule).
private struct NameKey: Hashable {
  let name: [UInt8]
  let kind: UInt32
}
