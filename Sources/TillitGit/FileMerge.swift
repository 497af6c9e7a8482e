import CLibgit2

extension Repository {
  /// A three-way merge of one file's contents, as `git merge-file` does; nil when it conflicts.
  public func mergeFile(base: [UInt8], ours: [UInt8], theirs: [UInt8]) throws -> [UInt8]? {
    try base.withUnsafeBufferPointer { basePointer in
      try ours.withUnsafeBufferPointer { oursPointer in
        try theirs.withUnsafeBufferPointer { theirsPointer in
          var inputs = [git_merge_file_input(), git_merge_file_input(), git_merge_file_input()]
          for position in inputs.indices {
            try check(git_merge_file_input_init(&inputs[position], UInt32(GIT_MERGE_FILE_INPUT_VERSION)), "git_merge_file_input_init")
          }
          for (position, pointer) in [basePointer, oursPointer, theirsPointer].enumerated() {
            inputs[position].ptr = UnsafeRawPointer(pointer.baseAddress)?.assumingMemoryBound(to: CChar.self)
            inputs[position].size = pointer.count
          }
          var result = git_merge_file_result()
          try check(git_merge_file(&result, &inputs[0], &inputs[1], &inputs[2], nil), "git_merge_file")
          defer { git_merge_file_result_free(&result) }
          guard result.automergeable == 1, let merged = result.ptr else { return nil }
          return Array(UnsafeRawBufferPointer(start: merged, count: result.len))
        }
      }
    }
  }

  /// A unified diff of one file from `old` to `new` (nil: absent), as `git diff` prints it.
  public func patch(of path: RepoPath, from old: [UInt8]?, to new: [UInt8]?) throws -> [UInt8] {
    var options = git_diff_options()
    try check(git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION)), "git_diff_options_init")
    var patch: OpaquePointer?
    let code = path.withCString { cPath in
      (old ?? []).withUnsafeBytes { oldBytes in
        (new ?? []).withUnsafeBytes { newBytes in
          git_patch_from_buffers(
            &patch, old == nil ? nil : oldBytes.baseAddress, old?.count ?? 0, old == nil ? nil : cPath,
            new == nil ? nil : newBytes.baseAddress, new?.count ?? 0, new == nil ? nil : cPath, &options)
        }
      }
    }
    try check(code, "git_patch_from_buffers")
    defer { git_patch_free(patch) }
    var buffer = git_buf()
    try check(git_patch_to_buf(&buffer, patch), "git_patch_to_buf")
    defer { git_buf_dispose(&buffer) }
    guard let pointer = buffer.ptr else { return [] }
    return Array(UnsafeRawBufferPointer(start: pointer, count: buffer.size))
  }
}
