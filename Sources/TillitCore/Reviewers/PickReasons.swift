import TillitGit

extension Recommender {
  /// The reasons for a pick, in words a maintainer can check against the history.
  func reasons(for candidate: Candidate, role: Recommendation.Role, change: ChangeUnderReview, needing: [RepoPath], atRisk: [RepoPath]) -> [String] {
    let person = candidate.person
    var reasons: [String] = []
    var wrote: [(path: RepoPath, share: Double, mine: Int32, total: Int32, created: Bool)] = []
    var reviewed = 0
    for path in change.paths {
      guard let record = model.files[path], let mine = record.knowledge(of: person) else { continue }
      if mine.changes.count > 0, record.totalChanges > 0 {
        wrote.append((path, Double(mine.changes.count) / Double(record.totalChanges), mine.changes.count, record.totalChanges, mine.created))
      }
      reviewed += Int(mine.reviews.count)
    }
    if let top = wrote.max(by: { $0.share < $1.share }) {
      let created = top.created ? ", which they created" : ""
      let more = wrote.count > 1 ? " (and changed \(wrote.count - 1) more of these files)" : ""
      reasons.append("made \(top.mine) of \(top.total) changes (\(Self.percent(top.share))) to \(top.path)\(created)\(more)")
    }
    if reviewed > 0 {
      reasons.append("reviewed \(reviewed) change\(reviewed == 1 ? "" : "s") to these files")
    }
    if wrote.isEmpty && reviewed == 0, let folder = busiestFolder(of: person, in: change) {
      reasons.append(
        "\(folder.changes) change\(folder.changes == 1 ? "" : "s") and \(folder.reviews) review\(folder.reviews == 1 ? "" : "s") in \(folder.path.bytes.isEmpty ? "the top folder" : folder.path.description + "/")"
      )
    }
    if let author = change.author.flatMap(model.index(of:)), let trace = model.familiarity[Int(author)][person], trace.count > 0 {
      let name = change.authorName ?? model.people[Int(author)].name
      reasons.append("reviewed \(trace.count) of \(name)'s changes before")
    }
    if role == .learner {
      let targets = learnerTargets(change, needing: needing)
      let shown = targets.prefix(2).map(\.description).joined(separator: ", ") + (targets.count > 2 ? " and \(targets.count - 2) more" : "")
      let why: String
      if needing.isEmpty {
        why = "spreads the knowledge"
      } else if targets.contains(where: atRisk.contains) {
        why = "at most one active person knows it now"
      } else if targets.allSatisfy({ model.files[$0] == nil }) {
        why = "new: only its author knows it"
      } else {
        why = "at most \(spread.knowers) active people know it now"
      }
      reasons.append("learner: not yet among those who know \(shown) (by authorship or review); \(why)")
    }
    let open = openLoad[person] ?? 0
    reasons.append(open == 0 ? "no open reviews" : "\(open) open review\(open == 1 ? "" : "s")")
    return reasons
  }

  private func busiestFolder(of person: Int32, in change: ChangeUnderReview) -> (path: RepoPath, changes: Int, reviews: Int)? {
    var best: (path: RepoPath, changes: Int, reviews: Int)?
    for path in change.paths {
      var folder = KnowledgeModel.parent(of: path)
      for _ in 0..<2 {
        if let mine = model.directories[folder]?.knowledge(of: person) {
          let total = Int(mine.changes.count + mine.reviews.count)
          if total > (best.map { $0.changes + $0.reviews } ?? 0) { best = (folder, Int(mine.changes.count), Int(mine.reviews.count)) }
          break
        }
        if folder.bytes.isEmpty { break }
        folder = KnowledgeModel.parent(of: folder)
      }
    }
    return best
  }

  static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }
}
